// Checks that Thread.current inside fn is the very Thread object new Thread returned, that it is stable within a thread, and that the main thread's Thread.current is one Thread object with id 0; holds in every interleaving.
var main1 = Thread.current, main2 = Thread.current;
assert(main1 instanceof Thread, "main Thread.current is a Thread");
assert.equal(main1, main2, "main Thread.current is the same object every time");
assert.equal(main1.id, 0);

var t = new Thread(function () {
    var a = Thread.current;
    var s = 0;
    for (var i = 0; i < 1000; i++) s += i;
    var b = Thread.current;
    return { a: a, b: b, inner: (function () { return Thread.current; })() };
});
var r = t.join();
assert.equal(r.a, t, "Thread.current inside fn is the Thread object returned by new Thread");
assert.equal(r.b, t, "still the same object later in the thread");
assert.equal(r.inner, t, "same object from a nested function");
assert(r.a !== main1, "not the main thread's object");

// Inside asynchronous continuations of a thread (its own event loop), still the same object.
var asyncThread = new Thread(async function () {
    var before = Thread.current;
    await null;
    var afterMicrotask = Thread.current;
    await new Promise(function (resolve) { setTimeout(resolve, 0); });
    return [before, afterMicrotask, Thread.current];
});
var list = asyncThread.join();
assert(list instanceof Promise, "an async fn returns a promise, which join returns");
assert.async(async function () {
    var values = await list;
    for (var i = 0; i < 3; i++) assert.equal(values[i], asyncThread, "async step " + i);
    // Main thread: unchanged after everything.
    assert.equal(Thread.current, main1);
});

// Many threads: each sees itself, none sees another.
var many = [];
for (var i = 0; i < 6; i++) many.push(new Thread(function () { return Thread.current; }));
for (var i = 0; i < many.length; i++) assert.equal(many[i].join(), many[i], "thread " + i);
