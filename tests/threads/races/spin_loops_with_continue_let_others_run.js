// Threads spinning on an Atomics flag in loops whose back-edge is a `continue` (while, while(true), labelled continue) must still reach safepoints: another thread can run a collection (gc()) and then set the flag, in both modes, so every spinner ends (synchronization correctness: THREADS-API §8, a spinning thread cannot starve the others; DESIGN, safepoint polls at loop back-edges).
var flag = { go: 0 };
var spinners = [
    new Thread(function () {
        var seen = 0;
        while (seen === 0) {
            var v = Atomics.load(flag, "go");
            if (v === 0) continue;
            seen = v;
        }
        return seen;
    }),
    new Thread(function () {
        while (true) {
            if (Atomics.load(flag, "go") === 0) continue;
            break;
        }
        return 1;
    }),
    new Thread(function () {
        var n = 0;
        outer: for (var i = 0; ; i++) {
            while (true) {
                n++;
                if (Atomics.load(flag, "go") === 0) continue outer;
                break outer;
            }
        }
        return n > 0 ? 1 : 0;
    })
];
var setter = new Thread(function () {
    var junk = [];
    for (var i = 0; i < 1000; i++) junk.push({ i: i });
    gc();                                   // needs every spinner at a safepoint
    Atomics.store(flag, "go", 1);
    return junk.length;
});
assert.equal(setter.join(), 1000);
spinners.forEach(function (w, k) { assert.equal(w.join(), 1, "spinner " + k); });
