// expect-status: 1
// expect-stderr: Error: nested late thread finished its work: 3 levels
// Unjoined threads still running when the main script ends (one of them spawning another late) are all waited for: the innermost, started after the main thread's event loop ended, completes its work and its deliberate failure is reported (synchronization correctness of exit waiting; a shell that exited early would print nothing and exit 0).
var flag = { mainDone: 0 };
var work = { steps: 0 };
function waitMainDone() {
    while (Atomics.load(flag, "mainDone") === 0) Atomics.wait(flag, "mainDone", 0);
}
new Thread(function () {
    waitMainDone();
    Atomics.add(work, "steps", 1);
    new Thread(function () {
        Atomics.add(work, "steps", 1);
        var inner = new Thread(function () {
            Atomics.add(work, "steps", 1);
            var list = null;
            for (var i = 0; i < 2000; i++) list = { i: i, next: list };
            var n = 0;
            for (var p = list; p; p = p.next) n++;
            if (n !== 2000) throw new Error("list broken: " + n);
            return n;
        });
        assert.equal(inner.join(), 2000);
        // Deliberately fail so that the test can see this ran after main finished.
        throw new Error("nested late thread finished its work: " + Atomics.load(work, "steps") + " levels");
    });
});
// A second unjoined thread that succeeds: it must not produce any output.
new Thread(function () {
    waitMainDone();
    var s = 0;
    for (var i = 0; i < 10000; i++) s += i;
    if (s !== 49995000) throw new Error("wrong sum");
});
setTimeout(function () {
    Atomics.store(flag, "mainDone", 1);
    Atomics.notify(flag, "mainDone");
}, 1);
