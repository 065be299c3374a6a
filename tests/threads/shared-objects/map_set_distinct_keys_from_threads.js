// N threads Map.set / Set.add distinct keys (strings, numbers, objects) into ONE shared Map and Set while others read and delete their own keys; afterwards none is lost or duplicated and values match (synchronization correctness: Map and Set operations are each indivisible).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var map = new Map();
var set = new Set();
var keyObjects = [];
for (var i = 0; i < 40; i++) keyObjects.push({ i: i });
map.set("pre", 0);
var THREADS = 4, PER = 300;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        for (var k = 0; k < PER; k++) {
            map.set("s" + id + "_" + k, k);
            map.set(id * 100000 + k, -k);
            set.add("s" + id + "_" + k);
            set.add(id * 100000 + k);
            assert.equal(map.get("s" + id + "_" + k), k, "own set visible");
            assert(set.has(id * 100000 + k), "own add visible");
        }
        // delete every other numeric key again
        for (var k = 0; k < PER; k += 2) {
            assert.equal(map.delete(id * 100000 + k), true, "delete own key");
            assert.equal(set.delete(id * 100000 + k), true, "delete own value");
        }
        // object keys: each thread owns ten
        for (var j = id * 10; j < id * 10 + 10; j++) map.set(keyObjects[j], id);
        assert.equal(map.get("pre"), 0);
    }, t));
}
workers.forEach(function (w) { w.join(); });

var expectedSize = 1 + THREADS * (PER + PER / 2) + 40;
assert.equal(map.size, expectedSize, "map size");
assert.equal(set.size, THREADS * (PER + PER / 2), "set size");
for (var t = 0; t < THREADS; t++) {
    for (var k = 0; k < PER; k++) {
        assert.equal(map.get("s" + t + "_" + k), k);
        assert(set.has("s" + t + "_" + k));
        assert.equal(map.has(t * 100000 + k), k % 2 === 1, "numeric key " + (t * 100000 + k));
        assert.equal(set.has(t * 100000 + k), k % 2 === 1);
        if (k % 2) assert.equal(map.get(t * 100000 + k), -k);
    }
}
for (var j = 0; j < 40; j++) assert.equal(map.get(keyObjects[j]), Math.floor(j / 10), "object key " + j);
assert.equal(map.get({ i: 0 }), undefined, "object keys by identity");
// Iteration yields each entry exactly once.
var count = 0, seen = new Set();
for (var [key, value] of map) { count++; seen.add(key); }
assert.equal(count, expectedSize);
assert.equal(seen.size, expectedSize);
var setCount = 0;
set.forEach(function () { setCount++; });
assert.equal(setCount, set.size);
