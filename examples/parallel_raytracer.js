// Parallel ray tracer writing into one shared frame buffer.
//
//   weft examples/parallel_raytracer.js [THREADS] [WIDTH] [HEIGHT]
//
// Renders a small scene (spheres on a checkered floor, one light, shadows, mirror
// reflections) into a Uint8ClampedArray of WIDTH x HEIGHT RGB pixels. Thread k renders
// rows k, k + THREADS, k + 2 * THREADS, ... directly into the one shared buffer; the scene
// objects, the camera and the buffer are the main thread's own objects, used in place.
//
// Every thread runs the same deterministic arithmetic, so the parallel image must be
// byte-for-byte the image a single thread renders. The program renders it both ways,
// compares checksums and every byte, and throws on any difference.
//
// The shell has no function for writing files, so the image is not saved; the checksum
// identifies it.

const threadCount = scriptArgs.length > 0 ? Number(scriptArgs[0]) : navigator.hardwareConcurrency;
const width = scriptArgs.length > 1 ? Number(scriptArgs[1]) : 200;
const height = scriptArgs.length > 2 ? Number(scriptArgs[2]) : 150;
if (!(threadCount >= 1 && Number.isInteger(threadCount))) throw new RangeError("THREADS must be a positive integer");
if (!(width >= 1 && height >= 1)) throw new RangeError("WIDTH and HEIGHT must be positive");

// --- vectors and the scene ---------------------------------------------------------------

class Vec {
    constructor(x, y, z) { this.x = x; this.y = y; this.z = z; }
    add(v) { return new Vec(this.x + v.x, this.y + v.y, this.z + v.z); }
    sub(v) { return new Vec(this.x - v.x, this.y - v.y, this.z - v.z); }
    scale(s) { return new Vec(this.x * s, this.y * s, this.z * s); }
    mul(v) { return new Vec(this.x * v.x, this.y * v.y, this.z * v.z); }
    dot(v) { return this.x * v.x + this.y * v.y + this.z * v.z; }
    norm() { return this.scale(1 / Math.sqrt(this.dot(this))); }
}

class Sphere {
    constructor(center, radius, color, mirror) {
        this.center = center; this.radius = radius; this.color = color; this.mirror = mirror;
    }
    // Distance along the ray to the nearest hit in front of the origin, or Infinity.
    hit(origin, dir) {
        const oc = origin.sub(this.center);
        const b = oc.dot(dir);
        const c = oc.dot(oc) - this.radius * this.radius;
        const disc = b * b - c;
        if (disc < 0) return Infinity;
        const s = Math.sqrt(disc);
        const t = -b - s > 1e-6 ? -b - s : -b + s;
        return t > 1e-6 ? t : Infinity;
    }
    normalAt(point) { return point.sub(this.center).scale(1 / this.radius); }
    colorAt() { return this.color; }
}

class Floor {
    constructor(y) { this.y = y; this.mirror = 0.15; }
    hit(origin, dir) {
        if (Math.abs(dir.y) < 1e-9) return Infinity;
        const t = (this.y - origin.y) / dir.y;
        return t > 1e-6 ? t : Infinity;
    }
    normalAt() { return new Vec(0, 1, 0); }
    colorAt(point) {
        const odd = (Math.floor(point.x) + Math.floor(point.z)) & 1;
        return odd ? new Vec(0.9, 0.9, 0.9) : new Vec(0.15, 0.15, 0.2);
    }
}

const scene = {
    objects: [
        new Floor(-1),
        new Sphere(new Vec(0, 0, -4), 1, new Vec(0.9, 0.2, 0.2), 0.3),
        new Sphere(new Vec(-2.1, -0.3, -5), 0.7, new Vec(0.2, 0.8, 0.3), 0.1),
        new Sphere(new Vec(2, 0.2, -5.5), 1.2, new Vec(0.3, 0.4, 0.95), 0.6),
        new Sphere(new Vec(0.7, -0.65, -2.6), 0.35, new Vec(0.95, 0.85, 0.2), 0),
    ],
    light: new Vec(-4, 6, 1),
    sky: new Vec(0.55, 0.7, 1.0),
    camera: new Vec(0, 0.3, 1.5),
    maxDepth: 3,
};

