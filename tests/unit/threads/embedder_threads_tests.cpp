// Thread runtime unit tests: embedder threads (C++ threads that attach to the runtime and run
// JavaScript in the shared heap), their lazily created Thread.current, and threads marked as
// ones that may not block (THREADS-API.md sections 1 and 6).
#include "builtins/builtins.h"
#include "interpreter/engine.h"
#include "interpreter/interpreter.h"
#include "interpreter/operations.h"
#include "interpreter/thread_state.h"
#include "threads/thread_runtime.h"
#include "vm/realm.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include "support/script_test_support.h"

#include <set>
#include <thread>
#include <vector>

using namespace weft;
using weft::test::run;
using weft::test::thrown;

namespace {

struct Engine {
    Runtime runtime;
    Vm vm { runtime };
    Engine()
    {
        EXPECT_TRUE(initialize_engine(vm));
        ThreadOptions options;
        options.mode = ThreadsMode::Parallel;
        EXPECT_FALSE(install_thread_runtime(vm, options).is_throw());
    }
    ~Engine()
    {
        wait_for_threads_and_report(vm);
        detach_engine_thread(vm);
    }
};

} // namespace

TEST(EmbedderThreads, ShareTheHeapAndGetALazyThreadCurrent)
{
    if constexpr (!kThreadsEnabled)
        GTEST_SKIP() << "the thread runtime is compiled out (WEFT_THREADS=OFF)";
    Engine engine;
    run(engine.vm, "globalThis.shared = { n: 0 }; globalThis.ids = [];");
    constexpr int kThreads = 4;
    constexpr int kIncrements = 2000;
    std::vector<double> ids(kThreads, -1);
    std::vector<std::thread> threads;
    {
        SafeRegion away(engine.vm.mutator());
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                Vm vm(engine.runtime);
                attach_engine_thread(vm);
                // The same Thread object on every access from this thread, a fresh id.
                Value same = run(vm, "Thread.current === Thread.current && Thread.current instanceof Thread");
                EXPECT_TRUE(same.is_boolean() && same.as_bool());
                Value id = run(vm, "Thread.current.id");
                ids[t] = id.is_number() ? id.as_number() : -1;
                run(vm, "for (let i = 0; i < " + std::to_string(kIncrements) + "; i++) Atomics.add(shared, 'n', 1);");
                detach_engine_thread(vm);
            });
        }
        for (auto& thread : threads)
            thread.join();
    }
    Value n = run(engine.vm, "shared.n");
    ASSERT_TRUE(n.is_number());
    EXPECT_EQ(n.as_number(), kThreads * kIncrements);
    std::set<double> distinct(ids.begin(), ids.end());
    EXPECT_EQ(distinct.size(), size_t(kThreads));
    EXPECT_EQ(distinct.count(0), 0u) << "id 0 is the main thread's";
    EXPECT_EQ(distinct.count(-1), 0u);
    // A thread spawned afterwards gets yet another id; the main thread is 0.
    Value spawned = run(engine.vm, "new Thread(() => Thread.current.id).join()");
    ASSERT_TRUE(spawned.is_number());
    EXPECT_EQ(distinct.count(spawned.as_number()), 0u);
    Value main_id = run(engine.vm, "Thread.current.id");
    EXPECT_EQ(main_id.as_number(), 0);
}

TEST(EmbedderThreads, ThreadsThatMayNotBlockGetTypeErrors)
{
    if constexpr (!kThreadsEnabled)
        GTEST_SKIP() << "the thread runtime is compiled out (WEFT_THREADS=OFF)";
    Engine engine;
    // A spawned thread holds `lock` and stays running until the gate opens.
    run(engine.vm, "globalThis.lock = new Lock(); globalThis.gate = { open: 0, held: 0 };"
                   "globalThis.busy = new Thread(() => lock.hold(() => {"
                   "  Atomics.store(gate, 'held', 1); Atomics.notify(gate, 'held');"
                   "  while (Atomics.load(gate, 'open') === 0) Atomics.wait(gate, 'open', 0);"
                   "  return 7; }));"
                   "while (Atomics.load(gate, 'held') === 0) Atomics.wait(gate, 'held', 0);");
    std::string hold_error, join_error, wait_error, condition_error;
    Value uncontended;
    {
        SafeRegion away(engine.vm.mutator());
        std::thread event_loop_thread([&] {
            Vm vm(engine.runtime);
            attach_engine_thread(vm);
            vm.thread_state()->may_block = false;
            // An uncontended hold never blocks, so it is allowed.
            uncontended = run(vm, "new Lock().hold(() => 5)");
            join_error = thrown(vm, "busy.join()");
            wait_error = thrown(vm, "Atomics.wait(gate, 'open', 0)");
            hold_error = thrown(vm, "lock.hold(() => 0)");
            condition_error = thrown(vm, "const l = new Lock(); l.hold(() => new Condition().wait(l))");
            detach_engine_thread(vm);
        });
        event_loop_thread.join();
    }
    EXPECT_TRUE(uncontended.is_number() && uncontended.as_number() == 5);
    EXPECT_NE(join_error.find("TypeError"), std::string::npos) << join_error;
    EXPECT_NE(wait_error.find("TypeError"), std::string::npos) << wait_error;
    EXPECT_NE(hold_error.find("TypeError"), std::string::npos) << hold_error;
    EXPECT_NE(condition_error.find("TypeError"), std::string::npos) << condition_error;
    run(engine.vm, "Atomics.store(gate, 'open', 1); Atomics.notify(gate, 'open');");
    Value joined = run(engine.vm, "busy.join()");
    EXPECT_TRUE(joined.is_number() && joined.as_number() == 7);
}
