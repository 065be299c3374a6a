// Ray tracer: spheres and a checkered plane, two point lights, Phong shading with shadows and
// mirror reflections, rendering a small image into an array that is then checksummed.
// Exercises: floating-point arithmetic, Math.sqrt/floor, short-lived vector objects (allocation
// pressure), virtual calls on scene objects.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

class Vec {
  constructor(x, y, z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }
  plus(o) {
    return new Vec(this.x + o.x, this.y + o.y, this.z + o.z);
  }
  minus(o) {
    return new Vec(this.x - o.x, this.y - o.y, this.z - o.z);
  }
  times(k) {
    return new Vec(this.x * k, this.y * k, this.z * k);
  }
  dot(o) {
    return this.x * o.x + this.y * o.y + this.z * o.z;
  }
  cross(o) {
    return new Vec(this.y * o.z - this.z * o.y, this.z * o.x - this.x * o.z, this.x * o.y - this.y * o.x);
  }
  length() {
    return Math.sqrt(this.dot(this));
  }
  unit() {
    return this.times(1 / this.length());
  }
}

class Color {
  constructor(r, g, b) {
    this.r = r;
    this.g = g;
    this.b = b;
  }
  add(o) {
    return new Color(this.r + o.r, this.g + o.g, this.b + o.b);
  }
  scale(k) {
    return new Color(this.r * k, this.g * k, this.b * k);
  }
  mul(o) {
    return new Color(this.r * o.r, this.g * o.g, this.b * o.b);
  }
}

const BLACK = new Color(0, 0, 0);
const BACKGROUND = new Color(0.05, 0.07, 0.12);

class Material {
  constructor(diffuse, specular, shininessSquarings, reflect) {
    this.diffuse = diffuse;
    this.specular = specular;
    this.squarings = shininessSquarings; // shininess = 2 ** squarings
    this.reflect = reflect;
  }
  colorAt(point) {
    return this.diffuse;
  }
}

class Checker extends Material {
  constructor(a, b, reflect) {
    super(a, 0.2, 3, reflect);
    this.other = b;
  }
  colorAt(p) {
    return ((Math.floor(p.x) + Math.floor(p.z)) & 1) === 0 ? this.diffuse : this.other;
  }
}

class Ray {
  constructor(origin, dir) {
    this.origin = origin;
    this.dir = dir;
  }
}

class Sphere {
  constructor(center, radius, material) {
    this.center = center;
    this.r2 = radius * radius;
    this.material = material;
  }
  hit(ray) {
    const oc = this.center.minus(ray.origin);
    const b = oc.dot(ray.dir);
    const disc = b * b - oc.dot(oc) + this.r2;
    if (disc < 0) return -1;
    const s = Math.sqrt(disc);
    const t0 = b - s;
    if (t0 > 1e-6) return t0;
    const t1 = b + s;
    return t1 > 1e-6 ? t1 : -1;
  }
  normalAt(p) {
    return p.minus(this.center).unit();
  }
}

class Plane {
  constructor(normal, offset, material) {
    this.normal = normal.unit();
    this.offset = offset;
    this.material = material;
  }
  hit(ray) {
    const den = this.normal.dot(ray.dir);
    if (den > -1e-9 && den < 1e-9) return -1;
    const t = -(this.normal.dot(ray.origin) + this.offset) / den;
    return t > 1e-6 ? t : -1;
  }
  normalAt(p) {
    return this.normal;
  }
}

class Light {
  constructor(pos, color) {
    this.pos = pos;
    this.color = color;
  }
}