function nearest(origin, dir) {
    let best = Infinity, hitObject = null;
    for (const object of scene.objects) {
        const t = object.hit(origin, dir);
        if (t < best) { best = t; hitObject = object; }
    }
    return hitObject ? { t: best, object: hitObject } : null;
}

function trace(origin, dir, depth) {
    const hit = nearest(origin, dir);
    if (!hit) return scene.sky.scale(1 - 0.4 * Math.max(0, dir.y));
    const point = origin.add(dir.scale(hit.t));
    const normal = hit.object.normalAt(point);
    const base = hit.object.colorAt(point);
    const toLight = scene.light.sub(point);
    const lightDistance = Math.sqrt(toLight.dot(toLight));
    const l = toLight.scale(1 / lightDistance);
    const blocker = nearest(point.add(normal.scale(1e-4)), l);
    const lit = !blocker || blocker.t > lightDistance;
    const diffuse = lit ? Math.max(0, normal.dot(l)) : 0;
    let color = base.scale(0.12 + 0.88 * diffuse);
    if (lit) {
        const half = l.sub(dir).norm();
        const specular = Math.pow(Math.max(0, normal.dot(half)), 40);
        color = color.add(new Vec(specular, specular, specular));
    }
    const mirror = hit.object.mirror;
    if (mirror > 0 && depth < scene.maxDepth) {
        const reflected = dir.sub(normal.scale(2 * dir.dot(normal)));
        const bounce = trace(point.add(normal.scale(1e-4)), reflected, depth + 1);
        color = color.scale(1 - mirror).add(bounce.scale(mirror));
    }
    return color;
}

// Renders rows first, first + step, first + 2 * step, ... into `pixels`.
function renderRows(pixels, first, step) {
    const aspect = width / height;
    for (let y = first; y < height; y += step) {
        for (let x = 0; x < width; x++) {
            const px = ((x + 0.5) / width * 2 - 1) * aspect * 0.6;
            const py = (1 - (y + 0.5) / height * 2) * 0.6;
            const dir = new Vec(px, py, -1).norm();
            const c = trace(scene.camera, dir, 0);
            const i = (y * width + x) * 3;
            pixels[i] = Math.sqrt(c.x) * 255; // Uint8ClampedArray rounds and clamps
            pixels[i + 1] = Math.sqrt(c.y) * 255;
            pixels[i + 2] = Math.sqrt(c.z) * 255;
        }
    }
}

function checksum(pixels) {
    // FNV-1a over the bytes, in 32-bit arithmetic.
    let h = 0x811c9dc5;
    for (let i = 0; i < pixels.length; i++) h = Math.imul(h ^ pixels[i], 0x01000193);
    return h >>> 0;
}

// --- render in parallel, then on one thread, and compare -------------------------------

const frame = new Uint8ClampedArray(width * height * 3); // the shared frame buffer
const t0 = performance.now();
const threads = [];
for (let k = 0; k < threadCount; k++) threads.push(new Thread(renderRows, frame, k, threadCount));
for (const t of threads) t.join();
const parallelMs = performance.now() - t0;

const reference = new Uint8ClampedArray(width * height * 3);
const t1 = performance.now();
new Thread(renderRows, reference, 0, 1).join();
const serialMs = performance.now() - t1;

const sum = checksum(frame);
const expected = checksum(reference);
if (sum !== expected) throw new Error(`checksum ${sum.toString(16)} differs from the 1-thread render ${expected.toString(16)}`);
for (let i = 0; i < frame.length; i++)
    if (frame[i] !== reference[i]) throw new Error(`byte ${i} differs from the 1-thread render`);
let lit = 0;
for (let i = 0; i < frame.length; i++) if (frame[i] !== 0) lit++;
if (lit < frame.length / 2) throw new Error("the image is mostly black: rendering is broken");

print(`rendered ${width}x${height} on ${threadCount} thread${threadCount === 1 ? "" : "s"}: checksum ${sum.toString(16).padStart(8, "0")}`);
print(`parallel ${parallelMs.toFixed(0)} ms, 1 thread ${serialMs.toFixed(0)} ms — identical image, OK`);
