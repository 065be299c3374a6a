// Checks a readers-writer lock built from Lock+Condition (writer preference): writers are exclusive against readers and writers, readers always see a consistent pair, no update is lost; synchronization correctness, holds in every interleaving.
function RWLock() {
    this.lock = new Lock(); this.cond = new Condition();
    this.readers = 0; this.writer = false; this.waitingWriters = 0;
}
RWLock.prototype.read = function (fn) {
    var self = this;
    self.lock.hold(function () {
        while (self.writer || self.waitingWriters > 0) self.cond.wait(self.lock);
        self.readers++;
    });
    try { return fn(); } finally {
        self.lock.hold(function () { if (--self.readers === 0) self.cond.notifyAll(); });
    }
};
RWLock.prototype.write = function (fn) {
    var self = this;
    self.lock.hold(function () {
        self.waitingWriters++;
        while (self.writer || self.readers > 0) self.cond.wait(self.lock);
        self.waitingWriters--;
        self.writer = true;
    });
    try { return fn(); } finally {
        self.lock.hold(function () { self.writer = false; self.cond.notifyAll(); });
    }
};
var rw = new RWLock();
var data = { a: 0, b: 0 };               // invariant: a === b outside a write
var presence = { readers: 0, writers: 0 }; // who is inside, updated atomically
var READERS = 4, WRITERS = 2, READS = 1500, WRITES = 600;
var threads = [];
for (var r = 0; r < READERS; r++) {
    threads.push(new Thread(function () {
        var bad = 0;
        for (var i = 0; i < READS; i++) {
            rw.read(function () {
                Atomics.add(presence, "readers", 1);
                if (Atomics.load(presence, "writers") !== 0) bad++;
                var a = data.a, b = data.b;
                if (a !== b) bad++;
                Atomics.sub(presence, "readers", 1);
            });
        }
        return bad;
    }));
}
for (var w = 0; w < WRITERS; w++) {
    threads.push(new Thread(function () {
        var bad = 0;
        for (var i = 0; i < WRITES; i++) {
            rw.write(function () {
                if (Atomics.add(presence, "writers", 1) !== 0) bad++;
                if (Atomics.load(presence, "readers") !== 0) bad++;
                data.a = data.a + 1;
                data.b = data.b + 1;
                Atomics.sub(presence, "writers", 1);
            });
        }
        return bad;
    }));
}
threads.forEach(function (t, i) { assert.equal(t.join(), 0, "thread " + i + " saw a violation"); });
assert.equal(data.a, WRITERS * WRITES, "no lost write");
assert.equal(data.b, WRITERS * WRITES);
assert.equal(rw.readers, 0);
assert.equal(rw.writer, false);
