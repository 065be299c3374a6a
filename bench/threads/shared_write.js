// shared-write: N threads write to shared data without synchronization, each to its own part:
//   array  - distinct index ranges of one shared array (neighbours only meet at range edges);
//   fields - distinct properties (thread i writes f<i>) of the same 2,000 shared objects, so the
//            threads write next to each other in memory (false sharing is part of what it measures).
// After join the main thread checks every element and field. speedup(N) = N * T(1) / T(N).
//
// Usage: weft bench/threads/shared_write.js [--threads N] [--size X] [--only array,fields]
// N is at most 16 (the objects have fields f0..f15). Prints one `BENCH {json}` line per case and
// a final `checksum: <hex>` line.
'use strict';

// --- host helpers (weft shell or node); the same block opens every script in bench/threads ----
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

const mix = (h, v) => (Math.imul(h ^ (v | 0), 0x01000193) + 0x9e3779b9) | 0;
const MAX_THREADS = 16;
const RANGE = 25000; // array elements per thread
const OBJECTS = 2000;

// The value thread `t` leaves in element/field `j` after round `r` (so the check knows it).
const valueAt = (t, j, r) => (Math.imul(j, 2654435761) ^ (t << 20) ^ r) & 0x3fffffff;

function writeRange(arr, t, rounds) {
  const lo = t * RANGE, hi = lo + RANGE;
  let h = 0;
  for (let r = 0; r < rounds; r++) {
    for (let j = lo; j < hi; j++) arr[j] = valueAt(t, j, r);
    for (let j = lo; j < hi; j += 97) h = mix(h, arr[j]);
  }
  return h >>> 0;
}

// Writes field f<t> of every object; a switch picks the property so that every thread runs the
// same code with a constant property name.
function writeFields(objs, t, rounds) {
  let h = 0;
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < objs.length; j++) {
      const o = objs[j];
      const v = valueAt(t, j, r);
      switch (t) {
        case 0: o.f0 = v; break;
        case 1: o.f1 = v; break;
        case 2: o.f2 = v; break;
        case 3: o.f3 = v; break;
        case 4: o.f4 = v; break;
        case 5: o.f5 = v; break;
        case 6: o.f6 = v; break;
        case 7: o.f7 = v; break;
        case 8: o.f8 = v; break;
        case 9: o.f9 = v; break;
        case 10: o.f10 = v; break;
        case 11: o.f11 = v; break;
        case 12: o.f12 = v; break;
        case 13: o.f13 = v; break;
        case 14: o.f14 = v; break;
        case 15: o.f15 = v; break;
      }
    }
    h = mix(h, objs[r % objs.length]['f' + t]);
  }
  return h >>> 0;
}

function makeObjects() {
  const objs = [];
  for (let j = 0; j < OBJECTS; j++) {
    objs.push({ id: j, f0: 0, f1: 0, f2: 0, f3: 0, f4: 0, f5: 0, f6: 0, f7: 0,
      f8: 0, f9: 0, f10: 0, f11: 0, f12: 0, f13: 0, f14: 0, f15: 0 });
  }
  return objs;
}

function runCase(name, n, rounds) {
  let target, worker, check;
  if (name === 'array') {
    target = new Array(n * RANGE).fill(-1);
    worker = writeRange;
    check = () => {
      for (let t = 0; t < n; t++) {
        for (let j = t * RANGE; j < (t + 1) * RANGE; j++) if (target[j] !== valueAt(t, j, rounds - 1)) return false;
      }
      return target.length === n * RANGE;
    };
  } else if (name === 'fields') {
    target = makeObjects();
    worker = writeFields;
    check = () => {
      for (let j = 0; j < OBJECTS; j++) {
        const o = target[j];
        for (let t = 0; t < MAX_THREADS; t++) if (o['f' + t] !== (t < n ? valueAt(t, j, rounds - 1) : 0)) return false;
      }
      return true;
    };
  } else {
    throw new Error('unknown case ' + name);
  }
  // Warm-up and reference: one thread's work, on the main thread, into a throw-away copy.
  const scratch = name === 'array' ? new Array(n * RANGE).fill(-1) : makeObjects();
  const expected = [];
  const w0 = performance.now();
  for (let t = 0; t < n; t++) expected.push(t === 0 ? worker(scratch, t, rounds) : null);
  const w1 = performance.now();
  const c0 = HOST.cpuSeconds();
  const t0 = performance.now();
  const threads = [];
  for (let t = 0; t < n; t++) threads.push(new Thread(worker, target, t, rounds));
  const sums = threads.map((th) => th.join());
  const t1 = performance.now();
  const c1 = HOST.cpuSeconds();
  const ok = check() && sums.every((s, t) => expected[t] === null || s === expected[t]);
  HOST.report({
    workload: 'shared-write',
    case: name,
    allocating: false,
    threads: n,
    rounds,
    seconds: (t1 - t0) / 1000,
    cpu: c0 === null ? null : c1 - c0,
    main_seconds: (w1 - w0) / 1000,
    checksum: sums.reduce(mix, 0) >>> 0,
    ok,
  });
  return ok;
}

function main() {
  const n = Number(HOST.opt('threads', '1'));
  const size = Number(HOST.opt('size', '1'));
  const only = HOST.opt('only', 'array,fields');
  if (!(n >= 1 && n <= MAX_THREADS)) throw new RangeError('shared-write supports 1..' + MAX_THREADS + ' threads');
  let all = 0, bad = 0;
  for (const name of only.split(',')) {
    // Rounds per case, chosen so that one thread's share takes about the same time in both.
    const rounds = Math.max(2, Math.round((name === 'array' ? 100 : 1200) * size));
    if (!runCase(name, n, rounds)) bad++;
    all = mix(all, rounds);
  }
  HOST.out('checksum: ' + (all >>> 0).toString(16));
  if (bad) throw new Error('shared-write: lost or wrong writes in ' + bad + ' case(s)');
}

main();
