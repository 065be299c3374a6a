// flags: --max-threads=3
// Checks that with --max-threads=3 a fourth live spawned thread throws RangeError and starts nothing, whether started from the main thread or from a spawned one; synchronization correctness, holds in every interleaving.
var gate = { open: 0 };
var state = { started: 0, refused: 0 };
var fromThread = null;
function neverRuns() { Atomics.add(state, "started", 1000); }
function blocker() {
    Atomics.add(state, "started", 1);
    while (Atomics.load(gate, "open") === 0) Atomics.wait(gate, "open", 0);
    return "done";
}
function openGate() { Atomics.store(gate, "open", 1); Atomics.notify(gate, "open"); }

var threads = [];
try {
    threads.push(new Thread(blocker), new Thread(blocker));
    // The third live thread tries to start a fourth, records the error, then blocks like the others.
    threads.push(new Thread(function () {
        try { new Thread(neverRuns); } catch (e) { fromThread = e; }
        Atomics.store(state, "refused", 1);
        Atomics.notify(state, "refused");
        return blocker();
    }));
    while (Atomics.load(state, "refused") === 0) Atomics.wait(state, "refused", 0);
    assert(fromThread instanceof RangeError, "a spawned thread past the limit gets RangeError, got " + fromThread);

    // Three threads are live (none can finish before the gate opens): the main thread is refused.
    for (var i = 0; i < 3; i++) {
        assert.throws(RangeError, function () { new Thread(neverRuns); }, "fourth live thread, attempt " + i);
    }
    assert.throws(RangeError, function () { new Thread(neverRuns, 1, 2, 3); }, "with arguments");
} finally {
    openGate();
}
threads.forEach(function (t) { assert.equal(t.join(), "done"); });
assert.equal(Atomics.load(state, "started"), 3, "only the three blockers ran; refused threads started nothing");
