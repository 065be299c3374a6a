// flags: --gc-stress
// Under --gc-stress, threads blocked in join, a contended Lock.hold, Condition.wait and Atomics.wait hold small structures only in their locals while other threads allocate (a collection at every block refill); after they wake every structure is intact (synchronization correctness; checks the register snapshot of a thread that left the heap is scanned).
var SIZE = { nodes: 80, rounds: 4, junk: 80, gcEvery: 3 };
load("fixtures/blocked_threads_keep_locals_body.js");
