// A multi-stage producer/consumer pipeline built from Lock and Condition.
//
//   weft examples/pipeline.js [WORKERS] [ITEMS]
//
//   producers (2 x WORKERS threads) --raw--> router (1 thread) --shard[k]--> workers
//       (WORKERS threads)
//       --results--> sink (the main thread)
//
// Every arrow is a BoundedQueue: a plain array guarded by a Lock, with one Condition for
// "not empty" and one for "not full", so a fast stage blocks instead of running ahead.
// The router sends all items of one producer to the same worker (producer p to worker
// p % WORKERS), so each producer's items stay in order end to end while the workers run in
// parallel. ITEMS (default 16000) is the total, split evenly among the producers.
//
// Shutdown uses a poison pill: each producer ends with an END marker; once the router has
// seen every producer's END it puts POISON into every shard; each worker passes it on to
// the results queue and returns; the sink stops after one POISON per worker. The markers
// are plain objects compared by identity — they are the same objects on every thread.
//
// The sink checks that every item arrived exactly once, in per-producer order, with the
// value a serial computation gives; any failure throws.

const workerCount = scriptArgs.length > 0 ? Number(scriptArgs[0]) : navigator.hardwareConcurrency;
const totalItems = scriptArgs.length > 1 ? Number(scriptArgs[1]) : 16000;
if (!(workerCount >= 1 && Number.isInteger(workerCount))) throw new RangeError("WORKERS must be a positive integer");
if (!(totalItems >= 0 && Number.isInteger(totalItems))) throw new RangeError("ITEMS must be an integer >= 0");
const producerCount = 2 * workerCount;
const itemsPerProducer = Math.ceil(totalItems / producerCount);

class BoundedQueue {
    constructor(capacity) {
        this.capacity = capacity;
        this.items = [];
        this.head = 0; // items[head..] are queued; the front is dropped lazily
        this.lock = new Lock();
        this.notEmpty = new Condition();
        this.notFull = new Condition();
    }
    size() { return this.items.length - this.head; }
    put(item) {
        this.lock.hold(() => {
            while (this.size() >= this.capacity) this.notFull.wait(this.lock); // always in a loop
            this.items.push(item);
            this.notEmpty.notify();
        });
    }
    take() {
        return this.lock.hold(() => {
            while (this.size() === 0) this.notEmpty.wait(this.lock);
            const item = this.items[this.head];
            this.items[this.head++] = undefined;
            if (this.head > 1024 && this.head * 2 > this.items.length) {
                this.items = this.items.slice(this.head);
                this.head = 0;
            }
            this.notFull.notify();
            return item;
        });
    }
}

const END = { marker: "END" };       // one producer is finished
const POISON = { marker: "POISON" }; // the stage receiving it must stop

// The work each item needs: the number of Collatz steps from n down to 1.
function collatzSteps(n) {
    let steps = 0;
    while (n !== 1) {
        n = n % 2 === 0 ? n / 2 : 3 * n + 1;
        steps++;
    }
    return steps;
}
const inputOf = (producer, seq) => 1 + ((producer * 7919 + seq * 104729) % 1000003);

const raw = new BoundedQueue(64);
const shards = [];
for (let k = 0; k < workerCount; k++) shards.push(new BoundedQueue(32));
const results = new BoundedQueue(64);

function producer(id) {
    for (let seq = 0; seq < itemsPerProducer; seq++) raw.put({ producer: id, seq, n: inputOf(id, seq) });
    raw.put(END);
}

function router() {
    let finished = 0;
    while (finished < producerCount) {
        const item = raw.take();
        if (item === END) { finished++; continue; }
        shards[item.producer % workerCount].put(item);
    }
    for (const shard of shards) shard.put(POISON);
}

function worker(k) {
    let handled = 0;
    for (;;) {
        const item = shards[k].take();
        if (item === POISON) break;
        item.steps = collatzSteps(item.n); // the same object travels through every stage
        item.worker = k;
        results.put(item);
        handled++;
    }
    results.put(POISON);
    return handled;
}

const t0 = performance.now();
const threads = [];
for (let p = 0; p < producerCount; p++) threads.push(new Thread(producer, p));
threads.push(new Thread(router));
const workers = [];
for (let k = 0; k < workerCount; k++) workers.push(new Thread(worker, k));

// The sink: the main thread consumes the last queue.
const nextSeq = new Array(producerCount).fill(0);
let received = 0;
let poisons = 0;
while (poisons < workerCount) {
    const item = results.take();
    if (item === POISON) { poisons++; continue; }
    if (item.seq !== nextSeq[item.producer])
        throw new Error(`producer ${item.producer}: got item ${item.seq}, expected ${nextSeq[item.producer]}`);
    nextSeq[item.producer]++;
    if (item.worker !== item.producer % workerCount) throw new Error("item went to the wrong shard");
    if (item.steps !== collatzSteps(inputOf(item.producer, item.seq)))
        throw new Error(`wrong result for producer ${item.producer} item ${item.seq}`);
    received++;
}
for (const t of threads) t.join();
const handled = workers.map((t) => t.join());
const ms = performance.now() - t0;

// --- checks ------------------------------------------------------------------------------

for (let p = 0; p < producerCount; p++)
    if (nextSeq[p] !== itemsPerProducer) throw new Error(`producer ${p}: ${nextSeq[p]} of ${itemsPerProducer} items arrived`);
if (received !== producerCount * itemsPerProducer) throw new Error(`received ${received} items`);
if (handled.reduce((a, b) => a + b, 0) !== received) throw new Error("workers handled a different number of items");
for (const q of [raw, results, ...shards]) if (q.size() !== 0) throw new Error("a queue is not empty at the end");

print(`${received} items from ${producerCount} producers through router -> ${workerCount} worker${workerCount === 1 ? "" : "s"} -> sink`);
print(`per worker: ${handled.join(", ")}; every item exactly once, in order per producer; ${ms.toFixed(0)} ms — OK`);
