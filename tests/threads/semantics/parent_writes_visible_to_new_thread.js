// Everything the parent did before `new Thread` is visible to the thread's first step, with no other synchronization: plain properties, new objects, array elements, closure variables, deletes, prototype changes and typed-array contents (synchronization correctness, THREADS-API §7 start order).
var THREADS = 4, ROUNDS = 25;
for (var round = 0; round < ROUNDS; round++) {
    var obj = { a: round };
    for (var k = 0; k < 50; k++) obj["k" + k] = round * 100 + k;
    delete obj.k7;
    var arr = [];
    for (var k = 0; k < 200; k++) arr.push({ v: round + k });
    var captured = "r" + round;
    var proto = { inherited: round };
    var child = Object.create({});
    Object.setPrototypeOf(child, proto);
    var ta = new Int32Array(64);
    for (var k = 0; k < 64; k++) ta[k] = round * k;
    var m = new Map([["x", round]]);
    var workers = [];
    for (var t = 0; t < THREADS; t++) {
        // written after the previous threads started but before this one: also visible to it
        obj["late" + t] = t;
        workers.push(new Thread(function (t) {
            // the very first reads, no synchronization
            var bad = [];
            if (obj.a !== round) bad.push("a");
            for (var k = 0; k < 50; k++) if (k !== 7 && obj["k" + k] !== round * 100 + k) bad.push("k" + k);
            if ("k7" in obj) bad.push("deleted k7 visible");
            for (var i = 0; i <= t; i++) if (obj["late" + i] !== i) bad.push("late" + i);
            if (arr.length !== 200) bad.push("arr.length");
            for (var k = 0; k < 200; k++) if (arr[k].v !== round + k) bad.push("arr" + k);
            if (captured !== "r" + round) bad.push("captured");
            if (child.inherited !== round) bad.push("prototype");
            for (var k = 0; k < 64; k++) if (ta[k] !== round * k) bad.push("ta" + k);
            if (m.get("x") !== round) bad.push("map");
            return bad.join(",");
        }, t));
    }
    workers.forEach(function (w, t) { assert.equal(w.join(), "", "round " + round + " thread " + t + " missed parent writes"); });
}
