// One thread adds properties while another deletes them and a third reads, all on ONE object; a read sees undefined or the value written for that key, untouched keys never disappear or change, and keys only the adder wrote are all present at the end (soundness invariant for the racing keys; synchronization correctness for the untouched ones).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var obj = {};
var STABLE = 20, N = 1500;
for (var s = 0; s < STABLE; s++) obj["stable" + s] = s * 11;
var adder = new Thread(function () {
    arriveAndWait(3);
    for (var k = 0; k < N; k++) {
        obj["r" + k] = k;          // racing: the deleter may remove it
        obj["kept" + k] = -k;      // never deleted by anyone
    }
});
var deleter = new Thread(function () {
    arriveAndWait(3);
    var deleted = 0;
    for (var pass = 0; pass < 3; pass++)
        for (var k = 0; k < N; k++)
            if (delete obj["r" + k] !== true) throw new Error("delete of a configurable property must return true");
});
var reader = new Thread(function () {
    arriveAndWait(3);
    for (var pass = 0; pass < 3; pass++) {
        for (var k = 0; k < N; k++) {
            var v = obj["r" + k];
            assert(v === undefined || v === k, "racy read of r" + k + " gave " + v);
            var w = obj["kept" + (N - 1 - k)];
            assert(w === undefined || w === -(N - 1 - k), "racy read of kept key gave " + w);
            var s = k % STABLE;
            assert.equal(obj["stable" + s], s * 11, "stable key changed or vanished");
        }
        var keys = Object.keys(obj);
        for (var i = 0; i < keys.length; i++) assert.equal(typeof keys[i], "string");
    }
});
adder.join(); deleter.join(); reader.join();
for (var s = 0; s < STABLE; s++) assert.equal(obj["stable" + s], s * 11, "stable" + s);
for (var k = 0; k < N; k++) {
    assert.equal(obj["kept" + k], -k, "kept" + k + " lost");
    var v = obj["r" + k];
    assert(v === undefined || v === k, "final r" + k + " = " + v);
    assert.equal("r" + k in obj, v !== undefined, "in agrees with get for r" + k);
}
var keys = Object.keys(obj);
assert.equal(new Set(keys).size, keys.length, "no duplicate keys");
var rCount = 0;
keys.forEach(function (k) { if (k[0] === "r") rCount++; });
assert.equal(keys.length, STABLE + N + rCount, "Object.keys counts every present key once");
