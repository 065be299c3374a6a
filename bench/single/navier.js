// Navier-Stokes-style fluid solver (stable-fluids method) on a square grid: sources, diffusion by
// Gauss-Seidel relaxation, semi-Lagrangian advection with bilinear interpolation, and a pressure
// projection that keeps the velocity field divergence-free.
// Exercises: tight loops over flat numeric arrays of doubles, index arithmetic, float math.
// Variant note: the fields are plain Arrays of numbers because typed arrays are not yet required
// of every engine; a Float64Array variant belongs beside this file once they are.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

const N = 64;
const W = N + 2;
const CELLS = W * W;
const RELAX = 16;

function field() {
  const a = [];
  for (let i = 0; i < CELLS; i++) a.push(0.0);
  return a;
}

const at = (i, j) => i + W * j;

// mode 0: scalar, 1: x velocity (reflect at vertical walls), 2: y velocity
function setBoundary(mode, x) {
  for (let i = 1; i <= N; i++) {
    x[at(0, i)] = mode === 1 ? -x[at(1, i)] : x[at(1, i)];
    x[at(N + 1, i)] = mode === 1 ? -x[at(N, i)] : x[at(N, i)];
    x[at(i, 0)] = mode === 2 ? -x[at(i, 1)] : x[at(i, 1)];
    x[at(i, N + 1)] = mode === 2 ? -x[at(i, N)] : x[at(i, N)];
  }
  x[at(0, 0)] = 0.5 * (x[at(1, 0)] + x[at(0, 1)]);
  x[at(0, N + 1)] = 0.5 * (x[at(1, N + 1)] + x[at(0, N)]);
  x[at(N + 1, 0)] = 0.5 * (x[at(N, 0)] + x[at(N + 1, 1)]);
  x[at(N + 1, N + 1)] = 0.5 * (x[at(N, N + 1)] + x[at(N + 1, N)]);
}

function relax(mode, x, x0, a, c) {
  const inv = 1 / c;
  for (let k = 0; k < RELAX; k++) {
    for (let j = 1; j <= N; j++) {
      let idx = j * W + 1;
      for (let i = 1; i <= N; i++, idx++) {
        x[idx] = (x0[idx] + a * (x[idx - 1] + x[idx + 1] + x[idx - W] + x[idx + W])) * inv;
      }
    }
    setBoundary(mode, x);
  }
}

function addSource(x, s, dt) {
  for (let i = 0; i < CELLS; i++) x[i] += dt * s[i];
}

function diffuse(mode, x, x0, rate, dt) {
  const a = dt * rate * N * N;
  relax(mode, x, x0, a, 1 + 4 * a);
}

function advect(mode, d, d0, u, v, dt) {
  const dt0 = dt * N;
  for (let j = 1; j <= N; j++) {
    for (let i = 1; i <= N; i++) {
      const idx = at(i, j);
      let x = i - dt0 * u[idx];
      let y = j - dt0 * v[idx];
      if (x < 0.5) x = 0.5;
      if (x > N + 0.5) x = N + 0.5;
      if (y < 0.5) y = 0.5;
      if (y > N + 0.5) y = N + 0.5;
      const i0 = Math.floor(x), j0 = Math.floor(y);
      const s1 = x - i0, s0 = 1 - s1, t1 = y - j0, t0 = 1 - t1;
      const b = at(i0, j0);
      d[idx] = s0 * (t0 * d0[b] + t1 * d0[b + W]) + s1 * (t0 * d0[b + 1] + t1 * d0[b + 1 + W]);
    }
  }
  setBoundary(mode, d);
}

function project(u, v, p, div) {
  const h = 1 / N;
  for (let j = 1; j <= N; j++) {
    for (let i = 1; i <= N; i++) {
      const idx = at(i, j);
      div[idx] = -0.5 * h * (u[idx + 1] - u[idx - 1] + v[idx + W] - v[idx - W]);
      p[idx] = 0;
    }
  }
  setBoundary(0, div);
  setBoundary(0, p);
  relax(0, p, div, 1, 4);
  for (let j = 1; j <= N; j++) {
    for (let i = 1; i <= N; i++) {
      const idx = at(i, j);
      u[idx] -= 0.5 * (p[idx + 1] - p[idx - 1]) / h;
      v[idx] -= 0.5 * (p[idx + W] - p[idx - W]) / h;
    }
  }
  setBoundary(1, u);
  setBoundary(2, v);
}

class Fluid {
  constructor() {
    this.u = field();
    this.v = field();
    this.u0 = field();
    this.v0 = field();
    this.d = field();
    this.d0 = field();
    this.dt = 0.1;
    this.viscosity = 0.0001;
    this.diffusion = 0.0002;
  }
  velocityStep() {
    const dt = this.dt;
    addSource(this.u, this.u0, dt);
    addSource(this.v, this.v0, dt);
    [this.u0, this.u] = [this.u, this.u0];
    diffuse(1, this.u, this.u0, this.viscosity, dt);
    [this.v0, this.v] = [this.v, this.v0];
    diffuse(2, this.v, this.v0, this.viscosity, dt);
    project(this.u, this.v, this.u0, this.v0);
    [this.u0, this.u] = [this.u, this.u0];
    [this.v0, this.v] = [this.v, this.v0];
    advect(1, this.u, this.u0, this.u0, this.v0, dt);
    advect(2, this.v, this.v0, this.u0, this.v0, dt);
    project(this.u, this.v, this.u0, this.v0);
  }
  densityStep() {
    const dt = this.dt;
    addSource(this.d, this.d0, dt);
    [this.d0, this.d] = [this.d, this.d0];
    diffuse(0, this.d, this.d0, this.diffusion, dt);
    [this.d0, this.d] = [this.d, this.d0];
    advect(0, this.d, this.d0, this.u, this.v, dt);
  }
  step(frame) {
    const { u0, v0, d0 } = this;
    for (let i = 0; i < CELLS; i++) {
      u0[i] = 0;
      v0[i] = 0;
      d0[i] = 0;
    }
    // A swirling pair of jets and a density plume that moves with the frame number.
    const c = (N >> 1) + ((frame % 16) - 8);
    for (let k = -2; k <= 2; k++) {
      d0[at(c + k, 8)] = 80;
      v0[at(c + k, 8)] = 40;
      u0[at(12, c + k)] = 30;
      u0[at(N - 12, c + k)] = -25;
      v0[at(N - 12, c + k)] = -10;
    }
    this.velocityStep();
    this.densityStep();
  }
}

const frames = Math.max(1, Math.round(30 * SCALE));
const fluid = new Fluid();
let checksum = 0;
for (let f = 0; f < frames; f++) {
  fluid.step(f);
  let total = 0;
  for (let i = 0; i < CELLS; i++) total += fluid.d[i];
  checksum = (Math.imul(checksum, 33) + Math.floor(total * 1000)) | 0;
}
for (let i = 0; i < CELLS; i += 7) {
  checksum = (Math.imul(checksum, 31) + Math.floor(fluid.d[i] * 1e6) + Math.floor(fluid.u[i] * 1e6)) | 0;
}
emit(`checksum: ${checksum >>> 0}`);
