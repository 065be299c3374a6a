// Threads add and then delete many disjoint keys on ONE shared object (driving it into dictionary mode); afterwards exactly the kept keys remain with their values (synchronization correctness via join; no racing add/delete may lose another thread's key).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var shared = { base: "kept" };
var THREADS = 4, PER = 300;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        var prefix = "k" + id + "_";
        for (var k = 0; k < PER; k++) shared[prefix + k] = k;
        // delete two of every three; check own reads along the way
        for (var k = 0; k < PER; k++) {
            if (k % 3 !== 0) {
                assert.equal(delete shared[prefix + k], true, "delete returns true");
                assert.equal(shared[prefix + k], undefined, "own delete visible");
                assert.equal(prefix + k in shared, false, "own delete visible to in");
            } else {
                assert.equal(shared[prefix + k], k, "own write visible");
            }
        }
        // re-add a few deleted keys with new values
        for (var k = 1; k < PER; k += 30) shared[prefix + k] = -k;
    }, t));
}
workers.forEach(function (w) { w.join(); });

var expected = { base: "kept" };
for (var t = 0; t < THREADS; t++) {
    for (var k = 0; k < PER; k++) {
        if (k % 3 === 0) expected["k" + t + "_" + k] = k;
    }
    for (var k = 1; k < PER; k += 30) expected["k" + t + "_" + k] = -k;
}
var actualKeys = Object.keys(shared).sort();
var expectedKeys = Object.keys(expected).sort();
assert.deepEqual(actualKeys, expectedKeys, "key set");
for (var key of expectedKeys) assert.equal(shared[key], expected[key], "value of " + key);
assert.equal(Object.getOwnPropertyNames(shared).length, expectedKeys.length, "getOwnPropertyNames agrees");
var forIn = 0;
for (var key in shared) forIn++;
assert.equal(forIn, expectedKeys.length, "for-in agrees");
// The object still works normally after the storm.
shared.after = 1;
assert.equal(shared.after, 1);
delete shared.base;
assert.equal("base" in shared, false);
