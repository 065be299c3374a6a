// Strings built by concatenation (ropes) are shared and flattened by several threads at once: every thread sees the same characters, length, indexOf and equality, and ropes built on threads from shared pieces equal the expected text (synchronization correctness: strings are immutable values).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
function build(n, seed) {
    var s = "";
    for (var i = 0; i < n; i++) s += String.fromCharCode(97 + (i * seed) % 26) + (i % 10);
    return s;
}
var rope = "";
var pieces = [];
for (var i = 0; i < 300; i++) { var piece = "<" + i + ":" + build(5, i + 1) + ">"; pieces.push(piece); rope = rope + piece; }
var expectedLength = 0;
for (var i = 0; i < pieces.length; i++) expectedLength += pieces[i].length;
var THREADS = 4;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        // Every thread flattens the same rope at the same time, by different operations.
        var results = {};
        if (id === 0) results.char = rope.charCodeAt(rope.length - 2);
        if (id === 1) results.index = rope.indexOf("<299:");
        if (id === 2) results.slice = rope.slice(-6);
        if (id === 3) results.eq = rope === pieces.join("");
        results.length = rope.length;
        results.first = rope.slice(0, 3);
        results.char7 = rope[7];
        // Build a new rope from shared pieces, in this thread's own order, then flatten it.
        var mine = "";
        for (var i = id; i < pieces.length; i += THREADS) mine += pieces[i];
        results.mine = mine;
        results.mineLength = mine.length;
        results.split = mine.split(">").length;
        return results;
    }, t));
}
var results = workers.map(function (w) { return w.join(); });
var flat = pieces.join("");
assert.equal(results[0].char, flat.charCodeAt(flat.length - 2));
assert.equal(results[1].index, flat.indexOf("<299:"));
assert(results[1].index > 0);
assert.equal(results[2].slice, flat.slice(-6));
assert.equal(results[3].eq, true);
for (var t = 0; t < THREADS; t++) {
    assert.equal(results[t].length, expectedLength);
    assert.equal(results[t].first, "<0:");
    assert.equal(results[t].char7, flat[7]);
    var expectedMine = "";
    for (var i = t; i < pieces.length; i += THREADS) expectedMine += pieces[i];
    assert.equal(results[t].mine, expectedMine);
    assert.equal(results[t].mineLength, expectedMine.length);
    assert.equal(results[t].split, pieces.length / THREADS + 1);
}
assert.equal(rope, flat);
// Ropes built on different threads from one shared rope, concatenated back on the main thread.
var halves = [new Thread(function () { return rope + "|"; }), new Thread(function () { return "|" + rope; })].map(function (w) { return w.join(); });
var both = halves[0] + halves[1];
assert.equal(both.length, 2 * expectedLength + 2);
assert.equal(both, flat + "||" + flat);
// Property keys made from ropes on different threads name the same property (atoms are shared).
var table = {};
var keyMakers = [];
for (var t = 0; t < THREADS; t++) keyMakers.push(new Thread(function (id) { var k = "key" + "_" + "shared"; table[k + id] = id; return k; }, t));
keyMakers.forEach(function (w) { assert.equal(w.join(), "key_shared"); });
for (var t = 0; t < THREADS; t++) assert.equal(table["key_shared" + t], t);
