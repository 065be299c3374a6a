// Atomics on integer typed arrays (ECMA-262), single-threaded: results, conversions, validation,
// wait/notify without another agent. Expectations checked against Node 20 and ECMA-262.
const sab = new SharedArrayBuffer(32);
const i32 = new Int32Array(sab);

assert.equal(Atomics.add(i32, 0, 5), 0);
assert.equal(Atomics.load(i32, 0), 5);
assert.equal(Atomics.sub(i32, 0, 7), 5);
assert.equal(i32[0], -2);
assert.equal(Atomics.and(i32, 0, 0xff), -2);
assert.equal(i32[0], 254);
assert.equal(Atomics.or(i32, 0, 0x100), 254);
assert.equal(Atomics.xor(i32, 0, 0x1ff), 510);
assert.equal(i32[0], 1);
assert.equal(Atomics.exchange(i32, 0, 42), 1);
assert.equal(Atomics.compareExchange(i32, 0, 41, 7), 42);
assert.equal(i32[0], 42);
assert.equal(Atomics.compareExchange(i32, 0, 42, 7), 42);
assert.equal(i32[0], 7);
assert.equal(Atomics.store(i32, 1, 3.7), 3);
assert.equal(Object.is(Atomics.store(i32, 1, -0), 0), true);
assert.equal(Atomics.store(i32, 1, "12"), 12);
assert.equal(Atomics.store(i32, 2, 2 ** 32 + 5), 2 ** 32 + 5);
assert.equal(i32[2], 5);
assert.equal(Atomics.add(i32, 3, 2 ** 31), 0);
assert.equal(i32[3], -(2 ** 31));

// Element types: wrap-around and sign of each integer type; plain ArrayBuffers work too.
const u8 = new Uint8Array(4);
assert.equal(Atomics.add(u8, 0, 300), 0);
assert.equal(u8[0], 44);
assert.equal(Atomics.sub(u8, 1, 1), 0);
assert.equal(u8[1], 255);
const i8 = new Int8Array(new SharedArrayBuffer(4));
assert.equal(Atomics.exchange(i8, 0, 200), 0);
assert.equal(Atomics.load(i8, 0), -56);
const u16 = new Uint16Array(new SharedArrayBuffer(8), 2, 2);
assert.equal(Atomics.compareExchange(u16, 1, 0, 65537), 0);
assert.equal(u16[1], 1);
assert.equal(Atomics.compareExchange(u16, 1, 65537, 9), 1, "expected value is converted to the element type");
assert.equal(u16[1], 9);
const i16 = new Int16Array(4);
assert.equal(Atomics.or(i16, 3, 0x8000), 0);
assert.equal(i16[3], -32768);
const u32 = new Uint32Array(new SharedArrayBuffer(4));
assert.equal(Atomics.sub(u32, 0, 1), 0);
assert.equal(Atomics.load(u32, 0), 4294967295);

// Validation.
assert.throws(TypeError, () => Atomics.add(new Float64Array(1), 0, 1));
assert.throws(TypeError, () => Atomics.load(new Float32Array(1), 0));
assert.throws(TypeError, () => Atomics.store(new Uint8ClampedArray(1), 0, 1));
// With threads, an ordinary object (an Array too) takes the property form (THREADS-API section 5).
if (typeof Thread === 'undefined')
    assert.throws(TypeError, () => Atomics.load([1, 2], 0));
else
    assert.equal(Atomics.load([1, 2], 0), 1);
assert.throws(TypeError, () => Atomics.load(1, 0));
assert.throws(RangeError, () => Atomics.load(i32, 8));
assert.throws(RangeError, () => Atomics.load(i32, -1));
assert.equal(Atomics.store(i32, "x", 11), 11, "ToIndex(NaN) is 0");
assert.equal(i32[0], 11);
let order = [];
assert.throws(RangeError, () => Atomics.store(i32, 99, { valueOf() { order.push("value"); return 1; } }));
assert.deepEqual(order, [], "the index is validated before the value is converted");
const detachable = new Int32Array(4);
assert.throws(TypeError, () => Atomics.store(detachable, 0, {
    valueOf() {
        if (typeof $262 !== "undefined") $262.detachArrayBuffer(detachable.buffer);
        else structuredClone(detachable.buffer, { transfer: [detachable.buffer] });
        return 1;
    },
}), "a buffer detached by the value conversion is revalidated");
assert.equal(Atomics.isLockFree(4), true);
assert.equal(Atomics.isLockFree(3), false);
assert.equal(Object.prototype.toString.call(Atomics), "[object Atomics]");

// wait / notify on one thread: not-equal, timed-out, and no waiters to wake.
const w = new Int32Array(new SharedArrayBuffer(16));
Atomics.store(w, 0, 1);
assert.equal(Atomics.wait(w, 0, 0), "not-equal");
assert.equal(Atomics.wait(w, 0, 1, 0), "timed-out");
assert.equal(Atomics.wait(w, 0, 1, 20), "timed-out");
assert.equal(Atomics.wait(w, 1, 0, -5), "timed-out", "a negative timeout is 0");
assert.equal(Atomics.notify(w, 0), 0);
assert.equal(Atomics.notify(w, 0, 5), 0);
assert.equal(Atomics.notify(new Int32Array(4), 0), 0, "notify on a non-shared buffer returns 0");
assert.throws(TypeError, () => Atomics.wait(new Int32Array(4), 0, 0), "wait needs a shared buffer");
assert.throws(TypeError, () => Atomics.wait(new Int16Array(sab), 0, 0), "wait needs an Int32Array");
assert.throws(TypeError, () => Atomics.notify(new Uint32Array(sab), 0));
assert.throws(RangeError, () => Atomics.wait(w, 4, 0, 0));
