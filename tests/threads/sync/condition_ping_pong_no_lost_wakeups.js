// Checks that Condition wait/notify lose no wake-ups: two threads hand a turn back and forth 2000 times through one Lock and two Conditions (a lost wake-up hangs the test), every hand-off is seen in order; synchronization correctness, holds in every interleaving.
var ROUNDS = 2000;
var lock = new Lock();
var pingTurn = new Condition(), pongTurn = new Condition();
var s = { turn: "ping", log: 0, errors: 0 };
function player(me, other, myCond, otherCond) {
    for (var i = 0; i < ROUNDS; i++) {
        lock.hold(function () {
            while (s.turn !== me) myCond.wait(lock);
            if ((s.log % 2 === 0) !== (me === "ping")) s.errors++;
            s.log++;
            s.turn = other;
            otherCond.notify(); // sometimes before, sometimes after the other waits
        });
    }
    return me;
}
var pong = new Thread(player, "pong", "ping", pongTurn, pingTurn);
var ping = new Thread(player, "ping", "pong", pingTurn, pongTurn);
assert.equal(ping.join(), "ping");
assert.equal(pong.join(), "pong");
assert.equal(s.log, 2 * ROUNDS);
assert.equal(s.errors, 0, "strict alternation");

// notify without holding the lock, many waiters on one condition with notifyAll: a counter
// handed among three threads in strict rotation.
var rot = { turn: 0, steps: 0, bad: 0 };
var all = new Condition();
var N = 3, STEPS = 400;
var ts = [];
for (var k = 0; k < N; k++) {
    ts.push(new Thread(function (k) {
        for (var i = 0; i < STEPS; i++) {
            lock.hold(function () {
                while (rot.turn !== k) all.wait(lock);
                if (rot.steps % N !== k) rot.bad++;
                rot.steps++;
                rot.turn = (k + 1) % N;
            });
            all.notifyAll(); // outside the lock
        }
    }, k));
}
ts.forEach(function (t) { t.join(); });
assert.equal(rot.steps, N * STEPS);
assert.equal(rot.bad, 0, "strict rotation");
