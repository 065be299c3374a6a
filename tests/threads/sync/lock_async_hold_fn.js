// Checks asyncHold(fn): returns a Promise at once, runs fn later in a turn of the caller's event loop with the lock held, settles with fn's value or exception (by identity), releases afterwards, and excludes sync holders on other threads; synchronization correctness, holds in every interleaving.
var lock = new Lock();
var order = [];
var value = { v: 1 }, err = new Error("from fn");
var p = lock.asyncHold(function () { order.push("fn"); return value; });
order.push("after call");
assert(p instanceof Promise, "returns a Promise");
assert.deepEqual(order, ["after call"], "fn does not run synchronously inside asyncHold");
assert.throws(TypeError, function () { lock.asyncHold(5); }, "non-callable fn");
assert.throws(TypeError, function () { lock.asyncHold({}); }, "object fn");

var THREADS = 3, ITER = 1500, ASYNC = 300;
var s = { count: 0, inside: 0, overlaps: 0 };
function critical() {
    s.inside++;
    if (s.inside !== 1) s.overlaps++;
    var v = s.count;
    s.count = v + 1;
    s.inside--;
}
assert.async(async function () {
    assert.equal(await p, value, "settles with fn's value");
    assert.deepEqual(order, ["after call", "fn"]);
    var caught = null;
    try { await lock.asyncHold(function () { throw err; }); } catch (e) { caught = e; }
    assert.equal(caught, err, "rejects with fn's exception");
    assert.equal(lock.locked, false, "released after a throwing fn");
    assert.equal(await lock.asyncHold(function () { return lock.locked; }), true, "held while fn runs");

    // Async holders on the main thread against sync holders on other threads.
    var threads = [];
    for (var t = 0; t < THREADS; t++) {
        threads.push(new Thread(function () { for (var i = 0; i < ITER; i++) lock.hold(critical); }));
    }
    var pending = [];
    for (var i = 0; i < ASYNC; i++) pending.push(lock.asyncHold(critical));
    await Promise.all(pending);
    // A spawned thread can use asyncHold on its own event loop.
    var asyncThread = new Thread(async function () {
        for (var i = 0; i < ASYNC; i++) await lock.asyncHold(critical);
        return "async thread done";
    });
    threads.forEach(function (t) { t.join(); });
    assert.equal(await asyncThread.join(), "async thread done");
    assert.equal(s.overlaps, 0, "no overlap between async and sync holders");
    assert.equal(s.count, THREADS * ITER + 2 * ASYNC, "no lost update");
    assert.equal(lock.locked, false);
});
