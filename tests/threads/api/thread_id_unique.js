// Checks Thread ids: 0 for the main thread, integers >= 1 for spawned threads, equal to Thread.current.id inside the thread, stable, and unique among all threads of the process (concurrent and sequential); holds in every interleaving.
assert.equal(Thread.current.id, 0, "main thread id");
var seen = new Set([0]);
function checkId(t, what) {
    var id = t.id;
    assert.equal(typeof id, "number", what + ": typeof id");
    assert(Number.isInteger(id) && id >= 1, what + ": id is an integer >= 1, got " + id);
    assert(!seen.has(id), what + ": id " + id + " is unique");
    seen.add(id);
    assert.equal(t.id, id, what + ": id is stable");
}

// Six threads alive at once: each waits on a gate that opens after all ids are checked.
var gate = { open: 0 };
var live = [];
for (var i = 0; i < 6; i++) {
    live.push(new Thread(function () {
        var mine = Thread.current.id;
        while (Atomics.load(gate, "open") === 0) Atomics.wait(gate, "open", 0);
        return mine;
    }));
}
for (var i = 0; i < live.length; i++) checkId(live[i], "live thread " + i);
Atomics.store(gate, "open", 1);
Atomics.notify(gate, "open");
for (var i = 0; i < live.length; i++) {
    assert.equal(live[i].join(), live[i].id, "Thread.current.id inside live thread " + i);
    assert.equal(live[i].id, live[i].id, "id stays after the thread finished");
}

// Threads started one after another, each finished before the next starts.
for (var i = 0; i < 10; i++) {
    var t = new Thread(function () { return Thread.current.id; });
    checkId(t, "sequential thread " + i);
    assert.equal(t.join(), t.id, "Thread.current.id inside sequential thread " + i);
}

// Threads started by spawned threads share the same id space.
var nested = new Thread(function () {
    var kids = [new Thread(function () { return Thread.current.id; }), new Thread(function () { return Thread.current.id; })];
    return kids.map(function (k) { return [k, k.join()]; });
});
nested.join().forEach(function (pair, j) {
    checkId(pair[0], "grandchild " + j);
    assert.equal(pair[1], pair[0].id, "grandchild Thread.current.id");
});
checkId(nested, "nested parent");
assert.equal(Thread.current.id, 0, "main id unchanged");
