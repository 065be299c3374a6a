// Everything a thread did is visible once join (or asyncJoin) returns: plain property writes, new keys, deletes, array growth, closure variables, Map entries and typed-array stores, with no other synchronization (synchronization correctness, THREADS-API §7).
var THREADS = 4;
var objs = [], arrs = [], maps = [];
var ta = new Float64Array(THREADS * 100);
var closureVals = [];
function makeCell() { var v = 0; return { set: function (x) { v = x; }, get: function () { return v; } }; }
for (var t = 0; t < THREADS; t++) { objs.push({ gone: 1 }); arrs.push([]); maps.push(new Map()); closureVals.push(makeCell()); }
for (var round = 0; round < 20; round++) {
    var workers = [];
    for (var t = 0; t < THREADS; t++) {
        workers.push(new Thread(function (t) {
            var o = objs[t];
            for (var k = 0; k < 40; k++) o["p" + k] = round * 1000 + k;
            delete o.gone;
            arrs[t].push(round);
            maps[t].set(round, { r: round });
            closureVals[t].set(round * 7);
            for (var k = 0; k < 100; k++) ta[t * 100 + k] = round + k / 8;
            return { made: round };
        }, t));
    }
    for (var t = 0; t < THREADS; t++) {
        var r = workers[t].join();
        assert.equal(r.made, round);
        var o = objs[t];
        for (var k = 0; k < 40; k++) assert.equal(o["p" + k], round * 1000 + k, "plain write of p" + k);
        assert.equal("gone" in o, false, "delete visible");
        assert.equal(arrs[t].length, round + 1, "array growth visible");
        assert.equal(arrs[t][round], round);
        assert.equal(maps[t].get(round).r, round, "Map entry visible");
        assert.equal(closureVals[t].get(), round * 7, "closure variable visible");
        for (var k = 0; k < 100; k++) assert.equal(ta[t * 100 + k], round + k / 8, "typed array store");
        objs[t].gone = 1;
    }
}
// asyncJoin also orders the thread's writes before its settlement.
var late = {};
var w = new Thread(function () { for (var k = 0; k < 100; k++) late["q" + k] = k; return 1; });
assert.async(async function () {
    assert.equal(await w.asyncJoin(), 1);
    for (var k = 0; k < 100; k++) assert.equal(late["q" + k], k, "visible after asyncJoin");
});
