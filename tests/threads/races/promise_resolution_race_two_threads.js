// Two threads race to settle the same promises (resolve vs resolve, resolve vs reject, and resolving with thenables); for each promise exactly one settlement wins, every reaction runs exactly once with the winner's value, and a losing thenable is never called (synchronization correctness of the promise state machine).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var N = 150;
var records = [];   // per promise: resolvers and counters
var promises = [];
for (var i = 0; i < N; i++) {
    var rec = { fulfilled: 0, rejected: 0, thenableCalls: 0 };
    var p = new Promise(function (res, rej) { rec.resolve = res; rec.reject = rej; });
    (function (rec) {
        p.then(function (v) { Atomics.add(rec, "fulfilled", 1); rec.value = v; },
               function (e) { Atomics.add(rec, "rejected", 1); rec.reason = e; });
    })(rec);
    records.push(rec);
    promises.push(p);
}
function thenable(rec, v) {
    return { then: function (onFulfilled) { Atomics.add(rec, "thenableCalls", 1); onFulfilled(v); } };
}
function settle(id) {
    arriveAndWait(2);
    for (var i = 0; i < N; i++) {
        var rec = records[i];
        switch (i % 3) {
        case 0: rec.resolve("v" + id); break;                              // resolve vs resolve
        case 1: if (id === 0) rec.resolve("ok"); else rec.reject("no"); break;  // resolve vs reject
        case 2: rec.resolve(thenable(rec, "t" + id)); break;               // thenable vs thenable
        }
        // a second settlement attempt on the same thread is always a no-op
        rec.reject("late" + id);
    }
}
var a = new Thread(settle, 0), b = new Thread(settle, 1);
a.join(); b.join();
assert.async(async function () {
    var outcomes = await Promise.allSettled(promises);
    // let every reaction queued before allSettled's run too
    await new Promise(function (r) { setTimeout(r, 0); });
    for (var i = 0; i < N; i++) {
        var o = outcomes[i], rec = records[i];
        assert.equal(Atomics.load(rec, "fulfilled") + Atomics.load(rec, "rejected"), 1, "promise " + i + ": exactly one reaction ran");
        if (i % 3 === 0) {
            assert.equal(o.status, "fulfilled");
            assert(o.value === "v0" || o.value === "v1", "winner value " + o.value);
            assert.equal(rec.value, o.value, "reaction saw the winner");
        } else if (i % 3 === 1) {
            if (o.status === "fulfilled") { assert.equal(o.value, "ok"); assert.equal(rec.value, "ok"); assert.equal(rec.rejected, 0); }
            else { assert.equal(o.status, "rejected"); assert.equal(o.reason, "no"); assert.equal(rec.reason, "no"); assert.equal(rec.fulfilled, 0); }
        } else {
            assert.equal(o.status, "fulfilled");
            assert(o.value === "t0" || o.value === "t1", "thenable winner " + o.value);
            assert.equal(Atomics.load(rec, "thenableCalls"), 1, "exactly one thenable was called");
            assert.equal(rec.value, o.value);
        }
    }
});
