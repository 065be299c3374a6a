// Atomics.store/Atomics.load publish plain writes: a writer builds an object with plain writes and publishes it with Atomics.store (on an object property, and by a flag in an Int32Array); a reader that observes it with Atomics.load sees every plain field complete (synchronization correctness: seq_cst Atomics order the surrounding plain accesses, THREADS-API §5/§7).
var ROUNDS = 300, FIELDS = 10;
var box = { msg: null, ack: 0 };
var flags = new Int32Array(new SharedArrayBuffer(8));
var plainData = { round: -1, values: null };
var writer = new Thread(function () {
    for (var r = 0; r < ROUNDS; r++) {
        var m = { r: r };
        for (var f = 0; f < FIELDS; f++) m["f" + f] = r * 100 + f;
        m.arr = [r, r * 2];
        Atomics.store(box, "msg", m);                     // publish through an object property
        plainData.values = [r, -r];                       // plain writes, then a typed-array flag
        plainData.round = r;
        Atomics.store(flags, 0, r + 1);
        Atomics.notify(flags, 0);
        // wait until the reader acknowledged this round
        for (var a; (a = Atomics.load(box, "ack")) <= r;) Atomics.wait(box, "ack", a);
    }
});
var reader = new Thread(function () {
    var bad = 0;
    for (var r = 0; r < ROUNDS; r++) {
        for (var v; (v = Atomics.load(flags, 0)) < r + 1;) Atomics.wait(flags, 0, v);
        var m = Atomics.load(box, "msg");
        if (m.r !== r) bad++;
        for (var f = 0; f < FIELDS; f++) if (m["f" + f] !== r * 100 + f) bad++;
        if (m.arr[0] !== r || m.arr[1] !== r * 2) bad++;
        if (plainData.round !== r || plainData.values[0] !== r || plainData.values[1] !== -r) bad++;
        Atomics.store(box, "ack", r + 1);
        Atomics.notify(box, "ack");
    }
    return bad;
});
writer.join();
assert.equal(reader.join(), 0, "every published object was complete for the reader");

// Spinning reader with no waits: whatever non-null object it observes is complete.
var slot = { p: null };
var spinReader = new Thread(function () {
    var seen = 0, last = -1;
    while (last < 199) {
        var o = Atomics.load(slot, "p");
        if (o !== null && o.n !== last) {
            if (o.a !== o.n * 3 || o.s !== "n" + o.n || o.inner.n !== o.n) throw new Error("incomplete object " + o.n);
            if (o.n < last) throw new Error("Atomics.load went backwards");
            last = o.n;
            seen++;
        }
    }
    return seen;
});
var spinWriter = new Thread(function () {
    for (var n = 0; n < 200; n++) {
        var o = { n: n };
        o.a = n * 3;
        o.s = "n" + n;
        o.inner = { n: n };
        Atomics.store(slot, "p", o);
    }
});
spinWriter.join();
assert(spinReader.join() >= 1);
