// Checks Atomics.and/or/xor on object properties: ToInt32 on the current value and the operand, an int32 result stored, the old value returned; single-threaded, holds in every interleaving.
var o = { m: 12 };
assert.equal(Atomics.and(o, "m", 10), 12, "and returns the old value");
assert.equal(o.m, 8, "12 & 10");
assert.equal(Atomics.or(o, "m", 3), 8);
assert.equal(o.m, 11, "8 | 3");
assert.equal(Atomics.xor(o, "m", 255), 11);
assert.equal(o.m, 244, "11 ^ 255");

// ToInt32 on the operand.
o.m = 0;
Atomics.or(o, "m", 2 ** 32 + 5);
assert.equal(o.m, 5, "operand 2^32+5 is 5");
Atomics.or(o, "m", 2 ** 31);
assert.equal(o.m, (5 | 2 ** 31), "2^31 wraps to the sign bit");
assert(o.m < 0, "an int32 result is negative when the sign bit is set");
o.m = 7;
Atomics.and(o, "m", 3.9);
assert.equal(o.m, 3, "operand 3.9 is 3");
Atomics.xor(o, "m", "1");
assert.equal(o.m, 2, "string operand");
Atomics.and(o, "m", NaN);
assert.equal(o.m, 0, "NaN operand is 0");
o.m = 5;
Atomics.or(o, "m", -0);
assert.equal(o.m, 5);

// ToInt32 on the current value.
o.m = 4294967295; // 2^32 - 1, ToInt32 is -1
Atomics.and(o, "m", 0xff);
assert.equal(o.m, 255, "current 2^32-1 is -1 as int32");
o.m = 6.75;
Atomics.or(o, "m", 1);
assert.equal(o.m, 7, "current 6.75 is 6 as int32");
o.m = NaN;
Atomics.xor(o, "m", 9);
assert.equal(o.m, 9, "current NaN is 0 as int32");
o.m = -0;
Atomics.or(o, "m", 0);
assert.equal(o.m, 0, "int32 result is +0, never -0");
o.m = Infinity;
Atomics.or(o, "m", 0);
assert.equal(o.m, 0, "current Infinity is 0 as int32");
o.m = -1;
Atomics.xor(o, "m", -1);
assert.equal(o.m, 0);
assert.equal(Atomics.xor(o, "m", -2147483648), 0);
assert.equal(o.m, -2147483648, "the most negative int32");
