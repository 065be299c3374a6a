// Checks that join rethrows the very value fn threw (Error objects by identity, any primitive incl. NaN, -0, undefined) on every call; synchronization through join, holds in every interleaving.
function thrown(t) {
    try { t.join(); } catch (e) { return { value: e }; }
    return null;
}
var err = new RangeError("boom");
var obj = { code: 42 };
var cases = [
    [err, "Error instance"],
    [obj, "plain object"],
    [NaN, "NaN"],
    [-0, "-0"],
    [undefined, "undefined"],
    [null, "null"],
    ["text", "string"],
];
var threads = cases.map(function (c) { return new Thread(function (v) { throw v; }, c[0]); });
for (var i = 0; i < cases.length; i++) {
    for (var k = 0; k < 3; k++) {
        var r = thrown(threads[i]);
        assert(r !== null, cases[i][1] + ": join must throw");
        assert.equal(r.value, cases[i][0], cases[i][1] + " (join " + (k + 1) + ")");
    }
}

// An error created by the engine inside the thread (a TypeError from calling undefined) is
// rethrown as the same object by every join.
var te = new Thread(function () { var u; u(); });
var a = thrown(te).value, b = thrown(te).value;
assert(a instanceof TypeError, "engine TypeError, got " + a);
assert.equal(a, b, "both joins rethrow the same TypeError object");

// Throwing from a nested call and from a finally-overridden path.
var nested = new Thread(function () {
    function deep(n) { if (n === 0) throw obj; return deep(n - 1); }
    try { deep(50); } finally { /* rethrows */ }
});
assert.equal(thrown(nested).value, obj);
var overridden = new Thread(function () { try { throw 1; } finally { throw err; } });
assert.equal(thrown(overridden).value, err);

// A thread that returns normally after catching does not throw.
var recovered = new Thread(function () { try { throw err; } catch (e) { return e; } });
assert.equal(recovered.join(), err);
