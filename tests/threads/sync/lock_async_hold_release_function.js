// Checks asyncHold() without fn: resolves to a release function, the lock stays held (against another thread) until it is called, a second call throws Error, and async acquirers are granted in FIFO order; synchronization correctness, holds in every interleaving.
var lock = new Lock();
var s = { count: 0, started: 0 };
function tick() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }
assert.async(async function () {
    var release = await lock.asyncHold();
    assert.equal(typeof release, "function", "resolves to a function");
    assert.equal(lock.locked, true);
    // A competitor blocks in hold until we release.
    var competitor = new Thread(function () {
        Atomics.store(s, "started", 1);
        Atomics.notify(s, "started");
        lock.hold(function () { s.count++; });
        return lock.locked;
    });
    while (Atomics.load(s, "started") === 0) await tick();
    for (var k = 0; k < 5; k++) {
        await tick();
        assert.equal(s.count, 0, "the competitor cannot enter while the release function is uncalled");
        assert.equal(lock.locked, true);
    }
    assert.equal(release(), undefined, "release returns undefined");
    var e = assert.throws(Error, function () { release(); }, "second release call");
    competitor.join();
    assert.equal(s.count, 1, "the competitor entered after the release");
    assert.equal(lock.locked, false);
    assert.throws(Error, function () { release(); }, "third call still throws");

    // FIFO among asynchronous acquirers: the lock is held, then five asyncHold() are queued.
    var holder = await lock.asyncHold();
    var granted = [];
    var queued = [];
    for (var i = 0; i < 5; i++) {
        queued.push(lock.asyncHold().then(function (i) {
            return function (rel) { granted.push(i); rel(); };
        }(i)));
    }
    for (var i = 0; i < 5; i++) {
        queued.push(lock.asyncHold(function (i) { return function () { granted.push("fn" + i); }; }(i)));
    }
    await tick();
    assert.deepEqual(granted, [], "nobody is granted while the holder has not released");
    holder();
    await Promise.all(queued);
    assert.deepEqual(granted, [0, 1, 2, 3, 4, "fn0", "fn1", "fn2", "fn3", "fn4"], "granted in FIFO order");
    assert.equal(lock.locked, false);
});
