// Checks that asyncJoin returns a new Promise on every call, never settles synchronously (even for a finished thread), and that all promises fulfil with the identical value; synchronization correctness, holds in every interleaving.
var result = { r: 1 };
var t = new Thread(function () { return result; });
t.join(); // finished now: asyncJoin must still settle in a later turn

var settled = [];
var p1 = t.asyncJoin();
var p2 = t.asyncJoin();
assert(p1 instanceof Promise, "asyncJoin returns a Promise");
assert(p1 !== p2, "each call returns a new promise");
p1.then(function (v) { settled.push(["p1", v]); });
p2.then(function (v) { settled.push(["p2", v]); });
// Microtasks do not run until this synchronous code is done.
assert.equal(settled.length, 0, "not settled synchronously");

// asyncJoin on a thread that may still be running, plus a NaN and a -0 result.
var slow = new Thread(function () { var s = 0; for (var i = 0; i < 20000; i++) s += i; return -0; });
var nan = new Thread(function () { return NaN; });
var syncDone = false;
var p3 = slow.asyncJoin();
var p4 = nan.asyncJoin();
p3.then(function () { assert(syncDone, "p3 settled after the synchronous code"); });

assert.async(async function () {
    // Before any await, nothing has settled.
    assert.equal(settled.length, 0, "still not settled at start of the async body");
    var a = await p1, b = await p2;
    assert.equal(a, result, "p1 value");
    assert.equal(b, result, "p2 value");
    assert.equal(settled.length, 2);
    assert.equal(await p3, -0, "-0 preserved through asyncJoin");
    assert.equal(await p4, NaN, "NaN preserved through asyncJoin");
    // A later call, again a new promise and again the same value.
    var p5 = t.asyncJoin();
    assert(p5 !== p1 && p5 !== p2);
    assert.equal(await p5, result);
    // asyncJoin from a spawned thread: its own event loop settles it.
    var viaThread = new Thread(async function () { return await t.asyncJoin(); });
    assert(await viaThread.join() === result, "asyncJoin in a spawned thread");
});
syncDone = true;
