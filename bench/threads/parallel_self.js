// parallel-self: N threads each run an identical, independent copy of five kernels (a task
// scheduler, a splay tree, a ray tracer, a Map workload, a string workload); every thread's
// checksum must equal the one the main thread computed alone. Measures throughput scaling of
// unshared work: speedup(N) = N * T(1) / T(N).
//
// Usage: weft bench/threads/parallel_self.js [--threads N] [--size X] [--only k1,k2]
// Prints one `BENCH {json}` line per kernel and a final `checksum: <hex>` line.
// Loaded with globalThis.BENCH_KERNELS_ONLY = true (bench/threads/node/compare.js does that), it
// only defines the kernels in globalThis.BENCH_KERNELS and runs nothing.
'use strict';

// --- host helpers (weft shell or node) ------------------------------------------------------
const HOST = (() => {
  const isNode = typeof process === 'object' && process !== null && !!(process.versions && process.versions.node);
  const out = typeof print === 'function' ? print : (s) => console.log(s);
  const args = typeof scriptArgs !== 'undefined' ? scriptArgs : isNode ? process.argv.slice(2) : [];
  const readText = (path) => (typeof readFile === 'function' ? readFile(path) : require('fs').readFileSync(path, 'utf8'));
  function cpuSeconds() {
    if (isNode) {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    }
    try {
      const s = readText('/proc/self/stat');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
    } catch (e) {
      return null;
    }
  }
  function opt(name, dflt) {
    const i = args.indexOf('--' + name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  }
  const report = (obj) => out('BENCH ' + JSON.stringify(obj));
  return { isNode, out, args, readText, cpuSeconds, opt, report };
})();

// Deterministic 32-bit generator (xorshift32); never returns 0 for a non-zero seed.
function makeRng(seed) {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

const mix = (h, v) => (Math.imul(h ^ (v | 0), 0x01000193) + 0x9e3779b9) | 0;

// --- kernel 1: a priority task scheduler passing packets between tasks -----------------------
// Six tasks (idle, worker, two handlers, two devices) in a priority-ordered list. The scheduler
// repeatedly runs the first runnable task; tasks pass packet objects to each other, block waiting
// for packets and hold/release each other. Polymorphic method calls, field loads/stores and
// linked lists; after set-up it allocates nothing.

const T_IDLE = 0, T_WORK = 1, T_HA = 2, T_HB = 3, T_DA = 4, T_DB = 5;
const P_WORK = 0, P_DEV = 1;

class Packet {
  constructor(link, kind) {
    this.link = link;
    this.from = -1;
    this.kind = kind;
    this.count = 0;
    this.datum = 0;
    this.data = [0, 0, 0, 0];
  }
}

class Scheduler {
  constructor() {
    this.tasks = [null, null, null, null, null, null];
    this.list = null;
    this.cur = null;
    this.sends = 0;
    this.holds = 0;
    this.steps = 0;
    this.io = 0;
  }
  add(task) {
    this.tasks[task.id] = task;
    if (this.list === null || this.list.pri < task.pri) {
      task.next = this.list;
      this.list = task;
      return;
    }
    let p = this.list;
    while (p.next !== null && p.next.pri >= task.pri) p = p.next;
    task.next = p.next;
    p.next = task;
  }
  run() {
    let t = this.list;
    while (t !== null) {
      if (t.held || (t.waiting && t.queue === null)) {
        t = t.next;
        continue;
      }
      let pkt = null;
      if (t.waiting) {
        pkt = t.queue;
        t.queue = pkt.link;
        pkt.link = null;
        t.waiting = false;
      }
      this.steps++;
      this.cur = t;
      t = t.step(this, pkt);
    }
  }
  // The operations a running task uses; each returns the task the scan goes on from.
  wait() {
    this.cur.waiting = true;
    return this.cur;
  }
  hold() {
    this.holds++;
    this.cur.held = true;
    return this.cur.next;
  }
  release(id) {
    const t = this.tasks[id];
    t.held = false;
    return t.pri > this.cur.pri ? t : this.cur;
  }
  send(pkt, to) {
    const t = this.tasks[to];
    this.sends++;
    pkt.link = null;
    pkt.from = this.cur.id;
    if (t.queue === null) {
      t.queue = pkt;
      return t.pri > this.cur.pri ? t : this.cur;
    }
    let q = t.queue;
    while (q.link !== null) q = q.link;
    q.link = pkt;
    return this.cur;
  }
}

class Task {
  constructor(id, pri, queue, waiting) {
    this.id = id;
    this.pri = pri;
    this.queue = queue;
    this.waiting = waiting;
    this.held = false;
    this.next = null;
  }
}

class IdleTask extends Task {
  constructor(count, seed) {
    super(T_IDLE, 0, null, false);
    this.count = count;
    this.rng = seed;
  }
  step(s) {
    if (--this.count === 0) return s.hold();
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x;
    return s.release((x & 2) === 0 ? T_DA : T_DB);
  }
}

class WorkTask extends Task {
  constructor(queue) {
    super(T_WORK, 1000, queue, true);
    this.dest = T_HA;
    this.letter = 0;
  }
  step(s, pkt) {
    if (pkt === null) return s.wait();
    this.dest = this.dest === T_HA ? T_HB : T_HA;
    pkt.count = 0;
    pkt.kind = P_WORK;
    for (let i = 0; i < 4; i++) {
      this.letter = this.letter === 26 ? 1 : this.letter + 1;
      pkt.data[i] = this.letter;
    }
    return s.send(pkt, this.dest);
  }
}

class HandlerTask extends Task {
  constructor(id, pri, queue, device) {
    super(id, pri, queue, true);
    this.device = device;
    this.work = null;
    this.devs = null;
    this.moved = 0;
  }
  step(s, pkt) {
    if (pkt !== null) {
      if (pkt.kind === P_WORK) {
        pkt.link = this.work;
        this.work = pkt;
      } else {
        pkt.link = this.devs;
        this.devs = pkt;
      }
    }
    const w = this.work;
    if (w !== null) {
      if (w.count === 4) {
        this.work = w.link;
        return s.send(w, T_WORK);
      }
      const d = this.devs;
      if (d !== null) {
        this.devs = d.link;
        d.datum = w.data[w.count++];
        this.moved += d.datum;
        return s.send(d, this.device);
      }
    }
    return s.wait();
  }
}

class DeviceTask extends Task {
  constructor(id, pri) {
    super(id, pri, null, true);
    this.pending = null;
    this.sum = 0;
  }
  step(s, pkt) {
    if (pkt !== null) {
      this.pending = pkt;
      s.io++;
      return s.hold();
    }
    const p = this.pending;
    if (p === null) return s.wait();
    this.pending = null;
    this.sum += p.datum;
    return s.send(p, p.from);
  }
}

function schedulerRun(count, seed) {
  const s = new Scheduler();
  const devPackets = () => new Packet(new Packet(new Packet(null, P_DEV), P_DEV), P_DEV);
  s.add(new IdleTask(count, seed));
  s.add(new WorkTask(new Packet(new Packet(null, P_WORK), P_WORK)));
  const ha = new HandlerTask(T_HA, 2000, devPackets(), T_DA);
  const hb = new HandlerTask(T_HB, 3000, devPackets(), T_DB);
  s.add(ha);
  s.add(hb);
  const da = new DeviceTask(T_DA, 4000);
  const db = new DeviceTask(T_DB, 5000);
  s.add(da);
  s.add(db);
  s.run();
  let h = mix(0, s.sends);
  h = mix(h, s.holds);
  h = mix(h, s.steps);
  h = mix(h, s.io);
  h = mix(h, ha.moved + 7 * hb.moved);
  return mix(h, da.sum - db.sum);
}

function kernelScheduler(size) {
  let h = 0;
  const rounds = Math.max(1, Math.round(32 * size));
  for (let r = 0; r < rounds; r++) h = mix(h, schedulerRun(4000 + 17 * r, 0x1234567 + r));
  return h >>> 0;
}

// --- kernel 2: splay tree under heavy allocation ------------------------------------------
// A top-down splay tree keeps about 4000 nodes; every step inserts a node carrying a fresh
// payload (objects, arrays and strings), finds a few keys and removes one, so the live set stays
// large and turns over constantly.

class SplayNode {
  constructor(key, value) {
    this.key = key;
    this.value = value;
    this.left = null;
    this.right = null;
  }
}

class SplayTree {
  constructor() {
    this.root = null;
    this.size = 0;
    this.header = new SplayNode(0, null);
  }
  splay(key) {
    const header = this.header;
    header.left = header.right = null;
    let l = header, r = header, t = this.root;
    for (;;) {
      if (key < t.key) {
        if (t.left === null) break;
        if (key < t.left.key) {
          const y = t.left;
          t.left = y.right;
          y.right = t;
          t = y;
          if (t.left === null) break;
        }
        r.left = t;
        r = t;
        t = t.left;
      } else if (key > t.key) {
        if (t.right === null) break;
        if (key > t.right.key) {
          const y = t.right;
          t.right = y.left;
          y.left = t;
          t = y;
          if (t.right === null) break;
        }
        l.right = t;
        l = t;
        t = t.right;
      } else {
        break;
      }
    }
    l.right = t.left;
    r.left = t.right;
    t.left = header.right;
    t.right = header.left;
    this.root = t;
  }
  insert(key, value) {
    if (this.root === null) {
      this.root = new SplayNode(key, value);
      this.size++;
      return;
    }
    this.splay(key);
    const root = this.root;
    if (root.key === key) {
      root.value = value;
      return;
    }
    const n = new SplayNode(key, value);
    if (key < root.key) {
      n.left = root.left;
      n.right = root;
      root.left = null;
    } else {
      n.right = root.right;
      n.left = root;
      root.right = null;
    }
    this.root = n;
    this.size++;
  }
  find(key) {
    if (this.root === null) return null;
    this.splay(key);
    return this.root.key === key ? this.root : null;
  }
  // Removes the node nearest to key (the root after splaying); returns its key.
  removeNear(key) {
    this.splay(key);
    const root = this.root;
    if (root.left === null) {
      this.root = root.right;
    } else {
      const right = root.right;
      this.root = root.left;
      this.splay(key);
      this.root.right = right;
    }
    this.size--;
    return root.key;
  }
}

function makePayload(key, depth) {
  if (depth === 0) return { key, label: `leaf-${key & 1023}`, list: [key, key + 1, key + 2] };
  return {
    key,
    left: makePayload(key * 2, depth - 1),
    right: makePayload(key * 2 + 1, depth - 1),
    tags: ['n' + (key & 255), 'd' + depth],
  };
}

function payloadSum(p) {
  if (p.list !== undefined) return p.list[2] + p.label.length;
  return payloadSum(p.left) + payloadSum(p.right) + p.tags[0].length + p.tags[1].length;
}

function kernelSplay(size) {
  const rng = makeRng(0x5eed);
  const tree = new SplayTree();
  const live = 4000;
  for (let i = 0; i < live; i++) {
    const k = rng() % 1000000;
    tree.insert(k, makePayload(k, 3));
  }
  let h = 0;
  const steps = Math.max(1, Math.round(20000 * size));
  for (let i = 0; i < steps; i++) {
    const k = rng() % 1000000;
    tree.insert(k, makePayload(k, 3));
    for (let j = 0; j < 3; j++) {
      const n = tree.find(rng() % 1000000);
      if (n !== null) h = mix(h, payloadSum(n.value));
    }
    const probe = tree.find(k);
    h = mix(h, probe.value.tags[0].length + (probe.value.left.key & 7));
    if (tree.size > live) h = mix(h, tree.removeNear(rng() % 1000000));
  }
  h = mix(h, tree.size);
  return h >>> 0;
}

// --- kernel 3: floating-point ray tracer, no allocation per ray -------------------------------
// Spheres over a checkered plane, two point lights with shadows, diffuse + specular shading and
// up to three mirror bounces, computed on scalars (hit records live in one scratch object per
// call), so the hot loop allocates nothing.

function makeScene(frame) {
  const spheres = [];
  for (let i = 0; i < 6; i++) {
    const a = i * 1.7 + frame * 0.05;
    spheres.push({
      x: -2.5 + i * 1.0 + 0.3 * (a - Math.floor(a)),
      y: 0.5 + (i % 3) * 0.45,
      z: 4.0 + (i % 2) * 1.5,
      r: 0.45 + (i % 3) * 0.1,
      cr: 0.3 + 0.1 * i,
      cg: 0.9 - 0.12 * i,
      cb: 0.2 + 0.08 * ((i * 5) % 7),
      refl: i % 2 === 0 ? 0.35 : 0.1,
    });
  }
  const lights = [
    { x: -4, y: 6, z: -1, power: 0.8 },
    { x: 3, y: 5, z: 1.5, power: 0.5 },
  ];
  return { spheres, lights };
}

// Nearest hit along the ray; fills hit.t / hit.obj (-1 plane, -2 nothing, else sphere index).
function intersect(scene, ox, oy, oz, dx, dy, dz, hit) {
  let best = 1e30;
  let obj = -2;
  const spheres = scene.spheres;
  for (let i = 0; i < spheres.length; i++) {
    const s = spheres[i];
    const px = ox - s.x, py = oy - s.y, pz = oz - s.z;
    const b = px * dx + py * dy + pz * dz;
    const c = px * px + py * py + pz * pz - s.r * s.r;
    const disc = b * b - c;
    if (disc > 0) {
      const t = -b - Math.sqrt(disc);
      if (t > 1e-4 && t < best) {
        best = t;
        obj = i;
      }
    }
  }
  if (dy < -1e-9) {
    const t = -oy / dy;
    if (t > 1e-4 && t < best) {
      best = t;
      obj = -1;
    }
  }
  hit.t = best;
  hit.obj = obj;
}

function shadowed(scene, ox, oy, oz, dx, dy, dz, maxT) {
  const spheres = scene.spheres;
  for (let i = 0; i < spheres.length; i++) {
    const s = spheres[i];
    const px = ox - s.x, py = oy - s.y, pz = oz - s.z;
    const b = px * dx + py * dy + pz * dz;
    const c = px * px + py * py + pz * pz - s.r * s.r;
    const disc = b * b - c;
    if (disc > 0) {
      const t = -b - Math.sqrt(disc);
      if (t > 1e-4 && t < maxT) return true;
    }
  }
  return false;
}

// Traces one primary ray; leaves the colour in acc.r/g/b.
function traceRay(scene, ox, oy, oz, dx, dy, dz, hit, acc) {
  let weight = 1;
  acc.r = acc.g = acc.b = 0;
  for (let depth = 0; depth < 4; depth++) {
    intersect(scene, ox, oy, oz, dx, dy, dz, hit);
    if (hit.obj === -2) {
      const sky = 0.3 + 0.5 * (dy > 0 ? dy : 0);
      acc.r += weight * sky * 0.6;
      acc.g += weight * sky * 0.7;
      acc.b += weight * sky;
      return;
    }
    const t = hit.t;
    const hx = ox + dx * t, hy = oy + dy * t, hz = oz + dz * t;
    let nx, ny, nz, cr, cg, cb, refl;
    if (hit.obj === -1) {
      nx = 0;
      ny = 1;
      nz = 0;
      const check = (Math.floor(hx) + Math.floor(hz)) & 1;
      cr = cg = cb = check ? 0.9 : 0.15;
      refl = 0.2;
    } else {
      const s = scene.spheres[hit.obj];
      const inv = 1 / s.r;
      nx = (hx - s.x) * inv;
      ny = (hy - s.y) * inv;
      nz = (hz - s.z) * inv;
      cr = s.cr;
      cg = s.cg;
      cb = s.cb;
      refl = s.refl;
    }
    const dn = dx * nx + dy * ny + dz * nz;
    const rx = dx - 2 * dn * nx, ry = dy - 2 * dn * ny, rz = dz - 2 * dn * nz;
    let light = 0.08, spec = 0;
    const lights = scene.lights;
    for (let i = 0; i < lights.length; i++) {
      const L = lights[i];
      let lx = L.x - hx, ly = L.y - hy, lz = L.z - hz;
      const dist = Math.sqrt(lx * lx + ly * ly + lz * lz);
      lx /= dist;
      ly /= dist;
      lz /= dist;
      const diff = lx * nx + ly * ny + lz * nz;
      if (diff <= 0 || shadowed(scene, hx, hy, hz, lx, ly, lz, dist)) continue;
      light += diff * L.power;
      let sp = lx * rx + ly * ry + lz * rz;
      if (sp > 0) {
        sp *= sp; // sp^16 by squaring
        sp *= sp;
        sp *= sp;
        sp *= sp;
        spec += sp * L.power;
      }
    }
    const local = weight * (1 - refl);
    acc.r += local * (cr * light + spec);
    acc.g += local * (cg * light + spec);
    acc.b += local * (cb * light + spec);
    weight *= refl;
    if (weight < 0.01) return;
    ox = hx;
    oy = hy;
    oz = hz;
    dx = rx;
    dy = ry;
    dz = rz;
  }
}

const toByte = (c) => (c <= 0 ? 0 : c >= 1 ? 255 : Math.floor(c * 255));

function kernelRaytrace(size) {
  const width = 64, height = 48;
  const frames = Math.max(1, Math.round(20 * size));
  const hit = { t: 0, obj: 0 };
  const acc = { r: 0, g: 0, b: 0 };
  let h = 0;
  for (let f = 0; f < frames; f++) {
    const scene = makeScene(f);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let dx = (x - width / 2) / height, dy = (height / 2 - y) / height - 0.15, dz = 1;
        const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        dx /= len;
        dy /= len;
        dz /= len;
        traceRay(scene, 0, 1.2, -1, dx, dy, dz, hit, acc);
        h = mix(h, (toByte(acc.r) << 16) | (toByte(acc.g) << 8) | toByte(acc.b));
      }
    }
  }
  return h >>> 0;
}

