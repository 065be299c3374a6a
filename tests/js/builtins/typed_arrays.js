// ArrayBuffer, SharedArrayBuffer, the TypedArrays and DataView (single-threaded behaviour).
// Expectations checked against Node 20 and ECMA-262.
function detach(buffer) {
    if (typeof $262 !== "undefined") $262.detachArrayBuffer(buffer);
    else structuredClone(buffer, { transfer: [buffer] });
}

// --- Element conversion -------------------------------------------------------------------------
const u8 = new Uint8Array(4);
u8[0] = 257; u8[1] = -1; u8[2] = 3.9; u8[3] = "12";
assert.deepEqual(Array.from(u8), [1, 255, 3, 12]);
const i8 = new Int8Array([127, 128, -129, 255]);
assert.deepEqual(Array.from(i8), [127, -128, 127, -1]);
const c8 = new Uint8ClampedArray([300, -5, 1.5, 2.5, 0.5, NaN, 254.5, 253.5]);
assert.deepEqual(Array.from(c8), [255, 0, 2, 2, 0, 0, 254, 254]);
const i16 = new Int16Array([32768, -32769, 65535]);
assert.deepEqual(Array.from(i16), [-32768, 32767, -1]);
const u16 = new Uint16Array([-1, 65536, 70000]);
assert.deepEqual(Array.from(u16), [65535, 0, 4464]);
const i32 = new Int32Array([2147483648, -2147483649, 4294967295, Infinity, NaN]);
assert.deepEqual(Array.from(i32), [-2147483648, 2147483647, -1, 0, 0]);
const u32 = new Uint32Array([-1, 4294967296, 1.9e10]);
assert.deepEqual(Array.from(u32), [4294967295, 0, 1820130816]);
const f32 = new Float32Array([1.1, 16777217, -0, Infinity]);
assert.equal(f32[0], 1.100000023841858);
assert.equal(f32[1], 16777216);
assert.equal(Object.is(f32[2], -0), true);
assert.equal(f32[3], Infinity);
const f64 = new Float64Array([0.1, NaN, -0]);
assert.equal(f64[0], 0.1);
assert.equal(Number.isNaN(f64[1]), true);
assert.equal(Object.is(f64[2], -0), true);

// --- Constructors -------------------------------------------------------------------------------
assert.equal(new Float64Array(3).length, 3);
assert.equal(new Int8Array().length, 0);
assert.throws(RangeError, () => new Uint8Array(-1));
assert.throws(TypeError, () => Uint8Array(2));
assert.equal(Uint8Array.BYTES_PER_ELEMENT, 1);
assert.equal(Float64Array.prototype.BYTES_PER_ELEMENT, 8);
assert.equal(Uint8Array.length, 3);
assert.equal(Uint8Array.name, "Uint8Array");
const TypedArray = Object.getPrototypeOf(Int8Array);
assert.equal(TypedArray, Object.getPrototypeOf(Float32Array));
assert.equal(TypedArray.name, "TypedArray");
assert.throws(TypeError, () => new TypedArray());
assert.equal(Object.getPrototypeOf(Int8Array.prototype), TypedArray.prototype);
assert.deepEqual(Array.from(new Int16Array(new Set([1, 2, 3]))), [1, 2, 3]);
assert.deepEqual(Array.from(new Int16Array({ length: 2, 0: 5, 1: 6 })), [5, 6]);
assert.deepEqual(Array.from(new Uint8Array(new Int16Array([256, 257, -1]))), [0, 1, 255]);
const buf = new ArrayBuffer(16);
const view = new Int32Array(buf, 4, 2);
assert.equal(view.length, 2);
assert.equal(view.byteOffset, 4);
assert.equal(view.byteLength, 8);
assert.equal(view.buffer, buf);
assert.equal(new Int32Array(buf, 8).length, 2);
assert.throws(RangeError, () => new Int32Array(buf, 3));
assert.throws(RangeError, () => new Int32Array(buf, 4, 4));
assert.throws(RangeError, () => new Int32Array(new ArrayBuffer(7)));
class MyBytes extends Uint8Array {
    sum() { return this.reduce((a, b) => a + b, 0); }
}
const mine = new MyBytes([1, 2, 3]);
assert.equal(mine.sum(), 6);
assert.equal(mine instanceof Uint8Array, true);
assert.equal(mine.map(x => x * 2) instanceof MyBytes, true);
assert.deepEqual(Array.from(Int8Array.from([1, 2, 3], x => x * 10)), [10, 20, 30]);
assert.deepEqual(Array.from(Float32Array.of(0.5, 2)), [0.5, 2]);

