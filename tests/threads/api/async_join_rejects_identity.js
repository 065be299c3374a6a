// Checks that asyncJoin of a thread that threw rejects every returned promise with the very thrown value (and not synchronously); synchronization correctness, holds in every interleaving.
var failure = { why: "failed" };
var t = new Thread(function () { throw failure; });
var nanThrower = new Thread(function () { throw NaN; });
var calls = [t.asyncJoin(), t.asyncJoin(), t.asyncJoin()];
var sawRejection = false;
calls[0].catch(function () { sawRejection = true; });
assert(!sawRejection, "not rejected synchronously");

async function rejection(p) {
    try { await p; } catch (e) { return { value: e }; }
    return null;
}
assert.async(async function () {
    for (var i = 0; i < calls.length; i++) {
        var r = await rejection(calls[i]);
        assert(r !== null, "promise " + i + " must reject");
        assert.equal(r.value, failure, "promise " + i + " rejected with the thrown object");
    }
    assert(sawRejection, "catch handler ran");
    var n = await rejection(nanThrower.asyncJoin());
    assert(n !== null && Object.is(n.value, NaN), "rejected with NaN");
    // The synchronous join agrees with asyncJoin.
    assert.throws(Object, function () { t.join(); });
    try { t.join(); } catch (e) { assert.equal(e, failure, "join agrees"); }
    // A later asyncJoin also rejects with the same value.
    var late = await rejection(t.asyncJoin());
    assert.equal(late.value, failure);
});
