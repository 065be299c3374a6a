// Checks Atomics.add/sub on object properties: return the old value, store the double result (no int32 wrap), ToNumber the operand, keep IEEE details (-0, NaN, Infinity); single-threaded, holds in every interleaving.
var o = { n: 0 };
assert.equal(Atomics.add(o, "n", 1), 0, "returns the old value");
assert.equal(o.n, 1);
assert.equal(Atomics.sub(o, "n", 3), 1);
assert.equal(o.n, -2);
o.n = 0.5;
assert.equal(Atomics.add(o, "n", 0.25), 0.5);
assert.equal(o.n, 0.75, "double arithmetic, not integer");
o.n = 2147483647;
assert.equal(Atomics.add(o, "n", 1), 2147483647);
assert.equal(o.n, 2147483648, "no int32 wrap-around");
o.n = 2 ** 53;
Atomics.add(o, "n", 2 ** 52);
assert.equal(o.n, 2 ** 53 + 2 ** 52);
Atomics.sub(o, "n", 2 ** 54);
assert.equal(o.n, -(2 ** 52));

// ToNumber(v)
o.n = 10;
assert.equal(Atomics.add(o, "n", "5"), 10);
assert.equal(o.n, 15, "a numeric string operand");
Atomics.sub(o, "n", { valueOf: function () { return 4; } });
assert.equal(o.n, 11, "an object operand via valueOf");
Atomics.add(o, "n", true);
assert.equal(o.n, 12, "true is 1");
Atomics.add(o, "n", null);
assert.equal(o.n, 12, "null is 0");
Atomics.add(o, "n", "abc");
assert.equal(o.n, NaN, "a non-numeric string gives NaN");
assert.equal(Atomics.add(o, "n", 1), NaN, "returns the old NaN");
assert.equal(o.n, NaN);
o.n = 1;
Atomics.add(o, "n", undefined);
assert.equal(o.n, NaN, "undefined is NaN");

// Signed zero and infinities.
o.n = -0;
assert.equal(Atomics.add(o, "n", -0), -0, "old value -0");
assert.equal(o.n, -0, "-0 + -0 is -0");
Atomics.add(o, "n", 0);
assert.equal(o.n, 0, "-0 + 0 is +0");
o.n = 0;
Atomics.sub(o, "n", 0);
assert.equal(o.n, 0, "0 - 0 is +0");
o.n = -0;
Atomics.sub(o, "n", 0);
assert.equal(o.n, -0, "-0 - 0 is -0");
o.n = Infinity;
Atomics.sub(o, "n", Infinity);
assert.equal(o.n, NaN, "Infinity - Infinity");
o.n = 1;
Atomics.add(o, "n", -Infinity);
assert.equal(o.n, -Infinity);

// The operand's conversion happens even when it throws: the property is left unchanged.
o.n = 5;
var boom = {};
var caught = null;
try { Atomics.add(o, "n", { valueOf: function () { throw boom; } }); } catch (e) { caught = e; }
assert.equal(caught, boom, "ToNumber's exception propagates");
assert.equal(o.n, 5, "unchanged after the failed conversion");
// A property created by store is usable by add.
var fresh = {};
Atomics.store(fresh, "c", 0);
for (var i = 0; i < 10; i++) Atomics.add(fresh, "c", i);
assert.equal(fresh.c, 45);
