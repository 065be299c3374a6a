// shared-read: the main thread builds one object graph (120,000 nodes plus their metadata objects
// and child arrays, about 360,000 objects), then N threads each traverse all of it the same number
// of times, reading only. Measures whether reads of shared objects scale: speedup(N) =
// N * T(1) / T(N), since every thread does the same work.
//
// Usage: weft bench/threads/shared_read.js [--threads N] [--size X] [--nodes COUNT]
// Prints one `BENCH {json}` line and a final `checksum: <hex>` line.
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

// Two node classes (so reads see two shapes), each with a metadata object, a name string, a
// `next` link threading every node in build order, and an array of 0-3 links to earlier nodes.
class Item {
  constructor(id, value) {
    this.id = id;
    this.value = value;
    this.weight = (id % 97) * 0.25;
    this.name = 'item' + (id % 1000);
    this.meta = { level: id % 13, flags: id & 7 };
    this.kids = [];
    this.next = null;
  }
}

class Group {
  constructor(id, value) {
    this.id = id;
    this.value = value;
    this.meta = { level: id % 7, flags: (id >>> 3) & 7 };
    this.kids = [];
    this.name = 'group' + (id % 100);
    this.next = null;
  }
}

function buildGraph(count) {
  let seed = 12345;
  const all = new Array(count);
  let prev = null;
  for (let i = 0; i < count; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    const n = i % 5 === 0 ? new Group(i, seed % 1000) : new Item(i, seed % 1000);
    const kidCount = i === 0 ? 0 : seed % 4;
    for (let k = 0; k < kidCount; k++) n.kids.push(all[(seed >>> (k * 4 + 2)) % i]);
    all[i] = n;
    if (prev !== null) prev.next = n;
    prev = n;
  }
  return { head: all[0], all, count };
}

// One full read of the graph: follows the `next` chain over every node, reading its fields, its
// metadata object, its children, and (through the index array) one strided node.
function traverse(graph) {
  let h = 0;
  let sum = 0;
  const all = graph.all;
  const count = graph.count;
  let j = 0;
  for (let n = graph.head; n !== null; n = n.next) {
    sum += n.value + n.meta.level;
    const kids = n.kids;
    for (let k = 0; k < kids.length; k++) sum += kids[k].id & 15;
    if ((n.id & 15) === 0) {
      j += 7919;
      if (j >= count) j -= count;
      const o = all[j];
      h = mix(h, sum + o.name.length + o.meta.flags);
    }
  }
  return mix(h, sum);
}

function reader(graph, passes) {
  let h = 0;
  for (let p = 0; p < passes; p++) h = mix(h, traverse(graph));
  return h >>> 0;
}

function main() {
  const n = Number(HOST.opt('threads', '1'));
  const size = Number(HOST.opt('size', '1'));
  const nodes = Number(HOST.opt('nodes', '120000'));
  const passes = Math.max(1, Math.round(12 * size));
  const b0 = performance.now();
  const graph = buildGraph(nodes);
  const b1 = performance.now();
  // Warm-up and reference: the same read work once on the main thread.
  const expected = reader(graph, passes);
  const w1 = performance.now();
  const c0 = HOST.cpuSeconds();
  const t0 = performance.now();
  const threads = [];
  for (let i = 0; i < n; i++) threads.push(new Thread(reader, graph, passes));
  const sums = threads.map((t) => t.join());
  const t1 = performance.now();
  const c1 = HOST.cpuSeconds();
  const ok = sums.every((s) => s === expected);
  HOST.report({
    workload: 'shared-read',
    case: 'traverse',
    allocating: false,
    threads: n,
    size,
    nodes,
    objects: nodes * 3,
    seconds: (t1 - t0) / 1000,
    cpu: c0 === null ? null : c1 - c0,
    build_seconds: (b1 - b0) / 1000,
    main_seconds: (w1 - b1) / 1000,
    checksum: expected,
    ok,
    got: ok ? undefined : sums,
  });
  HOST.out('checksum: ' + expected.toString(16));
  if (!ok) throw new Error('shared-read: a thread read a different checksum');
}

main();
