// Message passing through plain properties guarded by a Lock and a Condition: a producer fills a message object with plain writes and enqueues it inside the lock; consumers that dequeue it inside the lock see every field complete (synchronization correctness: a lock release happens-before the next acquire, THREADS-API §7).
var lock = new Lock();
var nonEmpty = new Condition();
var queue = { head: 0, tail: 0, items: {}, done: false };
var PRODUCERS = 2, CONSUMERS = 2, PER = 400, FIELDS = 12;
var producers = [];
for (var p = 0; p < PRODUCERS; p++) {
    producers.push(new Thread(function (id) {
        for (var i = 0; i < PER; i++) {
            var msg = { from: id, seq: i };
            for (var f = 0; f < FIELDS; f++) msg["f" + f] = id * 100000 + i * 100 + f;   // plain writes, outside the lock
            msg.list = [i, i + 1, i + 2];
            lock.hold(function () { queue.items[queue.tail++] = msg; });
            nonEmpty.notify();
        }
    }, p));
}
var consumers = [];
for (var c = 0; c < CONSUMERS; c++) {
    consumers.push(new Thread(function () {
        var got = [];
        for (;;) {
            var msg = lock.hold(function () {
                while (queue.head === queue.tail && !queue.done) nonEmpty.wait(lock);
                if (queue.head === queue.tail) return null;
                var m = queue.items[queue.head];
                delete queue.items[queue.head++];
                return m;
            });
            if (msg === null) return got;
            // read outside the lock: the producer's plain writes happened before its release
            for (var f = 0; f < FIELDS; f++)
                if (msg["f" + f] !== msg.from * 100000 + msg.seq * 100 + f) throw new Error("incomplete message field f" + f);
            if (msg.list.length !== 3 || msg.list[2] !== msg.seq + 2) throw new Error("incomplete message list");
            got.push(msg.from * PER + msg.seq);
        }
    }));
}
producers.forEach(function (w) { w.join(); });
lock.hold(function () { queue.done = true; });
nonEmpty.notifyAll();
var all = [];
consumers.forEach(function (w) { all = all.concat(w.join()); });
assert.equal(all.length, PRODUCERS * PER, "every message consumed once");
all.sort(function (a, b) { return a - b; });
for (var i = 0; i < all.length; i++) assert.equal(all[i], i, "message " + i);
assert.equal(Object.keys(queue.items).length, 0);

// A plain counter and a plain array updated only inside the lock lose nothing.
var state = { n: 0, log: [] };
var incs = [];
for (var t = 0; t < 4; t++) incs.push(new Thread(function () { for (var i = 0; i < 500; i++) lock.hold(function () { state.n = state.n + 1; state.log[state.log.length] = state.n; }); }));
incs.forEach(function (w) { w.join(); });
assert.equal(state.n, 2000);
assert.equal(state.log.length, 2000);
for (var i = 0; i < 2000; i++) assert.equal(state.log[i], i + 1, "critical sections are serialized");
