// Checks Atomics.wait/notify on an object property as a hand-off between two threads: 2000 strict alternations through o.turn (wait until it is mine, then store and notify), every turn observed in order, no lost wake-up (it would hang); synchronization correctness, holds in every interleaving.
var ROUNDS = 2000;
var o = { turn: 0, count: 0 };
function player(me, next) {
    var bad = 0;
    for (var i = 0; i < ROUNDS; i++) {
        var t;
        while ((t = Atomics.load(o, "turn")) !== me) Atomics.wait(o, "turn", t);
        // Only the player whose turn it is touches count: a plain read-modify-write.
        if (o.count !== 2 * i + me) bad++;
        o.count = o.count + 1;
        Atomics.store(o, "turn", next);
        Atomics.notify(o, "turn");
    }
    return bad;
}
var p1 = new Thread(player, 1, 0);
var p0 = new Thread(player, 0, 1);
assert.equal(p0.join(), 0, "player 0 saw the count out of turn");
assert.equal(p1.join(), 0, "player 1 saw the count out of turn");
assert.equal(o.count, 2 * ROUNDS);
assert.equal(o.turn, 0);
