// Checks ECMA-262 Atomics.waitAsync on an Int32Array over a SharedArrayBuffer with threads enabled: synchronous not-equal / zero-timeout results, a promise resolved "ok" by a notify from another thread (exact count), "timed-out" after a timeout; holds in every interleaving.
var ta = new Int32Array(new SharedArrayBuffer(16));
var ne = Atomics.waitAsync(ta, 0, 1);
assert.equal(ne.async, false);
assert.equal(ne.value, "not-equal");
var zero = Atomics.waitAsync(ta, 0, 0, 0);
assert.equal(zero.async, false, "a zero timeout answers synchronously (ECMA-262)");
assert.equal(zero.value, "timed-out");
var w = Atomics.waitAsync(ta, 1, 0);
assert.equal(w.async, true);
assert(w.value instanceof Promise);
assert.async(async function () {
    assert.equal(new Thread(function () { return Atomics.notify(ta, 1); }).join(), 1, "the registered waiter is woken from another thread");
    assert.equal(await w.value, "ok");
    var t = Atomics.waitAsync(ta, 2, 0, 5);
    assert.equal(t.async, true);
    assert.equal(await t.value, "timed-out");
    assert.equal(Atomics.notify(ta, 2), 0);
});
