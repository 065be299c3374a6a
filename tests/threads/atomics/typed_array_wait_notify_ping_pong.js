// Checks Atomics.wait/notify on an Int32Array over a SharedArrayBuffer: two threads alternate 2000 times through a turn word (a lost wake-up hangs), and a non-atomic Int32Array slot written by the turn holder is always seen up to date; synchronization correctness, holds in every interleaving.
var ROUNDS = 2000;
var ta = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
var TURN = 0, DATA = 1;
function player(me, next) {
    var bad = 0;
    for (var i = 0; i < ROUNDS; i++) {
        var t;
        while ((t = Atomics.load(ta, TURN)) !== me) {
            var r = Atomics.wait(ta, TURN, t);
            if (r !== "ok" && r !== "not-equal") bad++;
        }
        if (ta[DATA] !== 2 * i + me) bad++; // plain element access, ordered by the turn word
        ta[DATA] = ta[DATA] + 1;
        Atomics.store(ta, TURN, next);
        Atomics.notify(ta, TURN, 1);
    }
    return bad;
}
var b = new Thread(player, 1, 0);
var a = new Thread(player, 0, 1);
assert.equal(a.join(), 0, "player 0");
assert.equal(b.join(), 0, "player 1");
assert.equal(ta[DATA], 2 * ROUNDS);
assert.equal(ta[TURN], 0);

// Exact notify counts with sync waiters: 3 waiters on index 2, woken one at a time.
var waiters = [];
for (var i = 0; i < 3; i++) waiters.push(new Thread(function () { return Atomics.wait(ta, 2, 0); }));
var woken = 0;
while (woken < 3) {
    var c = Atomics.notify(ta, 2, 1);
    assert(c === 0 || c === 1, "count 1 wakes at most one, got " + c);
    woken += c;
}
waiters.forEach(function (w) { assert.equal(w.join(), "ok"); });
assert.equal(Atomics.notify(ta, 2), 0);
assert.equal(Atomics.wait(ta, 2, 1, 0), "not-equal");
assert.equal(Atomics.wait(ta, 2, 0, 0), "timed-out");
