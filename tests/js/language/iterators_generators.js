// The iteration protocol, generators (yield, yield*, return, throw) and spread.
function* range(start, end) { for (let i = start; i < end; i++) yield i; }
assert.deepEqual([...range(0, 4)], [0, 1, 2, 3]);
const it = range(0, 2);
assert.deepEqual(it.next(), { value: 0, done: false });
assert.deepEqual(it.next(), { value: 1, done: false });
assert.deepEqual(it.next(), { value: undefined, done: true });
assert.deepEqual(it.next(), { value: undefined, done: true });
function* echo() { let received = []; while (received.length < 2) received.push(yield received.length); return received; }
const e = echo();
e.next("ignored");
e.next("a");
assert.deepEqual(e.next("b"), { value: ["a", "b"], done: true });
function* withFinally() { try { yield 1; yield 2; } finally { cleanup.push("done"); } }
const cleanup = [];
for (const v of withFinally()) { if (v === 1) break; }
assert.deepEqual(cleanup, ["done"]);
const g = withFinally();
g.next();
assert.deepEqual(g.return(42), { value: 42, done: true });
assert.deepEqual(cleanup, ["done", "done"]);
function* catcher() { try { yield 1; } catch (err) { yield "caught " + err; } }
const c = catcher();
c.next();
assert.deepEqual(c.throw("boom"), { value: "caught boom", done: false });
function* delegate() { yield 0; yield* [1, 2]; yield* range(3, 5); }
assert.deepEqual([...delegate()], [0, 1, 2, 3, 4]);
const iterable = {
    [Symbol.iterator]() {
        let i = 0;
        return { next: () => ({ value: i * 10, done: i++ >= 3 }), return: () => { closed = true; return {}; } };
    },
};
let closed = false;
assert.deepEqual([...iterable], [0, 10, 20]);
for (const v of iterable) { if (v === 10) break; }
assert.equal(closed, true);
assert.deepEqual(Array.from(range(1, 4), x => x * x), [1, 4, 9]);
const gen = range(0, 1);
assert.equal(gen[Symbol.iterator](), gen);
assert.equal(Object.prototype.toString.call(gen), "[object Generator]");
function* infinite() { let i = 0; while (true) yield i++; }
const first3 = [];
for (const v of infinite()) { if (v >= 3) break; first3.push(v); }
assert.deepEqual(first3, [0, 1, 2]);
const obj = { *method() { yield this.v; }, v: 7 };
assert.deepEqual([...obj.method()], [7]);
class Tree { constructor(v, kids = []) { this.v = v; this.kids = kids; } *[Symbol.iterator]() { yield this.v; for (const k of this.kids) yield* k; } }
assert.deepEqual([...new Tree(1, [new Tree(2, [new Tree(3)]), new Tree(4)])], [1, 2, 3, 4]);
const entries = [];
for (const [k, v] of new Map([[1, "a"], [2, "b"]]).entries()) entries.push(k + v);
assert.deepEqual(entries, ["1a", "2b"]);
assert.deepEqual([..."a😀b"], ["a", "😀", "b"]);
assert.throws(TypeError, () => { for (const x of 5) {} });
function* genThrows() { yield 1; throw new Error("inside"); }
const gt = genThrows();
gt.next();
assert.throws(Error, () => gt.next());
assert.deepEqual(gt.next(), { value: undefined, done: true });
