// flags: --gc-stress
// Under --gc-stress, promises created on the main thread are resolved from threads with freshly allocated values, asyncJoin results and rejections arrive, and async functions on threads await across collections; every settled value is intact (synchronization correctness; checks promise reactions, jobs and async frames are GC roots while other threads collect).
var THREADS = 3;
var resolvers = [];
var promises = [];
for (var t = 0; t < THREADS; t++) promises.push(new Promise(function (res) { resolvers.push(res); }));
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var list = null;
        for (var i = 0; i < 40; i++) list = { i: i, next: list };
        resolvers[id]({ id: id, list: list, label: "from thread " + id });
        // an async function on this thread, drained by its own event loop before it finishes
        var out = {};
        (async function () {
            var a = await Promise.resolve([id, "a"]);
            var b = await new Promise(function (r) { r({ v: id * 2 }); });
            out.value = a[1] + b.v;
        })();
        return out;
    }, t));
}
var failing = new Thread(function () { throw { reason: "rejected", payload: [1, 2, 3] }; });
function listSum(l) { var s = 0, n = 0; for (var p = l; p; p = p.next) { s += p.i; n++; } return [n, s]; }
assert.async(async function () {
    // asyncJoin first: it settles on this thread's event loop, and afterwards every promise
    // below is already resolved, so the reactions registered here run on this thread too.
    for (var t = 0; t < THREADS; t++) {
        var out = await workers[t].asyncJoin();
        assert.equal(out.value, "a" + t * 2, "async function on thread " + t + " completed");
    }
    try { await failing.asyncJoin(); assert(false, "must reject"); }
    catch (e) { assert.equal(e.reason, "rejected"); assert.deepEqual(e.payload, [1, 2, 3]); }
    var junk = [];
    for (var i = 0; i < 200; i++) junk.push({ i: i });
    var values = await Promise.all(promises);
    for (var t = 0; t < THREADS; t++) {
        assert.equal(values[t].id, t);
        assert.equal(values[t].label, "from thread " + t);
        assert.deepEqual(listSum(values[t].list), [40, 780]);
    }
});
