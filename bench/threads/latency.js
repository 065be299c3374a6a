// latency: the fixed costs of threads.
//   spawn-join        - new Thread(empty).join(), median/p10/p90 over many, in microseconds;
//   idle-atomics      - resident memory per parked thread: spawn COUNT threads that each block in
//   idle-condition      Atomics.wait(o, 'go', 0) (or in cond.wait(lock)), read VmRSS from
//                       /proc/self/status before and after, report (after - before) / COUNT;
//   handoff-atomics   - ping-pong between the main thread and one thread through one property
//   handoff-condition   with Atomics.wait/notify (or a Lock and a Condition); microseconds per
//                       hand-off (one round trip is two hand-offs);
//   graph-handoff     - giving a 100,000-object graph to a new thread (it reads one field and
//                       returns): median spawn+join time with the graph as argument, beside the
//                       same with no argument. Shared memory makes the two about equal.
//
// Usage: weft bench/threads/latency.js [--size X] [--only spawn-join,idle-atomics,...]
//        [--count 200]
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

// Resident set size in KB, from the VmRSS line of /proc/self/status (null if unavailable).
function rssKB() {
  let text;
  try {
    text = HOST.readText('/proc/self/status');
  } catch (e) {
    return null;
  }
  for (const line of text.split('\n')) {
    if (line.startsWith('VmRSS:')) return Number(line.slice(6).trim().split(' ')[0]);
  }
  return null;
}

function quantiles(samples) {
  const s = samples.slice().sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), mean, min: s[0] };
}

// Blocks the calling thread for about `ms` milliseconds.
function sleepMs(ms) {
  Atomics.wait({ never: 0 }, 'never', 0, ms);
}

const empty = () => undefined;

function spawnJoin(count) {
  for (let i = 0; i < 50; i++) new Thread(empty).join(); // warm-up
  const us = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    new Thread(empty).join();
    us.push((performance.now() - t0) * 1000);
  }
  const q = quantiles(us);
  HOST.report({ workload: 'latency', case: 'spawn-join', spawns: count, us: q.median, p10_us: q.p10,
    p90_us: q.p90, mean_us: q.mean, min_us: q.min, ok: true });
  return count;
}

// Parked threads -----------------------------------------------------------------------------

function parkOnAtomics(st) {
  Atomics.add(st, 'ready', 1);
  Atomics.notify(st, 'ready');
  while (Atomics.load(st, 'go') === 0) Atomics.wait(st, 'go', 0);
  return 1;
}

function parkOnCondition(st, lock, readyCond, goCond) {
  lock.hold(() => {
    st.ready++;
    readyCond.notifyAll();
    while (!st.go) goCond.wait(lock);
  });
  return 1;
}

// Spawns `count` threads that park, waits until all have checked in, and returns the RSS growth;
// then releases and joins them.
function parkedThreads(kind, count) {
  const st = { ready: 0, go: 0 };
  const lock = new Lock();
  const readyCond = new Condition();
  const goCond = new Condition();
  const before = rssKB();
  const threads = [];
  for (let i = 0; i < count; i++) {
    threads.push(kind === 'atomics' ? new Thread(parkOnAtomics, st) : new Thread(parkOnCondition, st, lock, readyCond, goCond));
  }
  if (kind === 'atomics') {
    for (let r = Atomics.load(st, 'ready'); r < count; r = Atomics.load(st, 'ready')) Atomics.wait(st, 'ready', r, 1000);
  } else {
    lock.hold(() => {
      while (st.ready < count) readyCond.wait(lock);
    });
  }
  sleepMs(50); // let the last threads reach their wait
  const after = rssKB();
  if (kind === 'atomics') {
    Atomics.store(st, 'go', 1);
    Atomics.notify(st, 'go');
  } else {
    lock.hold(() => {
      st.go = 1;
    });
    goCond.notifyAll();
  }
  let joined = 0;
  for (const t of threads) joined += t.join();
  return { before, after, joined, afterJoin: rssKB() };
}

function idleMemory(kind, count) {
  parkedThreads(kind, 8); // warm-up: one-time allocations are not per-thread costs
  const r = parkedThreads(kind, count);
  const ok = r.joined === count && r.before !== null;
  HOST.report({ workload: 'latency', case: 'idle-' + kind, threads: count, rss_before_kb: r.before,
    rss_parked_kb: r.after, rss_after_join_kb: r.afterJoin,
    kb_per_thread: ok ? (r.after - r.before) / count : null, ok });
  return r.joined;
}

