// if/else, loops, labels, break/continue, switch, try/catch/finally, throw.
let log = [];
for (let i = 0; i < 5; i++) { if (i % 2) continue; log.push(i); }
assert.deepEqual(log, [0, 2, 4]);
let n = 0;
while (true) { if (++n >= 3) break; }
assert.equal(n, 3);
let d = 0;
do { d++; } while (d < 0);
assert.equal(d, 1);
log = [];
outer: for (let i = 0; i < 3; i++) {
    inner: for (let j = 0; j < 3; j++) {
        if (j === 2) continue outer;
        if (i === 2) break outer;
        log.push(`${i}${j}`);
    }
}
assert.deepEqual(log, ["00", "01", "10", "11"]);
block: { log = ["in"]; break block; }
assert.deepEqual(log, ["in"]);
function sw(x) {
    const out = [];
    switch (x) {
    case 1: out.push("one");
    case 2: out.push("two"); break;
    case "3": out.push("string three"); break;
    default: out.push("default");
    case 4: out.push("four");
    }
    return out;
}
assert.deepEqual(sw(1), ["one", "two"]);
assert.deepEqual(sw(2), ["two"]);
assert.deepEqual(sw(3), ["default", "four"]);
assert.deepEqual(sw("3"), ["string three"]);
assert.deepEqual(sw(4), ["four"]);
switch (1) { case 1: { let scoped = "ok"; assert.equal(scoped, "ok"); } }
function tryFinally() {
    const order = [];
    try { order.push("try"); throw new Error("x"); }
    catch (e) { order.push("catch " + e.message); }
    finally { order.push("finally"); }
    return order;
}
assert.deepEqual(tryFinally(), ["try", "catch x", "finally"]);
function finallyOverrides() { try { return "try"; } finally { return "finally"; } }
assert.equal(finallyOverrides(), "finally");
function finallyRuns() { const o = []; for (let i = 0; i < 3; i++) { try { if (i === 1) continue; if (i === 2) break; o.push(i); } finally { o.push("f" + i); } } return o; }
assert.deepEqual(finallyRuns(), [0, "f0", "f1", "f2"]);
function nestedFinally() {
    const o = [];
    try { try { throw 1; } finally { o.push("inner"); } } catch (e) { o.push("caught " + e); } finally { o.push("outer"); }
    return o;
}
assert.deepEqual(nestedFinally(), ["inner", "caught 1", "outer"]);
function rethrow() { try { throw new TypeError("t"); } catch (e) { throw e; } }
assert.throws(TypeError, rethrow);
try { throw { custom: 1 }; } catch ({ custom }) { assert.equal(custom, 1); }
try { null.x; } catch { log = "optional catch binding"; }
assert.equal(log, "optional catch binding");
function throwsInFinally() { try { return 1; } finally { throw new RangeError("f"); } }
assert.throws(RangeError, throwsInFinally);
let count = 0;
for (const x of [1, 2, 3]) { if (x === 2) break; count++; }
assert.equal(count, 1);
const keys = [];
for (const k in { a: 1, b: 2, [Symbol()]: 3 }) keys.push(k);
assert.deepEqual(keys, ["a", "b"]);
const inherited = Object.create({ parent: 1 });
inherited.own = 2;
const allKeys = [];
for (const k in inherited) allKeys.push(k);
assert.deepEqual(allKeys, ["own", "parent"]);
const arrKeys = [];
for (const i in ["x", "y"]) arrKeys.push(i);
assert.deepEqual(arrKeys, ["0", "1"]);
let iterations = 0;
for (;;) { if (++iterations > 10) break; }
assert.equal(iterations, 11);
if (0) assert(false); else if ("") assert(false); else log = "else";
assert.equal(log, "else");
