// Checks the counts returned by Condition notify/notifyAll: 0 with no waiters, then exactly 1 and the rest for sync waiters known (under the lock) to be waiting, and likewise for asyncWait waiters, woken in FIFO order; synchronization correctness, holds in every interleaving.
var cond = new Condition();
var lock = new Lock();
assert.equal(cond.notify(), 0, "notify with no waiters");
assert.equal(cond.notifyAll(), 0, "notifyAll with no waiters");
assert.equal(lock.hold(function () { return cond.notify(); }), 0, "notify under the lock, no waiters");

var K = 4;
var arrived = new Condition();
var s = { waiting: 0, go: 0, woke: 0 };
var threads = [];
for (var i = 0; i < K; i++) {
    threads.push(new Thread(function () {
        lock.hold(function () {
            s.waiting++;
            arrived.notify();
            // From here until cond.wait releases the lock, the lock is held: once the main
            // thread holds the lock and sees waiting === K, all K are waiting on cond.
            while (s.go === 0) cond.wait(lock);
            s.woke++;
        });
    }));
}
var counts = lock.hold(function () {
    while (s.waiting < K) arrived.wait(lock);
    s.go = 1;
    return [cond.notify(), cond.notifyAll(), cond.notify(), cond.notifyAll()];
});
threads.forEach(function (t) { t.join(); });
assert.deepEqual(counts, [1, K - 1, 0, 0], "notify woke one, notifyAll the rest, then none");
assert.equal(s.woke, K);
// The caller need not hold the lock.
assert.equal(cond.notify(), 0);

// Async waiters on the main thread: registered when asyncWait returns.
assert.async(async function () {
    var order = [];
    var waits = [];
    for (var i = 0; i < 5; i++) {
        await lock.asyncHold(); // the previous grant was given up by asyncWait
        waits.push(cond.asyncWait(lock).then(function (i) {
            return function (release) { order.push(i); release(); };
        }(i)));
    }
    assert.equal(lock.locked, false, "each asyncWait released the lock");
    assert.equal(cond.notify(), 1, "notify wakes one async waiter");
    assert.equal(cond.notify(), 1, "and another");
    assert.equal(cond.notifyAll(), 3, "notifyAll wakes the remaining three");
    assert.equal(cond.notifyAll(), 0, "none left");
    await Promise.all(waits);
    assert.deepEqual(order, [0, 1, 2, 3, 4], "async waiters woken and re-granted in FIFO order");
    assert.equal(lock.locked, false);
});
