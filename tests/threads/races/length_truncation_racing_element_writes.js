// One thread repeatedly truncates ONE array (length = small) while others write elements and push; afterwards every present element holds a value written to that index, nothing exists at or past length, and regrowing length exposes only holes, never stale values (soundness invariant: the final contents depend on the interleaving).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var arr = [];
var WRITERS = 3, N = 2000;
var truncator = new Thread(function () {
    arriveAndWait(WRITERS + 1);
    for (var i = 0; i < 300; i++) {
        arr.length = i % 7;
        var len = arr.length;
        assert(len >= 0 && len <= 5000, "length read back in range: " + len);
    }
});
var writers = [];
for (var t = 0; t < WRITERS; t++) {
    writers.push(new Thread(function (id) {
        arriveAndWait(WRITERS + 1);
        for (var k = 0; k < N; k++) {
            var i = k % 1000;
            if (id === 0) arr.push(100000 + k);
            else arr[i] = i * 10 + id;            // encodes its index and writer
            var len = arr.length;
            assert(len >= 0, "length non-negative");
        }
    }, t));
}
truncator.join();
writers.forEach(function (w) { w.join(); });
function legal(i, v) {
    if (v >= 100000) return v < 100000 + N;     // a pushed value may sit at any index
    return v === i * 10 + 1 || v === i * 10 + 2;
}
var len = arr.length;
assert(len <= 1000 + WRITERS * N, "length bounded");
for (var i = 0; i < len; i++) if (i in arr) assert(legal(i, arr[i]), "element " + i + " = " + arr[i]);
var keys = Object.keys(arr);
keys.forEach(function (k) { assert(+k < len, "own index " + k + " at or past length " + len); });
// Regrow: every index past the old length must be a hole.
arr.length = len + 3000;
for (var i = len; i < len + 3000; i++) assert.equal(i in arr, false, "stale element exposed at " + i + " after regrowth");
assert.equal(Object.keys(arr).length, keys.length, "regrowth added no elements");
// Truncate to zero and rebuild: a clean array again.
arr.length = 0;
for (var i = 0; i < 50; i++) arr[i] = i;
for (var i = 0; i < 50; i++) assert.equal(arr[i], i);
assert.equal(arr.length, 50);
