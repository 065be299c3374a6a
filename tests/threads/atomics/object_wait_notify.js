// Checks Atomics.wait/notify on (object, key): "not-equal" by SameValueZero without conversion, "timed-out" when nobody notifies, notify returning 0 without waiters, and exact counts for sync waiters on other threads (notify retried until the waiter has parked); synchronization correctness, holds in every interleaving.
var o = { k: 0, n: NaN, obj: null, s: "1" };
var token = { t: 1 };
o.obj = token;
assert.equal(Atomics.wait(o, "k", 1), "not-equal", "value differs");
assert.equal(Atomics.wait(o, "k", "0"), "not-equal", "\"0\" is not 0: no conversion");
assert.equal(Atomics.wait(o, "s", 1), "not-equal", "1 is not \"1\"");
assert.equal(Atomics.wait(o, "obj", { t: 1 }), "not-equal", "a look-alike object");
assert.equal(Atomics.wait(o, "k", 0, 0), "timed-out", "equal, timeout 0");
assert.equal(Atomics.wait(o, "k", -0, 0), "timed-out", "-0 equals 0 (SameValueZero)");
assert.equal(Atomics.wait(o, "n", NaN, 0), "timed-out", "NaN equals NaN (SameValueZero)");
assert.equal(Atomics.wait(o, "obj", token, 0), "timed-out", "the same object");
assert.equal(Atomics.wait(o, "s", "1", 5), "timed-out", "a string by content, small timeout");
assert.equal(Atomics.wait(o, "k", 0, -10), "timed-out", "a negative timeout is 0");
assert.equal(Atomics.notify(o, "k"), 0, "no waiters");
assert.equal(Atomics.notify(o, "k", 10), 0);
assert.equal(Atomics.notify(o, "nosuchkey"), 0, "0 even when the key is missing");

// One waiter on another thread: nobody changes o.k, so it can only return when notified.
var w = new Thread(function () { return Atomics.wait(o, "k", 0); });
var n, tries = 0;
while ((n = Atomics.notify(o, "k")) === 0) tries++; // 0 until the waiter has parked
assert.equal(n, 1, "woke exactly the one waiter");
assert.equal(w.join(), "ok", "the waiter returns \"ok\"");
assert.equal(Atomics.notify(o, "k"), 0, "nobody left");

// Four waiters, woken one at a time with count 1.
var K = 4, waiters = [];
for (var i = 0; i < K; i++) waiters.push(new Thread(function () { return Atomics.wait(o, "n", NaN); }));
var woken = 0;
while (woken < K) {
    var c = Atomics.notify(o, "n", 1);
    assert(c === 0 || c === 1, "count 1 wakes at most one, got " + c);
    woken += c;
}
waiters.forEach(function (t) { assert.equal(t.join(), "ok"); });
assert.equal(Atomics.notify(o, "n"), 0);
// count 0 wakes nobody: the waiter below is woken only by the final notify.
var z = new Thread(function () { return Atomics.wait(o, "k", 0); });
for (var i = 0; i < 100; i++) assert.equal(Atomics.notify(o, "k", 0), 0, "count 0");
while (Atomics.notify(o, "k") === 0) {}
assert.equal(z.join(), "ok");

// A store then a notify: the waiter either sees the new value or is woken; it never sleeps on.
var flag = { f: 0 };
var sleeper = new Thread(function () {
    var results = [];
    while (Atomics.load(flag, "f") === 0) results.push(Atomics.wait(flag, "f", 0));
    return results;
});
Atomics.store(flag, "f", 1);
Atomics.notify(flag, "f");
var rs = sleeper.join();
rs.forEach(function (r) { assert(r === "ok" || r === "not-equal", "unexpected result " + r); });
