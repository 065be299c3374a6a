// A thread always sees its own earlier writes: each thread writes keys and elements only it writes (exact read-back, also after other threads add and delete other keys of the same object and grow the same array), and on a property all threads write a read right after one's own write returns a value some thread wrote (synchronization correctness for single-writer locations; soundness for the shared one, THREADS-API §7).
var obj = {};
var arr = [];
var THREADS = 4, ITER = 800;
var contested = { v: -1 };
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        var mine = "own" + id;
        for (var i = 0; i < ITER; i++) {
            obj[mine] = i;
            obj["tmp" + id + "_" + (i % 20)] = i;                 // shape churn by this thread
            if (i % 3 === 0) delete obj["tmp" + id + "_" + ((i + 10) % 20)];
            if (obj[mine] !== i) throw new Error("own property write not visible: " + obj[mine] + " != " + i);
            arr[id + THREADS * (i % 50)] = i;                    // this thread's elements while the array grows
            if (arr[id + THREADS * (i % 50)] !== i) throw new Error("own element write not visible");
            contested.v = id * ITER + i;
            var seen = contested.v;
            if (!(Number.isInteger(seen) && seen >= 0 && seen < THREADS * ITER)) throw new Error("contested read fabricated: " + seen);
            var local = { n: i };
            local.n++;
            if (local.n !== i + 1) throw new Error("unshared object write");
        }
        return obj[mine];
    }, t));
}
workers.forEach(function (w) { assert.equal(w.join(), ITER - 1); });
for (var t = 0; t < THREADS; t++) {
    assert.equal(obj["own" + t], ITER - 1, "own" + t + " after join");
    for (var j = 0; j < 50; j++) {
        var lastI = ITER - 1 - ((ITER - 1 - j) % 50);            // the last i with i % 50 === j
        assert.equal(arr[t + THREADS * j], lastI, "element of thread " + t + " slot " + j);
    }
}
