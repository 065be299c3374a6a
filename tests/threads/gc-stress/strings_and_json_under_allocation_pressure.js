// Threads build strings by concatenation, number formatting, join and JSON.stringify/parse round trips while another thread forces collections; every string and parsed structure equals the expected text (synchronization correctness via join; checks strings, ropes and JSON temporaries stay alive across collections on other threads).
var stop = { flag: 0 };
var collector = new Thread(function () {
    var n = 0;
    while (Atomics.load(stop, "flag") === 0 && n < 150) {
        var junk = [];
        for (var i = 0; i < 300; i++) junk.push("junk" + i);
        gc();
        n++;
    }
    return n;
});
function expectedText(id, n) {
    var parts = [];
    for (var i = 0; i < n; i++) parts.push(id + ":" + i);
    return parts.join(";");
}
var THREADS = 3, N = 400;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var s = "";
        for (var i = 0; i < N; i++) s += (i ? ";" : "") + id + ":" + i;
        var data = [];
        for (var i = 0; i < N; i++) data.push({ i: i, name: "item" + i, tags: [id, i % 7], f: i / 4 });
        var json = JSON.stringify(data);
        var back = JSON.parse(json);
        var texts = [];
        for (var r = 0; r < 20; r++) texts.push(String(r * 1.5) + "|" + (r * 1000003).toString(16));
        return { s: s, back: back, json: json, texts: texts };
    }, t));
}
var results = workers.map(function (w) { return w.join(); });
Atomics.store(stop, "flag", 1);
assert(collector.join() >= 1);
gc();
results.forEach(function (r, id) {
    assert.equal(r.s, expectedText(id, N), "concatenated string of thread " + id);
    assert.equal(r.back.length, N);
    for (var i = 0; i < N; i++) {
        var o = r.back[i];
        assert.equal(o.i, i);
        assert.equal(o.name, "item" + i);
        assert.equal(o.tags[0], id);
        assert.equal(o.tags[1], i % 7);
        assert.equal(o.f, i / 4);
    }
    assert.equal(JSON.stringify(r.back), r.json, "round trip is stable");
    for (var k = 0; k < 20; k++) assert.equal(r.texts[k], String(k * 1.5) + "|" + (k * 1000003).toString(16));
});
assert.equal(results[0].texts[3], "4.5|2dc6c9", "number formatting");