// --- kernel 4: Map-heavy ------------------------------------------------------------------
// An LRU cache built on Map's insertion order (hit: delete and re-insert; miss: evict the oldest;
// rebuilt by copying every 4096 steps), a word-count Map with string keys, and a Map-of-Maps
// adjacency index, all iterated at the end.

function kernelMaps(size) {
  const rng = makeRng(0xc0ffee);
  const steps = Math.max(1, Math.round(250000 * size));
  const capacity = 2000;
  let lru = new Map();
  const counts = new Map();
  const graph = new Map();
  let hits = 0, misses = 0, h = 0;
  for (let i = 0; i < steps; i++) {
    // Rebuild the cache now and then (copying it in LRU order), which keeps any engine's
    // deleted-entry bookkeeping short-lived.
    if ((i & 4095) === 4095) lru = new Map(lru);
    const r = rng();
    // Skewed keys: a hot range and a long tail.
    const key = (r & 3) === 0 ? r % 50000 : r % 3000;
    const e = lru.get(key);
    if (e !== undefined) {
      hits++;
      e.uses++;
      lru.delete(key);
      lru.set(key, e);
    } else {
      misses++;
      if (lru.size >= capacity) {
        const oldest = lru.keys().next().value;
        h = mix(h, lru.get(oldest).uses);
        lru.delete(oldest);
      }
      lru.set(key, { key, uses: 1 });
    }
    const word = 'w' + (r % 997);
    counts.set(word, (counts.get(word) || 0) + 1);
    if ((i & 7) === 0) {
      const from = r % 500, to = (r >>> 9) % 500;
      let edges = graph.get(from);
      if (edges === undefined) {
        edges = new Map();
        graph.set(from, edges);
      }
      edges.set(to, (edges.get(to) || 0) + 1);
      if (edges.size > 24) edges.delete(edges.keys().next().value);
    }
  }
  for (const [k, v] of lru) h = mix(h, k + v.uses);
  for (const [w, c] of counts) h = mix(h, w.length * 31 + c);
  for (const [from, edges] of graph) {
    let s = from;
    edges.forEach((w, to) => {
      s += to * w;
    });
    h = mix(h, s);
  }
  h = mix(h, hits);
  h = mix(h, misses);
  return h >>> 0;
}

