// Checks that with threads enabled Atomics on typed arrays still behave exactly as ECMA-262 says (conversions, wrap-around, return values, RangeError/TypeError cases, wait on non-shared or non-Int32 arrays); single-threaded, holds in every interleaving.
var ta = new Int32Array(new SharedArrayBuffer(16));
assert.equal(Atomics.store(ta, 0, 3.7), 3, "store returns ToIntegerOrInfinity(v)");
assert.equal(ta[0], 3);
assert.equal(Atomics.store(ta, 1, -0), 0, "store of -0 returns +0");
assert.equal(Atomics.store(ta, 2, 2 ** 32 + 5), 2 ** 32 + 5, "store returns the integer, not the wrapped value");
assert.equal(ta[2], 5, "the element holds the wrapped value");
ta[0] = 2147483647;
assert.equal(Atomics.add(ta, 0, 1), 2147483647);
assert.equal(ta[0], -2147483648, "add wraps around");
assert.equal(Atomics.sub(ta, 3, 1), 0);
assert.equal(ta[3], -1);
assert.equal(Atomics.exchange(ta, 3, 7), -1);
assert.equal(Atomics.compareExchange(ta, 3, 7, 8), 7);
assert.equal(Atomics.compareExchange(ta, 3, 7, 9), 8, "failed CAS returns the current value");
assert.equal(ta[3], 8);
assert.equal(Atomics.and(ta, 3, 12), 8);
assert.equal(Atomics.or(ta, 3, 1), 8);
assert.equal(Atomics.xor(ta, 3, 255), 9);
assert.equal(ta[3], 246);
assert.equal(Atomics.compareExchange(ta, 3, "246", 1), 246, "expected goes through ToInt32 for typed arrays");
assert.equal(ta[3], 1);

var u8 = new Uint8Array(new SharedArrayBuffer(4));
assert.equal(Atomics.add(u8, 0, 300), 0);
assert.equal(u8[0], 44, "Uint8 wraps modulo 256");
assert.equal(Atomics.sub(u8, 1, 1), 0);
assert.equal(u8[1], 255);
var i16 = new Int16Array(4); // non-shared integer arrays are allowed except for wait
assert.equal(Atomics.add(i16, 0, 40000), 0);
assert.equal(i16[0], 40000 - 65536);

assert.throws(RangeError, function () { Atomics.load(ta, 4); }, "index out of range");
assert.throws(RangeError, function () { Atomics.store(ta, -1, 0); }, "negative index");
assert.throws(TypeError, function () { Atomics.add(new Float64Array(4), 0, 1); }, "Float64Array");
assert.throws(TypeError, function () { Atomics.load(new Float32Array(4), 0); }, "Float32Array");
assert.throws(TypeError, function () { Atomics.wait(new Int32Array(4), 0, 0, 0); }, "wait on a non-shared array");
assert.throws(TypeError, function () { Atomics.wait(new Int8Array(new SharedArrayBuffer(4)), 0, 0, 0); }, "wait on Int8Array");
assert.equal(Atomics.wait(ta, 3, 0, 0), "not-equal");
assert.equal(Atomics.wait(ta, 3, 1, 0), "timed-out");
assert.equal(Atomics.notify(ta, 3), 0);
assert.equal(Atomics.notify(new Int32Array(4), 0), 0, "notify on a non-shared array returns 0");
assert.equal(Atomics.isLockFree(4), true, "isLockFree(4) is true per ECMA-262");

// Another thread sees the same buffer contents through the same typed array object.
var seen = new Thread(function () { return [Atomics.load(ta, 0), Atomics.load(ta, 2), ta[3]]; }).join();
assert.deepEqual(seen, [-2147483648, 5, 1]);
