// Checks dining philosophers with one Lock per fork and resource-ordered acquisition (lower fork first): 5 philosophers x 300 meals finish (no deadlock), a fork is never used by two at once, neighbours never eat together; synchronization correctness, holds in every interleaving.
var N = 5, MEALS = 300;
var forks = [], inUse = { count: 0 };
for (var i = 0; i < N; i++) { forks.push(new Lock()); inUse[i] = 0; }
var eating = {};
for (var i = 0; i < N; i++) eating[i] = 0;
function philosopher(id) {
    var left = id, right = (id + 1) % N;
    var first = Math.min(left, right), second = Math.max(left, right);
    var bad = 0, meals = 0;
    for (var m = 0; m < MEALS; m++) {
        forks[first].hold(function () {
            forks[second].hold(function () {
                if (Atomics.add(inUse, left, 1) !== 0) bad++;
                if (Atomics.add(inUse, right, 1) !== 0) bad++;
                Atomics.store(eating, id, 1);
                if (Atomics.load(eating, (id + N - 1) % N) === 1 || Atomics.load(eating, (id + 1) % N) === 1) bad++;
                meals++;
                Atomics.store(eating, id, 0);
                Atomics.sub(inUse, left, 1);
                Atomics.sub(inUse, right, 1);
            });
        });
    }
    return { bad: bad, meals: meals };
}
var threads = [];
for (var i = 0; i < N; i++) threads.push(new Thread(philosopher, i));
var total = 0;
threads.forEach(function (t, i) {
    var r = t.join();
    assert.equal(r.bad, 0, "philosopher " + i + " shared a fork or ate with a neighbour");
    total += r.meals;
});
assert.equal(total, N * MEALS, "all meals eaten");
for (var i = 0; i < N; i++) {
    assert.equal(inUse[i], 0);
    assert.equal(forks[i].locked, false, "fork " + i + " free at the end");
}
