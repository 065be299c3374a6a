// Checks Atomics.load/store on object properties: load reads own data properties, store returns v itself, overwrites, and creates a missing property on an extensible object, any value kind; single-threaded plus a join, holds in every interleaving.
var o = { n: 1, s: "str", u: undefined };
var obj = { inner: true };
assert.equal(Atomics.load(o, "n"), 1);
assert.equal(Atomics.load(o, "s"), "str");
assert.equal(Atomics.load(o, "u"), undefined, "an own data property holding undefined");
assert.equal(Atomics.store(o, "n", 2.5), 2.5, "store returns v");
assert.equal(o.n, 2.5, "no integer conversion");
assert.equal(Atomics.store(o, "n", obj), obj, "store returns the object itself");
assert.equal(Atomics.load(o, "n"), obj, "load returns it by identity");
assert.equal(Atomics.store(o, "n", -0), -0, "store returns -0");
assert.equal(Atomics.load(o, "n"), -0, "-0 stored as is");
assert.equal(Atomics.store(o, "n", NaN), NaN);
assert.equal(Atomics.load(o, "n"), NaN);
assert.equal(Atomics.store(o, "n", "text"), "text", "non-numbers are fine for store");
var sym = Symbol("v");
assert.equal(Atomics.store(o, "n", sym), sym);
assert.equal(Atomics.load(o, "n"), sym);
assert.equal(Atomics.store(o, "n", null), null);

// Creating a property.
var fresh = {};
assert.equal(Atomics.store(fresh, "made", 7), 7, "store creates a missing property");
assert(Object.prototype.hasOwnProperty.call(fresh, "made"), "created as an own property");
assert.equal(fresh.made, 7);
assert.equal(Atomics.load(fresh, "made"), 7);
var nullProto = Object.create(null);
Atomics.store(nullProto, "k", "v");
assert.equal(Atomics.load(nullProto, "k"), "v", "objects without a prototype");
// An inherited property is not modified: store creates an own one that shadows it.
var proto = { shared: 1 };
var child = Object.create(proto);
Atomics.store(child, "shared", 2);
assert.equal(proto.shared, 1, "the prototype's property is untouched");
assert.equal(Atomics.load(child, "shared"), 2);
// Sealed (non-extensible) object: existing writable properties may still be stored.
var sealed = Object.seal({ w: 1 });
assert.equal(Atomics.store(sealed, "w", 9), 9);
assert.equal(sealed.w, 9);
// Functions and arrays are objects too.
var fn = function () {};
Atomics.store(fn, "p", 3);
assert.equal(Atomics.load(fn, "p"), 3);
var arr = [10, 20];
assert.equal(Atomics.load(arr, 1), 20);
assert.equal(Atomics.store(arr, 0, 11), 11);
assert.equal(arr[0], 11);

// Stores made by another thread are seen by load after join, and vice versa.
var shared = { v: 0 };
Atomics.store(shared, "fromMain", obj);
var seen = new Thread(function () {
    var r = Atomics.load(shared, "fromMain");
    Atomics.store(shared, "fromThread", fresh);
    return r;
}).join();
assert.equal(seen, obj, "the thread loaded the main thread's object");
assert.equal(Atomics.load(shared, "fromThread"), fresh);
