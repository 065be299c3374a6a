// Instances of a class with private fields and private methods are shared across threads: private state updated under the instance's Lock loses no increment, brand checks (#x in o) and private access on foreign objects behave as ECMA-262 says on every thread (synchronization correctness).
class Counter {
    #count = 0;
    #log = [];
    #lock = new Lock();
    static #created = 0;
    static #createdLock = new Lock();
    constructor() { Counter.#createdLock.hold(() => { Counter.#created++; }); }
    #bump(by) { this.#count += by; this.#log.push(by); }
    add(by) { this.#lock.hold(() => this.#bump(by)); }
    get count() { return this.#lock.hold(() => this.#count); }
    get logLength() { return this.#lock.hold(() => this.#log.length); }
    static isCounter(o) { return #count in o; }
    static peek(o) { return o.#count; }
    static get created() { return Counter.#createdLock.hold(() => Counter.#created); }
}
var shared = new Counter();
var THREADS = 4, PER = 300;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var own = new Counter();
        for (var i = 0; i < PER; i++) {
            shared.add(1);
            own.add(2);
        }
        assert(Counter.isCounter(shared), "brand check on a shared instance");
        assert(!Counter.isCounter({}), "brand check on a plain object");
        assert.throws(TypeError, function () { Counter.peek({}); }, "private read of a foreign object");
        assert.throws(TypeError, function () { Counter.prototype.add.call({}, 1); }, "private method on a foreign object");
        assert.equal(own.count, 2 * PER, "thread-local instance");
        return own;
    }, t));
}
var owns = workers.map(function (w) { return w.join(); });
assert.equal(shared.count, THREADS * PER, "no lost increment of a private field");
assert.equal(shared.logLength, THREADS * PER, "no lost push into a private array");
assert.equal(Counter.peek(shared), THREADS * PER);
owns.forEach(function (o) {
    assert(o instanceof Counter);
    assert(Counter.isCounter(o), "instances made on threads carry the brand");
    assert.equal(Counter.peek(o), 2 * PER);
});
assert.equal(Counter.created, THREADS + 1, "static private field counted every construction");
assert.equal(Object.keys(shared).length, 0, "private fields are not properties");
assert.equal(JSON.stringify(shared), "{}");
