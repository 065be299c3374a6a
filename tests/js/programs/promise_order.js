// Promise and async ordering: microtasks before timers, await resumption order, thenables.
// The timer delays are far apart (5 ms vs 100 ms) so that a loaded machine cannot reorder them.
const log = (...a) => console.log(...a);
setTimeout(() => log("timeout 0"), 0);
setTimeout(() => log("timeout 100"), 100);
Promise.resolve().then(() => log("micro 1")).then(() => log("micro 3"));
Promise.resolve().then(() => log("micro 2"));
queueMicrotask(() => log("queueMicrotask"));
async function first() { log("first start"); await second(); log("first end"); }
async function second() { log("second"); }
first();
const thenable = { then(resolve) { log("thenable then called"); resolve("thenable value"); } };
Promise.resolve(thenable).then(v => log(v));
new Promise(resolve => { log("executor"); resolve("resolved"); }).then(v => log(v));
(async () => {
    const results = await Promise.all([1, Promise.resolve(2), new Promise(r => setTimeout(r, 5, 3))]);
    log("all", results);
    try { await Promise.reject(new Error("rejected")); } catch (e) { log("caught", e.message); }
    for await (const v of [Promise.resolve("a"), "b"]) log("for await", v);
    log("done");
})();
log("sync end");