// --- Integer-indexed exotic object ------------------------------------------------------------------
const e = new Uint8Array([10, 20, 30]);
assert.equal(e[3], undefined);
e[3] = 1;
assert.equal(e[3], undefined);
assert.equal(e["-0"], undefined);
assert.equal(e["1.5"], undefined);
e["1.5"] = 7;
assert.equal(Object.keys(e).length, 3);
e.foo = "bar";
assert.equal(e.foo, "bar");
assert.deepEqual(Object.keys(e), ["0", "1", "2", "foo"]);
assert.equal(1 in e, true);
assert.equal(3 in e, false);
assert.equal("-0" in e, false);
assert.equal("01" in e, false);
assert.deepEqual(Object.getOwnPropertyDescriptor(e, 1), { value: 20, writable: true, enumerable: true, configurable: true });
assert.equal(Object.getOwnPropertyDescriptor(e, 5), undefined);
assert.equal(delete e[5], true);
assert.throws(TypeError, () => { "use strict"; delete e[0]; });
assert.equal(Reflect.deleteProperty(e, 0), false);
Object.defineProperty(e, 0, { value: 99 });
assert.equal(e[0], 99);
assert.throws(TypeError, () => Object.defineProperty(e, 0, { value: 1, configurable: false }));
assert.throws(TypeError, () => Object.defineProperty(e, 7, { value: 1 }));
assert.equal(Reflect.defineProperty(e, 0, { get() { return 1; } }), false);
assert.equal(Reflect.set(e, 10, 1), true);
const inherits = Object.create(e);
assert.equal(inherits[1], 20);
assert.equal(inherits[9], undefined);
inherits[9] = 5;
assert.equal(Object.getOwnPropertyNames(inherits).length, 0);
assert.throws(TypeError, () => Object.freeze(new Uint8Array(1)));
assert.equal(Object.isFrozen(Object.freeze(new Uint8Array(0))), true);
let valueOfCalls = 0;
e[1] = { valueOf() { valueOfCalls++; return 42; } };
assert.equal(e[1], 42);
assert.equal(valueOfCalls, 1);
e[8] = { valueOf() { valueOfCalls++; return 1; } };
assert.equal(valueOfCalls, 2);

// --- Prototype methods --------------------------------------------------------------------------------
const a = new Int16Array([5, 1, 4, 2, 3]);
assert.equal(a.at(-1), 3);
assert.equal(a.at(5), undefined);
assert.equal(a.join(), "5,1,4,2,3");
assert.equal(a.join(" - "), "5 - 1 - 4 - 2 - 3");
assert.equal(a.toString(), "5,1,4,2,3");
assert.equal(a.indexOf(4), 2);
assert.equal(a.indexOf(4, 3), -1);
assert.equal(a.lastIndexOf(5), 0);
assert.equal(a.includes(2), true);
assert.equal(new Float64Array([NaN]).includes(NaN), true);
assert.equal(new Float64Array([NaN]).indexOf(NaN), -1);
assert.equal(a.find(x => x < 3), 1);
assert.equal(a.findIndex(x => x < 3), 1);
assert.equal(a.findLast(x => x < 3), 2);
assert.equal(a.findLastIndex(x => x > 100), -1);
assert.equal(a.every(x => x > 0), true);
assert.equal(a.some(x => x > 4), true);
assert.equal(a.reduce((s, x) => s + x), 15);
assert.equal(a.reduceRight((s, x) => s + "" + x, ""), "32415");
assert.throws(TypeError, () => new Int8Array(0).reduce((s, x) => s));
assert.deepEqual(Array.from(a.map(x => x * 2)), [10, 2, 8, 4, 6]);
assert.deepEqual(Array.from(a.filter(x => x % 2)), [5, 1, 3]);
assert.deepEqual(Array.from(a.slice(1, -1)), [1, 4, 2]);
assert.deepEqual(Array.from(a.slice(-2)), [2, 3]);
const sub = a.subarray(1, 3);
sub[0] = 100;
assert.equal(a[1], 100);
assert.equal(sub.byteOffset, 2);
assert.deepEqual(Array.from(a.toSorted()), [2, 3, 4, 5, 100]);
assert.deepEqual(Array.from(a), [5, 100, 4, 2, 3]);
assert.deepEqual(Array.from(a.toReversed()), [3, 2, 4, 100, 5]);
assert.deepEqual(Array.from(a.with(0, 9)), [9, 100, 4, 2, 3]);
assert.throws(RangeError, () => a.with(5, 1));
a.sort();
assert.deepEqual(Array.from(a), [2, 3, 4, 5, 100]);
a.sort((x, y) => y - x);
assert.deepEqual(Array.from(a), [100, 5, 4, 3, 2]);
const fs = new Float64Array([3, -0, 0, NaN, -Infinity, 1]).sort();
assert.equal(Object.is(fs[1], -0), true);
assert.equal(Object.is(fs[2], 0), true);
assert.equal(Number.isNaN(fs[5]), true);
assert.equal(fs[0], -Infinity);
a.reverse();
assert.deepEqual(Array.from(a), [2, 3, 4, 5, 100]);
a.fill(7, 1, 3);
assert.deepEqual(Array.from(a), [2, 7, 7, 5, 100]);
a.copyWithin(0, 3);
assert.deepEqual(Array.from(a), [5, 100, 7, 5, 100]);
const overlap = new Uint8Array([1, 2, 3, 4, 5]);
overlap.copyWithin(1, 0, 4);
assert.deepEqual(Array.from(overlap), [1, 1, 2, 3, 4]);
const target = new Uint8Array(6);
target.set([1, 2], 1);
target.set(new Int16Array([300, 4]), 3);
assert.deepEqual(Array.from(target), [0, 1, 2, 44, 4, 0]);
assert.throws(RangeError, () => target.set([1, 2], 5));
assert.throws(RangeError, () => target.set([1], -1));
const shared = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
shared.set(shared.subarray(0, 4), 2);
assert.deepEqual(Array.from(shared), [1, 2, 1, 2, 3, 4, 7, 8]);
const asBytes = new Uint8Array(new Uint16Array([0x0102, 0x0304]).buffer);
new Uint16Array(asBytes.buffer).set(new Uint8Array(asBytes.buffer, 0, 2));
assert.deepEqual(Array.from(new Uint16Array(asBytes.buffer)), [2, 1]);
assert.deepEqual([...new Int8Array([7, 8]).entries()], [[0, 7], [1, 8]]);
assert.deepEqual([...new Int8Array([7, 8]).keys()], [0, 1]);
assert.equal(TypedArray.prototype[Symbol.iterator], TypedArray.prototype.values);
assert.equal(Object.prototype.toString.call(new Float32Array(1)), "[object Float32Array]");
assert.equal(TypedArray.prototype[Symbol.toStringTag], undefined);
assert.equal(new Uint8Array([1, 2]).toLocaleString(), "1,2");

