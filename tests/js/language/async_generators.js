// Async generators (next/return/throw, the request queue, yield*, errors) and for await over
// async and sync iterables, including the job order against plain promise reactions.
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {});
const AsyncGeneratorPrototype = AsyncGeneratorFunction.prototype;
const AsyncIteratorPrototype = Object.getPrototypeOf(AsyncGeneratorPrototype);

// Shapes of the intrinsics.
assert.equal(Object.prototype.toString.call(AsyncGeneratorPrototype), "[object AsyncGenerator]");
assert.equal(AsyncGeneratorFunction[Symbol.toStringTag], "AsyncGeneratorFunction");
assert.equal(AsyncGeneratorPrototype.constructor, AsyncGeneratorFunction);
assert.equal(typeof AsyncIteratorPrototype[Symbol.asyncIterator], "function");
assert.equal(Object.getPrototypeOf(AsyncIteratorPrototype), Object.prototype);
async function* declared(a, b) {}
assert.equal(declared.length, 2);
assert.equal(Object.getPrototypeOf(declared), AsyncGeneratorFunction);
assert.equal(Object.getPrototypeOf(declared.prototype), AsyncGeneratorPrototype);
assert.equal(Object.getPrototypeOf(declared()), declared.prototype);
assert.equal(declared()[Symbol.asyncIterator]() instanceof declared, true);
assert.throws(TypeError, () => new declared());
const methods = {
    async *gen() { yield this.tag; },
    tag: "object method",
};
class Holder {
    static async *values(n) { for (let i = 0; i < n; i++) yield i; }
    async *[Symbol.asyncIterator]() { yield "class method"; }
    async *#secret() { yield "private"; }
    secret() { return this.#secret(); }
}

async function rejects(fn, ErrorType) {
    try {
        await fn();
    } catch (e) {
        if (!(e instanceof ErrorType))
            throw new Error("expected " + ErrorType.name + ", got " + e);
        return e;
    }
    throw new Error("expected a rejection with " + ErrorType.name);
}

async function collect(iterable) {
    const out = [];
    for await (const v of iterable) out.push(v);
    return out;
}

assert.async(async function () {
    // Basic next(): awaited yields, the argument of next() as the value of yield.
    async function* echo() {
        const a = yield 1;
        const b = yield Promise.resolve(a + 1);
        return b * 10;
    }
    let it = echo();
    assert.deepEqual(await it.next("ignored"), { value: 1, done: false });
    assert.deepEqual(await it.next(5), { value: 6, done: false });
    assert.deepEqual(await it.next(7), { value: 70, done: true });
    assert.deepEqual(await it.next(), { value: undefined, done: true });

    // Queued requests settle in order even though none was awaited before the next.
    async function* slow() {
        yield 1;
        await new Promise(r => setTimeout(r, 5));
        yield 2;
        return 3;
    }
    it = slow();
    const all = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.return("r"), it.throw(new Error("late")).catch(e => e.message)]);
    assert.deepEqual(all, [
        { value: 1, done: false },
        { value: 2, done: false },
        { value: 3, done: true },
        { value: undefined, done: true },
        { value: "r", done: true },
        "late",
    ]);

    // return(): in suspended-start (the body never runs), at a yield (finally runs), awaited value.
    let log = [];
    async function* withFinally() {
        log.push("start");
        try {
            yield 1;
            yield 2;
        } finally {
            log.push("finally");
        }
    }
    it = withFinally();
    assert.deepEqual(await it.return(Promise.resolve("early")), { value: "early", done: true });
    assert.deepEqual(log, []);
    it = withFinally();
    await it.next();
    assert.deepEqual(await it.return(Promise.resolve("at yield")), { value: "at yield", done: true });
    assert.deepEqual(log, ["start", "finally"]);
    // A rejected return value becomes a throw at the yield.
    async function* catcher() {
        try {
            yield 1;
        } catch (e) {
            yield "caught " + e;
        }
    }
    it = catcher();
    await it.next();
    assert.deepEqual(await it.return(Promise.reject("boom")), { value: "caught boom", done: false });
    // return() during an await in the body waits for the body to reach a yield.
    log = [];
    async function* awaiting() {
        log.push("before await");
        await null;
        log.push("after await");
        yield "first";
        log.push("not reached");
    }
    it = awaiting();
    const p1 = it.next();
    const p2 = it.return("stop");
    assert.deepEqual(await p1, { value: "first", done: false });
    assert.deepEqual(await p2, { value: "stop", done: true });
    assert.deepEqual(log, ["before await", "after await"]);

    // throw(): in suspended-start completes the generator; at a yield it throws there.
    it = catcher();
    await rejects(() => it.throw(new RangeError("start")), RangeError);
    assert.deepEqual(await it.next(), { value: undefined, done: true });
    it = catcher();
    await it.next();
    assert.deepEqual(await it.throw("x"), { value: "caught x", done: false });
    assert.deepEqual(await it.next(), { value: undefined, done: true });

