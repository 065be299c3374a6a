// Typed arrays (on an ArrayBuffer and on a SharedArrayBuffer) are shared by threads: Atomics.add on one element from all threads loses no update, plain writes to disjoint elements are all present after join, and typed-array views made on a thread see the same memory (synchronization correctness).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var THREADS = 4, PER = 2000;
var sab = new SharedArrayBuffer(4 * (THREADS * PER + 2));
var counters = new Int32Array(sab);
var plain = new Float64Array(THREADS * PER);
var bytes = new Uint8Array(THREADS * 64);
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        for (var k = 0; k < PER; k++) {
            Atomics.add(counters, 0, 1);
            Atomics.sub(counters, 1, 2);
            counters[2 + k * THREADS + id] = id + 1;
            plain[k * THREADS + id] = id + k / 4;
        }
        for (var b = 0; b < 64; b++) bytes[id * 64 + b] = (id * 64 + b) & 255;
        // A new view over the same shared buffer, made on this thread.
        var view = new Int32Array(sab, 8, 4);
        return view;
    }, t));
}
var views = workers.map(function (w) { return w.join(); });
assert.equal(Atomics.load(counters, 0), THREADS * PER, "no lost Atomics.add");
assert.equal(counters[1], -2 * THREADS * PER, "no lost Atomics.sub");
for (var k = 0; k < PER; k++) {
    for (var t = 0; t < THREADS; t++) {
        assert.equal(counters[2 + k * THREADS + t], t + 1, "disjoint int32 write");
        assert.equal(plain[k * THREADS + t], t + k / 4, "disjoint float64 write");
    }
}
for (var i = 0; i < THREADS * 64; i++) assert.equal(bytes[i], i & 255, "byte " + i);
views.forEach(function (v) {
    assert.equal(v.buffer, sab, "view made on a thread is over the same buffer");
    assert.equal(v[0], counters[2]);
});
// Reads of a typed array from threads after the parent's writes (start order) and TypedArray methods from threads.
var source = new Int16Array(1000);
for (var i = 0; i < 1000; i++) source[i] = i - 500;
var r = new Thread(function () {
    var s = 0;
    for (var i = 0; i < source.length; i++) s += source[i];
    var sorted = source.slice().sort();
    return [s, sorted[0], sorted[999], source.indexOf(0), source.subarray(10, 20).length];
}).join();
assert.deepEqual(r, [-500, -500, 499, 500, 10]);
