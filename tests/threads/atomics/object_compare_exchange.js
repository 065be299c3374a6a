// Checks Atomics.compareExchange on object properties: SameValueZero comparison (NaN matches NaN, +0 matches -0, objects by identity, strings by content), returns the value read either way, so NaN CAS loops terminate; single-threaded, holds in every interleaving.
var o = { v: 1 };
assert.equal(Atomics.compareExchange(o, "v", 1, 2), 1, "success returns the old value");
assert.equal(o.v, 2);
assert.equal(Atomics.compareExchange(o, "v", 1, 3), 2, "failure returns the current value");
assert.equal(o.v, 2, "unchanged on failure");
assert.equal(Atomics.compareExchange(o, "v", "2", 3), 2, "no type conversion: \"2\" is not 2");
assert.equal(o.v, 2);

o.v = NaN;
assert.equal(Atomics.compareExchange(o, "v", NaN, 5), NaN, "returns NaN");
assert.equal(o.v, 5, "NaN matches NaN (SameValueZero)");
o.v = 0 / 0;
Atomics.compareExchange(o, "v", Math.sqrt(-1), "replaced");
assert.equal(o.v, "replaced", "any NaN matches any NaN");

o.v = -0;
assert.equal(Atomics.compareExchange(o, "v", 0, "was -0"), -0, "returns -0 itself");
assert.equal(o.v, "was -0", "+0 matches -0");
o.v = 0;
Atomics.compareExchange(o, "v", -0, "was +0");
assert.equal(o.v, "was +0", "-0 matches +0");

var a = { id: "a" };
o.v = a;
assert.equal(Atomics.compareExchange(o, "v", { id: "a" }, "no"), a, "a look-alike object does not match");
assert.equal(o.v, a);
assert.equal(Atomics.compareExchange(o, "v", a, "yes"), a);
assert.equal(o.v, "yes", "the same object matches");
o.v = "ab";
var built = ["a", "b"].join("");
Atomics.compareExchange(o, "v", built, "matched string");
assert.equal(o.v, "matched string", "strings compare by content");
o.v = undefined;
Atomics.compareExchange(o, "v", null, "no");
assert.equal(o.v, undefined, "null does not match undefined");
Atomics.compareExchange(o, "v", undefined, "u");
assert.equal(o.v, "u");
var s = Symbol();
o.v = s;
Atomics.compareExchange(o, "v", Symbol(), "no");
assert.equal(o.v, s);
Atomics.compareExchange(o, "v", s, "sym");
assert.equal(o.v, "sym");

// The NaN loop from the spec: read, compute, CAS; compare what CAS returns with SameValueZero.
function sameValueZero(x, y) { return x === y || (x !== x && y !== y); }
o.v = NaN;
var steps = 0, old, next;
do {
    old = Atomics.load(o, "v");
    next = Number.isNaN(old) ? 0 : old + 1;
    steps++;
} while (!sameValueZero(Atomics.compareExchange(o, "v", old, next), old) && steps < 100);
assert.equal(steps, 1, "the CAS loop terminated at once");
assert.equal(o.v, 0);
