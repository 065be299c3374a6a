// Destructuring in declarations, assignments, parameters and loops.
const [a, , b = 5, ...rest] = [1, 2, undefined, 4, 5];
assert.deepEqual([a, b, rest], [1, 5, [4, 5]]);
const { x, y: renamed, z = "dz", ...others } = { x: 1, y: 2, w: 3, v: 4 };
assert.deepEqual([x, renamed, z, others], [1, 2, "dz", { w: 3, v: 4 }]);
const { nested: { deep: [first] } } = { nested: { deep: ["d"] } };
assert.equal(first, "d");
let p, q;
[p, q] = [q, p] = [1, 2];
assert.deepEqual([p, q], [1, 2]);
let s1 = 1, s2 = 2;
[s1, s2] = [s2, s1];
assert.deepEqual([s1, s2], [2, 1]);
const target = {};
({ a: target.a, b: target["b"] } = { a: 10, b: 20 });
assert.deepEqual(target, { a: 10, b: 20 });
function params({ name, age = 30 } = {}, [h, ...t] = []) { return [name, age, h, t]; }
assert.deepEqual(params({ name: "n" }, [1, 2, 3]), ["n", 30, 1, [2, 3]]);
assert.deepEqual(params(), [undefined, 30, undefined, []]);
const pairs = [];
for (const [k, v] of Object.entries({ one: 1, two: 2 })) pairs.push(k + v);
assert.deepEqual(pairs, ["one1", "two2"]);
const m = new Map([["a", { n: 1 }]]);
for (const [key, { n }] of m) assert.equal(key + n, "a1");
const { length } = "hello";
assert.equal(length, 5);
const [c1, c2] = "hi";
assert.equal(c1 + c2, "hi");
function* g() { yield 1; yield 2; yield 3; }
const [g1, g2] = g();
assert.deepEqual([g1, g2], [1, 2]);
assert.throws(TypeError, () => { const { t } = null; });
assert.throws(TypeError, () => { const [u] = {}; });
const key = "dynamic";
const { [key]: dyn } = { dynamic: "yes" };
assert.equal(dyn, "yes");
const { fn = function () {} } = {};
assert.equal(fn.name, "fn");
