// sort, reverse, splice, map, filter, join, slice, concat, indexOf, includes, forEach, reduce and JSON.stringify run on ONE array that other threads push to, pop from, overwrite and truncate; none crashes and each result has a valid type and shape (crash-freedom/soundness invariant only: contents depend on the interleaving).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var arr = [];
for (var i = 0; i < 200; i++) arr.push(i);
var stop = { flag: 0 };
var MUTATORS = 2, READERS = 2;
function isElement(v) { return v === undefined || (typeof v === "number" && v >= 0 && v < 100000 && v === Math.floor(v)); }
var mutators = [];
for (var t = 0; t < MUTATORS; t++) {
    mutators.push(new Thread(function (id) {
        arriveAndWait(MUTATORS + READERS);
        var n = 0;
        while (Atomics.load(stop, "flag") === 0 || n < 500) {
            n++;
            var r = n % 10;
            if (r < 4) arr.push(n % 1000);
            else if (r < 6) arr.pop();
            else if (r < 8) { var len = arr.length; if (len > 0) arr[(n * 7) % len] = n % 1000; }
            else if (r === 8) { if (arr.length > 400) arr.length = 100; }
            else arr.unshift(id);
            if (n > 20000) break;
        }
    }, t));
}
var readers = [];
for (var t = 0; t < READERS; t++) {
    readers.push(new Thread(function (id) {
        arriveAndWait(MUTATORS + READERS);
        for (var round = 0; round < 60; round++) {
            var s = arr.join(",");
            assert.equal(typeof s, "string");
            if (s.length) s.split(",").forEach(function (p) { assert(p === "" || isElement(+p), "join piece " + p); });
            var m = arr.map(function (x) { return typeof x; });
            assert(Array.isArray(m), "map gives an array");
            m.forEach(function (x) { assert(x === "number" || x === "undefined", "map element type " + x); });
            var f = arr.filter(function (x) { return x % 2 === 0; });
            f.forEach(function (x) { assert(typeof x === "number" && x % 2 === 0, "filter keeps only matches"); });
            var sl = arr.slice(5, 50);
            assert(Array.isArray(sl) && sl.length <= 45, "slice length");
            sl.forEach(function (x) { assert(isElement(x), "slice element"); });
            var c = arr.concat([-1]);
            assert(c.length >= 1 && c[c.length - 1] === -1, "concat appends its argument last");
            var ix = arr.indexOf(5);
            assert(ix === -1 || (ix >= 0 && Number.isInteger(ix)), "indexOf result");
            assert.equal(typeof arr.includes(7), "boolean");
            var sum = arr.reduce(function (a, x) { return a + (x === undefined ? 0 : x); }, 0);
            assert(typeof sum === "number" && sum >= 0, "reduce sum");
            var j = JSON.stringify(arr);
            var parsed = JSON.parse(j);
            assert(Array.isArray(parsed), "JSON round trip gives an array");
            parsed.forEach(function (x) { assert(x === null || isElement(x), "JSON element " + x); });
            if (round % 3 === 0) {
                var copy = arr.slice();
                copy.sort(function (a, b) { return a - b; });
                for (var k = 1; k < copy.length; k++)
                    if (copy[k - 1] !== undefined && copy[k] !== undefined) assert(copy[k - 1] <= copy[k], "private copy sorted");
            }
            // In-place operations on the shared array: only check they return the array and do not crash.
            if (round % 5 === 0) assert.equal(arr.sort(function (a, b) { return a - b; }), arr, "sort returns its receiver");
            if (round % 5 === 1) assert.equal(arr.reverse(), arr, "reverse returns its receiver");
            if (round % 5 === 2) {
                var removed = arr.splice(1, 3, 9, 9);
                assert(Array.isArray(removed) && removed.length <= 3, "splice returns removed elements");
                removed.forEach(function (x) { assert(isElement(x), "spliced element"); });
            }
            if (round % 5 === 3) arr.forEach(function (x) { assert(isElement(x), "forEach element"); });
        }
        if (id === 0) Atomics.store(stop, "flag", 1);
    }, t));
}
readers.forEach(function (w) { w.join(); });
Atomics.store(stop, "flag", 1);
mutators.forEach(function (w) { w.join(); });
assert(Array.isArray(arr));
assert(arr.length >= 0 && arr.length < 100000, "final length sane");
for (var i = 0; i < arr.length; i++) assert(isElement(arr[i]), "final element " + i);
// Still fully functional afterwards.
arr.length = 0;
arr.push(3, 1, 2);
assert.deepEqual(arr.sort(), [1, 2, 3]);
