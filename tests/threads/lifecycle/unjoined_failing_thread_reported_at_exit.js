// expect-status: 1
// expect-stderr: Error: unjoined thread failure marker 4950
// A thread whose exception nobody joins is reported on stderr with its message and the process exits with status 1, and only after that thread has run to its end (synchronization correctness: the shell waits for running threads; the failure happens only after the main script and its event loop are done).
var flag = { mainDone: 0 };
var joined = new Thread(function () { throw new Error("joined failure, observed by join"); });
try { joined.join(); } catch (e) { assert.equal(e.message, "joined failure, observed by join"); }
new Thread(function () {
    // waits until the main thread's event loop has run its last timer
    while (Atomics.load(flag, "mainDone") === 0) Atomics.wait(flag, "mainDone", 0);
    var s = 0;
    for (var i = 0; i < 100; i++) s += i;
    throw new Error("unjoined thread failure marker " + s);
});
setTimeout(function () {
    Atomics.store(flag, "mainDone", 1);
    Atomics.notify(flag, "mainDone");
}, 1);
