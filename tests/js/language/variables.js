// var hoisting, let/const block scoping and the temporal dead zone, closures.
assert.equal(hoisted, undefined);
var hoisted = 1;
assert.equal(hoisted, 1);
assert.equal(declaredLater(), "fn");
function declaredLater() { return "fn"; }
{
    let blockScoped = 1;
    const alsoBlock = 2;
    assert.equal(blockScoped + alsoBlock, 3);
}
assert.equal(typeof blockScoped, "undefined");
assert.throws(ReferenceError, () => { tdz; let tdz = 1; });
assert.throws(ReferenceError, () => { const f = () => inner; f(); let inner = 2; });
assert.throws(TypeError, () => { const c = 1; c = 2; });
const e = assert.throws(ReferenceError, () => notDefinedAnywhere);
assert.equal(e.message, "notDefinedAnywhere is not defined");
const e2 = assert.throws(ReferenceError, () => { x2; let x2; });
assert.equal(e2.message, "Cannot access 'x2' before initialization");
let shadow = "outer";
{
    let shadow = "inner";
    assert.equal(shadow, "inner");
}
assert.equal(shadow, "outer");
function counter() {
    let count = 0;
    return { inc: () => ++count, get: () => count };
}
const c = counter();
c.inc(); c.inc();
assert.equal(c.get(), 2);
const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
assert.deepEqual(fns.map(f => f()), [0, 1, 2]);
const vfns = [];
for (var j = 0; j < 3; j++) vfns.push(() => j);
assert.deepEqual(vfns.map(f => f()), [3, 3, 3]);
const ofns = [];
for (const k of ["a", "b"]) ofns.push(() => k);
assert.deepEqual(ofns.map(f => f()), ["a", "b"]);
function deep() {
    let a = 1;
    return function () {
        let b = 2;
        return function () { return a + b; };
    };
}
assert.equal(deep()()(), 3);
globalThis.viaGlobal = 42;
assert.equal(viaGlobal, 42);
var topVar = 7;
assert.equal(globalThis.topVar, 7);
let topLet = 8;
assert.equal(globalThis.topLet, undefined);
assert.equal(topLet, 8);
(function () { sloppyGlobal = 9; })();
assert.equal(globalThis.sloppyGlobal, 9);
assert.throws(ReferenceError, () => { "use strict"; (function () { "use strict"; strictUndeclared = 1; })(); });
