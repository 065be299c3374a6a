// Functions: defaults, rest, arguments, arrows and lexical this, call/apply/bind, new.target, recursion.
function defaults(a, b = a + 1, c = b * 2) { return [a, b, c]; }
assert.deepEqual(defaults(1), [1, 2, 4]);
assert.deepEqual(defaults(1, undefined, 0), [1, 2, 0]);
assert.equal(defaults.length, 1);
function rest(first, ...others) { return others.length; }
assert.equal(rest(1, 2, 3), 2);
assert.equal(rest.length, 1);
function args() { return arguments.length + ":" + Array.prototype.join.call(arguments, ","); }
assert.equal(args(1, "a", null), "3:1,a,");
function argsIterable() { return [...arguments]; }
assert.deepEqual(argsIterable(4, 5), [4, 5]);
const obj = {
    value: 5,
    regular() { return [1, 2].map(function () { return this; }); },
    arrow() { return [1, 2].map(() => this.value); },
};
assert.deepEqual(obj.arrow(), [5, 5]);
assert.equal(obj.regular()[0], undefined === this ? undefined : globalThis);
function who() { return this; }
assert.equal(who.call(obj), obj);
assert.equal(who.apply(obj, []), obj);
const bound = who.bind(obj);
assert.equal(bound(), obj);
function add(a, b) { return a + b; }
const add5 = add.bind(null, 5);
assert.equal(add5(3), 8);
assert.equal(add5.name, "bound add");
assert.equal(add5.length, 1);
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.norm1 = function () { return Math.abs(this.x) + Math.abs(this.y); };
const p = new Point(3, -4);
assert.equal(p.norm1(), 7);
assert.equal(p.constructor, Point);
assert.equal(p instanceof Point, true);
function Nt() { return new.target; }
assert.equal(Nt(), undefined);
assert.equal(new Nt(), Nt);
function NT2() { this.t = new.target; }
assert.equal(new NT2().t, NT2);
function ReturnsObject() { this.a = 1; return { b: 2 }; }
assert.deepEqual(new ReturnsObject(), { b: 2 });
function ReturnsPrimitive() { this.a = 1; return 5; }
assert.equal(new ReturnsPrimitive().a, 1);
const fact = (n) => n <= 1 ? 1 : n * fact(n - 1);
assert.equal(fact(10), 3628800);
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
assert.equal(fib(20), 6765);
const named = function inner(n) { return n ? inner(n - 1) + 1 : 0; };
assert.equal(named(5), 5);
assert.equal(named.name, "inner");
const anon = function () {};
assert.equal(anon.name, "anon");
const arrowName = () => {};
assert.equal(arrowName.name, "arrowName");
assert.equal((() => {}).name, "");
assert.throws(TypeError, () => { const a = () => {}; new a(); });
assert.throws(TypeError, () => { undefined(); });
const te = assert.throws(TypeError, () => { const o = {}; o.missing(); });
assert.equal(te.message, "o.missing is not a function");
function spreadTarget(a, b, c) { return a + b + c; }
assert.equal(spreadTarget(...[1, 2], 3), 6);
assert.equal(spreadTarget(..."abc"), "abc");
function manyArgs() { return arguments[9]; }
assert.equal(manyArgs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 9);
function sloppyThis() { return typeof this; }
assert.equal(sloppyThis.call(5), "object");
function strictThis() { "use strict"; return typeof this; }
assert.equal(strictThis.call(5), "number");
assert.equal(function () {}.toString(), "function () {}");
const closureCounter = (() => { let n = 0; return () => n++; })();
closureCounter();
assert.equal(closureCounter(), 1);
