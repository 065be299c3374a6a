// A getter/setter pair on a shared object is called from several threads; the setter updates state under a Lock so no update is lost, and the getter always sees `this` and a consistent pair (synchronization correctness).
var lock = new Lock();
var state = { count: 0, sum: 0, lastWriter: -1 };
var obj = {
    get total() { return lock.hold(function () { return { count: state.count, sum: state.sum }; }); },
    set add(v) {
        var self = this;
        lock.hold(function () {
            assert.equal(self, obj, "setter receives the object as this");
            state.count++;
            state.sum += v;
        });
    },
    get me() { return this; }
};
// An accessor on the prototype chain, reached through instances made on threads.
var proto = {
    get doubled() { return this.v * 2; },
    set doubled(x) { this.v = x / 2; }
};
var THREADS = 4, PER = 500;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var mine = Object.create(proto);
        for (var i = 1; i <= PER; i++) {
            obj.add = i;
            if (i % 50 === 0) {
                var snapshot = obj.total;
                assert(snapshot.count >= 1 && snapshot.count <= THREADS * PER, "count in range");
                assert(snapshot.sum >= snapshot.count, "sum >= count since every value is >= 1");
                assert.equal(obj.me, obj, "getter this");
            }
            mine.doubled = i * 2;
            assert.equal(mine.v, i, "setter on prototype writes own property of receiver");
            assert.equal(mine.doubled, i * 2, "getter on prototype reads receiver");
        }
        assert(!Object.prototype.hasOwnProperty.call(proto, "v"), "proto untouched by receiver writes");
        return mine;
    }, t));
}
var mines = workers.map(function (w) { return w.join(); });
var total = obj.total;
assert.equal(total.count, THREADS * PER, "every setter call counted");
assert.equal(total.sum, THREADS * PER * (PER + 1) / 2, "every value summed");
mines.forEach(function (m) {
    assert.equal(Object.getPrototypeOf(m), proto);
    assert.equal(m.v, PER);
    assert.equal(m.doubled, PER * 2);
});
var d = Object.getOwnPropertyDescriptor(obj, "total");
assert.equal(typeof d.get, "function");
assert.equal(d.set, undefined);
