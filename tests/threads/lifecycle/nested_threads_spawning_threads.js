// Threads spawn threads (a tree of depth 3 and fan-out 3, plus a chain 20 deep in which each thread joins its child); every node runs once, sees its parent's pre-spawn writes, returns the right aggregate, and all ids are distinct (synchronization correctness via start order and join).
var lock = new Lock();
var seenIds = [];
function node(depth, path, parentNote) {
    var me = Thread.current;
    assert.equal(parentNote.path, path, "parent's write before spawn is visible");
    lock.hold(function () { seenIds.push(me.id); });
    if (depth === 0) return 1;
    var children = [];
    for (var c = 0; c < 3; c++) {
        var note = { path: path + "." + c };     // written before the child starts
        children.push(new Thread(node, depth - 1, path + "." + c, note));
    }
    var total = 1;
    for (var c = 0; c < 3; c++) total += children[c].join();
    assert.equal(Thread.current, me, "Thread.current is stable across joins");
    return total;
}
var root = new Thread(node, 3, "r", { path: "r" });
assert.equal(root.join(), 1 + 3 + 9 + 27, "node count of the tree");
assert.equal(seenIds.length, 40);
assert.equal(new Set(seenIds).size, 40, "ids unique across the tree");
seenIds.forEach(function (id) { assert(id >= 1, "spawned id"); });

// A chain: each thread spawns the next and joins it, passing a value down and the result up.
function chain(n, acc) {
    if (n === 0) return acc;
    return new Thread(chain, n - 1, acc + n).join() + 0;
}
assert.equal(new Thread(chain, 20, 0).join(), 210);

// A child's failure propagates through its parent's join to the root.
var failing = new Thread(function () {
    var child = new Thread(function () { throw new RangeError("deep failure"); });
    return child.join();
});
var e = assert.throws(RangeError, function () { failing.join(); });
assert.equal(e.message, "deep failure");

// A thread created on one thread can be joined by a third.
var made = new Thread(function () { return new Thread(function () { return "grandchild"; }); }).join();
assert.equal(new Thread(function () { return made.join(); }).join(), "grandchild");
assert.equal(made.join(), "grandchild");
