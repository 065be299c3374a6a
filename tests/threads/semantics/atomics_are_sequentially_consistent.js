// Atomics on object properties and typed arrays are sequentially consistent: in the store-buffering (Dekker) pattern, where each of two threads stores its own flag then loads the other's, at least one thread sees the other's store in every round (synchronization correctness: the outcome r1 == 0 && r2 == 0 is forbidden for seq_cst, THREADS-API §5).
var ROUNDS = 400;
var barrier = { n: 0 };
function arrive(target) {
    Atomics.add(barrier, "n", 1);
    Atomics.notify(barrier, "n");
    for (var v; (v = Atomics.load(barrier, "n")) < target;) Atomics.wait(barrier, "n", v);
}
var cells = [];
for (var r = 0; r < ROUNDS; r++) cells.push({ x: 0, y: 0 });
var ta = new Int32Array(new SharedArrayBuffer(8 * ROUNDS));
function side(mine, other, useTyped) {
    var results = [];
    for (var r = 0; r < ROUNDS; r++) {
        arrive(2 * (r + 1));
        var seen;
        if (useTyped) {
            Atomics.store(ta, 2 * r + mine, 1);
            seen = Atomics.load(ta, 2 * r + other);
        } else {
            var c = cells[r];
            Atomics.store(c, mine ? "y" : "x", 1);
            seen = Atomics.load(c, other ? "y" : "x");
        }
        results.push(seen);
    }
    return results;
}
var a = new Thread(function () { return side(0, 1, false).concat(side(0, 1, true)); });
var b = new Thread(function () { return side(1, 0, false).concat(side(1, 0, true)); });
var ra = a.join(), rb = b.join();
assert.equal(ra.length, 2 * ROUNDS);
for (var r = 0; r < 2 * ROUNDS; r++) {
    assert(ra[r] === 0 || ra[r] === 1);
    assert(ra[r] === 1 || rb[r] === 1, "round " + r + ": both threads missed the other's store");
}
// exchange / compareExchange are indivisible: a CAS-based counter from four threads loses nothing.
var counter = { n: 0 };
var casWorkers = [];
for (var t = 0; t < 4; t++) casWorkers.push(new Thread(function () {
    for (var i = 0; i < 1000; i++) {
        for (;;) { var old = Atomics.load(counter, "n"); if (Atomics.compareExchange(counter, "n", old, old + 1) === old) break; }
    }
}));
casWorkers.forEach(function (w) { w.join(); });
assert.equal(counter.n, 4000);
