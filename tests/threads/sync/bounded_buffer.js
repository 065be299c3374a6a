// Checks a bounded ring buffer (capacity 4) built from Lock and two Conditions: producers block when full, consumers when empty; size never exceeds capacity or goes negative, nothing is lost or duplicated, the sum matches; synchronization correctness, holds in every interleaving.
var CAP = 4, PRODUCERS = 3, CONSUMERS = 2, ITEMS = 1000;
var lock = new Lock(), notFull = new Condition(), notEmpty = new Condition();
var buf = { slots: new Array(CAP).fill(null), head: 0, tail: 0, size: 0, maxSize: 0, violations: 0 };
function put(v) {
    lock.hold(function () {
        while (buf.size === CAP) notFull.wait(lock);
        buf.slots[buf.tail] = v;
        buf.tail = (buf.tail + 1) % CAP;
        buf.size++;
        if (buf.size > buf.maxSize) buf.maxSize = buf.size;
        if (buf.size > CAP) buf.violations++;
        notEmpty.notify();
    });
}
function take() {
    return lock.hold(function () {
        while (buf.size === 0) notEmpty.wait(lock);
        var v = buf.slots[buf.head];
        buf.slots[buf.head] = null;
        buf.head = (buf.head + 1) % CAP;
        buf.size--;
        if (buf.size < 0 || v === null) buf.violations++;
        notFull.notify();
        return v;
    });
}
var total = PRODUCERS * ITEMS;
// Each consumer takes a fixed share, so they know when to stop.
var shares = [Math.floor(total / 2), total - Math.floor(total / 2)];
var consumers = shares.map(function (n) {
    return new Thread(function (n) {
        var sum = 0, counts = {};
        for (var i = 0; i < n; i++) { var v = take(); sum += v.value; counts[v.key] = (counts[v.key] || 0) + 1; }
        return { sum: sum, counts: counts };
    }, n);
});
var producers = [];
for (var p = 0; p < PRODUCERS; p++) {
    producers.push(new Thread(function (p) {
        for (var i = 0; i < ITEMS; i++) put({ key: p + ":" + i, value: p * ITEMS + i });
    }, p));
}
producers.forEach(function (t) { t.join(); });
var sum = 0, keys = {};
consumers.forEach(function (t) {
    var r = t.join();
    sum += r.sum;
    for (var k in r.counts) keys[k] = (keys[k] || 0) + r.counts[k];
});
assert.equal(buf.violations, 0, "no overflow, underflow or empty slot taken");
assert(buf.maxSize <= CAP, "size stayed within capacity, max " + buf.maxSize);
assert.equal(buf.size, 0);
assert.equal(sum, total * (total - 1) / 2, "sum of all values");
assert.equal(Object.keys(keys).length, total, "every item taken");
for (var k in keys) if (keys[k] !== 1) assert.equal(keys[k], 1, "item " + k + " taken once");
