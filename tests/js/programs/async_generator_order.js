// The order of async generator steps, for await iterations and promise reactions (the expected
// output was produced by Node).
const log = (...args) => console.log(...args);

async function* counter(name, n) {
    log(name, "start");
    try {
        for (let i = 0; i < n; i++) {
            log(name, "yield", i);
            const sent = yield i;
            if (sent !== undefined)
                log(name, "got", sent);
        }
    } finally {
        log(name, "finally");
    }
    return name + " done";
}

async function* delegate() {
    log("delegate start");
    const r = yield* counter("inner", 2);
    log("delegate got", r);
    yield* [Promise.resolve("sync-a"), "sync-b"];
    return "delegate done";
}

async function scenarioQueue() {
    const it = counter("queue", 3);
    const ps = [it.next(), it.next("x"), it.return("early"), it.next()];
    log("queued 4 requests");
    for (const p of ps)
        p.then(r => log("settled", JSON.stringify(r)));
    await Promise.all(ps);
}

async function scenarioForAwait() {
    for await (const v of counter("loop", 2))
        log("loop body", v);
    for await (const v of delegate())
        log("delegate body", v);
    for await (const v of [1, Promise.resolve(2), { then(r) { r(3); } }])
        log("sync body", v);
}

async function scenarioReturnDuringAwait() {
    async function* slow() {
        try {
            log("slow awaiting");
            await new Promise(r => setTimeout(r, 1));
            log("slow after await");
            yield "slow value";
        } finally {
            log("slow finally");
        }
    }
    const it = slow();
    const a = it.next();
    const b = it.return("ret");
    const c = it.next();
    log("slow", JSON.stringify(await a), JSON.stringify(await b), JSON.stringify(await c));
}

async function scenarioErrors() {
    async function* bad() {
        yield 1;
        throw new Error("bad body");
    }
    const it = bad();
    log(JSON.stringify(await it.next()));
    await it.next().catch(e => log("rejected", e.message));
    log(JSON.stringify(await it.next()));
    try {
        for await (const v of bad())
            log("bad body value", v);
    } catch (e) {
        log("for await caught", e.message);
    }
}

function interleave() {
    const a = counter("A", 2);
    const b = counter("B", 2);
    a.next().then(r => log("A1", r.value));
    b.next().then(r => log("B1", r.value));
    Promise.resolve().then(() => log("tick 1")).then(() => log("tick 2")).then(() => log("tick 3"));
    a.next().then(r => log("A2", r.value));
    b.return("stop").then(r => log("B return", r.value, r.done));
    log("interleave sync end");
}

interleave();
setTimeout(async () => {
    await scenarioQueue();
    await scenarioForAwait();
    await scenarioReturnDuringAwait();
    await scenarioErrors();
    log("end");
}, 0);
