// Checks Atomics.exchange on object properties (stores v, returns the old value by identity) and, with 4 threads exchanging tokens into one slot, that every stored token is returned exactly once or is the final value; synchronization correctness, holds in every interleaving.
var a = { x: 1 }, b = { y: 2 };
var o = { slot: a };
assert.equal(Atomics.exchange(o, "slot", b), a, "returns the old object");
assert.equal(o.slot, b);
assert.equal(Atomics.exchange(o, "slot", NaN), b);
assert.equal(Atomics.exchange(o, "slot", -0), NaN, "returns NaN");
assert.equal(Atomics.exchange(o, "slot", "s"), -0, "returns -0");
assert.equal(Atomics.exchange(o, "slot", undefined), "s");
assert.equal(Atomics.load(o, "slot"), undefined);
assert(Object.prototype.hasOwnProperty.call(o, "slot"), "the property stays");

// Concurrent exchange: a linearizable swap loses nothing and duplicates nothing.
var THREADS = 4, PER = 2500;
var shared = { slot: "initial" };
var threads = [];
for (var t = 0; t < THREADS; t++) {
    threads.push(new Thread(function (t) {
        var got = [];
        for (var i = 0; i < PER; i++) got.push(Atomics.exchange(shared, "slot", t * PER + i));
        return got;
    }, t));
}
var all = [];
threads.forEach(function (th) { all = all.concat(th.join()); });
all.push(Atomics.load(shared, "slot")); // the final value, read after every exchange is done
assert.equal(all.length, THREADS * PER + 1);
var initialCount = 0, seen = new Array(THREADS * PER).fill(0);
for (var i = 0; i < all.length; i++) {
    if (all[i] === "initial") initialCount++;
    else seen[all[i]]++;
}
assert.equal(initialCount, 1, "the initial value was returned to exactly one thread");
for (var v = 0; v < seen.length; v++) if (seen[v] !== 1) assert.equal(seen[v], 1, "token " + v + " seen once");
