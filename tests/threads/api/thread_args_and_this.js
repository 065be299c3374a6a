// Checks that the thread calls fn(...args) with the very argument values and with this undefined (a sloppy fn sees globalThis, per OrdinaryCallBindThis); deterministic through join, holds in every interleaving.
var obj = { tag: "obj" };
var arr = [1, 2, 3];
var fnArg = function () {};
var sym = Symbol("s");
var t = new Thread(function (a, b, c, d, e, f, g) {
    "use strict";
    return { self: this, count: arguments.length, a: a, b: b, c: c, d: d, e: e, f: f, g: g };
}, obj, arr, fnArg, sym, NaN, -0, undefined);
var r = t.join();
assert.equal(r.self, undefined, "this is undefined in a strict fn");
assert.equal(r.count, 7, "arguments.length");
assert.equal(r.a, obj, "object argument by identity");
assert.equal(r.b, arr, "array argument by identity");
assert.equal(r.c, fnArg, "function argument by identity");
assert.equal(r.d, sym, "symbol argument");
assert.equal(r.e, NaN, "NaN argument");
assert.equal(r.f, -0, "-0 argument");
assert.equal(r.g, undefined, "explicit undefined argument");

// No arguments at all.
assert.equal(new Thread(function () { "use strict"; return arguments.length; }).join(), 0);

// A sloppy function called with this undefined sees the global object.
var sloppy = new Thread(function () { return this; });
assert.equal(sloppy.join(), globalThis, "sloppy this is globalThis");

// The thread may mutate the shared argument object; join orders those writes before the read.
var shared = { list: [] };
new Thread(function (o, n) { for (var i = 0; i < n; i++) o.list.push(i); }, shared, 100).join();
assert.equal(shared.list.length, 100);
assert.equal(shared.list[99], 99);
