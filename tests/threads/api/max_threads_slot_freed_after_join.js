// flags: --max-threads=2
// Checks that a thread whose join has returned is Finished and no longer counts against --max-threads=2, so starting a new thread right after join always succeeds; synchronization correctness (join orders the end of the thread before the next start), holds in every interleaving.
var gate = { open: 0 };
function blocker() {
    while (Atomics.load(gate, "open") === 0) Atomics.wait(gate, "open", 0);
    return "blocker";
}
var held = new Thread(blocker); // one slot stays taken for the whole test
try {
    // The second slot is reused again and again: each thread is joined before the next starts.
    for (var i = 0; i < 200; i++) {
        var t = new Thread(function (n) { return n * 2; }, i);
        assert.equal(t.join(), i * 2, "thread " + i);
    }
    // A thread that threw is Failed, also not live.
    for (var i = 0; i < 50; i++) {
        var f = new Thread(function (n) { throw { n: n }; }, i);
        var caught = null;
        try { f.join(); } catch (e) { caught = e; }
        assert(caught !== null && caught.n === i, "failed thread " + i);
    }
} finally {
    Atomics.store(gate, "open", 1);
    Atomics.notify(gate, "open");
}
assert.equal(held.join(), "blocker");