// Ping-pong -----------------------------------------------------------------------------------

function pongAtomics(st, rounds) {
  for (let i = 0; i < rounds; i++) {
    while (Atomics.load(st, 'v') !== 1) Atomics.wait(st, 'v', 0);
    Atomics.store(st, 'v', 0);
    Atomics.notify(st, 'v');
  }
  return rounds;
}

function pongCondition(st, lock, cond, rounds) {
  const step = () => {
    while (st.turn !== 1) cond.wait(lock);
    st.turn = 0;
    cond.notify();
  };
  for (let i = 0; i < rounds; i++) lock.hold(step);
  return rounds;
}

function handoff(kind, rounds) {
  const warm = 200;
  const total = warm + rounds;
  let t0 = 0, thread;
  if (kind === 'atomics') {
    const st = { v: 0 };
    thread = new Thread(pongAtomics, st, total);
    for (let i = 0; i < total; i++) {
      if (i === warm) t0 = performance.now();
      Atomics.store(st, 'v', 1);
      Atomics.notify(st, 'v');
      while (Atomics.load(st, 'v') !== 0) Atomics.wait(st, 'v', 1);
    }
  } else {
    const st = { turn: 0 };
    const lock = new Lock();
    const cond = new Condition();
    thread = new Thread(pongCondition, st, lock, cond, total);
    const step = () => {
      st.turn = 1;
      cond.notify();
      while (st.turn !== 0) cond.wait(lock);
    };
    for (let i = 0; i < total; i++) {
      if (i === warm) t0 = performance.now();
      lock.hold(step);
    }
  }
  const t1 = performance.now();
  const ok = thread.join() === total;
  HOST.report({ workload: 'latency', case: 'handoff-' + kind, handoffs: 2 * rounds,
    us: ((t1 - t0) * 1000) / (2 * rounds), seconds: (t1 - t0) / 1000, ok });
  return rounds;
}

// Graph hand-off ------------------------------------------------------------------------------

function buildGraph(count) {
  const nodes = new Array(count);
  let prev = null;
  for (let i = 0; i < count; i++) {
    const n = { id: i, label: 'n' + (i % 100), next: prev, peer: i > 0 ? nodes[(i * 7) % i] : null };
    nodes[i] = n;
    prev = n;
  }
  return { nodes, head: prev };
}

const readOne = (g) => g.nodes.length + g.head.id;

function graphHandoff(reps) {
  const b0 = performance.now();
  const graph = buildGraph(100000);
  const b1 = performance.now();
  const withGraph = [], without = [];
  let ok = true;
  for (let i = 0; i < 20; i++) new Thread(readOne, graph).join(); // warm-up
  for (let i = 0; i < reps; i++) {
    let t0 = performance.now();
    new Thread(empty).join();
    without.push((performance.now() - t0) * 1000);
    t0 = performance.now();
    const r = new Thread(readOne, graph).join();
    withGraph.push((performance.now() - t0) * 1000);
    if (r !== 100000 + 99999) ok = false;
  }
  const a = quantiles(withGraph).median, b = quantiles(without).median;
  HOST.report({ workload: 'latency', case: 'graph-handoff', objects: 100000, build_ms: b1 - b0,
    us: a, empty_us: b, extra_us: a - b, ok });
  return reps;
}

function main() {
  const size = Number(HOST.opt('size', '1'));
  const count = Number(HOST.opt('count', '200'));
  const only = HOST.opt('only', 'spawn-join,idle-atomics,idle-condition,handoff-atomics,handoff-condition,graph-handoff');
  let h = 0;
  for (const name of only.split(',')) {
    let r;
    if (name === 'spawn-join') r = spawnJoin(Math.max(10, Math.round(2000 * size)));
    else if (name === 'idle-atomics') r = idleMemory('atomics', count);
    else if (name === 'idle-condition') r = idleMemory('condition', count);
    else if (name === 'handoff-atomics') r = handoff('atomics', Math.max(10, Math.round(20000 * size)));
    else if (name === 'handoff-condition') r = handoff('condition', Math.max(10, Math.round(20000 * size)));
    else if (name === 'graph-handoff') r = graphHandoff(Math.max(5, Math.round(200 * size)));
    else throw new Error('unknown case ' + name);
    h = (Math.imul(h, 31) + r) | 0;
  }
  HOST.out('checksum: ' + (h >>> 0).toString(16));
}

main();
