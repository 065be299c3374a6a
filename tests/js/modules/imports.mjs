// Static imports of every form, live bindings, namespaces, re-exports and JSON modules.
import named, { count, increment, plain, constant, Point, renamed } from "./fixtures/counter.mjs";
import * as counter from "./fixtures/counter.mjs";
import answer, { counterNamespace, counterDefault, three, importedThenExported, count as reexportedCount } from "./fixtures/reexports.mjs";
import data from "./fixtures/data.json" with { type: "json" };

assert.equal(count, 0);
increment();
increment();
assert.equal(count, 2, "imports are live bindings");
assert.equal(renamed, 2);
assert.equal(counter.count, 2);
assert.equal(reexportedCount, 2, "export * re-exports live bindings");
assert.equal(plain, "var");
assert.equal(constant, 3);
assert.equal(new Point(5).x, 5);
assert.equal(named(), "default function");
assert.equal(named.name, "named");
assert.equal(answer, 42);
assert.equal(counterNamespace, counter, "one namespace object per module");
assert.equal(counterDefault, named);
assert.equal(three, 3);
assert.equal(importedThenExported, "var");
assert.throws(TypeError, () => { count = 1; }, "import bindings are immutable");

// The namespace object.
assert.equal(Object.getPrototypeOf(counter), null);
assert.equal(counter[Symbol.toStringTag], "Module");
assert.deepEqual(Object.keys(counter), ["Point", "constant", "count", "default", "increment", "plain", "renamed"]);
assert.equal(Object.isExtensible(counter), false);
assert.equal(counter.default, named);

// JSON modules.
assert.deepEqual(data, { name: "weft", list: [1, 2, 3] });
