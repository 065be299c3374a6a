// Threads add disjoint methods to ONE shared prototype while other threads create instances and call inherited methods; after join every instance sees every method (synchronization correctness via join) and racing lookups only ever see a method or undefined (soundness).
function Point(x) { this.x = x; }
Point.prototype.base = function () { return this.x; };
var THREADS = 4, PER = 60;
var adders = [], readers = [];
for (var t = 0; t < THREADS; t++) {
    adders.push(new Thread(function (id) {
        for (var k = 0; k < PER; k++) {
            (function (id, k) {
                Point.prototype["m" + id + "_" + k] = function () { return this.x * 1000 + id * 100 + k; };
            })(id, k);
            // a thread sees its own prototype writes through fresh instances at once
            var p = new Point(7);
            assert.equal(p["m" + id + "_" + k](), 7000 + id * 100 + k, "own prototype write");
        }
    }, t));
}
for (var t = 0; t < 2; t++) {
    readers.push(new Thread(function (id) {
        var found = 0;
        for (var round = 0; round < 20; round++) {
            var p = new Point(round);
            assert.equal(p.base(), round, "pre-existing method");
            for (var a = 0; a < THREADS; a++) {
                for (var k = 0; k < PER; k += 7) {
                    var m = p["m" + a + "_" + k];
                    if (m === undefined) continue;
                    assert.equal(typeof m, "function", "racy lookup yields a function or undefined");
                    assert.equal(m.call(p), round * 1000 + a * 100 + k, "method found is the right one");
                    found++;
                }
            }
        }
        return found;
    }, t));
}
adders.forEach(function (w) { w.join(); });
readers.forEach(function (w) { assert(w.join() >= 0); });

var q = new Point(3);
for (var t = 0; t < THREADS; t++)
    for (var k = 0; k < PER; k++)
        assert.equal(q["m" + t + "_" + k](), 3000 + t * 100 + k, "method m" + t + "_" + k);
assert.equal(Object.keys(Point.prototype).length, 1 + THREADS * PER, "prototype key count");
assert.equal(Object.keys(q).length, 1, "instances got no own methods");

// Instances created on threads share the main thread's prototype object.
var made = new Thread(function () { return new Point(5); }).join();
assert.equal(Object.getPrototypeOf(made), Point.prototype, "same prototype identity");
assert(made instanceof Point, "instanceof across threads");
assert.equal(made.m2_5(), 5205);
