// Checks a spinlock built on Atomics.compareExchange of an object property (holding the owner's token object, null when free): 4 threads x 1500 critical sections, never two inside, ownership by identity, no lost update; synchronization correctness, holds in every interleaving.
var THREADS = 4, ITER = 1500;
var lockObj = { owner: null };
var data = { count: 0, inside: 0, overlaps: 0, wrongOwner: 0 };
function worker(id) {
    var me = { id: id };
    for (var i = 0; i < ITER; i++) {
        while (Atomics.compareExchange(lockObj, "owner", null, me) !== null) {
            while (Atomics.load(lockObj, "owner") !== null) {}
        }
        data.inside = data.inside + 1;
        if (data.inside !== 1) data.overlaps = data.overlaps + 1;
        if (Atomics.load(lockObj, "owner") !== me) data.wrongOwner = data.wrongOwner + 1;
        data.count = data.count + 1;
        data.inside = data.inside - 1;
        // Release: only the owner's token may be replaced.
        if (Atomics.compareExchange(lockObj, "owner", me, null) !== me) data.wrongOwner = data.wrongOwner + 1;
    }
}
var threads = [];
for (var t = 0; t < THREADS; t++) threads.push(new Thread(worker, t));
threads.forEach(function (th) { th.join(); });
assert.equal(data.overlaps, 0, "two threads inside at once");
assert.equal(data.wrongOwner, 0, "the lock word held another thread's token");
assert.equal(data.count, THREADS * ITER, "no lost update");
assert.equal(lockObj.owner, null);
