// Frozen and sealed shared objects stay frozen/sealed when threads try to modify them: strict-mode writes, adds and deletes throw TypeError as ECMA-262 says, sloppy ones fail silently, and values never change (synchronization correctness: integrity levels set before the threads start).
var frozen = Object.freeze({ a: 1, b: "two", nested: { c: 3 } });
var sealed = Object.seal({ x: 10, y: 20 });
var frozenArray = Object.freeze([1, 2, 3]);
var nonExt = Object.preventExtensions({ p: 1 });

function strictAttempts(id, rounds) {
    "use strict";
    var errors = 0;
    for (var i = 0; i < rounds; i++) {
        try { frozen.a = id; } catch (e) { if (e instanceof TypeError) errors++; }
        try { frozen.added = id; } catch (e) { if (e instanceof TypeError) errors++; }
        try { delete frozen.b; } catch (e) { if (e instanceof TypeError) errors++; }
        try { frozenArray[0] = id; } catch (e) { if (e instanceof TypeError) errors++; }
        try { frozenArray.push(id); } catch (e) { if (e instanceof TypeError) errors++; }
        try { sealed.added = id; } catch (e) { if (e instanceof TypeError) errors++; }
        try { delete sealed.x; } catch (e) { if (e instanceof TypeError) errors++; }
        try { nonExt.q = id; } catch (e) { if (e instanceof TypeError) errors++; }
        // allowed: writing an existing property of a sealed or non-extensible object
        sealed.y = 20;
        nonExt.p = 1;
    }
    return errors;
}
function sloppyAttempts(id, rounds) {
    for (var i = 0; i < rounds; i++) {
        frozen.a = id;
        frozen.added = id;
        delete frozen.b;
        frozenArray[1] = id;
        sealed.more = id;
        if (delete sealed.x !== false) throw new Error("delete of sealed property must return false");
    }
    return 0;
}
var ROUNDS = 200;
var workers = [];
for (var t = 0; t < 4; t++)
    workers.push(new Thread(t % 2 ? sloppyAttempts : strictAttempts, t, ROUNDS));
var results = workers.map(function (w) { return w.join(); });
assert.equal(results[0], ROUNDS * 8, "thread 0: every strict failing write threw TypeError");
assert.equal(results[2], ROUNDS * 8, "thread 2: every strict failing write threw TypeError");

assert.deepEqual(Object.keys(frozen), ["a", "b", "nested"]);
assert.equal(frozen.a, 1);
assert.equal(frozen.b, "two");
assert(Object.isFrozen(frozen));
assert.equal(Object.isFrozen(frozen.nested), false, "freeze is shallow");
assert.deepEqual(Array.from(frozenArray), [1, 2, 3]);
assert.equal(frozenArray.length, 3);
assert(Object.isFrozen(frozenArray));
assert.deepEqual(Object.keys(sealed), ["x", "y"]);
assert.equal(sealed.x, 10);
assert.equal(sealed.y, 20);
assert(Object.isSealed(sealed));
assert.deepEqual(Object.keys(nonExt), ["p"]);
assert.equal(Object.isExtensible(nonExt), false);

// Atomics on frozen properties fail too (THREADS-API §5: non-writable -> TypeError).
var t = new Thread(function () {
    assert.throws(TypeError, function () { Atomics.store(frozen, "a", 5); });
    assert.throws(TypeError, function () { Atomics.add(frozen, "a", 5); });
    assert.throws(TypeError, function () { Atomics.store(sealed, "z", 5); });
    return Atomics.load(frozen, "a");
});
assert.equal(t.join(), 1);
assert.equal(frozen.a, 1);
