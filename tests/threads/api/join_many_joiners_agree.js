// Checks that many joiners on several threads, joining while the target may still be running or after it finished, all get the same value (or the same thrown value); synchronization correctness, holds in every interleaving.
var JOINERS = 6;
var result = { tag: "result" };
var failure = new Error("failure");
var work = function (n) { var s = 0; for (var i = 0; i < n; i++) s += i; return s; };

var ok = new Thread(function () { work(20000); return result; });
var bad = new Thread(function () { work(20000); throw failure; });

var joiners = [];
for (var j = 0; j < JOINERS; j++) {
    joiners.push(new Thread(function () {
        var got = [];
        for (var k = 0; k < 3; k++) {
            got.push(ok.join());
            try { bad.join(); got.push("no throw"); } catch (e) { got.push(e); }
        }
        return got;
    }));
}
// The main thread joins too, concurrently with the joiner threads.
assert.equal(ok.join(), result, "main joins ok");
assert.throws(Error, function () { bad.join(); });
for (var j = 0; j < JOINERS; j++) {
    var got = joiners[j].join();
    assert.equal(got.length, 6);
    for (var k = 0; k < 6; k += 2) {
        assert.equal(got[k], result, "joiner " + j + " ok.join #" + k);
        assert.equal(got[k + 1], failure, "joiner " + j + " bad.join #" + k);
    }
}

// Joiners that themselves are joined by others: a chain of threads each joining the previous.
var chain = [new Thread(function () { return result; })];
for (var c = 1; c < 5; c++) {
    chain.push(new Thread(function (prev) { return prev.join(); }, chain[c - 1]));
}
assert.equal(chain[chain.length - 1].join(), result, "end of the join chain");
for (var c = 0; c < chain.length; c++) assert.equal(chain[c].join(), result, "chain " + c);
