// Short threads finish (and new ones start) while another thread forces collections with gc() and allocates; every thread's result, built from objects allocated on that thread, survives intact after join (synchronization correctness via join; checks that exiting threads and their results are kept alive across collections).
var stop = { flag: 0 };
var collector = new Thread(function () {
    var rounds = 0, keep = null;
    while (Atomics.load(stop, "flag") === 0 && rounds < 200) {
        for (var i = 0; i < 200; i++) keep = { i: i, prev: (i % 50) ? keep : null };
        gc();
        rounds++;
    }
    return rounds;
});
function build(n, seed) {
    var head = null;
    for (var i = 0; i < n; i++) head = { v: seed * 1000 + i, s: "x" + i, next: head };
    return head;
}
function check(head, n, seed) {
    var count = 0;
    for (var p = head; p; p = p.next) {
        var i = n - 1 - count;
        if (p.v !== seed * 1000 + i || p.s !== "x" + i) return false;
        count++;
    }
    return count === n;
}
var results = [];
var BATCHES = 25, PER_BATCH = 8;
for (var b = 0; b < BATCHES; b++) {
    var batch = [];
    for (var t = 0; t < PER_BATCH; t++) {
        batch.push(new Thread(function (seed) {
            var list = build(300, seed);
            if (seed % 3 === 0) gc();          // some exiting threads collect themselves
            return { seed: seed, list: list, arr: [seed, "s" + seed, { deep: [seed] }] };
        }, b * PER_BATCH + t));
    }
    batch.forEach(function (w) { results.push(w.join()); });
    if (b % 5 === 0) gc();
}
Atomics.store(stop, "flag", 1);
assert(collector.join() >= 1, "collector ran");
gc();
assert.equal(results.length, BATCHES * PER_BATCH);
results.forEach(function (r, k) {
    assert.equal(r.seed, k);
    assert(check(r.list, 300, k), "list of thread " + k + " intact");
    assert.equal(r.arr[0], k);
    assert.equal(r.arr[1], "s" + k);
    assert.equal(r.arr[2].deep[0], k);
});
