// 2000 short threads are spawned and joined in batches of 16; every one runs exactly once with its own arguments, returns its own value, and has a unique id (synchronization correctness via join).
var TOTAL = 2000, BATCH = 16;
var ran = { count: 0 };
var ids = new Set();
var sum = 0;
for (var start = 0; start < TOTAL; start += BATCH) {
    var batch = [];
    for (var i = start; i < start + BATCH && i < TOTAL; i++) {
        batch.push(new Thread(function (n, label) {
            Atomics.add(ran, "count", 1);
            return { n: n * 2, label: label, id: Thread.current.id };
        }, i, "t" + i));
    }
    for (var j = 0; j < batch.length; j++) {
        var r = batch[j].join();
        var n = start + j;
        assert.equal(r.n, n * 2, "result of thread " + n);
        assert.equal(r.label, "t" + n);
        assert.equal(r.id, batch[j].id, "Thread.current.id inside equals thread.id");
        assert(Number.isInteger(r.id) && r.id >= 1, "spawned thread id >= 1");
        assert(!ids.has(r.id), "thread id " + r.id + " reused");
        ids.add(r.id);
        sum += r.n;
    }
    // joining again returns the very same object
    assert.equal(batch[0].join(), batch[0].join());
}
assert.equal(Atomics.load(ran, "count"), TOTAL, "every thread ran exactly once");
assert.equal(ids.size, TOTAL);
assert.equal(sum, TOTAL * (TOTAL - 1));
assert.equal(Thread.current.id, 0, "main thread id");
