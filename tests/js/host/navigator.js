// The shell's navigator.hardwareConcurrency (as in browsers, Deno and Node 21+): a positive
// integer, the number of logical processors, read-only data on an ordinary object.
assert.equal(typeof navigator, "object");
const n = navigator.hardwareConcurrency;
assert(Number.isInteger(n) && n >= 1, "a positive integer: " + n);
