// Checks Atomics.add/sub/or/xor on an Int32Array over a SharedArrayBuffer from 4 threads plus main: exact totals per index, int32 wrap-around of a shared counter, per-thread bits; synchronization correctness, holds in every interleaving.
var THREADS = 4, ITER = 5000;
var ta = new Int32Array(new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
ta[3] = 2147483647 - 2 * ITER; // will wrap past the int32 maximum
function worker(id) {
    for (var i = 0; i < ITER; i++) {
        Atomics.add(ta, 0, 1);
        Atomics.sub(ta, 1, 1);
        Atomics.add(ta, 2, id + 1);
        Atomics.add(ta, 3, 1);
        Atomics.or(ta, 4, 1 << id);
        Atomics.xor(ta, 5, 1 << id);
    }
    // A view made by the thread over the same buffer sees the same memory.
    var view = new Int32Array(ta.buffer);
    Atomics.add(view, 6, 1);
    return id;
}
var threads = [];
for (var t = 0; t < THREADS; t++) threads.push(new Thread(worker, t));
worker(THREADS);
threads.forEach(function (th, t) { assert.equal(th.join(), t); });
var N = THREADS + 1;
assert.equal(Atomics.load(ta, 0), N * ITER, "add");
assert.equal(Atomics.load(ta, 1), -N * ITER, "sub");
assert.equal(Atomics.load(ta, 2), ITER * N * (N + 1) / 2, "add of per-thread amounts");
// int32 arithmetic: (2^31 - 1 - 2*ITER) + N*ITER wraps around modulo 2^32.
assert.equal(Atomics.load(ta, 3), ((2147483647 - 2 * ITER + N * ITER) | 0), "wrap-around");
assert(Atomics.load(ta, 3) < 0, "wrapped to negative");
assert.equal(Atomics.load(ta, 4), (1 << N) - 1, "or");
assert.equal(Atomics.load(ta, 5), 0, "xor toggled an even number of times");
assert.equal(Atomics.load(ta, 6), N, "views over the same buffer");
assert.equal(ta[7], 0, "untouched index");
