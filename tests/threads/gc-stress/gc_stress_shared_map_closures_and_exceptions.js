// flags: --gc-stress
// Under --gc-stress threads insert freshly allocated values into ONE shared Map (under a Lock), return closures over thread-allocated state, and throw freshly allocated error objects; after join all survive intact (synchronization correctness; checks that Map entries, closure environments, results and exceptions of finished threads are GC roots).
var map = new Map();
var lock = new Lock();
var THREADS = 3, N = 60;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var env = [];
        for (var i = 0; i < N; i++) {
            var key = "k" + id + "_" + i;
            var value = { id: id, i: i, tags: ["a" + i, "b" + i] };
            lock.hold(function () { map.set(key, value); });
            env.push({ i: i });
        }
        var counter = { n: 0 };
        var fn = function () { counter.n++; return env.length * 1000 + counter.n; };
        if (id === 2) {
            var err = new RangeError("failure of thread " + id);
            err.detail = { env: env, text: "detail" + id };
            throw err;
        }
        return fn;
    }, t));
}
var fns = [];
for (var t = 0; t < THREADS; t++) {
    try { fns.push(workers[t].join()); }
    catch (e) {
        assert.equal(t, 2, "only thread 2 throws");
        assert(e instanceof RangeError);
        assert.equal(e.message, "failure of thread 2");
        assert.equal(e.detail.text, "detail2");
        assert.equal(e.detail.env.length, N);
        for (var i = 0; i < N; i++) assert.equal(e.detail.env[i].i, i);
    }
}
assert.equal(fns.length, 2);
// allocate more so collections run between the joins and the checks
var junk = [];
for (var i = 0; i < 500; i++) junk.push({ i: i });
assert.equal(fns[0](), N * 1000 + 1);
assert.equal(fns[1](), N * 1000 + 1);
assert.equal(fns[1](), N * 1000 + 2);
assert.equal(map.size, THREADS * N);
for (var t = 0; t < THREADS; t++) {
    for (var i = 0; i < N; i++) {
        var v = map.get("k" + t + "_" + i);
        assert.equal(v.id, t);
        assert.equal(v.i, i);
        assert.equal(v.tags[0], "a" + i);
        assert.equal(v.tags[1], "b" + i);
    }
}
