// Promise.all / allSettled / any over promises that several threads settle at once: the
// element functions run on the settling threads concurrently, and the combined promise still
// settles exactly once with every value (synchronization correctness of the remaining count).
const ROUNDS = 40, WIDTH = 6;
const gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (let v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
    const settlers = [];
    const promises = [];
    for (let i = 0; i < WIDTH; i++) promises.push(new Promise((resolve, reject) => settlers.push({ resolve, reject })));
    // Promise.any's rejection is handled at once (here, on the main thread): it happens on a
    // settling thread, which reports rejections still unhandled when its jobs are done.
    const any = Promise.any(promises.map((p) => p.then(() => { throw "x"; }))).then(() => null, (e) => e);
    rounds.push({ settlers, all: Promise.all(promises), settled: Promise.allSettled(promises), any });
}
// Each thread settles a disjoint share of every round's promises (i % THREADS), all at once.
const THREADS = 3;
const threads = [];
for (let t = 0; t < THREADS; t++) {
    threads.push(new Thread(() => {
        arriveAndWait(THREADS);
        for (const round of rounds)
            for (let i = t; i < WIDTH; i += THREADS) round.settlers[i].resolve(i * 10);
    }));
}
threads.forEach((t) => t.join());
assert.async(async () => {
    const expected = [];
    for (let i = 0; i < WIDTH; i++) expected.push(i * 10);
    for (const round of rounds) {
        assert.deepEqual(await round.all, expected, "Promise.all values");
        const settled = await round.settled;
        assert.deepEqual(settled.map((s) => s.status + ":" + s.value), expected.map((v) => "fulfilled:" + v));
        const aggregate = await round.any;
        assert(aggregate instanceof AggregateError, "Promise.any rejects once every input rejected");
        assert.equal(aggregate.errors.length, WIDTH);
    }
});
