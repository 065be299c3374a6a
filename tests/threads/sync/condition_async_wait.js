// Checks Condition.asyncWait: it releases the lock at once, resolves only after a notify with the lock re-acquired and a release function, works with a predicate loop against notifying threads, and on spawned threads' event loops; synchronization correctness, holds in every interleaving.
var lock = new Lock();
var cond = new Condition();
var s = { value: 0, ready: false, flag: undefined, wdone: 0 };
function tick() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }
assert.async(async function () {
    var release = await lock.asyncHold();
    var resolved = false;
    var p = cond.asyncWait(lock);
    p.then(function () { resolved = true; });
    assert(p instanceof Promise);
    assert.equal(lock.locked, false, "asyncWait released the lock at once");
    // Another thread can take the lock now, and sets the predicate under it.
    var setter = new Thread(function () {
        lock.hold(function () { s.ready = true; s.value = 42; });
        return cond.notify(); // the main thread's async waiter is registered: exactly one
    });
    assert.equal(setter.join(), 1, "the notify woke the async waiter");
    var release2 = await p;
    assert(resolved);
    assert.equal(typeof release2, "function", "resolves with a release function");
    assert.equal(lock.locked, true, "the lock is held again when the promise resolves");
    assert(s.ready && s.value === 42, "sees the notifier's writes");
    release2();
    assert.throws(Error, function () { release2(); }, "a second call throws");
    assert.equal(lock.locked, false);

    // Without a notify nothing resolves.
    release = await lock.asyncHold();
    var never = false;
    var q = cond.asyncWait(lock);
    q.then(function (r) { never = true; r(); });
    for (var i = 0; i < 5; i++) await tick();
    assert.equal(never, false, "no resolution without notify");
    assert.equal(cond.notifyAll(), 1);
    await q;

    // A predicate loop: the main thread waits asynchronously until 3 producer threads have
    // each added 100, notifying after every add.
    var producers = [];
    for (var t = 0; t < 3; t++) {
        producers.push(new Thread(function () {
            for (var i = 0; i < 100; i++) {
                lock.hold(function () { s.value++; });
                cond.notifyAll();
            }
        }));
    }
    var rel = await lock.asyncHold();
    while (s.value < 42 + 300) rel = await cond.asyncWait(lock);
    assert.equal(s.value, 342);
    rel();
    producers.forEach(function (t) { t.join(); });

    // asyncWait on a spawned thread's event loop.
    var w = new Thread(async function () {
        var r = await lock.asyncHold();
        while (!s.flag) r = await cond.asyncWait(lock);
        var seen = s.flag;
        r();
        Atomics.store(s, "wdone", 1);
        return seen;
    });
    lock.hold(function () { s.flag = "set"; });
    // Notify until the thread is done (it may have seen the flag without ever waiting).
    while (Atomics.load(s, "wdone") === 0) {
        cond.notifyAll();
        await tick();
    }
    assert.equal(await w.join(), "set");
});
