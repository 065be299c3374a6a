// Checks that new Thread(fn) requires a callable fn (TypeError with the documented message) and accepts every kind of callable; single-threaded checks plus joins, so it holds in every interleaving.
var notCallable = [undefined, null, 0, 1.5, "fn", true, Symbol("s"), {}, [], /re/, new Map()];
for (var i = 0; i < notCallable.length; i++) {
    var e = assert.throws(TypeError, function () { new Thread(notCallable[i]); }, "new Thread(" + String(notCallable[i]) + ")");
    assert(String(e.message).indexOf("Thread constructor requires a callable argument") !== -1, "message: " + e.message);
}
assert.throws(TypeError, function () { new Thread(); }, "new Thread() with no argument");

// Callables of every kind are accepted and run.
function plain() { return "plain"; }
var arrow = () => "arrow";
var bound = function (a, b) { return this.tag + a + b; }.bind({ tag: "bound" }, 1);
var method = { m() { return "method"; } }.m;
function* gen() { yield "gen"; }
assert.equal(new Thread(plain).join(), "plain");
assert.equal(new Thread(arrow).join(), "arrow");
assert.equal(new Thread(bound, 2).join(), "bound12");
assert.equal(new Thread(method).join(), "method");
assert.equal(new Thread(gen).join().next().value, "gen");
assert.equal(new Thread(Math.max, 3, 9, 4).join(), 9, "a built-in function");

// A class constructor is callable (typeof "function") so construction succeeds, but calling it
// without new throws a TypeError inside the thread, which join rethrows.
class K {}
var t = new Thread(K);
assert.throws(TypeError, function () { t.join(); }, "class constructor called without new");

// The Thread object is an instance of Thread.
assert(t instanceof Thread, "instanceof Thread");
assert.equal(Object.getPrototypeOf(t), Thread.prototype);
