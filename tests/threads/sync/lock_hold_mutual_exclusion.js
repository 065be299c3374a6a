// Checks that Lock.prototype.hold gives mutual exclusion: 4 threads do non-atomic read-modify-writes of shared plain properties under one lock and no update is lost and no two bodies overlap; synchronization correctness, holds in every interleaving.
var THREADS = 4, ITERATIONS = 4000;
var lock = new Lock();
var s = { count: 0, inside: 0, overlaps: 0, log: [] };
function body(id) {
    for (var i = 0; i < ITERATIONS; i++) {
        lock.hold(function () {
            s.inside = s.inside + 1;
            if (s.inside !== 1) s.overlaps = s.overlaps + 1;
            var v = s.count;
            s.count = v + 1;          // a lost update would show in the final count
            if ((i & 255) === 0) s.log.push(id);
            s.inside = s.inside - 1;
        });
    }
    return id;
}
var threads = [];
for (var t = 0; t < THREADS; t++) threads.push(new Thread(body, t));
body(THREADS); // the main thread competes too
for (var t = 0; t < THREADS; t++) assert.equal(threads[t].join(), t);
var total = (THREADS + 1) * ITERATIONS;
assert.equal(s.overlaps, 0, "no two hold bodies overlapped");
assert.equal(s.inside, 0);
assert.equal(s.count, total, "no lost update");
assert.equal(s.log.length, (THREADS + 1) * Math.ceil(ITERATIONS / 256), "array pushes under the lock all landed");
assert.equal(lock.locked, false, "free at the end");
