// Checks the TypeErrors of THREADS-API section 5's table for Atomics on objects (missing, accessor, inherited-only, non-writable, non-extensible, non-Number operands, wait on a missing key) and that a failed call changes nothing; single-threaded, holds in every interleaving.
var getterCalls = 0, setterCalls = 0;
var proto = { inherited: 1 };
function makeObject() {
    var o = Object.create(proto);
    o.data = 1;
    Object.defineProperty(o, "acc", { get: function () { getterCalls++; return 1; }, set: function (v) { setterCalls++; }, configurable: true });
    Object.defineProperty(o, "getterOnly", { get: function () { getterCalls++; return 1; }, configurable: true });
    Object.defineProperty(o, "ro", { value: 1, writable: false, configurable: true });
    o.str = "1"; o.undef = undefined; o.nul = null; o.bool = true; o.obj = { valueOf: function () { return 1; } }; o.sym = Symbol();
    return o;
}
function expectTypeError(name, fn) { assert.throws(TypeError, fn, name); }
var o = makeObject();
var noKey = ["missing", "acc", "getterOnly", "inherited"];

// load / exchange / compareExchange / wait / waitAsync: own data property required.
noKey.forEach(function (k) {
    expectTypeError("load " + k, function () { Atomics.load(o, k); });
    expectTypeError("exchange " + k, function () { Atomics.exchange(o, k, 2); });
    expectTypeError("compareExchange " + k, function () { Atomics.compareExchange(o, k, 1, 2); });
    expectTypeError("wait " + k, function () { Atomics.wait(o, k, 1, 0); });
    expectTypeError("waitAsync " + k, function () { Atomics.waitAsync(o, k, 1, 0); });
    ["add", "sub", "and", "or", "xor"].forEach(function (op) {
        expectTypeError(op + " " + k, function () { Atomics[op](o, k, 1); });
    });
});
assert.equal(getterCalls, 0, "no accessor getter was called");

// store: accessor, non-writable, absent on a non-extensible object.
expectTypeError("store accessor", function () { Atomics.store(o, "acc", 2); });
expectTypeError("store getter-only accessor", function () { Atomics.store(o, "getterOnly", 2); });
expectTypeError("store non-writable", function () { Atomics.store(o, "ro", 2); });
assert.equal(setterCalls, 0, "no accessor setter was called");
var ne = Object.preventExtensions({ has: 1 });
expectTypeError("store new key on non-extensible", function () { Atomics.store(ne, "fresh", 1); });
assert(!("fresh" in ne), "nothing added");
var frozen = Object.freeze({ f: 1 });
expectTypeError("store frozen", function () { Atomics.store(frozen, "f", 2); });
expectTypeError("store new key on frozen", function () { Atomics.store(frozen, "g", 2); });
// A non-writable data property: the read-modify-write operations may not change it either.
["exchange", "add", "sub", "and", "or", "xor"].forEach(function (op) {
    expectTypeError(op + " non-writable", function () { Atomics[op](o, "ro", 2); });
});
expectTypeError("compareExchange non-writable (matching)", function () { Atomics.compareExchange(o, "ro", 1, 2); });
assert.equal(o.ro, 1, "non-writable property unchanged");
assert.equal(frozen.f, 1, "frozen property unchanged");

// add/sub/and/or/xor: the current value must be a Number.
["str", "undef", "nul", "bool", "obj", "sym"].forEach(function (k) {
    var before = o[k];
    ["add", "sub", "and", "or", "xor"].forEach(function (op) {
        expectTypeError(op + " on non-Number " + k, function () { Atomics[op](o, k, 1); });
    });
    assert.equal(o[k], before, k + " unchanged");
});
// Boxed numbers are objects, not Numbers.
o.boxed = Object(5);
expectTypeError("add on a Number object", function () { Atomics.add(o, "boxed", 1); });

// Not an object and not a typed array: TypeError (ECMA-262's validation).
[undefined, null, 1, "str", true, Symbol()].forEach(function (v) {
    expectTypeError("load on " + String(v), function () { Atomics.load(v, 0); });
    expectTypeError("store on " + String(v), function () { Atomics.store(v, 0, 1); });
});
// Non-integer typed arrays keep ECMA-262's TypeError.
expectTypeError("add on Float64Array", function () { Atomics.add(new Float64Array(2), 0, 1); });

// notify never throws for a missing key: it returns 0.
assert.equal(Atomics.notify(o, "missing"), 0);
assert.equal(Atomics.notify(o, "acc"), 0);
assert.equal(Atomics.notify({}, "anything", 5), 0);
// The object still works normally afterwards.
assert.equal(Atomics.add(o, "data", 1), 1);
assert.equal(o.data, 2);
assert.equal(Object.keys(o).indexOf("missing"), -1, "no property was created by the failed calls");
