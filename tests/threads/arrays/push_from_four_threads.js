// Four threads push distinct values onto ONE shared plain array at once; the final length is the total number of pushes and every value is present exactly once (synchronization correctness of Weft's indivisible Array.prototype.push on plain extensible arrays; each thread's own values keep their order).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var arr = [];
var THREADS = 4, PER = 2000;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        var lastLength = 0;
        for (var k = 0; k < PER; k++) {
            var len = arr.push(id * PER + k);
            assert(len > lastLength, "push returns a growing length on one thread");
            assert(len <= THREADS * PER, "push length bounded by total pushes");
            lastLength = len;
        }
        return lastLength;
    }, t));
}
workers.forEach(function (w) { w.join(); });
assert.equal(arr.length, THREADS * PER, "final length");
var count = new Array(THREADS * PER).fill(0);
var lastSeen = [-1, -1, -1, -1];
for (var i = 0; i < arr.length; i++) {
    assert(i in arr, "no hole at " + i);
    var v = arr[i];
    assert.equal(typeof v, "number", "element type at " + i);
    assert(v >= 0 && v < THREADS * PER && v === Math.floor(v), "element in range at " + i);
    count[v]++;
    var id = Math.floor(v / PER);
    assert(v > lastSeen[id], "per-thread order preserved");
    lastSeen[id] = v;
}
for (var v = 0; v < THREADS * PER; v++) assert.equal(count[v], 1, "value " + v + " present exactly once");

// push with several arguments appends them contiguously (one indivisible push call per thread).
var multi = [];
var pushers = [];
for (var t = 0; t < THREADS; t++) {
    pushers.push(new Thread(function (id) {
        for (var k = 0; k < 200; k++) multi.push(id, id, id);
    }, t));
}
pushers.forEach(function (w) { w.join(); });
assert.equal(multi.length, THREADS * 200 * 3);
var perThread = [0, 0, 0, 0];
for (var i = 0; i < multi.length; i++) perThread[multi[i]]++;
assert.deepEqual(perThread, [600, 600, 600, 600]);
