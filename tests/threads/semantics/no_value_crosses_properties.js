// No value from one property appears in another: each property and each element is written only with values tagged with its own name/index while other threads add and delete properties of the same object (shape transitions, dictionary mode) and grow the same array; every racing read and the final state hold only correctly tagged values (soundness invariant of THREADS-API §7; holds in every interleaving).
var KEYS = 16;
var obj = {};
for (var k = 0; k < KEYS; k++) obj["p" + k] = k * 1000000;       // tag: floor(value / 1000000) === k
var arr = [];
for (var k = 0; k < 64; k++) arr.push(k * 1000000);
function tagOk(v, k) { return typeof v === "number" && Math.floor(v / 1000000) === k; }
var WRITERS = 2, ITER = 3000;
var threads = [];
for (var t = 0; t < WRITERS; t++) {
    threads.push(new Thread(function (id) {
        for (var i = 0; i < ITER; i++) {
            var k = (i * 5 + id) % KEYS;
            obj["p" + k] = k * 1000000 + i;
            var e = (i * 3 + id) % arr.length;
            arr[e] = e * 1000000 + i;
        }
    }, t));
}
// A shape mutator: adds, deletes and re-adds other keys on the same object, and grows the array.
threads.push(new Thread(function () {
    for (var i = 0; i < ITER; i++) {
        obj["extra" + (i % 40)] = "extra";
        if (i % 2) delete obj["extra" + ((i + 20) % 40)];
        if (i % 100 === 0) arr.push(-1);
    }
}));
threads.push(new Thread(function () {
    var reads = 0;
    for (var i = 0; i < ITER; i++) {
        for (var k = 0; k < KEYS; k++) {
            var v = obj["p" + k];
            if (!tagOk(v, k)) throw new Error("p" + k + " holds " + v);
            reads++;
        }
        var e = i % 64;
        if (!tagOk(arr[e], e)) throw new Error("element " + e + " holds " + arr[e]);
        var extra = obj["extra" + (i % 40)];
        if (extra !== undefined && extra !== "extra") throw new Error("extra key holds " + extra);
    }
    return reads;
}));
threads.forEach(function (w) { w.join(); });
for (var k = 0; k < KEYS; k++) assert(tagOk(obj["p" + k], k), "final p" + k + " = " + obj["p" + k]);
for (var e = 0; e < 64; e++) assert(tagOk(arr[e], e), "final element " + e + " = " + arr[e]);
for (var e = 64; e < arr.length; e++) assert(arr[e] === -1 || tagOk(arr[e], e), "pushed element " + e + " = " + arr[e]);
assert.equal(arr.length, 64 + ITER / 100);
for (var k = 0; k < KEYS; k++) assert(("p" + k) in obj, "p" + k + " never lost");
Object.keys(obj).forEach(function (key) {
    if (key[0] === "e") assert.equal(obj[key], "extra", key);
    else assert(key[0] === "p", "unexpected key " + key);
});
