// The Node.js side of bench/threads: the same parallel-self kernels run on worker_threads, and
// the fixed costs Node pays for isolates instead of shared-heap threads.
//
//   node bench/threads/node/compare.js parallel [--threads N] [--size X] [--only k1,k2]
//     For each kernel of ../parallel_self.js (loaded from that file, so the code is identical):
//     the main thread runs it once (reference checksum), then N workers are spawned, each loads
//     the kernels, reports ready, and on "go" runs the kernel once. Reported: `seconds` from
//     spawn to the last result (what weft's figure covers: start threads, run, join), and
//     `compute_seconds` from "go" to the last result (worker start-up excluded).
//
//   node bench/threads/node/compare.js latency [--size X]
//     spawn-exit      - new Worker(empty) until its 'exit' event (the analogue of spawn+join);
//     spawn-message   - new Worker until its first message arrives;
//     handoff-sab     - ping-pong through an Int32Array on a SharedArrayBuffer with
//                       Atomics.wait/notify, microseconds per hand-off;
//     graph-postmessage - posting the same 100,000-object graph as latency.js to a live worker
//                       and getting a one-number answer back, beside a tiny message's round trip
//                       (structured clone cost); also v8.serialize/deserialize of the graph alone;
//     idle-worker     - RSS growth per worker parked in Atomics.wait.
//
// Prints `BENCH {json}` lines like the weft scripts (workload names start with "node-").
'use strict';

const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const v8 = require('v8');

function loadKernels() {
  globalThis.BENCH_KERNELS_ONLY = true;
  const file = path.join(__dirname, '..', 'parallel_self.js');
  vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
  return globalThis.BENCH_KERNELS;
}

