// flags: --gc-stress
// Under --gc-stress, threads blocked in join, a contended Lock.hold, Condition.wait and Atomics.wait hold small structures only in their locals while other threads allocate (a collection at every block refill); after they wake every structure is intact (synchronization correctness; checks the register snapshot of a thread that left the heap is scanned).
var go = { flag: 0 };
var ready = { count: 0 };
var lockA = new Lock(), lockC = new Lock(), cond = new Condition();
var condState = { go: false };
function build(seed, n) {
    var head = null;
    for (var i = 0; i < n; i++) head = { v: seed + i, s: "s" + i, next: head };
    return head;
}
function verify(head, seed, n) {
    var count = 0;
    for (var p = head; p; p = p.next) {
        var i = n - 1 - count;
        if (p.v !== seed + i || p.s !== "s" + i) return "corrupt at " + i;
        count++;
    }
    return count === n ? "ok" : "length " + count;
}
function waitGo() { while (Atomics.load(go, "flag") === 0) Atomics.wait(go, "flag", 0); }
var N = 80;
// Holds lockA until go, so that the Lock waiter below blocks on a contended hold.
var holder = new Thread(function () {
    lockA.hold(function () { Atomics.add(ready, "count", 1); Atomics.notify(ready, "count"); waitGo(); });
});
var waiters = [
    new Thread(function () { var l = build(1000, N); Atomics.add(ready, "count", 1); Atomics.notify(ready, "count"); waitGo(); return verify(l, 1000, N); }),
    new Thread(function () {
        var l = build(2000, N);
        Atomics.add(ready, "count", 1); Atomics.notify(ready, "count");
        return lockA.hold(function () { return verify(l, 2000, N); });
    }),
    new Thread(function () {
        var l = build(3000, N);
        Atomics.add(ready, "count", 1); Atomics.notify(ready, "count");
        lockC.hold(function () { while (!condState.go) cond.wait(lockC); });
        return verify(l, 3000, N);
    }),
    new Thread(function () {
        var l = build(4000, N);
        Atomics.add(ready, "count", 1); Atomics.notify(ready, "count");
        holder.join();
        return verify(l, 4000, N);
    })
];
// Wait until every waiter has built its list (and the holder holds lockA).
for (var c; (c = Atomics.load(ready, "count")) < 5;) Atomics.wait(ready, "count", c);
var allocators = [];
for (var t = 0; t < 2; t++) {
    allocators.push(new Thread(function (id) {
        var survivors = [];
        for (var round = 0; round < 4; round++) {
            var junk = [];
            for (var i = 0; i < 80; i++) junk.push({ i: i, a: [i], s: "j" + i });
            if (round % 3 === 0) gc();
            survivors.push(junk[round]);
        }
        for (var r = 0; r < survivors.length; r++) if (survivors[r].i !== r || survivors[r].a[0] !== r) return false;
        return true;
    }, t));
}
var mainList = build(5000, N);
allocators.forEach(function (w) { assert.equal(w.join(), true, "allocator's own survivors intact"); });
gc();
Atomics.store(go, "flag", 1);
Atomics.notify(go, "flag");
lockC.hold(function () { condState.go = true; });
cond.notifyAll();
var names = ["Atomics.wait", "Lock.hold", "Condition.wait", "join"];
waiters.forEach(function (w, k) { assert.equal(w.join(), "ok", "list kept by the thread blocked in " + names[k]); });
holder.join();
assert.equal(verify(mainList, 5000, N), "ok", "list kept by the main thread blocked in join");
