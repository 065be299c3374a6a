// Threads write global variables (var, implicit globals, globalThis properties, a top-level let) with distinct names and one shared counter under a Lock; after join all are present with the right values (synchronization correctness via join and Lock).
var sharedCounter = 0;
let topLet = "init";
var lock = new Lock();
var THREADS = 4, PER = 100;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        for (var k = 0; k < PER; k++) {
            globalThis["g" + id + "_" + k] = id * 1000 + k;
            lock.hold(function () { sharedCounter++; });
        }
        // a new global created by sloppy assignment inside a function
        (0, eval)("implicit" + id + " = " + id);
        assert.equal(globalThis["implicit" + id], id, "own global write visible");
        lock.hold(function () { topLet = topLet + "," + id; });
        return typeof globalThis["g" + id + "_0"];
    }, t));
}
workers.forEach(function (w) { assert.equal(w.join(), "number"); });
assert.equal(sharedCounter, THREADS * PER, "no lost increment of a global var");
for (var t = 0; t < THREADS; t++) {
    for (var k = 0; k < PER; k++) {
        assert.equal(globalThis["g" + t + "_" + k], t * 1000 + k);
    }
    assert.equal(globalThis["implicit" + t], t);
}
// Globals read by plain identifier resolve to what the threads wrote.
assert.equal(g0_0 + g1_1 + g2_2 + g3_99, 0 + 1001 + 2002 + 3099);
assert.equal(implicit3, 3);
var parts = topLet.split(",");
assert.equal(parts[0], "init");
assert.deepEqual(parts.slice(1).sort(), ["0", "1", "2", "3"], "every thread appended to the top-level let");

// A global declared by the main script and cached by the interpreter sees a thread's write after join.
var cachedGlobal = 1;
function readCached() { return cachedGlobal; }
for (var i = 0; i < 10; i++) readCached();
new Thread(function () { cachedGlobal = 2; }).join();
assert.equal(readCached(), 2);
