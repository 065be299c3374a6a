// Checks a reusable barrier built from Lock+Condition (generation counter): 5 threads x 200 rounds, nobody leaves a round before everyone has written its slot for that round; synchronization correctness, holds in every interleaving.
function Barrier(n) {
    this.n = n; this.count = 0; this.generation = 0;
    this.lock = new Lock(); this.cond = new Condition();
}
Barrier.prototype.arrive = function () {
    var self = this;
    self.lock.hold(function () {
        var gen = self.generation;
        self.count++;
        if (self.count === self.n) {
            self.count = 0;
            self.generation++;
            self.cond.notifyAll();
        } else {
            while (self.generation === gen) self.cond.wait(self.lock);
        }
    });
};
var N = 5, ROUNDS = 200;
var barrier = new Barrier(N);
var slots = [];
for (var r = 0; r < ROUNDS; r++) slots.push(new Array(N).fill(-1));
function worker(id) {
    var problems = 0;
    for (var r = 0; r < ROUNDS; r++) {
        slots[r][id] = r;
        barrier.arrive();
        // Every thread's write for round r happened before its arrive, which happened before
        // the last arrival's release; so all slots of round r are visible now.
        for (var k = 0; k < N; k++) if (slots[r][k] !== r) problems++;
        // Nobody can be two rounds ahead: round r + 2 must be untouched still.
        if (r + 2 < ROUNDS) for (var k = 0; k < N; k++) if (slots[r + 2][k] !== -1) problems++;
    }
    return problems;
}
var threads = [];
for (var i = 0; i < N; i++) threads.push(new Thread(worker, i));
for (var i = 0; i < N; i++) assert.equal(threads[i].join(), 0, "thread " + i + " saw a round incomplete");
assert.equal(barrier.generation, ROUNDS, "one generation per round");
assert.equal(barrier.count, 0);
