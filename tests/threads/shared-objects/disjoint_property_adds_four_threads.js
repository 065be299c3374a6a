// Four threads add disjoint keys to ONE shared object; afterwards it has exactly the expected keys and values (synchronization correctness: join orders everything; no add may be lost to a racing add).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var shared = {};
var THREADS = 4, PER = 400;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        for (var k = 0; k < PER; k++) shared["t" + id + "_" + k] = id * 100000 + k;
        return id;
    }, t));
}
for (var t = 0; t < THREADS; t++) assert.equal(workers[t].join(), t, "join result");

var keys = Object.keys(shared);
assert.equal(keys.length, THREADS * PER, "key count");
var seen = new Set(keys);
assert.equal(seen.size, THREADS * PER, "keys are distinct");
for (var t = 0; t < THREADS; t++) {
    for (var k = 0; k < PER; k++) {
        var key = "t" + t + "_" + k;
        assert(Object.prototype.hasOwnProperty.call(shared, key), "missing " + key);
        assert.equal(shared[key], t * 100000 + k, "value of " + key);
    }
}
// Each thread's keys keep their own insertion order relative to one another.
var last = [-1, -1, -1, -1];
for (var i = 0; i < keys.length; i++) {
    var parts = keys[i].slice(1).split("_");
    assert(keys[i][0] === "t" && parts.length === 2, "unexpected key " + keys[i]);
    var id = +parts[0], k = +parts[1];
    assert(k > last[id], "per-thread insertion order for " + keys[i]);
    last[id] = k;
}
