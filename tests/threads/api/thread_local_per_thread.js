// Checks ThreadLocal: value is a prototype getter/setter, each thread's slot starts undefined, and writes on one thread are invisible to all others (several instances, several threads); synchronization via a barrier of Atomics, holds in every interleaving.
var desc = Object.getOwnPropertyDescriptor(ThreadLocal.prototype, "value");
assert(desc && typeof desc.get === "function" && typeof desc.set === "function", "value is an accessor on the prototype");
var tl = new ThreadLocal(), other = new ThreadLocal(), kept = new ThreadLocal();
assert(!Object.prototype.hasOwnProperty.call(tl, "value"), "no own value property");
assert.equal(tl.value, undefined, "main slot starts undefined");
var mainValue = { owner: "main" };
tl.value = mainValue;
other.value = "main-other";

var N = 6;
var sync = { arrived: 0 };
function barrier() {
    // Everyone has written its own slot before anyone reads again.
    Atomics.add(sync, "arrived", 1);
    Atomics.notify(sync, "arrived");
    var n;
    while ((n = Atomics.load(sync, "arrived")) < N) Atomics.wait(sync, "arrived", n);
}
var threads = [];
for (var i = 0; i < N; i++) {
    threads.push(new Thread(function (i) {
        var problems = [];
        if (tl.value !== undefined) problems.push("tl not initially undefined: " + tl.value);
        if (other.value !== undefined) problems.push("other not initially undefined");
        var mine = { owner: i };
        tl.value = mine;
        other.value = i * 10;
        barrier(); // all threads have now written
        for (var k = 0; k < 1000; k++) {
            if (tl.value !== mine) { problems.push("tl changed at " + k); break; }
            if (other.value !== i * 10) { problems.push("other changed at " + k); break; }
        }
        // The slot alone keeps its value alive across a collection.
        kept.value = { list: new Array(64).fill(i) };
        gc();
        var v = kept.value;
        if (!v || v.list.length !== 64 || v.list[63] !== i) problems.push("kept value lost after gc");
        var inner = new Thread(function () { return [tl.value, other.value]; }).join();
        if (inner[0] !== undefined || inner[1] !== undefined) problems.push("a child thread saw the parent's slot");
        tl.value = undefined;
        if (tl.value !== undefined) problems.push("overwrite with undefined");
        return problems;
    }, i));
}
for (var i = 0; i < N; i++) assert.deepEqual(threads[i].join(), [], "thread " + i);
assert.equal(tl.value, mainValue, "main slot unaffected by the threads");
assert.equal(kept.value, undefined, "main never wrote kept");
assert.equal(other.value, "main-other", "main slot of the other instance unaffected");
// A fresh instance starts undefined everywhere, including on the main thread.
var fresh = new ThreadLocal();
assert.equal(fresh.value, undefined);
assert.equal(new Thread(function () { return fresh.value; }).join(), undefined);
