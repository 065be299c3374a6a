// Checks that re-acquiring a held Lock on the same thread (hold or asyncHold) throws Error "Lock is not recursive" without deadlock, and that the outer hold stays in force; synchronization correctness, holds in every interleaving.
var lock = new Lock();
function checkRecursion(where) {
    var inner = 0;
    var result = lock.hold(function () {
        var e = assert.throws(Error, function () { lock.hold(function () { inner++; }); }, where + ": nested hold");
        assert(String(e.message).indexOf("Lock is not recursive") !== -1, where + ": message " + e.message);
        assert.equal(inner, 0, where + ": nested fn did not run");
        assert.equal(lock.locked, true, where + ": the outer hold stays");
        var a = assert.throws(Error, function () { lock.asyncHold(function () { inner++; }); }, where + ": asyncHold(fn) while holding");
        assert(String(a.message).indexOf("Lock is not recursive") !== -1, where + ": asyncHold message " + a.message);
        assert.throws(Error, function () { lock.asyncHold(); }, where + ": asyncHold() while holding");
        assert.equal(lock.locked, true, where + ": still held");
        return "outer done";
    });
    assert.equal(result, "outer done");
    assert.equal(inner, 0);
    return true;
}
checkRecursion("main");
assert.equal(lock.locked, false, "released after the outer hold");

// On a spawned thread too, while the main thread contends for the same lock.
var s = { counter: 0 };
var t = new Thread(function () {
    for (var i = 0; i < 50; i++) {
        checkRecursion("thread");
        lock.hold(function () { s.counter++; });
    }
    return true;
});
for (var i = 0; i < 50; i++) lock.hold(function () { s.counter++; });
assert(t.join());
assert.equal(s.counter, 100);

// The outer hold excluded the other thread while the nested error was handled: the other
// thread's increments never land between two reads inside one hold.
var u = new Thread(function () { for (var i = 0; i < 2000; i++) lock.hold(function () { s.counter++; }); });
for (var i = 0; i < 200; i++) {
    lock.hold(function () {
        var before = s.counter;
        try { lock.hold(function () {}); } catch (e) {}
        assert.equal(s.counter, before, "no other thread entered during the outer hold");
    });
}
u.join();
assert.equal(s.counter, 2100);