const args = process.argv.slice(2);
function opt(name, dflt) {
  const i = args.indexOf('--' + name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
}
const report = (obj) => console.log('BENCH ' + JSON.stringify(obj));
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

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

// --- worker side ----------------------------------------------------------------------------

function workerMain() {
  const role = workerData.role;
  if (role === 'kernel') {
    const kernels = loadKernels();
    parentPort.on('message', (m) => {
      if (m.go) parentPort.postMessage({ sum: kernels[m.go](m.size) });
      else parentPort.close();
    });
    parentPort.postMessage({ ready: true });
  } else if (role === 'pong') {
    const a = new Int32Array(workerData.sab);
    for (let i = 0; i < workerData.total; i++) {
      while (Atomics.load(a, 0) !== 1) Atomics.wait(a, 0, 0);
      Atomics.store(a, 0, 0);
      Atomics.notify(a, 0);
    }
  } else if (role === 'echo') {
    parentPort.on('message', (m) => {
      if (m === 'exit') parentPort.close();
      else parentPort.postMessage(m.nodes ? m.nodes.length + m.head.id : 0);
    });
  } else if (role === 'park') {
    const a = new Int32Array(workerData.sab);
    Atomics.add(a, 1, 1);
    Atomics.notify(a, 1);
    while (Atomics.load(a, 0) === 0) Atomics.wait(a, 0, 0);
  }
}

// --- main side ------------------------------------------------------------------------------

const once = (w, ev) => new Promise((resolve) => w.once(ev, resolve));

async function parallel() {
  const n = Number(opt('threads', '1'));
  const size = Number(opt('size', '1'));
  const kernels = loadKernels();
  const names = opt('only', '') ? opt('only', '').split(',') : Object.keys(kernels);
  let bad = 0;
  for (const name of names) {
    const expected = kernels[name](size); // warm-up and reference, on the main thread
    const c0 = cpuSeconds();
    const t0 = performance.now();
    const workers = [];
    for (let i = 0; i < n; i++) workers.push(new Worker(__filename, { workerData: { role: 'kernel' } }));
    await Promise.all(workers.map((w) => once(w, 'message')));
    const t1 = performance.now();
    const done = workers.map((w) => once(w, 'message'));
    for (const w of workers) w.postMessage({ go: name, size });
    const sums = (await Promise.all(done)).map((m) => m.sum);
    const t2 = performance.now();
    const c1 = cpuSeconds();
    const exits = workers.map((w) => once(w, 'exit'));
    for (const w of workers) w.postMessage({ stop: true });
    await Promise.all(exits);
    const ok = sums.every((s) => s === expected);
    if (!ok) bad++;
    report({ workload: 'node-parallel-self', case: name, threads: n, size, seconds: (t2 - t0) / 1000,
      compute_seconds: (t2 - t1) / 1000, startup_seconds: (t1 - t0) / 1000, cpu: c1 - c0,
      checksum: expected, ok, jitless: process.execArgv.includes('--jitless') });
  }
  if (bad) throw new Error('node parallel-self: wrong checksum from a worker');
}

async function spawnCosts(reps) {
  const exitUs = [], messageUs = [];
  for (let i = 0; i < reps + 2; i++) {
    let t0 = performance.now();
    let w = new Worker('0', { eval: true });
    await once(w, 'exit');
    if (i >= 2) exitUs.push((performance.now() - t0) * 1000);
    t0 = performance.now();
    w = new Worker("require('worker_threads').parentPort.postMessage(1)", { eval: true });
    await once(w, 'message');
    if (i >= 2) messageUs.push((performance.now() - t0) * 1000);
    await once(w, 'exit');
  }
  report({ workload: 'node-latency', case: 'spawn-exit', spawns: reps, us: median(exitUs), ok: true });
  report({ workload: 'node-latency', case: 'spawn-message', spawns: reps, us: median(messageUs), ok: true });
}

function sabHandoff(rounds) {
  const warm = 200, total = warm + rounds;
  const sab = new SharedArrayBuffer(8);
  const a = new Int32Array(sab);
  const w = new Worker(__filename, { workerData: { role: 'pong', sab, total } });
  let t0 = 0;
  for (let i = 0; i < total; i++) {
    if (i === warm) t0 = performance.now();
    Atomics.store(a, 0, 1);
    Atomics.notify(a, 0);
    while (Atomics.load(a, 0) !== 0) Atomics.wait(a, 0, 1);
  }
  const t1 = performance.now();
  report({ workload: 'node-latency', case: 'handoff-sab', handoffs: 2 * rounds,
    us: ((t1 - t0) * 1000) / (2 * rounds), seconds: (t1 - t0) / 1000, ok: true });
  return once(w, 'exit');
}

async function graphPostMessage(reps) {
  const graph = buildGraph(100000);
  const w = new Worker(__filename, { workerData: { role: 'echo' } });
  const roundTrip = async (msg) => {
    const t0 = performance.now();
    const reply = once(w, 'message');
    w.postMessage(msg);
    const r = await reply;
    return [(performance.now() - t0) * 1000, r];
  };
  for (let i = 0; i < 20; i++) await roundTrip({ x: i }); // warm-up (also waits for start-up)
  const small = [];
  for (let i = 0; i < 50; i++) small.push((await roundTrip({ x: i }))[0]);
  const big = [];
  let ok = true;
  for (let i = 0; i < reps + 1; i++) {
    const [us, r] = await roundTrip(graph);
    if (r !== 100000 + 99999) ok = false;
    if (i > 0) big.push(us);
  }
  const exit = once(w, 'exit');
  w.postMessage('exit');
  await exit;
  let t0 = performance.now();
  const bytes = v8.serialize(graph);
  const serMs = performance.now() - t0;
  t0 = performance.now();
  v8.deserialize(bytes);
  const deserMs = performance.now() - t0;
  const a = median(big), b = median(small);
  report({ workload: 'node-latency', case: 'graph-postmessage', objects: 100000, us: a, empty_us: b,
    extra_us: a - b, serialize_ms: serMs, deserialize_ms: deserMs, bytes: bytes.length, ok });
}

async function idleWorkers(count) {
  const sab = new SharedArrayBuffer(8);
  const a = new Int32Array(sab);
  const before = process.memoryUsage().rss;
  const workers = [];
  for (let i = 0; i < count; i++) workers.push(new Worker(__filename, { workerData: { role: 'park', sab } }));
  while (Atomics.load(a, 1) < count) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  const after = process.memoryUsage().rss;
  const exits = workers.map((w) => once(w, 'exit'));
  Atomics.store(a, 0, 1);
  Atomics.notify(a, 0);
  await Promise.all(exits);
  report({ workload: 'node-latency', case: 'idle-worker', threads: count, rss_before_kb: before / 1024,
    rss_parked_kb: after / 1024, kb_per_thread: (after - before) / 1024 / count, ok: true });
}

async function latency() {
  const size = Number(opt('size', '1'));
  await spawnCosts(Math.max(3, Math.round(20 * size)));
  await sabHandoff(Math.max(10, Math.round(20000 * size)));
  await graphPostMessage(Math.max(3, Math.round(10 * size)));
  await idleWorkers(Number(opt('count', '20')));
}

if (!isMainThread) {
  workerMain();
} else {
  const mode = args[0];
  const run = mode === 'parallel' ? parallel : mode === 'latency' ? latency : null;
  if (run === null) {
    console.error('usage: node compare.js parallel|latency [options]');
    process.exit(2);
  }
  run().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}
