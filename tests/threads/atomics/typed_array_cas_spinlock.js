// Checks a spinlock built on Atomics.compareExchange over an Int32Array (SharedArrayBuffer): 4 threads x 1500 critical sections guarding plain property updates, never two inside, no lost update; synchronization correctness, holds in every interleaving.
var THREADS = 4, ITER = 1500;
var word = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
var UNLOCKED = 0, LOCKED = 1;
function acquire() {
    while (Atomics.compareExchange(word, 0, UNLOCKED, LOCKED) !== UNLOCKED) {
        // Spin on a load until free; in gil mode a spinning thread is handed over at safepoints.
        while (Atomics.load(word, 0) === LOCKED) {}
    }
}
function release() { Atomics.store(word, 0, UNLOCKED); }
var data = { count: 0, inside: 0, overlaps: 0, history: [] };
function worker(id) {
    for (var i = 0; i < ITER; i++) {
        acquire();
        try {
            data.inside = data.inside + 1;
            if (data.inside !== 1) data.overlaps = data.overlaps + 1;
            var v = data.count;
            data.count = v + 1;
            if (i % 100 === 0) data.history.push(id);
            data.inside = data.inside - 1;
        } finally {
            release();
        }
    }
}
var threads = [];
for (var t = 0; t < THREADS; t++) threads.push(new Thread(worker, t));
threads.forEach(function (th) { th.join(); });
assert.equal(data.overlaps, 0, "two threads were inside the spinlock at once");
assert.equal(data.count, THREADS * ITER, "no lost update");
assert.equal(data.history.length, THREADS * ITER / 100);
assert.equal(Atomics.load(word, 0), UNLOCKED);
