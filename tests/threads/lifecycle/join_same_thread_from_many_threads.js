// Many threads join the same thread while it is still running and after it finished, and Thread.current.join() throws; all joiners get the very same result object, a thread can block in join while others keep running, and joining oneself throws Error (synchronization correctness).
var release = { go: 0 };
var result = { payload: [1, 2, 3] };
var target = new Thread(function () {
    while (Atomics.load(release, "go") === 0) Atomics.wait(release, "go", 0);
    return result;
});
var JOINERS = 6;
var joiners = [];
for (var j = 0; j < JOINERS; j++) {
    joiners.push(new Thread(function (k) {
        var r = target.join();
        assert.equal(r, result, "joiner " + k + " got the same object");
        // joining oneself is an error
        var e = assert.throws(Error, function () { Thread.current.join(); });
        assert.equal(e.message, "Thread cannot join itself");
        return r.payload;
    }, j));
}
// The main thread can keep working while the joiners are blocked.
var s = 0;
for (var i = 0; i < 10000; i++) s += i;
assert.equal(s, 49995000);
Atomics.store(release, "go", 1);
Atomics.notify(release, "go");
joiners.forEach(function (w) { assert.equal(w.join(), result.payload); });
assert.equal(target.join(), result);
// late joins after it finished, from new threads, return at once with the same value
for (var j = 0; j < 3; j++) assert.equal(new Thread(function () { return target.join(); }).join(), result);
// the main thread joining itself also throws
assert.throws(Error, function () { Thread.current.join(); });
assert.throws(TypeError, function () { Thread(function () {}); }, "Thread without new");
assert.throws(TypeError, function () { new Thread(42); }, "non-callable");
