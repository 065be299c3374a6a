// Checks that hold returns fn's value by identity, rethrows fn's exception by identity, releases the lock on both paths, and rejects a non-callable fn with TypeError; single-threaded plus one contending thread, holds in every interleaving.
var lock = new Lock();
var obj = { v: 1 };
assert.equal(lock.hold(function () { return obj; }), obj, "returns fn's value");
assert.equal(lock.hold(function () { return NaN; }), NaN);
assert.equal(lock.hold(function () { return -0; }), -0);
assert.equal(lock.hold(function () {}), undefined);
assert.equal(lock.locked, false, "released after a normal return");

var err = new SyntaxError("inside");
var caught = null;
try { lock.hold(function () { throw err; }); } catch (e) { caught = e; }
assert.equal(caught, err, "rethrows the same exception");
assert.equal(lock.locked, false, "released after a throw");
caught = null;
try { lock.hold(function () { throw 17; }); } catch (e) { caught = e; }
assert.equal(caught, 17, "rethrows a primitive");

// fn is called with no arguments.
assert.equal(lock.hold(function () { return arguments.length; }), 0);

// Non-callable fn: TypeError, and the lock is not left held.
[undefined, null, 1, "f", {}, []].forEach(function (v) {
    assert.throws(TypeError, function () { lock.hold(v); }, "hold(" + String(v) + ")");
});
assert.throws(TypeError, function () { lock.hold(); }, "hold()");
assert.equal(lock.locked, false, "not held after TypeErrors");

// Another thread can take the lock after a throwing hold (it was really released).
var after = new Thread(function () {
    var r = [];
    for (var i = 0; i < 100; i++) {
        try { lock.hold(function () { throw i; }); } catch (e) { r.push(e); }
        r.push(lock.hold(function () { return i; }));
    }
    return r.length;
});
for (var i = 0; i < 100; i++) {
    try { lock.hold(function () { throw "main"; }); } catch (e) { assert.equal(e, "main"); }
}
assert.equal(after.join(), 200, "the other thread acquired the lock 200 times");
assert.equal(lock.locked, false);
