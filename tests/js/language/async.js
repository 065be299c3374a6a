// Promises, async/await and the microtask order (checked at the end, after the queue drains).
const order = [];
Promise.resolve().then(() => order.push("p1")).then(() => order.push("p3"));
Promise.resolve().then(() => order.push("p2"));
queueMicrotask(() => order.push("micro"));
async function af(x) { order.push("af start " + x); await null; order.push("af after await " + x); return x * 2; }
const result = af(1);
order.push("sync");
async function chain() {
    const a = await af(2);
    const b = await Promise.all([af(3), Promise.resolve(4), 5]);
    let caught;
    try { await Promise.reject(new Error("nope")); } catch (e) { caught = e.message; }
    const settled = await Promise.allSettled([Promise.resolve(1), Promise.reject(2)]);
    const raced = await Promise.race([new Promise(r => setTimeout(() => r("slow"), 20)), Promise.resolve("fast")]);
    const any = await Promise.any([Promise.reject(1), Promise.resolve("any")]);
    let aggregate;
    try { await Promise.any([Promise.reject(1)]); } catch (e) { aggregate = e.constructor.name + ":" + e.errors.length; }
    const timed = await new Promise(resolve => setTimeout(resolve, 5, "timer"));
    const fin = [];
    await Promise.resolve(1).finally(() => fin.push("finally"));
    return { a, b, caught, settled, raced, any, aggregate, timed, fin };
}
chain().then(r => {
    assert.equal(r.a, 4);
    assert.deepEqual(r.b, [6, 4, 5]);
    assert.equal(r.caught, "nope");
    assert.deepEqual(r.settled, [{ status: "fulfilled", value: 1 }, { status: "rejected", reason: 2 }]);
    assert.equal(r.raced, "fast");
    assert.equal(r.any, "any");
    assert.equal(r.aggregate, "AggregateError:1");
    assert.equal(r.timed, "timer");
    assert.deepEqual(r.fin, ["finally"]);
    assert.deepEqual(order.slice(0, 8), ["af start 1", "sync", "af start 2", "af start 0", "p1", "p2", "micro", "af after await 1"]);
    print("async ok");
}).catch(e => { print("FAILED: " + e); throw e; });
result.then(v => assert.equal(v, 2));
const thenable = { then(resolve) { resolve("thenable"); } };
(async () => assert.equal(await thenable, "thenable"))();
const arrow = async () => { throw new TypeError("async throw"); };
arrow().catch(e => assert.equal(e instanceof TypeError, true));
assert.equal(Object.prototype.toString.call(af(0)), "[object Promise]");
new Promise((_, reject) => reject(new Error("handled later"))).catch(() => {});
let resolveLater;
const later = new Promise(r => { resolveLater = r; });
later.then(v => assert.equal(v, "resolved"));
resolveLater("resolved");
resolveLater("ignored");
