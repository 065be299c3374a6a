// Closures run on several threads capture the same variables: a counter captured by all, updated under a Lock, loses no increment; per-thread captured variables stay separate; writes to a captured variable before spawn are visible in the thread and the thread's writes after join (synchronization correctness).
function makeCounter() {
    var n = 0;
    var lock = new Lock();
    return {
        inc: function () { lock.hold(function () { n++; }); },
        get: function () { return n; },
        set: function (v) { n = v; }
    };
}
var c = makeCounter();
c.set(100);
var captured = "before";
let blockScoped = 1;
const THREADS = 4, PER = 400;
var workers = [];
for (let t = 0; t < THREADS; t++) {
    let mine = t * 10;              // one binding per iteration, captured by that thread only
    workers.push(new Thread(function () {
        assert.equal(captured, "before", "parent write before spawn is visible");
        assert.equal(blockScoped, 1, "let binding visible");
        for (var i = 0; i < PER; i++) {
            c.inc();
            mine++;
        }
        assert.equal(mine, t * 10 + PER, "per-iteration binding is this thread's own");
        return function () { return mine; };
    }));
}
var getters = workers.map(function (w) { return w.join(); });
assert.equal(c.get(), 100 + THREADS * PER, "no lost increment of a captured variable");
getters.forEach(function (g, t) { assert.equal(g(), t * 10 + PER, "closure returned from thread " + t); });

// A thread writes captured variables; join publishes them.
var w = new Thread(function () {
    captured = "after";
    blockScoped = 2;
    c.set(-1);
});
w.join();
assert.equal(captured, "after");
assert.equal(blockScoped, 2);
assert.equal(c.get(), -1);

// Nested closures: a closure created on one thread, called on another, updates the original scope.
function outer() {
    var hits = 0;
    return function () { return ++hits; };
}
var f = outer();
var created = new Thread(function () { f(); return outer(); }).join();
assert.equal(new Thread(function () { return f() + created() * 1000; }).join(), 2 + 1000);
assert.equal(f(), 3);
assert.equal(created(), 2);
