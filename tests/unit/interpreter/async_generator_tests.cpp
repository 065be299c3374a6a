// Async generators shared by threads: requests made on several threads at once (while another
// thread runs the body, or as it suspends) are each settled exactly once and in queue order.
#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "interpreter/engine.h"
#include "interpreter/operations.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

using namespace weft;

namespace {

bool run_script(Vm& vm, std::string const& source)
{
    auto result = evaluate_script(vm, source, "test.js");
    if (result.is_throw()) {
        ADD_FAILURE() << "script threw: " << error_summary(vm, vm.take_exception());
        return false;
    }
    if (run_microtasks(vm).is_throw()) {
        ADD_FAILURE() << "a job threw: " << error_summary(vm, vm.take_exception());
        return false;
    }
    return true;
}

} // namespace

TEST(AsyncGenerator, RequestsFromFourThreadsSettleOnce)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    // Every `yield` awaits its operand, so the body keeps suspending on whichever thread runs it
    // while the other threads enqueue requests.
    ASSERT_TRUE(run_script(vm, R"(
        async function* numbers() { let i = 0; for (;;) yield i++; }
        var shared = numbers();
    )"));
    constexpr int kThreads = 4;
    constexpr int kRequests = 2000;
    std::vector<std::thread> threads;
    {
        SafeRegion away(vm.mutator());
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&runtime, t] {
                Vm thread_vm(runtime);
                attach_engine_thread(thread_vm);
                std::string name = "requests" + std::to_string(t);
                run_script(thread_vm, "var " + name + " = []; for (let k = 0; k < " + std::to_string(kRequests) + "; k++) " + name + ".push(shared.next());");
                detach_engine_thread(thread_vm);
            });
        }
        for (auto& thread : threads)
            thread.join();
    }
    // Each thread drained its own jobs: every request must be settled by now, with distinct values.
    ASSERT_TRUE(run_script(vm, R"(
        var all = [].concat(requests0, requests1, requests2, requests3);
        var settled = 0, values = new Set(), done = 0;
        for (const p of all) p.then(r => { settled++; values.add(r.value); if (r.done) done++; });
    )"));
    Value settled = MUST(Get(vm, vm.realm()->global_object, MUST(key_for(vm, "settled"))));
    Value done = MUST(Get(vm, vm.realm()->global_object, MUST(key_for(vm, "done"))));
    EXPECT_EQ(settled.as_number(), kThreads * kRequests);
    EXPECT_EQ(done.as_number(), 0);
    Value distinct = MUST(evaluate_script(vm, "values.size", "test.js"));
    EXPECT_EQ(distinct.as_number(), kThreads * kRequests);
    // The generator is usable afterwards and continues the sequence.
    ASSERT_TRUE(run_script(vm, "var last; shared.next().then(r => { last = r.value; });"));
    Value last = MUST(Get(vm, vm.realm()->global_object, MUST(key_for(vm, "last"))));
    EXPECT_EQ(last.as_number(), kThreads * kRequests);
    detach_engine_thread(vm);
}
