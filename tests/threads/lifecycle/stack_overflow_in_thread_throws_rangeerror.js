// Unbounded recursion on a spawned thread throws RangeError in that thread only: it can be caught there, uncaught it is rethrown by join, other threads and the main thread keep running and can still recurse deeply afterwards (synchronization correctness: the outcome does not depend on the interleaving).
function runaway(n) { return runaway(n + 1) + 1; }
function deep(n) { return n === 0 ? 0 : 1 + deep(n - 1); }
var progress = { count: 0 };
var bystander = new Thread(function () {
    var s = 0;
    for (var i = 0; i < 200; i++) { s += deep(200); Atomics.add(progress, "count", 1); }
    return s;
});
var catcher = new Thread(function () {
    var caught = 0;
    for (var round = 0; round < 3; round++) {
        try { runaway(0); } catch (e) { if (e instanceof RangeError) caught++; else throw e; }
    }
    // After overflowing, the same thread recurses normally again.
    return [caught, deep(1000)];
});
var uncaught = new Thread(function () { runaway(0); });
// Native recursion too: converting a deeply nested array to a string.
var nested = [];
for (var i = 0; i < 200000; i++) nested = [nested];
var nativeOverflow = new Thread(function () {
    try { String(nested); return "no overflow"; } catch (e) { return e instanceof RangeError ? "RangeError" : String(e); }
});
assert.deepEqual(catcher.join(), [3, 1000]);
var e = assert.throws(RangeError, function () { uncaught.join(); });
assert.equal(e, (function () { try { uncaught.join(); } catch (x) { return x; } })(), "join rethrows the same RangeError");
assert.equal(nativeOverflow.join(), "RangeError");
assert.equal(bystander.join(), 200 * 200);
assert.equal(Atomics.load(progress, "count"), 200);
assert.equal(deep(5000), 5000, "main thread unaffected");
try { runaway(0); assert(false, "main overflow must throw"); } catch (x) { assert(x instanceof RangeError); }
