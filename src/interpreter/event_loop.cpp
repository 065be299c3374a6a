// The per-thread event loop (see event_loop.h): microtasks, then tasks posted by other threads,
// then due timers, until nothing is left to do or to wait for.
#include "interpreter/event_loop.h"

#include "builtins/promise.h"
#include "heap/heap.h"
#include "interpreter/operations.h"
#include "interpreter/thread_state.h"
#include "vm/vm.h"

#include <chrono>

namespace weft {

double monotonic_ms()
{
    static auto const start = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void expect_posted_task(Vm& vm) { ++vm.thread_state()->inbox.expected; }

void cancel_expected_task(Vm& vm)
{
    Inbox& inbox = vm.thread_state()->inbox;
    WEFT_ASSERT(inbox.expected > 0);
    --inbox.expected;
}

void post_task(ThreadState& target, PostedTask const& task)
{
    std::lock_guard lock(target.inbox.mutex);
    target.inbox.tasks.push_back(task);
    target.inbox.wake.notify_one();
}

// Runs the posted tasks that have arrived, in arrival order, each followed by a microtask
// checkpoint. Returns whether any ran.
static ThrowOr<bool> run_posted_tasks(Vm& vm)
{
    ThreadState& ts = *vm.thread_state();
    bool ran = false;
    for (;;) {
        PostedTask task;
        {
            std::lock_guard lock(ts.inbox.mutex);
            if (ts.inbox.tasks.empty())
                return ran;
            task = ts.inbox.tasks.front();
            ts.inbox.tasks.erase(ts.inbox.tasks.begin());
        }
        // `task` is on this frame, found by the conservative stack scan while it runs.
        WEFT_ASSERT(ts.inbox.expected > 0);
        --ts.inbox.expected;
        ran = true;
        TRY(task.run(vm, task));
        TRY(run_microtasks(vm));
    }
}

// Blocks outside the heap until a task is posted or `deadline_ms` (< 0: none) passes.
static void wait_for_posted_task(Vm& vm, double deadline_ms)
{
    ThreadState& ts = *vm.thread_state();
    SafeRegion away(vm.mutator());
    std::unique_lock lock(ts.inbox.mutex);
    if (deadline_ms < 0) {
        ts.inbox.wake.wait(lock, [&] { return !ts.inbox.tasks.empty(); });
        return;
    }
    double wait = deadline_ms - monotonic_ms();
    if (wait > 0 && ts.inbox.tasks.empty())
        ts.inbox.wake.wait_for(lock, std::chrono::duration<double, std::milli>(wait), [&] { return !ts.inbox.tasks.empty(); });
}

ThrowOr<void> run_event_loop(Vm& vm)
{
    ThreadState& ts = *vm.thread_state();
    for (;;) {
        TRY(run_microtasks(vm));
        if (TRY(run_posted_tasks(vm)))
            continue;
        if (ts.timers.empty()) {
            if (ts.inbox.expected == 0)
                return {};
            wait_for_posted_task(vm, -1);
            continue;
        }
        // The earliest due timer (ties in creation order).
        usize next = 0;
        for (usize i = 1; i < ts.timers.size(); ++i)
            if (ts.timers[i].due_ms < ts.timers[next].due_ms)
                next = i;
        if (ts.timers[next].due_ms > monotonic_ms()) {
            wait_for_posted_task(vm, ts.timers[next].due_ms);
            continue; // a posted task may have arrived first; re-examine
        }
        Timer timer = ts.timers[next];
        RootedValues keep(vm);
        keep.push(timer.callback);
        for (Value v : timer.arguments)
            keep.push(v);
        if (timer.interval_ms >= 0) {
            ts.timers[next].due_ms = monotonic_ms() + timer.interval_ms;
        } else {
            ts.timers.erase(ts.timers.begin() + static_cast<long>(next));
        }
        TRY(Call(vm, timer.callback, Value::undefined(), std::span<Value const>(timer.arguments)));
    }
}

} // namespace weft
