// Checks that Atomics add/sub/and/or/xor/compareExchange on shared object properties are indivisible: 4 threads plus main hammer the same keys and the exact totals and masks result; synchronization correctness, holds in every interleaving.
var THREADS = 4, ITER = 4000, CAS_ITER = 1000;
var o = { add: 0, sub: 0, cas: 0, mask: 0, toggles: 0, clear: -1, frac: 0 };
Atomics.store(o, 7, 0); // key 7, used as the number 7 and as the string "7"
function worker(id) {
    var bit = 1 << id;
    for (var i = 0; i < ITER; i++) {
        Atomics.add(o, "add", 1);
        Atomics.sub(o, "sub", 2);
        Atomics.add(o, (i & 1) ? 7 : "7", 1);
        Atomics.add(o, "frac", 0.5);
        Atomics.or(o, "mask", bit);
        Atomics.xor(o, "toggles", bit); // an even number of toggles per thread
    }
    Atomics.and(o, "clear", ~bit);
    for (var i = 0; i < CAS_ITER; i++) {
        var old;
        do { old = Atomics.load(o, "cas"); } while (Atomics.compareExchange(o, "cas", old, old + 1) !== old);
    }
    return id;
}
var threads = [];
for (var t = 0; t < THREADS; t++) threads.push(new Thread(worker, t));
worker(THREADS); // the main thread takes part as id 4
threads.forEach(function (th, t) { assert.equal(th.join(), t); });
var N = THREADS + 1;
assert.equal(o.add, N * ITER, "add");
assert.equal(o.sub, -2 * N * ITER, "sub");
assert.equal(o["7"], N * ITER, "numeric and string key 7 are one property");
assert.equal(o.frac, N * ITER * 0.5, "fractional adds (exact in binary)");
assert.equal(o.mask, (1 << N) - 1, "or of every thread's bit");
assert.equal(o.toggles, 0, "xor toggles cancel");
assert.equal(o.clear, ~((1 << N) - 1), "and cleared every thread's bit");
assert.equal(o.cas, N * CAS_ITER, "CAS increment loop");
