// Top-level await, dynamic import() and import.meta.
import { ready } from "./fixtures/tla.mjs";
import { meta } from "./fixtures/evaluated_once.mjs";

assert.equal(ready, true, "a dependency's top-level await finished before this module ran");
assert.equal(typeof import.meta, "object");
assert.equal(import.meta, import.meta, "one import.meta object per module");
assert(import.meta.url.startsWith("file:///"), "import.meta.url is a file URL");
assert(import.meta.url.endsWith("/tests/js/modules/async.mjs"));
assert(meta.url.endsWith("/fixtures/evaluated_once.mjs"));

const value = await Promise.resolve("awaited");
assert.equal(value, "awaited");

const ns = await import("./fixtures/evaluated_once.mjs");
assert.equal(ns.meta, meta);
assert.equal(globalThis.evaluationCount, 1, "a module is evaluated once");
const again = await import("./fixtures/../fixtures/evaluated_once.mjs");
assert.equal(again, ns, "one module record per resolved path");

const json = await import("./fixtures/data.json", { with: { type: "json" } });
assert.equal(json.default.name, "weft");

let missing;
try { await import("./fixtures/no_such_file.mjs"); } catch (e) { missing = e; }
assert(missing instanceof Error, "importing a missing file rejects");

let linkError;
try { await import("./fixtures/missing_export.mjs"); } catch (e) { linkError = e; }
assert(linkError instanceof SyntaxError, "a missing export is a SyntaxError");

let thrown;
try { await import("./fixtures/throws.mjs"); } catch (e) { thrown = e; }
assert(thrown instanceof RangeError, "an evaluation error rejects import()");
let thrownAgain;
try { await import("./fixtures/throws.mjs"); } catch (e) { thrownAgain = e; }
assert.equal(thrownAgain, thrown, "the same error again");