class Scene {
  constructor(objects, lights, eye, target) {
    this.objects = objects;
    this.lights = lights;
    this.eye = eye;
    const forward = target.minus(eye).unit();
    this.forward = forward;
    this.right = forward.cross(new Vec(0, 1, 0)).unit().times(1.5);
    this.up = this.right.cross(forward).unit().times(1.5);
  }
  nearest(ray) {
    let best = null;
    let bestT = Infinity;
    for (const obj of this.objects) {
      const t = obj.hit(ray);
      if (t > 0 && t < bestT) {
        bestT = t;
        best = obj;
      }
    }
    return best === null ? null : { obj: best, t: bestT };
  }
  inShadow(point, toLight, dist) {
    const ray = new Ray(point, toLight);
    for (const obj of this.objects) {
      const t = obj.hit(ray);
      if (t > 0 && t < dist) return true;
    }
    return false;
  }
  trace(ray, depth) {
    const h = this.nearest(ray);
    if (h === null) return BACKGROUND;
    const { obj, t } = h;
    const p = ray.origin.plus(ray.dir.times(t));
    let n = obj.normalAt(p);
    if (n.dot(ray.dir) > 0) n = n.times(-1);
    const m = obj.material;
    const base = m.colorAt(p);
    const reflected = ray.dir.minus(n.times(2 * n.dot(ray.dir)));
    let c = base.scale(0.1);
    for (const light of this.lights) {
      const l = light.pos.minus(p);
      const dist = l.length();
      const ldir = l.times(1 / dist);
      const lambert = n.dot(ldir);
      if (lambert <= 0 || this.inShadow(p, ldir, dist)) continue;
      c = c.add(base.mul(light.color).scale(lambert));
      let spec = reflected.dot(ldir);
      if (spec > 0) {
        for (let i = 0; i < m.squarings; i++) spec *= spec;
        c = c.add(light.color.scale(spec * m.specular));
      }
    }
    if (m.reflect > 0 && depth < 3) {
      c = c.add(this.trace(new Ray(p, reflected), depth + 1).scale(m.reflect));
    }
    return c;
  }
  render(width, height, pixels) {
    for (let y = 0; y < height; y++) {
      const sy = -(y - height / 2) / height;
      for (let x = 0; x < width; x++) {
        const sx = (x - width / 2) / width;
        const dir = this.forward.plus(this.right.times(sx)).plus(this.up.times(sy)).unit();
        const c = this.trace(new Ray(this.eye, dir), 0);
        const i = (y * width + x) * 3;
        pixels[i] = toByte(c.r);
        pixels[i + 1] = toByte(c.g);
        pixels[i + 2] = toByte(c.b);
      }
    }
  }
}

function toByte(v) {
  if (v <= 0) return 0;
  if (v >= 1) return 255;
  return Math.floor(v * 255);
}

function buildScene(frame) {
  const shift = frame * 0.125;
  const objects = [
    new Plane(new Vec(0, 1, 0), 1, new Checker(new Color(0.9, 0.9, 0.9), new Color(0.15, 0.15, 0.2), 0.3)),
    new Sphere(new Vec(0, 0, 0), 1, new Material(new Color(0.8, 0.2, 0.2), 0.6, 4, 0.25)),
    new Sphere(new Vec(-2.2 + shift, -0.2, 1.5), 0.8, new Material(new Color(0.2, 0.8, 0.3), 0.4, 3, 0.1)),
    new Sphere(new Vec(2, 0.5, -1), 1.5, new Material(new Color(0.3, 0.4, 0.9), 0.8, 5, 0.5)),
    new Sphere(new Vec(0.5, -0.6, 2.2 - shift), 0.4, new Material(new Color(0.9, 0.8, 0.2), 0.5, 4, 0)),
  ];
  const lights = [
    new Light(new Vec(-5, 6, 4), new Color(0.8, 0.75, 0.7)),
    new Light(new Vec(4, 5, 6), new Color(0.35, 0.4, 0.5)),
  ];
  return new Scene(objects, lights, new Vec(0.5, 2, 7), new Vec(0, 0, 0));
}

const WIDTH = 80, HEIGHT = 60;
const frames = Math.max(1, Math.round(20 * SCALE));
const pixels = [];
for (let i = 0; i < WIDTH * HEIGHT * 3; i++) pixels.push(0);
let checksum = 0;
for (let f = 0; f < frames; f++) {
  buildScene(f).render(WIDTH, HEIGHT, pixels);
  for (let i = 0; i < pixels.length; i++) checksum = (Math.imul(checksum, 31) + pixels[i]) | 0;
}
emit(`checksum: ${checksum >>> 0}`);
