// Checks that after Thread.restrict(o) every listed operation on o from another thread throws ConcurrentAccessError and changes nothing, while the owner is unaffected; both directions (main owns, spawned owns); synchronization via join/Atomics, holds in every interleaving.
function probes(o) {
    return {
        "get": function () { return o.x; },
        "get missing": function () { return o.nothere; },
        "Reflect.get": function () { return Reflect.get(o, "x"); },
        "set": function () { o.x = 99; },
        "set new": function () { o.added = 1; },
        "Reflect.set": function () { Reflect.set(o, "x", 98); },
        "has": function () { return "x" in o; },
        "Reflect.has": function () { return Reflect.has(o, "x"); },
        "delete": function () { delete o.x; },
        "defineProperty": function () { Object.defineProperty(o, "d", { value: 1 }); },
        "Reflect.ownKeys": function () { return Reflect.ownKeys(o); },
        "Object.keys": function () { return Object.keys(o); },
        "for-in": function () { for (var k in o) {} },
        "JSON.stringify": function () { return JSON.stringify(o); },
        "setPrototypeOf": function () { Object.setPrototypeOf(o, null); },
        "isExtensible": function () { return Object.isExtensible(o); },
        "preventExtensions": function () { Object.preventExtensions(o); },
        "indexed set": function () { o[0] = "changed"; },
        "indexed set new": function () { o[5] = "new"; },
        "indexed delete": function () { delete o[0]; },
        "indexed define": function () { Object.defineProperty(o, 1, { value: "defined" }); },
        "restrict again": function () { Thread.restrict(o); },
    };
}
// Runs every probe; returns the names of those that did not throw ConcurrentAccessError.
function runProbes(o) {
    var bad = [], p = probes(o);
    for (var name in p) {
        try { p[name](); bad.push(name + " did not throw"); }
        catch (e) {
            if (!(e instanceof ConcurrentAccessError)) bad.push(name + " threw " + e);
            else if (e.name !== "ConcurrentAccessError") bad.push(name + ": name " + e.name);
        }
    }
    return bad;
}
function checkUnchanged(o, what) {
    assert.equal(o.x, 1, what + ": x unchanged");
    assert.equal(o[0], "zero", what + ": [0] unchanged");
    assert(!("added" in o) && !("d" in o) && !(5 in o) && !(1 in o), what + ": nothing added");
    assert.equal(Object.getPrototypeOf(o), Object.prototype, what + ": prototype unchanged");
    assert(Object.isExtensible(o), what + ": still extensible");
}

// 1. The main thread owns o.
var o = { x: 1, 0: "zero" };
assert.equal(Thread.restrict(o), o, "restrict returns o");
var bad = new Thread(runProbes, o).join();
assert.deepEqual(bad, [], "from another thread");
checkUnchanged(o, "main-owned");
// The owner is unaffected: every operation works, and restricting again returns o.
assert.equal(Thread.restrict(o), o, "owner restricts again");
o.x = 2; assert.equal(o.x, 2); o.x = 1;
assert("x" in o);
assert.deepEqual(Object.keys(o), ["0", "x"]);
assert.equal(JSON.stringify(o), '{"0":"zero","x":1}');
o.tmp = 1; delete o.tmp;
Object.defineProperty(o, "tmp", { value: 1, configurable: true }); delete o.tmp;
o[3] = 3; delete o[3];
checkUnchanged(o, "after owner operations");

// 2. A spawned thread owns p (and stays alive while the main thread probes it).
var shared = { p: null, ready: 0, done: 0 };
var owner = new Thread(function () {
    var p = Thread.restrict({ x: 1, 0: "zero" });
    shared.p = p;
    Atomics.store(shared, "ready", 1);
    Atomics.notify(shared, "ready");
    while (Atomics.load(shared, "done") === 0) Atomics.wait(shared, "done", 0);
    // The owner still has full access after the others' attempts.
    checkUnchanged(p, "thread-owned, seen by its owner");
    p.x = 5;
    return p.x;
});
try {
    while (Atomics.load(shared, "ready") === 0) Atomics.wait(shared, "ready", 0);
    assert.deepEqual(runProbes(shared.p), [], "main thread probing a thread-owned object");
    // A third thread is refused too.
    assert.deepEqual(new Thread(runProbes, shared.p).join(), [], "third thread probing");
} finally {
    Atomics.store(shared, "done", 1);
    Atomics.notify(shared, "done");
}
assert.equal(owner.join(), 5);

// 3. Restricted arrays and functions.
var arr = Thread.restrict([1, 2, 3]);
var fn = Thread.restrict(function () {});
var arrResult = new Thread(function () {
    var out = [];
    try { arr[0] = 9; out.push("array set allowed"); } catch (e) { if (!(e instanceof ConcurrentAccessError)) out.push("array: " + e); }
    try { arr.push(4); out.push("array push allowed"); } catch (e) { if (!(e instanceof ConcurrentAccessError)) out.push("push: " + e); }
    try { fn.prop = 1; out.push("function set allowed"); } catch (e) { if (!(e instanceof ConcurrentAccessError)) out.push("fn: " + e); }
    return out;
}).join();
assert.deepEqual(arrResult, []);
assert.deepEqual(arr, [1, 2, 3]);
assert(!("prop" in fn));
