// Four mutator threads build and rebuild linked lists, trees and arrays under heavy allocation pressure (many collections) while also appending to one shared list under a Lock; every structure's checksum is exact after join (synchronization correctness; checks that no live cell is swept under N mutators).
var lock = new Lock();
var shared = { head: null, count: 0 };
function makeTree(depth, seed) {
    if (depth === 0) return { leaf: seed };
    return { l: makeTree(depth - 1, seed * 2), r: makeTree(depth - 1, seed * 2 + 1), tag: "d" + depth };
}
function sumTree(t) { return t.leaf !== undefined ? t.leaf : sumTree(t.l) + sumTree(t.r); }
var THREADS = 4, ROUNDS = 30, LIST = 800;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var keep = [];
        for (var round = 0; round < ROUNDS; round++) {
            var head = null;
            for (var i = 0; i < LIST; i++) head = { v: i, s: "n" + i, next: head };
            var tree = makeTree(6, round);
            var garbage = [];
            for (var i = 0; i < 400; i++) garbage.push({ junk: [i, i + 1], str: "g" + i + "_" + id });
            // verify this round's list and tree right away
            var sum = 0, n = 0;
            for (var p = head; p; p = p.next) { sum += p.v; if (p.s !== "n" + p.v) throw new Error("string field corrupted"); n++; }
            assert.equal(n, LIST);
            assert.equal(sum, LIST * (LIST - 1) / 2);
            assert.equal(sumTree(tree), 64 * 64 * round + 64 * 63 / 2, "tree checksum");
            if (round % 10 === 0) keep.push({ head: head, tree: tree, round: round });
            lock.hold(function () { shared.head = { id: id, round: round, next: shared.head }; shared.count++; });
        }
        return keep;
    }, t));
}
var kept = workers.map(function (w) { return w.join(); });
kept.forEach(function (keep) {
    assert.equal(keep.length, ROUNDS / 10);
    keep.forEach(function (k) {
        var sum = 0, n = 0;
        for (var p = k.head; p; p = p.next) { sum += p.v; n++; }
        assert.equal(n, LIST, "kept list length");
        assert.equal(sum, LIST * (LIST - 1) / 2, "kept list checksum");
        assert.equal(sumTree(k.tree), 64 * 64 * k.round + 2016, "kept tree checksum");
    });
});
assert.equal(shared.count, THREADS * ROUNDS);
var perThread = [0, 0, 0, 0], roundSum = 0, n = 0;
for (var p = shared.head; p; p = p.next) { perThread[p.id]++; roundSum += p.round; n++; }
assert.equal(n, THREADS * ROUNDS, "shared list has every node");
assert.deepEqual(perThread, [ROUNDS, ROUNDS, ROUNDS, ROUNDS]);
assert.equal(roundSum, THREADS * ROUNDS * (ROUNDS - 1) / 2);
