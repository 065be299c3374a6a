// Four threads grow ONE shared object (disjoint keys, so its out-of-line storage grows) and ONE shared array (disjoint indices) with freshly allocated values while churning garbage and forcing collections; afterwards the key set, the elements and a checksum over every value are exact (synchronization correctness; checks storage segments and values stored by other threads survive collections).
var obj = {};
var arr = [];
var THREADS = 4, PER = 600;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        for (var k = 0; k < PER; k++) {
            obj["p" + id + "_" + k] = { id: id, k: k, s: "v" + k };
            arr[k * THREADS + id] = [id, k];
            if (k % 4 === 0) {
                var junk = [];
                for (var j = 0; j < 60; j++) junk.push({ j: j, t: "junk" });
            }
            if (id === 0 && k % 150 === 0) gc();
        }
    }, t));
}
workers.forEach(function (w) { w.join(); });
gc();
assert.equal(Object.keys(obj).length, THREADS * PER);
assert.equal(arr.length, THREADS * PER);
var checksum = 0;
for (var t = 0; t < THREADS; t++) {
    for (var k = 0; k < PER; k++) {
        var v = obj["p" + t + "_" + k];
        assert.equal(v.id, t);
        assert.equal(v.k, k);
        assert.equal(v.s, "v" + k);
        var e = arr[k * THREADS + t];
        assert.equal(e[0], t);
        assert.equal(e[1], k);
        checksum += v.k * (t + 1) + e[1];
    }
}
// sum over t of (t+1) * sum k  +  THREADS * sum k
var sumK = PER * (PER - 1) / 2;
assert.equal(checksum, sumK * (1 + 2 + 3 + 4) + THREADS * sumK);
