// The per-thread event loop: microtasks, timers, and tasks that other threads post to this
// thread (settling asyncJoin, asyncHold, Condition.asyncWait and Atomics.waitAsync promises).
//
// Every thread (the main thread and each spawned Thread) runs its own loop after its script or
// thread function returns, until no work remains: no microtask, no timer, and no posted task
// still expected.
//
// Thread-safety: expect_posted_task and run_event_loop are for the owner thread only;
// post_task may be called from any thread (the inbox is guarded by its own mutex, a leaf lock
// never held across an allocation, a safepoint or JavaScript).
#pragma once

#include "vm/throw_or.h"
#include "vm/value.h"

namespace weft {

class Vm;
struct ThreadState;

// A task posted to a thread's loop. `run` executes on the target thread in a later turn; the
// three values are GC roots while the task is queued.
struct PostedTask {
    ThrowOr<void> (*run)(Vm&, PostedTask const&) = nullptr;
    Value a;
    Value b;
    Value c;
    u64 number = 0;
    void* data = nullptr; // owned by `run` (e.g. the parking-lot waiter that posted the task)
};

// Owner thread: an asynchronous operation was registered that will post exactly one task to
// this thread later; the loop keeps running until it has arrived and run.
void expect_posted_task(Vm&);
// Owner thread: an expected task will not come after all (the registration was cancelled).
void cancel_expected_task(Vm&);
// Any thread: queues `task` on `target`'s loop and wakes it. `target` must have an expectation
// outstanding (so it is alive and its loop has not ended).
void post_task(ThreadState& target, PostedTask const& task);

// Milliseconds since the process started, from a monotonic clock (timers, performance.now()).
double monotonic_ms();

// Runs microtasks, posted tasks and due timers until no work remains. Returns the exception of
// a callback that threw (uncaught) as a throw.
ThrowOr<void> run_event_loop(Vm&);

} // namespace weft
