// Checks Atomics.waitAsync on (object, key): {async:false, value:"not-equal"} at once on a mismatch, otherwise {async:true, value: Promise} resolving "ok" on notify (exact counts, registration being synchronous) or "timed-out"; on the main and on a spawned thread; synchronization correctness, holds in every interleaving.
var o = { k: 0 };
var r = Atomics.waitAsync(o, "k", 1);
assert.equal(r.async, false, "mismatch is synchronous");
assert.equal(r.value, "not-equal");
var rn = Atomics.waitAsync({ v: NaN }, "v", 0);
assert.equal(rn.async, false);
assert.equal(rn.value, "not-equal", "0 is not NaN");

var a = Atomics.waitAsync(o, "k", 0);
assert.equal(a.async, true, "a match waits");
assert(a.value instanceof Promise, "value is a Promise");
var b = Atomics.waitAsync(o, "k", -0); // -0 matches 0
var c = Atomics.waitAsync(o, "k", 0);
assert.equal(b.async, true);
var settled = [];
var twoSettled, allSettled;
var whenTwo = new Promise(function (resolve) { twoSettled = resolve; });
var whenAll = new Promise(function (resolve) { allSettled = resolve; });
[["a", a], ["b", b], ["c", c]].forEach(function (pair) {
    pair[1].value.then(function (v) {
        settled.push(pair[0] + ":" + v);
        if (settled.length === 2) twoSettled();
        if (settled.length === 3) allSettled();
    });
});
assert.equal(Atomics.notify(o, "k", 2), 2, "two of the three waiters");
assert.deepEqual(settled, [], "promises do not settle synchronously");

function tick() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }
assert.async(async function () {
    await whenTwo;
    for (var i = 0; i < 3; i++) await tick();
    assert.equal(settled.length, 2, "exactly two were woken; the third is still waiting");
    settled.forEach(function (r) { assert.equal(r.slice(2), "ok"); });
    // Another thread notifies the remaining waiter.
    assert.equal(new Thread(function () { return Atomics.notify(o, "k"); }).join(), 1, "notify from another thread");
    await whenAll;
    assert.deepEqual(settled.map(function (r) { return r.slice(2); }), ["ok", "ok", "ok"]);
    assert.deepEqual(settled.map(function (r) { return r[0]; }).sort(), ["a", "b", "c"]);
    assert.equal(Atomics.notify(o, "k"), 0, "no waiters left");

    // Timeouts: nobody notifies, so these can only time out.
    var t0 = Atomics.waitAsync(o, "k", 0, 0);
    // ECMA-262 answers a zero timeout synchronously for typed arrays; for objects, accept both forms.
    if (t0.async) assert.equal(await t0.value, "timed-out");
    else assert.equal(t0.value, "timed-out");
    var t1 = Atomics.waitAsync(o, "k", 0, 5);
    assert.equal(t1.async, true);
    assert.equal(await t1.value, "timed-out", "a small timeout expires");
    assert.equal(Atomics.notify(o, "k"), 0, "a timed-out waiter is no longer registered");

    // A waiter registered on a spawned thread's event loop, woken by the main thread.
    var g = { registered: 0, v: "x" };
    var w = new Thread(async function () {
        var res = Atomics.waitAsync(g, "v", "x");
        Atomics.store(g, "registered", 1);
        Atomics.notify(g, "registered");
        return await res.value;
    });
    while (Atomics.load(g, "registered") === 0) Atomics.wait(g, "registered", 0);
    assert.equal(Atomics.notify(g, "v"), 1, "the spawned thread's async waiter was registered");
    assert.equal(await w.join(), "ok");
    // The waited object stays usable, and changed values give not-equal.
    Atomics.store(g, "v", "y");
    assert.equal(Atomics.waitAsync(g, "v", "x").value, "not-equal");
});
