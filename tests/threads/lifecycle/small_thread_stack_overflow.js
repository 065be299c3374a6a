// flags: --thread-stack-size=256
// Deep recursion in a thread with a small --thread-stack-size throws RangeError in that thread
// (the stack is raised to the engine's minimum, 1 MiB, 4 MiB in sanitizer builds),
// and other threads and the main thread go on. Checks one outcome that holds in every interleaving.
function deep(n) { return n === 0 ? 0 : deep(n - 1) + 1; }
function callback(n) { return n === 0 ? 0 : [n].map((k) => callback(k - 1))[0] + 1; }
const threads = [deep, callback].map((f) => new Thread(() => {
    try {
        f(1e7);
        return "no error";
    } catch (e) {
        return e instanceof RangeError ? "RangeError" : String(e);
    }
}));
for (const t of threads) assert.equal(t.join(), "RangeError");
assert.equal(new Thread(() => deep(1000)).join(), 1000, "a modest recursion still works");
