// Threads write disjoint far-apart indices of ONE shared array (so its elements go sparse) and delete some of their own; afterwards exactly the expected indices are present with their values and length is one past the largest (synchronization correctness: no lost element write or delete).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var arr = [0];
var THREADS = 4, PER = 200;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        for (var k = 0; k < PER; k++) {
            var i = 1 + (k * THREADS + id) * 997;
            arr[i] = id * 10000 + k;
        }
        for (var k = 0; k < PER; k += 4) {
            var i = 1 + (k * THREADS + id) * 997;
            assert.equal(delete arr[i], true);
            assert.equal(i in arr, false, "own delete visible");
        }
    }, t));
}
workers.forEach(function (w) { w.join(); });
var maxIndex = 1 + ((PER - 1) * THREADS + (THREADS - 1)) * 997;
assert.equal(arr.length, maxIndex + 1, "length");
var present = 0;
for (var t = 0; t < THREADS; t++) {
    for (var k = 0; k < PER; k++) {
        var i = 1 + (k * THREADS + t) * 997;
        if (k % 4 === 0) {
            assert.equal(i in arr, false, "deleted index " + i);
        } else {
            assert.equal(arr[i], t * 10000 + k, "value at " + i);
            present++;
        }
    }
}
var keys = Object.keys(arr);
assert.equal(keys.length, present + 1, "own index keys");
for (var j = 1; j < keys.length; j++) assert(+keys[j - 1] < +keys[j], "index keys ascending");
var forEachCount = 0;
arr.forEach(function () { forEachCount++; });
assert.equal(forEachCount, present + 1, "forEach skips holes");
