// Checks that waiters keyed by (object, key) are woken only by a notify on that same object and (ToPropertyKey-equal) key: not by another key, another object, a symbol with the same description, or a typed array (and object notifies do not wake a typed-array waiter); object waiters use waitAsync so registrations are known; holds in every interleaving.
var o = { a: 0, b: 0, 1: 0 };
var twin = { a: 0, b: 0, 1: 0 }; // same shape and values, different identity
var s1 = Symbol("k"), s2 = Symbol("k");
o[s1] = 0; o[s2] = 0;
var ta = new Int32Array(new SharedArrayBuffer(16));
var results = {};
function register(name, obj, key) {
    var r = Atomics.waitAsync(obj, key, 0);
    assert.equal(r.async, true, name + " waits");
    r.value.then(function (v) { results[name] = v; });
}
register("o.a", o, "a");
register("o.1", o, 1);
register("o.s1", o, s1);
register("twin.a", twin, "a");
// A synchronous typed-array waiter on another thread, on index 0 of ta.
var taWaiter = new Thread(function () { return Atomics.wait(ta, 0, 0); });

assert.equal(Atomics.notify(o, "b"), 0, "another key");
assert.equal(Atomics.notify(o, "A"), 0, "keys are case-sensitive");
assert.equal(Atomics.notify(o, s2), 0, "another symbol with the same description");
assert.equal(Atomics.notify(o, "Symbol(k)"), 0, "the symbol's description string");
assert.equal(Atomics.notify(o, 0), 0, "index 0 of the object");
assert.equal(Atomics.notify({ a: 0 }, "a"), 0, "a fresh object with the same key");
assert.equal(Atomics.notify(ta, 1), 0, "another typed-array index");
assert.equal(Atomics.notify(ta, 2), 0, "another typed-array index");
assert.equal(Atomics.notify(new Int32Array(new SharedArrayBuffer(16)), 0), 0, "another typed array");

// From another thread, the same refusals.
var other = new Thread(function () {
    return [Atomics.notify(o, "b"), Atomics.notify(twin, "b"), Atomics.notify(ta, 2), Atomics.notify(o, s2)];
}).join();
assert.deepEqual(other, [0, 0, 0, 0], "wrong keys from another thread");

function tick() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }
assert.async(async function () {
    for (var i = 0; i < 3; i++) await tick();
    // Object notifies with ta's index as key never wake the typed-array waiter (each returns 0,
    // and the waiter is woken below only by a notify on ta itself).
    for (var i = 0; i < 50; i++) {
        assert.equal(Atomics.notify(o, 0), 0, "object key 0");
        assert.equal(Atomics.notify(ta.buffer, 0), 0, "the buffer is another object");
        await null;
    }
    assert.deepEqual(results, {}, "nobody was woken by the wrong notifies");
    assert.equal(Atomics.notify(o, "1"), 1, "\"1\" names the waiter registered with key 1");
    assert.equal(Atomics.notify(twin, "a"), 1, "the twin's own waiter");
    for (var i = 0; i < 3; i++) await tick();
    assert.deepEqual(Object.keys(results).sort(), ["o.1", "twin.a"], "only those two woke");
    var n;
    while ((n = Atomics.notify(ta, 0)) === 0) await tick(); // 0 until the waiter has parked
    assert.equal(n, 1, "the typed-array waiter, woken by the typed array");
    assert.equal(taWaiter.join(), "ok");
    assert.equal(Atomics.notify(o, s1), 1, "the symbol-keyed waiter");
    assert.equal(Atomics.notify(o, "a"), 1, "the o.a waiter, last");
    for (var i = 0; i < 3; i++) await tick();
    assert.deepEqual(results, { "o.1": "ok", "twin.a": "ok", "o.s1": "ok", "o.a": "ok" });
});