// --- Species -----------------------------------------------------------------------------------------------
class Other extends Uint8Array {
    static get [Symbol.species]() { return Int16Array; }
}
const other = new Other([1, 2, 3]);
assert.equal(other.slice(1) instanceof Int16Array, true);
assert.equal(other.map(x => -x)[0], -1);
assert.throws(RangeError, () => other.subarray(1)); // Int16Array at byte offset 1

// --- Detached and resizable buffers -------------------------------------------------------------------------
const d = new Uint8Array([1, 2, 3]);
detach(d.buffer);
assert.equal(d.length, 0);
assert.equal(d.byteLength, 0);
assert.equal(d.byteOffset, 0);
assert.equal(d[0], undefined);
d[0] = 5;
assert.equal(d[0], undefined);
assert.equal(0 in d, false);
assert.deepEqual(Object.keys(d), []);
assert.throws(TypeError, () => d.join());
assert.throws(TypeError, () => d.values());
assert.throws(TypeError, () => new Uint8Array(d));
assert.equal(d.buffer.byteLength, 0);
assert.throws(TypeError, () => d.buffer.slice());
const it = new Uint8Array([1, 2]);
const iter = it.values();
assert.equal(iter.next().value, 1);
detach(it.buffer);
assert.throws(TypeError, () => iter.next());
const mid = new Uint8Array([1, 2, 3, 4]);
const seen = [];
mid.forEach((x, i) => { if (i === 1) detach(mid.buffer); seen.push(x); });
assert.deepEqual(seen, [1, 2, undefined, undefined]);

const rab = new ArrayBuffer(4, { maxByteLength: 12 });
assert.equal(rab.resizable, true);
assert.equal(rab.maxByteLength, 12);
const tracking = new Uint16Array(rab);
const fixed = new Uint16Array(rab, 0, 2);
assert.equal(tracking.length, 2);
rab.resize(8);
assert.equal(tracking.length, 4);
assert.equal(fixed.length, 2);
tracking[3] = 9;
rab.resize(2);
assert.equal(tracking.length, 1);
assert.equal(fixed.length, 0);
assert.equal(fixed[0], undefined);
assert.throws(TypeError, () => fixed.fill(1));
rab.resize(8);
assert.equal(tracking[3], 0, "grown bytes are zero");
assert.equal(fixed.length, 2);
assert.throws(RangeError, () => rab.resize(13));
assert.throws(TypeError, () => new ArrayBuffer(4).resize(2));
assert.throws(RangeError, () => new ArrayBuffer(4, { maxByteLength: 2 }));