    // Errors: thrown in the body, awaiting a rejected yield operand; the generator completes.
    async function* failing() {
        yield 1;
        throw new TypeError("body");
    }
    it = failing();
    await it.next();
    await rejects(() => it.next(), TypeError);
    assert.deepEqual(await it.next(), { value: undefined, done: true });
    async function* rejectedYield() {
        try {
            yield Promise.reject(new Error("operand"));
        } catch (e) {
            yield "handled " + e.message;
        }
    }
    assert.deepEqual(await collect(rejectedYield()), ["handled operand"]);
    // Wrong receivers reject rather than throw.
    await rejects(() => AsyncGeneratorPrototype.next.call({}), TypeError);

    // yield* over an async generator, a sync iterable, and a hand-written async iterator.
    async function* inner() {
        const got = yield "i1";
        yield "inner got " + got;
        return "inner result";
    }
    async function* outer() {
        const r = yield* inner();
        yield r;
        yield* ["s1", Promise.resolve("s2")];
    }
    it = outer();
    assert.deepEqual(await it.next(), { value: "i1", done: false });
    assert.deepEqual(await it.next("X"), { value: "inner got X", done: false });
    assert.deepEqual(await it.next(), { value: "inner result", done: false });
    assert.deepEqual(await it.next(), { value: "s1", done: false });
    assert.deepEqual(await it.next(), { value: "s2", done: false });
    assert.deepEqual(await it.next(), { value: undefined, done: true });
    const calls = [];
    const manual = {
        [Symbol.asyncIterator]() {
            let i = 0;
            return {
                next(v) { calls.push("next " + v); return Promise.resolve({ value: i++, done: i > 3 }); },
                return(v) { calls.push("return " + v); return { value: "closed", done: true }; },
            };
        },
    };
    async function* delegating() { return yield* manual; }
    it = delegating();
    assert.deepEqual(await it.next("a"), { value: 0, done: false });
    assert.deepEqual(await it.next("b"), { value: 1, done: false });
    assert.deepEqual(await it.return("c"), { value: "closed", done: true });
    assert.deepEqual(calls, ["next undefined", "next b", "return c"]);
    // throw() through yield* to an iterator without throw(): closes it and throws a TypeError.
    calls.length = 0;
    it = delegating();
    await it.next();
    await rejects(() => it.throw(new Error("t")), TypeError);
    assert.deepEqual(calls, ["next undefined", "return undefined"]);

    // for await over async and sync iterables; break and throw close the iterator.
    assert.deepEqual(await collect(Holder.values(3)), [0, 1, 2]);
    assert.deepEqual(await collect(new Holder()), ["class method"]);
    assert.deepEqual(await collect(new Holder().secret()), ["private"]);
    assert.deepEqual(await collect(methods.gen()), ["object method"]);
    assert.deepEqual(await collect([Promise.resolve("a"), "b"]), ["a", "b"]);
    assert.deepEqual(await collect(new Set([1, 2])), [1, 2]);
    log = [];
    async function* closable() {
        try {
            yield 1;
            yield 2;
        } finally {
            log.push("closed");
        }
    }
    for await (const v of closable()) {
        log.push(v);
        break;
    }
    assert.deepEqual(log, [1, "closed"]);
    log = [];
    try {
        for await (const v of closable()) {
            log.push(v);
            throw new Error("in body");
        }
    } catch (e) {
        log.push(e.message);
    }
    assert.deepEqual(log, [1, "closed", "in body"]);
    log = [];
    const result = await (async () => {
        for await (const v of closable()) return v * 100;
    })();
    assert.deepEqual([result, log], [100, ["closed"]]);
    // A sync iterator whose value rejects is closed (AsyncFromSyncIterator closeOnRejection).
    log = [];
    const syncIterable = {
        [Symbol.iterator]() {
            return {
                next() { return { value: Promise.reject("bad"), done: false }; },
                return() { log.push("sync return"); return {}; },
            };
        },
    };
    try {
        for await (const v of syncIterable) log.push(v);
    } catch (e) {
        log.push("caught " + e);
    }
    // (Node 20 predates the closing step, so only the rejection is compared.)
    assert.equal(log[log.length - 1], "caught bad");
    // Labels and continue inside for await.
    const seen = [];
    outerLoop: for await (const a of [1, 2]) {
        for await (const b of ["x", "y"]) {
            if (b === "y") continue outerLoop;
            seen.push(a + b);
        }
    }
    assert.deepEqual(seen, ["1x", "2x"]);

    // Job order against plain promise reactions (checked against Node).
    const order = [];
    async function* ticker() {
        order.push("body");
        yield "a";
        order.push("resumed");
        yield "b";
    }
    const t = ticker();
    t.next().then(r => order.push("next1 " + r.value));
    t.next().then(r => order.push("next2 " + r.value));
    Promise.resolve().then(() => order.push("p1")).then(() => order.push("p2")).then(() => order.push("p3"));
    order.push("sync");
    await new Promise(r => setTimeout(r, 0));
    assert.deepEqual(order, ["body", "sync", "resumed", "p1", "next1 a", "p2", "next2 b", "p3"]);
    print("async generators ok");
});