// --- kernel 5: string-heavy ---------------------------------------------------------------
// Builds CSV-like records with template literals, joins, splits and re-parses them, rewrites
// fields with slice/indexOf/toUpperCase and split+join replacement, and hashes characters.

const NAMES = ['ada', 'brian', 'carla', 'dmitri', 'eve', 'farid', 'grace', 'hiro', 'ines', 'jon'];
const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Accra', 'Quito', 'Turin', 'Busan'];

function stringHash(s, h) {
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function kernelStrings(size) {
  const rng = makeRng(0xbeef);
  const rounds = Math.max(1, Math.round(600 * size));
  let h = 0;
  for (let round = 0; round < rounds; round++) {
    const lines = [];
    for (let i = 0; i < 60; i++) {
      const r = rng();
      const name = NAMES[r % NAMES.length];
      const city = CITIES[(r >>> 8) % CITIES.length];
      lines.push(`${i},${name}-${r % 1000},${city},${(r >>> 4) % 90},note ${name} in ${city}`);
    }
    const text = lines.join('\n');
    const rows = text.split('\n');
    let out = '';
    for (let i = 0; i < rows.length; i++) {
      const cols = rows[i].split(',');
      const dash = cols[1].indexOf('-');
      const who = cols[1].slice(0, 1).toUpperCase() + cols[1].slice(1, dash);
      const where = cols[2].toLowerCase();
      const note = cols[4].split(' in ').join(' @ ');
      out += who + ':' + where + ':' + cols[3] + ':' + note + ';';
    }
    let caps = 0;
    for (let p = out.indexOf(':'); p >= 0; p = out.indexOf(':', p + 1)) caps++;
    const pieces = out.split(';');
    let longest = '';
    for (const piece of pieces) if (piece.length > longest.length) longest = piece;
    const rev = longest.split('').reverse().join('');
    const codes = [];
    for (let i = 0; i < rev.length; i++) codes.push(((rev.charCodeAt(i) - 32 + round) % 94) + 32);
    const shifted = String.fromCharCode.apply(null, codes);
    h = stringHash(out, h);
    h = stringHash(shifted, h);
    h = mix(h, caps + pieces.length + out.lastIndexOf('@'));
  }
  return h >>> 0;
}

const KERNELS = {
  scheduler: kernelScheduler,
  splay: kernelSplay,
  raytrace: kernelRaytrace,
  maps: kernelMaps,
  strings: kernelStrings,
};
// Whether a kernel allocates in its steady state (the targets differ).
const ALLOCATING = { scheduler: false, splay: true, raytrace: false, maps: true, strings: true };

// --- main ---------------------------------------------------------------------------------

function runThreads(fn, size, n) {
  const threads = [];
  for (let i = 0; i < n; i++) threads.push(new Thread(fn, size));
  const sums = [];
  for (const t of threads) sums.push(t.join());
  return sums;
}

function main() {
  const n = Number(HOST.opt('threads', '1'));
  const size = Number(HOST.opt('size', '1'));
  const only = HOST.opt('only', '');
  const names = only ? only.split(',') : Object.keys(KERNELS);
  let all = 0;
  let failures = 0;
  for (const name of names) {
    const fn = KERNELS[name];
    if (fn === undefined) throw new Error('unknown kernel ' + name);
    // Warm-up and reference: the kernel once on the main thread.
    const w0 = performance.now();
    const expected = fn(size);
    const w1 = performance.now();
    const c0 = HOST.cpuSeconds();
    const t0 = performance.now();
    const sums = runThreads(fn, size, n);
    const t1 = performance.now();
    const c1 = HOST.cpuSeconds();
    const ok = sums.length === n && sums.every((s) => s === expected);
    if (!ok) failures++;
    all = mix(all, expected);
    HOST.report({
      workload: 'parallel-self',
      case: name,
      allocating: ALLOCATING[name],
      threads: n,
      size,
      seconds: (t1 - t0) / 1000,
      cpu: c0 === null ? null : c1 - c0,
      main_seconds: (w1 - w0) / 1000,
      checksum: expected,
      ok,
      got: ok ? undefined : sums,
    });
  }
  HOST.out('checksum: ' + (all >>> 0).toString(16));
  if (failures) throw new Error(`parallel-self: ${failures} kernel(s) returned a wrong checksum on some thread`);
}

if (typeof globalThis.BENCH_KERNELS_ONLY !== 'undefined' && globalThis.BENCH_KERNELS_ONLY) {
  globalThis.BENCH_KERNELS = KERNELS;
  globalThis.BENCH_ALLOCATING = ALLOCATING;
} else {
  main();
}
