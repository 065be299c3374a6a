// Checks lock.locked: false when free, true while held (by hold, by an asyncHold grant, seen from another thread), false after release; each read is made while the holder provably holds or nobody can, so it holds in every interleaving.
var lock = new Lock();
assert.equal(lock.locked, false, "new lock is free");
assert.equal(typeof lock.locked, "boolean");
lock.hold(function () {
    assert.equal(lock.locked, true, "true inside hold");
    // Another thread sees it held: the main thread holds it until the join returns.
    assert.equal(new Thread(function () { return lock.locked; }).join(), true, "seen held from another thread");
});
assert.equal(lock.locked, false, "false after hold");

// Held by a spawned thread, observed by the main thread while the spawned thread waits.
var g = { held: 0, done: 0 };
var holder = new Thread(function () {
    lock.hold(function () {
        Atomics.store(g, "held", 1);
        Atomics.notify(g, "held");
        while (Atomics.load(g, "done") === 0) Atomics.wait(g, "done", 0);
    });
    return lock.locked; // nobody else takes it in this test
});
while (Atomics.load(g, "held") === 0) Atomics.wait(g, "held", 0);
assert.equal(lock.locked, true, "held by the spawned thread");
Atomics.store(g, "done", 1);
Atomics.notify(g, "done");
assert.equal(holder.join(), false, "false after the spawned thread released it");
assert.equal(lock.locked, false);

assert.async(async function () {
    var release = await lock.asyncHold();
    assert.equal(lock.locked, true, "true while the asyncHold() grant is held");
    await null;
    assert.equal(lock.locked, true, "still true across a turn");
    assert.equal(new Thread(function () { return lock.locked; }).join(), true, "seen from another thread");
    release();
    assert.equal(lock.locked, false, "false after the release function");
    var inside = await lock.asyncHold(function () { return lock.locked; });
    assert.equal(inside, true, "true inside asyncHold(fn)");
    assert.equal(lock.locked, false, "false after asyncHold(fn)");
});