// --- ArrayBuffer and SharedArrayBuffer ----------------------------------------------------------------------
const ab = new ArrayBuffer(8);
assert.equal(ab.byteLength, 8);
assert.equal(ab.resizable, false);
new Uint8Array(ab).set([1, 2, 3, 4, 5, 6, 7, 8]);
assert.deepEqual(Array.from(new Uint8Array(ab.slice(2, 5))), [3, 4, 5]);
assert.deepEqual(Array.from(new Uint8Array(ab.slice(-2))), [7, 8]);
assert.equal(ArrayBuffer.isView(new DataView(ab)), true);
assert.equal(ArrayBuffer.isView(new Int8Array(1)), true);
assert.equal(ArrayBuffer.isView(ab), false);
assert.equal(ArrayBuffer[Symbol.species], ArrayBuffer);
assert.throws(TypeError, () => ArrayBuffer(1));
assert.throws(RangeError, () => new ArrayBuffer(-1));
assert.equal(Object.prototype.toString.call(ab), "[object ArrayBuffer]");
const sab = new SharedArrayBuffer(8);
assert.equal(sab.byteLength, 8);
assert.equal(Object.prototype.toString.call(sab), "[object SharedArrayBuffer]");
assert.throws(TypeError, () => ArrayBuffer.prototype.slice.call(sab));
assert.throws(TypeError, () => SharedArrayBuffer.prototype.slice.call(ab));
const sabView = new Int32Array(sab);
sabView[1] = -5;
assert.equal(new Int32Array(sab.slice(4))[0], -5);
const gsab = new SharedArrayBuffer(4, { maxByteLength: 16 });
assert.equal(gsab.growable, true);
gsab.grow(8);
assert.equal(gsab.byteLength, 8);
assert.throws(RangeError, () => gsab.grow(4));
assert.throws(RangeError, () => gsab.grow(17));

// --- DataView -------------------------------------------------------------------------------------------------
const dvb = new ArrayBuffer(16);
const dv = new DataView(dvb, 2);
assert.equal(dv.byteOffset, 2);
assert.equal(dv.byteLength, 14);
dv.setInt16(0, -2);
assert.equal(dv.getInt16(0), -2);
assert.equal(dv.getUint16(0), 65534);
assert.equal(dv.getUint8(0), 0xff);
assert.equal(dv.getUint8(1), 0xfe);
dv.setUint32(1, 0x01020304, true);
assert.equal(dv.getUint8(1), 4);
assert.equal(dv.getUint32(1, true), 0x01020304);
assert.equal(dv.getUint32(1), 0x04030201);
dv.setFloat64(3, Math.PI);
assert.equal(dv.getFloat64(3), Math.PI);
dv.setFloat32(5, 1.5, true);
assert.equal(dv.getFloat32(5, true), 1.5);
assert.throws(RangeError, () => dv.getInt32(11));
assert.throws(RangeError, () => dv.getInt8(-1));
assert.throws(RangeError, () => new DataView(dvb, 17));
assert.throws(TypeError, () => new DataView({}));
const dv2 = new DataView(new ArrayBuffer(4));
detach(dv2.buffer);
assert.throws(TypeError, () => dv2.byteLength);
assert.throws(TypeError, () => dv2.getInt8(0));
assert.equal(Object.prototype.toString.call(dv), "[object DataView]");

// Float16Array, DataView getFloat16/setFloat16 and Math.f16round: binary16 with round to
// nearest, ties to even (expected values checked against IEEE 754 half-precision encodings).
{
    const h = new Float16Array([1.1, 65504, 65519, 65520, 2 ** -24, 2 ** -25, 2 ** -25 * 1.0001, 1 / 3, -0, NaN]);
    assert.equal(Float16Array.BYTES_PER_ELEMENT, 2);
    assert.equal(h[0], 1.099609375);
    assert.equal(h[1], 65504);
    assert.equal(h[2], 65504, "65519 rounds down to the largest finite half");
    assert.equal(h[3], Infinity, "65520 is the tie that rounds to infinity");
    assert.equal(h[4], 5.960464477539063e-8, "the smallest subnormal");
    assert.equal(h[5], 0, "half the smallest subnormal ties to even: zero");
    assert.equal(h[6], 5.960464477539063e-8);
    assert.equal(h[7], 0.333251953125);
    assert.equal(h[8], -0);
    assert(Number.isNaN(h[9]));
    const dv16 = new DataView(new ArrayBuffer(4));
    dv16.setFloat16(0, 1 / 3);
    assert.equal(dv16.getUint16(0), 0x3555);
    assert.equal(dv16.getFloat16(0), 0.333251953125);
    dv16.setFloat16(2, -2.5e-5, true);
    assert.equal(dv16.getUint16(2, true), 0x81a3);
    assert.equal(Math.f16round(0.1), 0.0999755859375);
    assert.equal(Math.f16round(65520), Infinity);
    assert.equal(Math.f16round(-0), -0);
    assert.equal(Object.prototype.toString.call(new Float16Array(1)), "[object Float16Array]");
}
