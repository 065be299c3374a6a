// One thread swaps the prototype of shared objects back and forth while others look up inherited methods and properties through warm inline caches; every lookup gives the A or the B result (never a mix, a missing method or a crash) and own properties are never affected (soundness invariant; final prototype checked exactly, since the swapper's last write is ordered by join).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var protoA = { kind: function () { return "A"; }, tag: "a", onlyA: 1 };
var protoB = { kind: function () { return "B"; }, tag: "b", onlyB: 2 };
var objs = [];
for (var i = 0; i < 16; i++) { var o = Object.create(protoA); o.own = i; objs.push(o); }
var SWAPS = 2000, READERS = 3;
var swapper = new Thread(function () {
    arriveAndWait(READERS + 1);
    for (var s = 0; s < SWAPS; s++) {
        var o = objs[s % objs.length];
        Object.setPrototypeOf(o, s % 3 === 0 ? protoA : protoB);
    }
    // end state: every object on protoB, then the first four back on protoA
    for (var i = 0; i < objs.length; i++) Object.setPrototypeOf(objs[i], protoB);
    for (var i = 0; i < 4; i++) Object.setPrototypeOf(objs[i], protoA);
});
var readers = [];
for (var t = 0; t < READERS; t++) {
    readers.push(new Thread(function (id) {
        arriveAndWait(READERS + 1);
        var a = 0, b = 0;
        for (var round = 0; round < 3000; round++) {
            var o = objs[(round + id) % objs.length];
            var k = o.kind();
            assert(k === "A" || k === "B", "kind() = " + k);
            var tag = o.tag;
            assert(tag === "a" || tag === "b", "tag = " + tag);
            var p = Object.getPrototypeOf(o);
            assert(p === protoA || p === protoB, "prototype is one of the two");
            var hasA = "onlyA" in o;     // one lookup: true or false, either is legal
            assert.equal(typeof hasA, "boolean");
            var onlyB = o.onlyB;
            assert(onlyB === undefined || onlyB === 2, "onlyB = " + onlyB);
            assert.equal(o.own, (round + id) % objs.length, "own property unaffected");
            assert(o instanceof Object);
            if (k === "A") a++; else b++;
        }
        return a + b;
    }, t));
}
swapper.join();
readers.forEach(function (w) { assert.equal(w.join(), 3000); });
for (var i = 0; i < objs.length; i++) {
    var expectA = i < 4;
    assert.equal(Object.getPrototypeOf(objs[i]), expectA ? protoA : protoB, "final prototype of " + i);
    assert.equal(objs[i].kind(), expectA ? "A" : "B");
    assert.equal(objs[i].tag, expectA ? "a" : "b");
    assert.equal("onlyA" in objs[i], expectA);
    assert.equal(objs[i].own, i);
}
// Racing setPrototypeOf calls never build a cycle.
var x = {}, y = {};
var t1 = new Thread(function () { try { Object.setPrototypeOf(x, y); return "ok"; } catch (e) { assert(e instanceof TypeError); return "cycle"; } });
var t2 = new Thread(function () { try { Object.setPrototypeOf(y, x); return "ok"; } catch (e) { assert(e instanceof TypeError); return "cycle"; } });
var r1 = t1.join(), r2 = t2.join();
assert(!(r1 === "ok" && r2 === "ok"), "both setPrototypeOf calls succeeded: a cycle");
var seen = 0;
for (var p = x; p !== null && seen < 10; p = Object.getPrototypeOf(p)) seen++;
assert(seen < 10, "prototype chain of x is finite");
