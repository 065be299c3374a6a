// Many threads construct objects with the same constructor and add properties in thread-specific orders (extending one shared transition tree at once); every object ends with exactly its own keys, in its own insertion order, with its own values, and inline caches shared between threads never return another shape's slot (synchronization correctness for each object, which one thread builds).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
function Node(a, b) { this.a = a; this.b = b; }
var NAMES = ["p", "q", "r", "s", "t", "u", "v", "w"];
function orderFor(id, n) {
    // a different rotation and direction per thread and object
    var order = [];
    for (var i = 0; i < NAMES.length; i++) order.push(NAMES[(i * (id % 2 ? 3 : 5) + n) % NAMES.length]);
    return order.slice(0, 3 + (n + id) % 6);
}
function readAll(o) { return [o.a, o.b, o.p, o.q, o.r, o.s, o.t, o.u, o.v, o.w]; }   // one IC site per key, shared by all threads
var THREADS = 4, PER = 400;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        var made = [];
        for (var n = 0; n < PER; n++) {
            var o = new Node(id, n);
            var order = orderFor(id, n);
            for (var i = 0; i < order.length; i++) o[order[i]] = id * 1000000 + n * 100 + i;
            var vals = readAll(o);
            assert.equal(vals[0], id);
            assert.equal(vals[1], n);
            for (var j = 0; j < NAMES.length; j++) {
                var pos = order.indexOf(NAMES[j]);
                assert.equal(vals[2 + j], pos < 0 ? undefined : id * 1000000 + n * 100 + pos, "slot of " + NAMES[j]);
            }
            if (n % 3 === 0) delete o.a;          // also transitions from the shared shapes
            made.push(o);
        }
        return made;
    }, t));
}
var all = workers.map(function (w) { return w.join(); });
for (var t = 0; t < THREADS; t++) {
    for (var n = 0; n < PER; n++) {
        var o = all[t][n];
        var order = orderFor(t, n);
        var expectedKeys = (n % 3 === 0 ? ["b"] : ["a", "b"]).concat(order);
        assert.deepEqual(Object.keys(o), expectedKeys, "keys of object " + t + "/" + n);
        var vals = readAll(o);
        assert.equal(vals[0], n % 3 === 0 ? undefined : t);
        assert.equal(vals[1], n);
        for (var i = 0; i < order.length; i++) assert.equal(o[order[i]], t * 1000000 + n * 100 + i);
        assert(o instanceof Node);
    }
}
