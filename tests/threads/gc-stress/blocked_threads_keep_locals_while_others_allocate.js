// Threads blocked in join, a contended Lock.hold, Condition.wait and Atomics.wait hold freshly built structures only in their locals while other threads allocate heavily and force collections; after they wake every structure is intact (synchronization correctness; checks blocked threads release the heap without losing their roots and do not hold up GC).
var SIZE = { nodes: 2000, rounds: 40, junk: 1500, gcEvery: 8 };
load("fixtures/blocked_threads_keep_locals_body.js");
