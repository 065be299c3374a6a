// Threads push and pop ONE shared array with no lock; pop is not indivisible so values may be lost or popped twice, but every popped value is undefined or a pushed value, the remaining elements are pushed values, and the length stays in bounds (crash-freedom/soundness invariant only).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var arr = [];
var THREADS = 4, PER = 1500;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        var popped = [];
        for (var k = 0; k < PER; k++) {
            arr.push(id * PER + k);
            if (k & 1) popped.push(arr.pop());
            if (k % 7 === 0) {
                var len = arr.length;
                assert(len >= 0 && len <= THREADS * PER, "length in bounds: " + len);
            }
        }
        return popped;
    }, t));
}
function isPushed(v) { return typeof v === "number" && v >= 0 && v < THREADS * PER && v === Math.floor(v); }
workers.forEach(function (w) {
    w.join().forEach(function (v) {
        assert(v === undefined || isPushed(v), "popped value is a pushed value or undefined: " + v);
    });
});
assert(arr.length <= THREADS * PER, "final length in bounds");
for (var i = 0; i < arr.length; i++) {
    if (i in arr) assert(isPushed(arr[i]), "remaining element " + i + " is a pushed value: " + arr[i]);
    else assert.equal(arr[i], undefined);
}
// The array is still an ordinary working array.
arr.length = 0;
arr.push(1, 2, 3);
assert.deepEqual(arr, [1, 2, 3]);
