// contention: N threads increment one shared counter, each K times,
//   lock            - through one Lock: lock.hold(inc) where inc does counter.n++;
//   atomics         - with Atomics.add(counter, 'n', 1) on one shared property;
// and, as the uncontended baselines, the same with a Lock / an object per thread:
//   lock-private, atomics-private.
// The final count must be exactly N * K. Reported: seconds, ns per increment and
// speedup(N) = N * T(1) / T(N) (total increments per second relative to one thread; under
// contention below 1 is expected).
//
// Usage: weft bench/threads/contention.js [--threads N] [--size X] [--only lock,atomics,...]
// Prints one `BENCH {json}` line per case and a final `checksum: <hex>` line.
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

// The closure passed to hold() is made once per thread, so the loop measures the lock and not
// closure allocation.
function lockLoop(lock, counter, k) {
  const inc = () => {
    counter.n++;
  };
  for (let i = 0; i < k; i++) lock.hold(inc);
  return k;
}

function atomicsLoop(counter, k) {
  for (let i = 0; i < k; i++) Atomics.add(counter, 'n', 1);
  return k;
}

const CASES = {
  lock(n, k) {
    const lock = new Lock();
    const counter = { n: 0 };
    return { spawn: () => new Thread(lockLoop, lock, counter, k), total: () => counter.n };
  },
  atomics(n, k) {
    const counter = { n: 0 };
    return { spawn: () => new Thread(atomicsLoop, counter, k), total: () => Atomics.load(counter, 'n') };
  },
  'lock-private'(n, k) {
    const counters = [];
    return {
      spawn: () => {
        const c = { n: 0 };
        counters.push(c);
        return new Thread(lockLoop, new Lock(), c, k);
      },
      total: () => counters.reduce((s, c) => s + c.n, 0),
    };
  },
  'atomics-private'(n, k) {
    const counters = [];
    return {
      spawn: () => {
        const c = { n: 0 };
        counters.push(c);
        return new Thread(atomicsLoop, c, k);
      },
      total: () => counters.reduce((s, c) => s + c.n, 0),
    };
  },
};

function main() {
  const n = Number(HOST.opt('threads', '1'));
  const size = Number(HOST.opt('size', '1'));
  const only = HOST.opt('only', Object.keys(CASES).join(','));
  const k = Math.max(1, Math.round(400000 * size));
  let bad = 0;
  let all = 0;
  for (const name of only.split(',')) {
    const make = CASES[name];
    if (make === undefined) throw new Error('unknown case ' + name);
    // Warm-up: a tenth of one thread's share, on the main thread.
    if (name.startsWith('lock')) lockLoop(new Lock(), { n: 0 }, Math.ceil(k / 10));
    else atomicsLoop({ n: 0 }, Math.ceil(k / 10));
    const c = make(n, k);
    const c0 = HOST.cpuSeconds();
    const t0 = performance.now();
    const threads = [];
    for (let i = 0; i < n; i++) threads.push(c.spawn());
    for (const t of threads) t.join();
    const t1 = performance.now();
    const c1 = HOST.cpuSeconds();
    const total = c.total();
    const ok = total === n * k;
    if (!ok) bad++;
    all = (Math.imul(all, 31) + total) | 0;
    const seconds = (t1 - t0) / 1000;
    HOST.report({
      workload: 'contention',
      case: name,
      threads: n,
      increments_per_thread: k,
      seconds,
      cpu: c0 === null ? null : c1 - c0,
      ns_per_op: (seconds * 1e9) / (n * k),
      total,
      ok,
    });
  }
  HOST.out('checksum: ' + (all >>> 0).toString(16));
  if (bad) throw new Error('contention: a final count was wrong in ' + bad + ' case(s)');
}

main();
