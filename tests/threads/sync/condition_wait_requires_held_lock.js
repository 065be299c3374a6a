// Checks that Condition wait/asyncWait require a Lock held by the caller (TypeError for a non-Lock, a free lock, a lock held by another thread) and that a TypeError leaves the lock state unchanged; holds in every interleaving.
var cond = new Condition();
var lock = new Lock();
function asyncWaitTypeError(arg, what) {
    // asyncWait may throw synchronously or return a rejected promise; either way a TypeError.
    var p;
    try { p = cond.asyncWait(arg); } catch (e) {
        assert(e instanceof TypeError, what + ": expected TypeError, got " + e);
        return Promise.resolve();
    }
    return p.then(function () { throw new Error(what + ": asyncWait did not fail"); },
                  function (e) { assert(e instanceof TypeError, what + ": expected TypeError, got " + e); });
}
var nonLocks = [undefined, null, 1, "lock", {}, cond, new Condition()];
var pending = [];
for (var i = 0; i < nonLocks.length; i++) {
    assert.throws(TypeError, function () { cond.wait(nonLocks[i]); }, "wait(non-lock " + i + ")");
    pending.push(asyncWaitTypeError(nonLocks[i], "asyncWait(non-lock " + i + ")"));
}
assert.throws(TypeError, function () { cond.wait(lock); }, "wait on a free lock");
pending.push(asyncWaitTypeError(lock, "asyncWait on a free lock"));
assert.equal(lock.locked, false, "still free");
// Non-Lock argument while holding some other lock.
lock.hold(function () {
    assert.throws(TypeError, function () { cond.wait(new Lock()); }, "wait on a lock that is not the held one");
    assert.throws(TypeError, function () { cond.wait({}); }, "wait on a non-lock while holding");
    assert.equal(lock.locked, true, "the held lock stays held after the TypeError");
});

// A lock held by another thread is not held by the caller.
var g = { held: 0, done: 0 };
var holder = new Thread(function () {
    lock.hold(function () {
        Atomics.store(g, "held", 1); Atomics.notify(g, "held");
        while (Atomics.load(g, "done") === 0) Atomics.wait(g, "done", 0);
    });
});
try {
    while (Atomics.load(g, "held") === 0) Atomics.wait(g, "held", 0);
    assert.throws(TypeError, function () { cond.wait(lock); }, "wait on a lock held by another thread");
    pending.push(asyncWaitTypeError(lock, "asyncWait on a lock held by another thread"));
    assert.equal(lock.locked, true, "the other thread still holds it");
} finally {
    Atomics.store(g, "done", 1); Atomics.notify(g, "done");
}
holder.join();
// Wrong receiver.
assert.throws(TypeError, function () { Condition.prototype.wait.call({}, lock); });
assert.throws(TypeError, function () { Condition.prototype.notify.call(lock); });
assert.async(async function () { await Promise.all(pending); });
