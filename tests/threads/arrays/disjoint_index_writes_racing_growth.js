// Threads write disjoint indices of ONE shared array while it grows (each thread writes i = id, id+N, ... so every write may extend the array, and another thread pushes at the same time); no write is lost and the length ends exactly right (synchronization correctness: THREADS-API §7 no lost property, DESIGN R3).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var THREADS = 4, PER = 1500;
var arr = [];
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS + 1);
        for (var k = 0; k < PER; k++) {
            var i = k * THREADS + id;
            arr[i] = i * 2;
            assert.equal(arr[i], i * 2, "own write visible at once");
        }
    }, t));
}
// Meanwhile a separate array, pre-filled, is grown by push from one thread while the others overwrite its old indices.
var grown = [];
for (var i = 0; i < 500; i++) grown.push(-1);
var pusher = new Thread(function () {
    arriveAndWait(THREADS + 1);
    for (var k = 0; k < 4000; k++) grown.push(k);
});
var overwriters = [];
for (var t = 0; t < 2; t++) {
    overwriters.push(new Thread(function (id) {
        for (var round = 0; round < 5; round++)
            for (var i = id; i < 500; i += 2) grown[i] = round * 1000 + i;
    }, t));
}
workers.forEach(function (w) { w.join(); });
pusher.join();
overwriters.forEach(function (w) { w.join(); });

assert.equal(arr.length, THREADS * PER, "length after disjoint growth");
for (var i = 0; i < THREADS * PER; i++) {
    assert(i in arr, "no hole at " + i);
    assert.equal(arr[i], i * 2, "value at " + i);
}
assert.equal(grown.length, 500 + 4000, "grown length");
for (var i = 0; i < 500; i++) assert.equal(grown[i], 4000 + i, "overwrite of old index " + i + " survived the growth");
for (var k = 0; k < 4000; k++) assert.equal(grown[500 + k], k, "pushed value " + k);
