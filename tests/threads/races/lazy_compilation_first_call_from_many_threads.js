// Functions never called before (lazily compiled) are first called from several threads at the same moment, including nested closures, generators, arrows, class methods and default parameters; every call on every thread returns the right result (synchronization correctness: exactly one compiled body is published and every thread runs a complete one).
// Start gate: every thread waits until all have arrived, so that their work overlaps.
var gate = { arrived: 0 };
function arriveAndWait(n) {
    if (Atomics.add(gate, "arrived", 1) + 1 === n) { Atomics.notify(gate, "arrived"); return; }
    for (var v; (v = Atomics.load(gate, "arrived")) < n;) Atomics.wait(gate, "arrived", v);
}
var COUNT = 60;
// Source text for COUNT distinct functions; none is called before the threads start.
var src = "var fns = [];\n";
for (var i = 0; i < COUNT; i++) {
    src += "fns.push(function f" + i + "(x, y = " + i + ") {\n" +
        "  var acc = 0;\n" +
        "  for (var k = 0; k < 10; k++) acc += x + k * " + (i % 7) + ";\n" +
        "  function inner(z) { return z + y; }\n" +
        "  var arrow = (w) => w * " + (i + 1) + ";\n" +
        "  function* gen() { yield acc; yield inner(1); }\n" +
        "  var g = [...gen()];\n" +
        "  class C { m() { return arrow(2); } }\n" +
        "  return g[0] + g[1] + new C().m();\n" +
        "});\n";
}
eval(src);
function expected(i, x) {
    var acc = 10 * x + 45 * (i % 7);
    return acc + (1 + i) + 2 * (i + 1);
}
var THREADS = 4;
var workers = [];
for (var t = 0; t < THREADS; t++) {
    workers.push(new Thread(function (id) {
        arriveAndWait(THREADS);
        var out = [];
        // all threads start with the same function, then go their own way
        for (var j = 0; j < COUNT; j++) {
            var i = id % 2 ? COUNT - 1 - j : j;
            out[i] = fns[i](id + 1);
        }
        return out;
    }, t));
}
var results = workers.map(function (w) { return w.join(); });
for (var t = 0; t < THREADS; t++)
    for (var i = 0; i < COUNT; i++)
        assert.equal(results[t][i], expected(i, t + 1), "thread " + t + " f" + i);
// And once more from the main thread, now compiled.
for (var i = 0; i < COUNT; i++) assert.equal(fns[i](10), expected(i, 10));
// The same function object called from all threads at once via Function.prototype.call / apply.
var lazy = new Function("a", "b", "return a * b + this.k;");
var calls = [];
for (var t = 0; t < THREADS; t++) calls.push(new Thread(function (id) { return lazy.call({ k: id }, 6, 7) + lazy.apply({ k: 0 }, [1, 1]); }, t));
calls.forEach(function (w, t) { assert.equal(w.join(), 42 + t + 1); });
