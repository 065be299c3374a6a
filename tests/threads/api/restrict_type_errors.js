// Checks Thread.restrict's argument rules (non-objects and the global object throw TypeError), its return value, and the ConcurrentAccessError constructor (global, Error subclass, name); single-threaded except one join, holds in every interleaving.
var primitives = [undefined, null, 0, NaN, "str", true, Symbol("s")];
for (var i = 0; i < primitives.length; i++) {
    assert.throws(TypeError, function () { Thread.restrict(primitives[i]); }, "restrict(" + String(primitives[i]) + ")");
}
assert.throws(TypeError, function () { Thread.restrict(); }, "restrict() with no argument");
var g = assert.throws(TypeError, function () { Thread.restrict(globalThis); }, "the global object");
assert(String(g.message).indexOf("cannot restrict this object") !== -1, "message: " + g.message);
// The global object stays usable from other threads after the failed restrict.
globalThis.afterFailedRestrict = 1;
assert.equal(new Thread(function () { return globalThis.afterFailedRestrict; }).join(), 1);

// Ordinary objects of several kinds are accepted and returned.
var kinds = [{}, [], function () {}, new Map(), new Set(), new Int32Array(2), new Error("e"), Object.create(null)];
for (var i = 0; i < kinds.length; i++) assert.equal(Thread.restrict(kinds[i]), kinds[i], "restrict kind " + i);
var frozen = Object.freeze({ a: 1 });
assert.equal(Thread.restrict(frozen), frozen, "a frozen object");

// ConcurrentAccessError.
assert.equal(typeof ConcurrentAccessError, "function");
var e = new ConcurrentAccessError("msg");
assert(e instanceof ConcurrentAccessError && e instanceof Error, "instance of both");
assert.equal(e.name, "ConcurrentAccessError");
assert.equal(e.message, "msg");
assert.equal(Object.getPrototypeOf(ConcurrentAccessError.prototype), Error.prototype, "subclass of Error");
assert.equal(ConcurrentAccessError.prototype.name, "ConcurrentAccessError");
assert.equal(String(e), "ConcurrentAccessError: msg");

// An error actually thrown by a refused access is a ConcurrentAccessError.
var r = Thread.restrict({ v: 1 });
var thrown = new Thread(function () { try { return r.v; } catch (x) { return x; } }).join();
assert(thrown instanceof ConcurrentAccessError, "refused access throws ConcurrentAccessError, got " + thrown);
assert(thrown instanceof Error);
assert.equal(thrown.name, "ConcurrentAccessError");
