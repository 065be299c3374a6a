// cond.asyncWait(lock) inside lock.hold(fn) releases the lock at once; when fn returns, hold must
// not release it a second time (another thread may hold it by then). Checks synchronization
// correctness: mutual exclusion of the other threads' critical sections holds in every interleaving.
const lock = new Lock();
const cond = new Condition();
const state = { inside: 0, overlaps: 0, entered: 0 };
const ROUNDS = 300;
function critical() {
    if (Atomics.add(state, "inside", 1) !== 0) Atomics.add(state, "overlaps", 1);
    for (let i = 0; i < 50; i++) {}
    Atomics.sub(state, "inside", 1);
    Atomics.add(state, "entered", 1);
}
const workers = [0, 1].map(() => new Thread(() => {
    for (let i = 0; i < ROUNDS; i++) lock.hold(critical);
}));
const pending = [];
for (let i = 0; i < ROUNDS; i++) {
    lock.hold(() => {
        // Gives the lock up now; the promise resolves (with a release function) after a notify.
        pending.push(cond.asyncWait(lock));
        for (let k = 0; k < 50; k++) {}
    });
}
workers.forEach((w) => w.join());
assert.equal(state.overlaps, 0, "no two critical sections overlapped");
assert.equal(state.entered, 2 * ROUNDS);
assert.equal(lock.locked, false, "nothing is left holding the lock");
// Every async waiter is woken and re-acquires the lock in turn.
assert.async(async () => {
    while (pending.length) {
        assert.equal(cond.notify(), 1);
        const release = await pending.shift();
        assert.equal(lock.locked, true);
        release();
    }
    assert.equal(lock.locked, false);
});
