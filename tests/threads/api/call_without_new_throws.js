// Checks that calling Thread without new throws TypeError (plain call, call/apply, Reflect.apply) and that it does not start fn; checked after joining a later thread, so it holds in every interleaving.
var state = { ran: 0 };
function body() { Atomics.add(state, "ran", 1); return "ran"; }

assert.throws(TypeError, function () { Thread(body); }, "Thread(fn)");
assert.throws(TypeError, function () { Thread.call(undefined, body); }, "Thread.call");
assert.throws(TypeError, function () { Thread.apply(null, [body]); }, "Thread.apply");
assert.throws(TypeError, function () { Reflect.apply(Thread, undefined, [body]); }, "Reflect.apply");
assert.throws(TypeError, function () { Thread(); }, "Thread() with no argument");
assert.throws(TypeError, function () { Thread(42); }, "Thread(non-callable)");

// Reflect.construct is a construction and works.
var t = Reflect.construct(Thread, [function () { return 7; }]);
assert(t instanceof Thread);
assert.equal(t.join(), 7);

// None of the failed calls may have started body, so the only increment is the one from the
// thread joined below (join orders it before the read).
var last = new Thread(body);
assert.equal(last.join(), "ran");
assert.equal(Atomics.load(state, "ran"), 1, "only the constructed thread ran body");
