// A shared in-memory cache hit by several threads at once.
//
//   weft examples/shared_cache.js [THREADS] [LOOKUPS_PER_THREAD]
//
// The expensive value: for block k, the number in [k * BLOCK + 1, (k + 1) * BLOCK] with the
// longest Collatz chain, and that chain's length. THREADS threads each look up
// LOOKUPS_PER_THREAD keys (default 400) in their own pseudo-random order, so they often want
// the same key at the same moment. Two caches are tried in turn:
//
// 1. LockedCache: one Map guarded by a Lock. A miss puts an "in flight" entry into the Map
//    and computes outside the lock, so different keys are computed in parallel; a thread
//    that finds the key in flight waits on a Condition (in a loop) instead of computing it
//    again. Each key is computed exactly once.
// 2. AtomicCache: no lock at all. Each key has a state property on a plain object
//    (0 = empty, 1 = computing, 2 = ready); a thread claims a key with
//    Atomics.compareExchange, publishes the value with Atomics.store and wakes waiters with
//    Atomics.notify; the others Atomics.wait on the property. Also exactly once per key.
//
// Hit, miss and wait counters are properties of a plain object bumped with Atomics.add (a
// plain `stats.hits++` from several threads could lose increments). The program checks every
// value against a serial computation, that all threads got the very same value object for a
// key, that each key was computed at most once, and that the counters add up; it throws
// otherwise.

const threadCount = scriptArgs.length > 0 ? Number(scriptArgs[0]) : navigator.hardwareConcurrency;
const lookupsPerThread = scriptArgs.length > 1 ? Number(scriptArgs[1]) : 400;
if (!(threadCount >= 1 && Number.isInteger(threadCount))) throw new RangeError("THREADS must be a positive integer");
if (!(lookupsPerThread >= 0 && Number.isInteger(lookupsPerThread))) throw new RangeError("LOOKUPS_PER_THREAD must be an integer >= 0");

const KEYS = 64;
const BLOCK = 300;

function longestChain(k) {
    let best = 0, bestN = 0;
    for (let n = k * BLOCK + 1; n <= (k + 1) * BLOCK; n++) {
        let m = n, steps = 0;
        while (m !== 1) {
            m = m % 2 === 0 ? m / 2 : 3 * m + 1;
            steps++;
        }
        if (steps > best) { best = steps; bestN = n; }
    }
    return { n: bestN, steps: best };
}

class LockedCache {
    constructor(compute) {
        this.compute = compute;
        this.map = new Map(); // key -> { done, value, error }
        this.lock = new Lock();
        this.ready = new Condition();
        this.stats = { hits: 0, misses: 0, waits: 0 };
        this.computed = new Array(KEYS).fill(0); // how many times each key was computed
    }
    get(key) {
        let entry, mine = false;
        this.lock.hold(() => {
            entry = this.map.get(key);
            if (entry === undefined) {
                entry = { done: false, value: undefined, error: undefined };
                this.map.set(key, entry); // claim the key while holding the lock
                mine = true;
                Atomics.add(this.stats, "misses", 1);
            } else if (entry.done) {
                Atomics.add(this.stats, "hits", 1);
            } else {
                Atomics.add(this.stats, "waits", 1);
                while (!entry.done) this.ready.wait(this.lock); // re-check after every wake-up
            }
        });
        if (mine) {
            // Compute without the lock, so other keys go on in parallel.
            Atomics.add(this.computed, key, 1);
            let value, error, failed = false;
            try { value = this.compute(key); } catch (e) { error = e; failed = true; }
            this.lock.hold(() => {
                entry.value = value;
                entry.error = error;
                entry.done = true;
                if (failed) this.map.delete(key); // a later lookup tries again
                this.ready.notifyAll();
            });
        }
        if (entry.error !== undefined) throw entry.error;
        return entry.value;
    }
}

class AtomicCache {
    constructor(compute) {
        this.compute = compute;
        this.state = {};  // key -> 0 empty, 1 computing, 2 ready
        this.values = new Array(KEYS).fill(undefined); // key -> value, written before state becomes 2
        for (let k = 0; k < KEYS; k++) this.state[k] = 0; // Atomics need the properties to exist
        this.stats = { hits: 0, misses: 0, waits: 0 };
        this.computed = new Array(KEYS).fill(0);
    }
    get(key) {
        const seen = Atomics.compareExchange(this.state, key, 0, 1);
        if (seen === 0) {
            Atomics.add(this.stats, "misses", 1);
            Atomics.add(this.computed, key, 1);
            this.values[key] = this.compute(key); // (no error recovery in this variant)
            Atomics.store(this.state, key, 2); // publishes values[key] to whoever loads 2
            Atomics.notify(this.state, key);
        } else if (seen === 2) {
            Atomics.add(this.stats, "hits", 1);
        } else {
            Atomics.add(this.stats, "waits", 1);
            while (Atomics.load(this.state, key) !== 2) Atomics.wait(this.state, key, 1);
        }
        return this.values[key];
    }
}

// Each thread looks up keys in its own pseudo-random order and keeps what it got.
function client(cache, seed) {
    const got = new Array(KEYS);
    let x = seed * 2654435761 % 4294967296 + 1;
    for (let i = 0; i < lookupsPerThread; i++) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        const key = i < KEYS ? (i + seed * 7) % KEYS : x % KEYS; // a full sweep first, then random
        const value = cache.get(key);
        if (got[key] !== undefined && got[key] !== value) throw new Error(`key ${key} changed its value`);
        got[key] = value;
    }
    return got;
}

const expected = [];
const ts = performance.now();
for (let k = 0; k < KEYS; k++) expected.push(longestChain(k));
const serialMs = performance.now() - ts;

function run(name, cache) {
    const t0 = performance.now();
    const threads = [];
    for (let t = 0; t < threadCount; t++) threads.push(new Thread(client, cache, t));
    const results = threads.map((t) => t.join());
    const ms = performance.now() - t0;

    const s = cache.stats;
    const lookups = threadCount * lookupsPerThread;
    if (s.hits + s.misses + s.waits !== lookups) throw new Error(`${name}: counters add up to ${s.hits + s.misses + s.waits}, not ${lookups}`);
    let distinct = 0;
    for (let k = 0; k < KEYS; k++) {
        const times = cache.computed[k];
        if (times > 1) throw new Error(`${name}: key ${k} was computed ${times} times`);
        if (times === 0) continue;
        distinct++;
        let shared;
        for (const got of results) {
            const v = got[k];
            if (v === undefined) continue;
            if (v.n !== expected[k].n || v.steps !== expected[k].steps) throw new Error(`${name}: wrong value for key ${k}`);
            if (shared !== undefined && v !== shared) throw new Error(`${name}: threads got different objects for key ${k}`);
            shared = v;
        }
    }
    if (s.misses !== distinct) throw new Error(`${name}: ${s.misses} misses but ${distinct} keys computed`);
    print(`${name}: ${lookups} lookups, ${s.misses} computed, ${s.hits} hits, ${s.waits} waited for another thread; ${ms.toFixed(0)} ms`);
}

print(`${threadCount} thread${threadCount === 1 ? "" : "s"}, ${KEYS} keys, serial computation of all keys ${serialMs.toFixed(0)} ms`);
run("LockedCache", new LockedCache(longestChain));
run("AtomicCache", new AtomicCache(longestChain));
let best = expected[0];
for (const e of expected) if (e.steps > best.steps) best = e;
print(`longest chain below ${KEYS * BLOCK + 1}: ${best.n} (${best.steps} steps); each key computed once — OK`);
