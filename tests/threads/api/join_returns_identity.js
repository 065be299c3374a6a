// Checks that join returns fn's return value itself (objects by identity, NaN and -0 preserved, primitives exact) on every call; synchronization through join, holds in every interleaving.
var obj = { x: 1 };
var fn = function () {};
var sym = Symbol("r");
var cases = [
    [function () { return obj; }, obj, "object"],
    [function () { return fn; }, fn, "function"],
    [function () { return sym; }, sym, "symbol"],
    [function () { return NaN; }, NaN, "NaN"],
    [function () { return -0; }, -0, "-0"],
    [function () { return 0; }, 0, "+0"],
    [function () { return 0 / 0; }, NaN, "computed NaN"],
    [function () { return -1 / Infinity; }, -0, "computed -0"],
    [function () { return Infinity; }, Infinity, "Infinity"],
    [function () { return 2 ** 53 + 2; }, 2 ** 53 + 2, "large integer"],
    [function () { return 0.1 + 0.2; }, 0.1 + 0.2, "fraction"],
    [function () { return "str" + "ing"; }, "string", "string"],
    [function () { return null; }, null, "null"],
    [function () {}, undefined, "no return"],
    [function () { return true; }, true, "boolean"],
];
var threads = cases.map(function (c) { return new Thread(c[0]); });
for (var i = 0; i < cases.length; i++) {
    assert.equal(threads[i].join(), cases[i][1], cases[i][2]);
    // A second and third join of a finished thread agree.
    assert.equal(threads[i].join(), cases[i][1], cases[i][2] + " (second join)");
    assert.equal(threads[i].join(), cases[i][1], cases[i][2] + " (third join)");
}

// An object created inside the thread keeps its identity and contents.
var made = new Thread(function () { var o = { inner: [1, 2] }; o.self = o; return o; });
var m1 = made.join(), m2 = made.join();
assert.equal(m1, m2, "same object from both joins");
assert.equal(m1.self, m1, "self reference preserved");
assert.deepEqual(m1.inner, [1, 2]);

// A thread that returns a Thread: the very Thread object.
var inner;
var outer = new Thread(function () { return new Thread(function () { return "deep"; }); });
inner = outer.join();
assert(inner instanceof Thread, "returned a Thread");
assert.equal(inner.join(), "deep");
assert.equal(outer.join(), inner);
