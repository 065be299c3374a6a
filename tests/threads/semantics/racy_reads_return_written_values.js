// Unsynchronized reads racing with writes return only values some thread wrote to that property or element (or its initial value): writers store values from a known set (doubles, int32, -0, NaN, strings, booleans, null, undefined, objects), readers check membership, so no torn or fabricated value appears (soundness invariant of THREADS-API §7; holds in every interleaving).
var obj1 = {}, obj2 = {};
var VALUES = [0, -0, 1, -1, 2147483647, -2147483648, 4294967296, 1.5, -2.25e300, 5e-324, Infinity, -Infinity, NaN,
              "s", "a longer string value", "", true, false, null, undefined, obj1, obj2, 1.0000000000000002];
function member(v) {
    for (var i = 0; i < VALUES.length; i++) if (Object.is(v, VALUES[i])) return true;
    return false;
}
var shared = { x: VALUES[0], y: VALUES[1] };
var arr = [VALUES[0], VALUES[0], VALUES[0], VALUES[0]];
var f64 = new Float64Array(4);   // typed arrays: only doubles from the set
var DOUBLES = [0, 1.5, -2.25e300, 5e-324, Infinity, 1.0000000000000002, 4294967296];
var stop = { flag: 0 };
var WRITERS = 2, READERS = 2, ITER = 5000;
var writers = [];
for (var t = 0; t < WRITERS; t++) {
    writers.push(new Thread(function (id) {
        for (var i = 0; i < ITER; i++) {
            var v = VALUES[(i * 7 + id * 3) % VALUES.length];
            shared.x = v;
            shared.y = VALUES[(i + id) % VALUES.length];
            arr[i & 3] = v;
            f64[i & 3] = DOUBLES[(i + id) % DOUBLES.length];
        }
    }, t));
}
var readers = [];
for (var t = 0; t < READERS; t++) {
    readers.push(new Thread(function () {
        var checked = 0;
        for (var i = 0; i < ITER; i++) {
            var a = shared.x, b = shared.y, c = arr[i & 3], d = f64[i & 3];
            if (!member(a)) throw new Error("fabricated value in x: " + String(a));
            if (!member(b)) throw new Error("fabricated value in y: " + String(b));
            if (!member(c)) throw new Error("fabricated element: " + String(c));
            var ok = false;
            for (var k = 0; k < DOUBLES.length; k++) if (Object.is(d, DOUBLES[k])) ok = true;
            if (!ok) throw new Error("torn double: " + d);
            if (typeof a === "object" && a !== null && a !== obj1 && a !== obj2) throw new Error("object identity");
            checked++;
        }
        return checked;
    }));
}
writers.forEach(function (w) { w.join(); });
readers.forEach(function (w) { assert.equal(w.join(), ITER); });
assert(member(shared.x) && member(shared.y));
for (var i = 0; i < 4; i++) assert(member(arr[i]), "final element " + i);
assert.equal(arr.length, 4, "element writes within bounds never change length");
assert.deepEqual(Object.keys(shared), ["x", "y"], "no property appeared or vanished");
