// A thread that throws makes join (every call, from any thread) rethrow the very value thrown, by identity, for objects, Errors and primitives; return values keep identity, NaN and -0; asyncJoin rejects/fulfils the same way (synchronization correctness).
var errObj = new TypeError("thrown from a thread");
var plainObj = { marker: 1 };
var throwers = [
    new Thread(function () { throw errObj; }),
    new Thread(function () { throw plainObj; }),
    new Thread(function () { throw 42; }),
    new Thread(function () { throw "a string"; }),
    new Thread(function () { throw undefined; }),
    new Thread(function () { throw NaN; }),
    new Thread(function () { null.x; })          // an engine-made TypeError
];
var expectedThrown = [errObj, plainObj, 42, "a string", undefined, NaN];
function caught(t) {
    try { t.join(); } catch (e) { return { e: e }; }
    return null;
}
for (var i = 0; i < expectedThrown.length; i++) {
    var c1 = caught(throwers[i]), c2 = caught(throwers[i]);
    assert(c1 !== null && c2 !== null, "join of thread " + i + " threw");
    assert.equal(c1.e, expectedThrown[i], "join rethrows the same value (" + i + ")");
    assert.equal(c2.e, expectedThrown[i], "second join agrees (" + i + ")");
}
var engineMade = caught(throwers[6]);
assert(engineMade.e instanceof TypeError, "engine TypeError crosses join");
assert.equal(caught(throwers[6]).e, engineMade.e, "same TypeError object on every join");
// Joins from other threads agree with the main thread's.
var fromThreads = [];
for (var t = 0; t < 3; t++) fromThreads.push(new Thread(function () { try { throwers[0].join(); } catch (e) { return e; } return null; }));
fromThreads.forEach(function (w) { assert.equal(w.join(), errObj, "join on another thread rethrows the same object"); });
// Return values.
var obj = {};
assert.equal(new Thread(function () { return obj; }).join(), obj, "object identity");
assert.equal(new Thread(function () { return -0; }).join(), -0, "-0 preserved");
assert.equal(new Thread(function () { return NaN; }).join(), NaN, "NaN preserved");
assert.equal(new Thread(function () { }).join(), undefined);
// asyncJoin settles the same way, never synchronously.
var settledSync = false;
var pr = throwers[1].asyncJoin();
pr.then(undefined, function () { settledSync = true; });
assert.equal(settledSync, false, "asyncJoin does not settle synchronously");
assert.async(async function () {
    try { await throwers[1].asyncJoin(); assert(false, "asyncJoin must reject"); }
    catch (e) { assert.equal(e, plainObj, "asyncJoin rejects with the same object"); }
    try { await pr; } catch (e) { assert.equal(e, plainObj); }
    assert.equal(settledSync, true);
    var t = new Thread(function () { return obj; });
    assert.equal(await t.asyncJoin(), obj, "asyncJoin fulfils with the same object");
    assert.equal(t.join(), obj);
});
