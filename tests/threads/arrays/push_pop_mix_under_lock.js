// Threads push and pop on ONE shared array as a stack guarded by a Lock; every pushed value is popped at most once, popped plus remaining is exactly the pushed multiset, and length never goes negative (synchronization correctness).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var stack = [];
var lock = new Lock();
var THREADS = 4, PER = 600;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        var popped = [];
        for (var k = 0; k < PER; k++) {
            lock.hold(function () { stack.push(id * PER + k); });
            if (k % 3 !== 2) {
                var v = lock.hold(function () {
                    var before = stack.length;
                    var x = stack.pop();
                    assert.equal(stack.length, before - 1, "pop shrinks by one under the lock");
                    return x;
                });
                assert.notEqual(v, undefined, "stack cannot be empty: this thread just pushed");
                popped.push(v);
            }
        }
        return popped;
    }, t));
}
var allPopped = [];
workers.forEach(function (w) { allPopped = allPopped.concat(w.join()); });
var seen = new Array(THREADS * PER).fill(0);
allPopped.forEach(function (v) { seen[v]++; });
stack.forEach(function (v) { seen[v]++; });
for (var v = 0; v < THREADS * PER; v++) assert.equal(seen[v], 1, "value " + v + " accounted for exactly once");
assert.equal(allPopped.length + stack.length, THREADS * PER);
assert.equal(stack.length, THREADS * Math.floor(PER / 3), "remaining count");
