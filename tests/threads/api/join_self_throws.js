// Checks that Thread.current.join() throws Error "Thread cannot join itself" (on the main thread and on a spawned one), without deadlock, and that the thread goes on afterwards; deterministic, holds in every interleaving.
function checkSelfJoin(where) {
    var e = assert.throws(Error, function () { Thread.current.join(); }, where);
    assert(!(e instanceof TypeError) && !(e instanceof RangeError), where + ": a plain Error, got " + e);
    assert(String(e.message).indexOf("Thread cannot join itself") !== -1, where + ": message " + e.message);
    return e;
}
checkSelfJoin("main thread");
checkSelfJoin("main thread, again");

var t = new Thread(function () {
    var e = checkSelfJoin("spawned thread");
    // Through a saved reference and through Thread.prototype.join.call: the same rule.
    var me = Thread.current;
    assert.throws(Error, function () { me.join(); }, "saved reference");
    assert.throws(Error, function () { Thread.prototype.join.call(me); }, "join.call");
    return "after: " + (e instanceof Error);
});
assert.equal(t.join(), "after: true", "the thread continued after the failed self-join");

// A spawned thread joining the main thread... is not self-join; it is not tested here because
// the main thread never finishes before its children. A thread joining its own child is fine.
var parent = new Thread(function () {
    var child = new Thread(function () { return Thread.current.id; });
    return [child.join(), child.id];
});
var ids = parent.join();
assert.equal(ids[0], ids[1], "child's Thread.current.id matches");
