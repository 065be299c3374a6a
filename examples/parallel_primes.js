// Parallel prime sieve over one shared array.
//
//   weft examples/parallel_primes.js [THREADS] [LIMIT]
//
// Counts the primes below LIMIT (default 2,000,000) with a segmented sieve of Eratosthenes.
// The base primes up to sqrt(LIMIT) are found first on the main thread; then THREADS threads
// (default: the number of cores) take segments of [0, LIMIT) from a shared work counter,
// cross out composites in ONE shared Uint8Array and record each segment's prime count in a
// shared Array. The main thread joins them and adds the counts up (the reduce step).
//
// Nothing is copied to the threads: the closures below read `sieve`, `basePrimes`, `counts`
// and `work` straight from the main thread's heap. Segments do not overlap, so the threads
// never write the same element; the only shared counter is bumped with Atomics.add.
//
// The result is checked against a plain single-threaded sieve (and against the known count
// 148933 for the default limit); any difference throws.

const threadCount = scriptArgs.length > 0 ? Number(scriptArgs[0]) : navigator.hardwareConcurrency;
const limit = scriptArgs.length > 1 ? Number(scriptArgs[1]) : 2000000;
if (!(threadCount >= 1 && Number.isInteger(threadCount))) throw new RangeError("THREADS must be a positive integer");
if (!(limit >= 2 && Number.isInteger(limit))) throw new RangeError("LIMIT must be an integer >= 2");

// --- the serial reference ----------------------------------------------------------------

function serialCount(n) {
    const composite = new Uint8Array(n);
    let count = 0;
    for (let i = 2; i < n; i++) {
        if (composite[i]) continue;
        count++;
        for (let j = i * i; j < n; j += i) composite[j] = 1;
    }
    return count;
}

// --- the parallel sieve ------------------------------------------------------------------

// Base primes: every prime p with p * p < limit, found serially (there are few of them).
const root = Math.ceil(Math.sqrt(limit));
const basePrimes = [];
{
    const small = new Uint8Array(root + 1);
    for (let i = 2; i <= root; i++) {
        if (small[i]) continue;
        basePrimes.push(i);
        for (let j = i * i; j <= root; j += i) small[j] = 1;
    }
}

const segmentSize = 32768;
const segmentCount = Math.ceil(limit / segmentSize);
const sieve = new Uint8Array(limit);        // shared: 1 = composite, written by every thread
const counts = new Array(segmentCount).fill(0); // shared: primes found in each segment
const work = { next: 0 };                   // shared: index of the next segment to hand out
const perThread = new Array(threadCount).fill(0); // segments done by each thread (for the report)

function worker(slot) {
    let done = 0;
    for (;;) {
        const segment = Atomics.add(work, "next", 1); // take the next segment, atomically
        if (segment >= segmentCount) break;
        const low = segment * segmentSize;
        const high = Math.min(low + segmentSize, limit);
        for (let k = 0; k < basePrimes.length; k++) {
            const p = basePrimes[k];
            if (p * p >= high) break;
            // First multiple of p in [low, high) that is at least p * p.
            let start = Math.max(p * p, Math.ceil(low / p) * p);
            for (let j = start; j < high; j += p) sieve[j] = 1;
        }
        let found = 0;
        for (let i = Math.max(low, 2); i < high; i++) if (!sieve[i]) found++;
        counts[segment] = found;
        done++;
    }
    perThread[slot] = done;
}

const t0 = performance.now();
const threads = [];
for (let i = 0; i < threadCount; i++) threads.push(new Thread(worker, i));
for (const t of threads) t.join(); // join: everything the thread wrote is now visible here
const total = counts.reduce((a, b) => a + b, 0);
const parallelMs = performance.now() - t0;

const t1 = performance.now();
const expected = serialCount(limit);
const serialMs = performance.now() - t1;

// --- checks ------------------------------------------------------------------------------

if (total !== expected) throw new Error(`parallel count ${total} differs from serial count ${expected}`);
if (limit === 2000000 && expected !== 148933) throw new Error(`serial count ${expected}, expected 148933`);
if (perThread.reduce((a, b) => a + b, 0) !== segmentCount) throw new Error("a segment was lost or done twice");
// Spot-check the shared array itself against trial division.
for (let i = 2; i < limit; i += Math.max(1, Math.floor(limit / 997))) {
    let prime = true;
    for (let d = 2; d * d <= i; d++) if (i % d === 0) { prime = false; break; }
    if (prime !== !sieve[i]) throw new Error(`sieve[${i}] is wrong`);
}

print(`primes below ${limit}: ${total}`);
print(`${threadCount} thread${threadCount === 1 ? "" : "s"}, ${segmentCount} segments (per thread: ${perThread.join(", ")})`);
print(`parallel ${parallelMs.toFixed(0)} ms, serial ${serialMs.toFixed(0)} ms — OK`);
