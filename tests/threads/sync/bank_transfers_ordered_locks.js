// Checks mutual exclusion over many Locks: 4 threads make 3000 random transfers between 8 accounts, each taking the two account locks in index order; auditors holding all locks always see the constant total, no deadlock; synchronization correctness, holds in every interleaving.
var ACCOUNTS = 8, THREADS = 4, TRANSFERS = 3000, INITIAL = 1000;
var locks = [], balance = [];
for (var i = 0; i < ACCOUNTS; i++) { locks.push(new Lock()); balance.push(INITIAL); }
function holdAll(i, fn) { return i === ACCOUNTS ? fn() : locks[i].hold(function () { return holdAll(i + 1, fn); }); }
function total() { var s = 0; for (var i = 0; i < ACCOUNTS; i++) s += balance[i]; return s; }
function worker(seed) {
    var x = seed, bad = 0;
    function rnd(n) { x = (x * 1103515245 + 12345) % 2147483648; return x % n; }
    for (var k = 0; k < TRANSFERS; k++) {
        var a = rnd(ACCOUNTS), b = rnd(ACCOUNTS);
        if (a === b) continue;
        var lo = Math.min(a, b), hi = Math.max(a, b), amount = rnd(50);
        locks[lo].hold(function () {
            locks[hi].hold(function () {
                var from = balance[a], to = balance[b];
                balance[a] = from - amount;
                balance[b] = to + amount;
            });
        });
        if (k % 500 === 0 && holdAll(0, total) !== ACCOUNTS * INITIAL) bad++;
    }
    return bad;
}
var threads = [];
for (var t = 0; t < THREADS; t++) threads.push(new Thread(worker, t * 7919 + 1));
var auditBad = 0;
for (var i = 0; i < 20; i++) if (holdAll(0, total) !== ACCOUNTS * INITIAL) auditBad++;
threads.forEach(function (t, i) { assert.equal(t.join(), 0, "auditor in thread " + i + " saw a wrong total"); });
assert.equal(auditBad, 0, "main auditor saw a wrong total");
assert.equal(total(), ACCOUNTS * INITIAL, "money conserved");
