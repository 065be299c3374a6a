// Checks that asyncHold(asyncFn) keeps the lock held until asyncFn's promise settles (across awaits and timer turns), excluding a thread that keeps trying hold, then releases it on fulfilment and on rejection; synchronization correctness, holds in every interleaving.
var lock = new Lock();
var s = { count: 0, stop: 0 };
var competitor = new Thread(function () {
    var n = 0;
    while (Atomics.load(s, "stop") === 0 && n < 200000) {
        lock.hold(function () { s.count++; });
        n++;
    }
    return n;
});
function tick() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

assert.async(async function () {
    try {
        for (var round = 0; round < 10; round++) {
            var seen = await lock.asyncHold(async function () {
                var before = s.count;
                for (var k = 0; k < 3; k++) {
                    await null;
                    await tick();
                    assert.equal(lock.locked, true, "held across awaits");
                    assert.equal(s.count, before, "the competitor did not enter while the async fn was pending");
                }
                return before;
            });
            assert.equal(typeof seen, "number", "settles with the async fn's result");
        }
        // Queued async holders on the same thread wait for the pending async fn too.
        var log = [];
        var first = lock.asyncHold(async function () { log.push("first start"); await tick(); await tick(); log.push("first end"); });
        var second = lock.asyncHold(function () { log.push("second"); });
        await Promise.all([first, second]);
        assert.deepEqual(log, ["first start", "first end", "second"], "the second holder waited for the first's promise");
    } finally {
        Atomics.store(s, "stop", 1);
    }
    competitor.join();
    // Rejection: the outer promise rejects with the same reason and the lock is released.
    var reason = { reason: 1 };
    var caught = null;
    try {
        await lock.asyncHold(async function () { await tick(); throw reason; });
    } catch (e) { caught = e; }
    assert.equal(caught, reason, "rejects with the async fn's reason");
    assert.equal(lock.locked, false, "released after the async fn rejected");
    var after = new Thread(function () { return lock.hold(function () { return "took it"; }); });
    assert.equal(after.join(), "took it", "another thread can take the lock afterwards");
});
