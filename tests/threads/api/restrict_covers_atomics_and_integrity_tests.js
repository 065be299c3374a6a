// Thread.restrict: property Atomics, Object.isFrozen/isSealed and an array's length are checked
// accesses from other threads (THREADS-API.md sections 1 and 5); the owner is unaffected.
// Checks synchronization correctness: the outcome is the same in every interleaving.
const o = Thread.restrict({ n: 1 });
const a = Thread.restrict([1, 2, 3]);
const attempts = {
    "Atomics.load": () => Atomics.load(o, "n"),
    "Atomics.store": () => Atomics.store(o, "n", 5),
    "Atomics.add": () => Atomics.add(o, "n", 1),
    "Atomics.compareExchange": () => Atomics.compareExchange(o, "n", 1, 2),
    "Atomics.exchange": () => Atomics.exchange(o, "n", 9),
    "Atomics.wait": () => Atomics.wait(o, "n", 1, 0),
    "Atomics.notify": () => Atomics.notify(o, "n"),
    "Object.isFrozen": () => Object.isFrozen(o),
    "Object.isSealed": () => Object.isSealed(o),
    "array length": () => a.length,
};
const outcomes = new Thread(() => {
    const result = {};
    for (const name of Object.keys(attempts)) {
        try {
            attempts[name]();
            result[name] = "no error";
        } catch (e) {
            result[name] = e instanceof ConcurrentAccessError ? "ConcurrentAccessError" : String(e);
        }
    }
    return result;
}).join();
for (const name of Object.keys(attempts))
    assert.equal(outcomes[name], "ConcurrentAccessError", name + " from another thread");
// Nothing was changed, and the owner still has full access.
assert.equal(o.n, 1);
assert.equal(Atomics.add(o, "n", 1), 1);
assert.equal(Atomics.load(o, "n"), 2);
assert.equal(Object.isFrozen(o), false);
assert.equal(a.length, 3);
