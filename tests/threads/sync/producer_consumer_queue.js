// Checks an unbounded producer-consumer queue built from Lock+Condition: 3 producers x 2000 items, 3 consumers, every item consumed exactly once, per-producer order preserved at each consumer, all consumers stop; synchronization correctness, holds in every interleaving.
var PRODUCERS = 3, CONSUMERS = 3, ITEMS = 2000;
var lock = new Lock(), nonEmpty = new Condition();
var q = { items: [], head: 0, producersDone: 0 };
function put(item) {
    lock.hold(function () { q.items.push(item); });
    nonEmpty.notify();
}
function take() { // returns undefined once all producers are done and the queue is drained
    return lock.hold(function () {
        for (;;) {
            if (q.head < q.items.length) return q.items[q.head++];
            if (q.producersDone === PRODUCERS) return undefined;
            nonEmpty.wait(lock);
        }
    });
}
var producers = [], consumers = [];
for (var c = 0; c < CONSUMERS; c++) {
    consumers.push(new Thread(function () {
        var got = [], last = new Array(PRODUCERS).fill(-1), outOfOrder = 0, item;
        while ((item = take()) !== undefined) {
            if (item.seq <= last[item.p]) outOfOrder++;
            last[item.p] = item.seq;
            got.push(item);
        }
        return { got: got, outOfOrder: outOfOrder };
    }));
}
for (var p = 0; p < PRODUCERS; p++) {
    producers.push(new Thread(function (p) {
        for (var i = 0; i < ITEMS; i++) put({ p: p, seq: i });
        lock.hold(function () { q.producersDone++; });
        nonEmpty.notifyAll(); // wake consumers so they can see the end
    }, p));
}
producers.forEach(function (t) { t.join(); });
var seen = [];
for (var p = 0; p < PRODUCERS; p++) seen.push(new Array(ITEMS).fill(0));
var total = 0;
consumers.forEach(function (t, c) {
    var r = t.join();
    assert.equal(r.outOfOrder, 0, "consumer " + c + " saw a producer's items out of order");
    r.got.forEach(function (item) { seen[item.p][item.seq]++; total++; });
});
assert.equal(total, PRODUCERS * ITEMS, "every item consumed");
for (var p = 0; p < PRODUCERS; p++) {
    for (var i = 0; i < ITEMS; i++) if (seen[p][i] !== 1) assert.equal(seen[p][i], 1, "item " + p + "/" + i + " consumed once");
}
assert.equal(q.head, q.items.length);
