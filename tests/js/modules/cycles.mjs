// Cyclic imports: the module that starts the cycle is evaluated after its dependency.
import { fromA, seenByB, bValue } from "./fixtures/cycle_a.mjs";
import { earlyRead, readA, callsHoisted } from "./fixtures/cycle_b.mjs";

assert.equal(earlyRead, "ReferenceError", "a binding read before its module ran is in its TDZ");
assert.equal(seenByB, "a");
assert.equal(bValue, "b");
assert.equal(fromA, "a");
assert.equal(readA(), "a");
assert.equal(callsHoisted, "hoisted", "a function declaration of a module that has not run yet can be called");
