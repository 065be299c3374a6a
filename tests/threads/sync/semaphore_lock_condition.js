// Checks a counting semaphore built from Lock+Condition (3 permits): with 7 threads at most 3 are ever inside, permits are conserved, all acquisitions complete; synchronization correctness, holds in every interleaving.
function Semaphore(permits) { this.permits = permits; this.lock = new Lock(); this.cond = new Condition(); }
Semaphore.prototype.acquire = function () {
    var self = this;
    self.lock.hold(function () {
        while (self.permits === 0) self.cond.wait(self.lock);
        self.permits--;
    });
};
Semaphore.prototype.release = function () {
    var self = this;
    self.lock.hold(function () { self.permits++; });
    self.cond.notify();
};
var PERMITS = 3, THREADS = 7, ITER = 600;
var sem = new Semaphore(PERMITS);
var stats = { inside: 0, max: 0, entries: 0 };
function worker() {
    var over = 0;
    for (var i = 0; i < ITER; i++) {
        sem.acquire();
        var now = Atomics.add(stats, "inside", 1) + 1;
        if (now > PERMITS) over++;
        // record the maximum with a CAS loop
        var m;
        while ((m = Atomics.load(stats, "max")) < now && Atomics.compareExchange(stats, "max", m, now) !== m) {}
        Atomics.add(stats, "entries", 1);
        Atomics.sub(stats, "inside", 1);
        sem.release();
    }
    return over;
}
var threads = [];
for (var i = 0; i < THREADS; i++) threads.push(new Thread(worker));
threads.forEach(function (t, i) { assert.equal(t.join(), 0, "thread " + i + " saw more than " + PERMITS + " inside"); });
assert(stats.max >= 1 && stats.max <= PERMITS, "max inside " + stats.max);
assert.equal(stats.entries, THREADS * ITER, "every acquisition completed");
assert.equal(stats.inside, 0);
assert.equal(sem.permits, PERMITS, "permits conserved");
