// Checks that Atomics on (object, key) apply ToPropertyKey to key: numbers and numeric strings name the same property, symbols are distinct keys, objects convert via toString, conversion errors propagate; single-threaded, holds in every interleaving.
var o = {};
Atomics.store(o, 1, 5);
assert.equal(o["1"], 5, "number key 1 is property \"1\"");
assert.equal(Atomics.load(o, "1"), 5);
assert.equal(Atomics.add(o, 1.0, 1), 5);
assert.equal(Atomics.load(o, "1"), 6);
Atomics.store(o, -0, "zero");
assert.equal(o["0"], "zero", "-0 converts to \"0\"");
Atomics.store(o, 1.5, "frac");
assert.equal(o["1.5"], "frac");
Atomics.store(o, NaN, "nan");
assert.equal(o["NaN"], "nan");
Atomics.store(o, null, "null");
assert.equal(o["null"], "null");
Atomics.store(o, undefined, "undef");
assert.equal(o["undefined"], "undef");
Atomics.store(o, true, "t");
assert.equal(o["true"], "t");

var s1 = Symbol("k"), s2 = Symbol("k");
Atomics.store(o, s1, 1);
Atomics.store(o, s2, 2);
assert.equal(o[s1], 1, "symbol keys");
assert.equal(o[s2], 2, "a different symbol with the same description is a different key");
assert.equal(Atomics.load(o, s1), 1);
assert.equal(o["Symbol(k)"], undefined, "symbols are not stringified");

var calls = 0;
var keyObj = { toString: function () { calls++; return "fromObj"; } };
Atomics.store(o, keyObj, 42);
assert.equal(o.fromObj, 42, "object key via toString");
assert.equal(calls, 1, "toString called once");
assert.equal(Atomics.load(o, keyObj), 42);
var prim = { [Symbol.toPrimitive]: function () { return s1; } };
assert.equal(Atomics.load(o, prim), 1, "toPrimitive returning a symbol");

var boom = new Error("boom");
var bad = { toString: function () { throw boom; } };
var caught = null;
try { Atomics.store(o, bad, 1); } catch (e) { caught = e; }
assert.equal(caught, boom, "an exception from ToPropertyKey propagates");
assert.equal(Atomics.notify(o, 1), 0, "notify converts its key too");
