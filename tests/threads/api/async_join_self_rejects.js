// thread.asyncJoin() on the calling thread's own Thread rejects with Error "Thread cannot join
// itself" (as join throws) instead of a promise that could never settle, on a spawned thread and
// on the main thread; the thread still finishes. Checks one outcome that holds in every interleaving.
const spawned = new Thread(() => {
    const p = Thread.current.asyncJoin();
    assert(p instanceof Promise);
    const out = { message: null };
    p.then(() => { out.message = "fulfilled"; }, (e) => { out.message = e instanceof Error ? e.message : String(e); });
    return out;
});
const out = spawned.join();
assert.equal(out.message, "Thread cannot join itself");
assert.async(async () => {
    let message = null;
    try {
        await Thread.current.asyncJoin();
    } catch (e) {
        message = e.message;
    }
    assert.equal(message, "Thread cannot join itself");
});
