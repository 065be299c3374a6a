// Checks compareExchange races on object properties with SameValueZero: 6 threads CAS each of 300 NaN-valued (and -0-valued) properties to their own token; exactly one wins each, the losers read the winner's token; synchronization correctness, holds in every interleaving.
var THREADS = 6, OBJECTS = 300;
var nanObjects = [], zeroObjects = [];
for (var i = 0; i < OBJECTS; i++) { nanObjects.push({ v: NaN }); zeroObjects.push({ v: -0 }); }
function racer(t) {
    var nanWins = [], zeroWins = [], lossesWrong = 0, nanReads = [], zeroReads = [];
    for (var i = 0; i < OBJECTS; i++) {
        var r = Atomics.compareExchange(nanObjects[i], "v", NaN, "t" + t);
        if (Number.isNaN(r)) nanWins.push(i);
        else if (typeof r !== "string") lossesWrong++;
        nanReads.push(r);
        var z = Atomics.compareExchange(zeroObjects[i], "v", 0, "t" + t); // +0 expected matches -0
        if (Object.is(z, -0)) zeroWins.push(i);
        else if (typeof z !== "string") lossesWrong++;
        zeroReads.push(z);
    }
    return { nanWins: nanWins, zeroWins: zeroWins, lossesWrong: lossesWrong, nanReads: nanReads, zeroReads: zeroReads };
}
var threads = [];
for (var t = 0; t < THREADS; t++) threads.push(new Thread(racer, t));
var nanWinner = new Array(OBJECTS).fill(-1), zeroWinner = new Array(OBJECTS).fill(-1);
var results = threads.map(function (th) { return th.join(); });
results.forEach(function (r, t) {
    assert.equal(r.lossesWrong, 0, "a loser read something other than a token");
    r.nanWins.forEach(function (i) { assert.equal(nanWinner[i], -1, "two NaN winners on object " + i); nanWinner[i] = t; });
    r.zeroWins.forEach(function (i) { assert.equal(zeroWinner[i], -1, "two -0 winners on object " + i); zeroWinner[i] = t; });
});
for (var i = 0; i < OBJECTS; i++) {
    assert(nanWinner[i] >= 0, "object " + i + " had a NaN winner");
    assert.equal(nanObjects[i].v, "t" + nanWinner[i], "the final value is the winner's token");
    assert(zeroWinner[i] >= 0, "object " + i + " had a -0 winner");
    assert.equal(zeroObjects[i].v, "t" + zeroWinner[i]);
}
// Every loser read the winner's token: once a token is stored nothing else can be.
results.forEach(function (r, t) {
    for (var i = 0; i < OBJECTS; i++) {
        if (nanWinner[i] !== t) assert.equal(r.nanReads[i], "t" + nanWinner[i], "thread " + t + " read the NaN winner's token on " + i);
        if (zeroWinner[i] !== t) assert.equal(r.zeroReads[i], "t" + zeroWinner[i], "thread " + t + " read the -0 winner's token on " + i);
    }
});
