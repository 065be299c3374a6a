// flags: --gc-stress
// Under --gc-stress (a collection at every allocation-block refill) three threads build linked lists, strings and arrays; every value is intact when checked on the thread and again after join (synchronization correctness; finds missing roots for cells held in registers, frames and allocation windows of several mutators).
var THREADS = 3, N = 100;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var head = null;
        var arr = [];
        var s = "";
        for (var i = 0; i < N; i++) {
            head = { i: i, label: "L" + id + "_" + i, next: head };
            arr.push([i, { sq: i * i }]);
            if (i % 10 === 0) s += String.fromCharCode(65 + (i / 10) % 26);
        }
        var sum = 0, count = 0;
        for (var p = head; p; p = p.next) {
            if (p.label !== "L" + id + "_" + p.i) throw new Error("label corrupted at " + p.i);
            sum += p.i; count++;
        }
        assert.equal(count, N);
        assert.equal(sum, N * (N - 1) / 2);
        for (var i = 0; i < N; i++) assert.equal(arr[i][1].sq, i * i);
        return { head: head, arr: arr, s: s };
    }, t));
}
var results = workers.map(function (w) { return w.join(); });
var expectedString = "";
for (var i = 0; i < N; i += 10) expectedString += String.fromCharCode(65 + (i / 10) % 26);
results.forEach(function (r, id) {
    var sum = 0, count = 0;
    for (var p = r.head; p; p = p.next) { assert.equal(p.label, "L" + id + "_" + p.i); sum += p.i; count++; }
    assert.equal(count, N);
    assert.equal(sum, N * (N - 1) / 2);
    assert.equal(r.arr.length, N);
    for (var i = 0; i < N; i += 7) { assert.equal(r.arr[i][0], i); assert.equal(r.arr[i][1].sq, i * i); }
    assert.equal(r.s, expectedString);
});
