// One thread freezes shared objects while others write, add and delete their properties; afterwards each object is frozen, every property value is its initial value or one some thread wrote to that property, added keys are ones a thread added, and the values no longer change (crash-freedom/soundness invariant: which writes landed depends on the interleaving).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var OBJECTS = 40, WRITERS = 3;
var objs = [];
for (var i = 0; i < OBJECTS; i++) objs.push({ x: 0, y: 0, z: "keep" });
var freezer = new Thread(function () {
    arriveAndWait(WRITERS + 1);
    for (var i = 0; i < OBJECTS; i++) {
        if (i % 2) Object.freeze(objs[i]); else Object.seal(objs[i]);
    }
    for (var i = 0; i < OBJECTS; i += 2) Object.freeze(objs[i]);
});
var writers = [];
for (var t = 0; t < WRITERS; t++) {
    writers.push(new Thread(function (id) {
        "use strict";
        arriveAndWait(WRITERS + 1);
        var failures = 0;
        for (var round = 0; round < 30; round++) {
            for (var i = 0; i < OBJECTS; i++) {
                var o = objs[i];
                try { o.x = id + 1; } catch (e) { assert(e instanceof TypeError, "write to frozen: " + e); failures++; }
                try { o.y = round; } catch (e) { assert(e instanceof TypeError); failures++; }
                try { o["add" + id] = round; } catch (e) { assert(e instanceof TypeError); failures++; }
                try { delete o["add" + id]; } catch (e) { assert(e instanceof TypeError); failures++; }
            }
        }
        return failures;
    }, t));
}
freezer.join();
var totalFailures = 0;
writers.forEach(function (w) { totalFailures += w.join(); });
assert(totalFailures >= 0);
for (var i = 0; i < OBJECTS; i++) {
    var o = objs[i];
    assert(Object.isFrozen(o), "object " + i + " frozen");
    assert(o.x === 0 || o.x === 1 || o.x === 2 || o.x === 3, "x is initial or written: " + o.x);
    assert(Number.isInteger(o.y) && o.y >= 0 && o.y < 30, "y is initial or written: " + o.y);
    assert.equal(o.z, "keep", "untouched property intact");
    var keys = Object.keys(o);
    assert.deepEqual(keys.slice(0, 3), ["x", "y", "z"], "original keys first and present");
    keys.slice(3).forEach(function (k) {
        assert(k === "add0" || k === "add1" || k === "add2", "extra key " + k);
        assert(Number.isInteger(o[k]) && o[k] >= 0 && o[k] < 30, "added value " + o[k]);
    });
    var before = JSON.stringify(o);
    assert.throws(TypeError, function () { "use strict"; o.x = 99; });
    assert.throws(TypeError, function () { "use strict"; o.fresh = 1; });
    assert.throws(TypeError, function () { "use strict"; delete o.z; });
    assert.equal(JSON.stringify(o), before, "frozen object unchanged by later writes");
}
// Further threads see the same frozen values.
var snapshot = objs.map(function (o) { return JSON.stringify(o); });
var seen = new Thread(function () { return objs.map(function (o) { return JSON.stringify(o); }); }).join();
assert.deepEqual(seen, snapshot);
