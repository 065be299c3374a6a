// Interpreter unit tests: lazy compilation published once under a race, wide operands, and
// closures and inline caches used by several threads at once (memory safety, not a particular
// interleaving: racy increments may be lost, but nothing may crash or tear).
#include "builtins/builtins.h"
#include "compiler/codegen.h"
#include "interpreter/engine.h"
#include "interpreter/interpreter.h"
#include "interpreter/operations.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include "support/script_test_support.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace weft;

using weft::test::global;
using weft::test::on_threads;
using weft::test::run;

TEST(Interpreter, EvaluatesAScript)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    Value v = run(vm, "let s = 0; for (let i = 1; i <= 10; i++) s += i; s * 2");
    ASSERT_TRUE(v.is_number());
    EXPECT_EQ(v.as_number(), 110);
    detach_engine_thread(vm);
}

TEST(Interpreter, WideOperandsForLargeFrames)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    // 400 locals force 2-byte register operands (the Wide prefix).
    std::string source = "function big() {";
    for (int i = 0; i < 400; ++i)
        source += " let v" + std::to_string(i) + " = " + std::to_string(i) + ";";
    source += " return v0 + v399 + v255 + v256; } big()";
    Value v = run(vm, source);
    ASSERT_TRUE(v.is_number());
    EXPECT_EQ(v.as_number(), 0 + 399 + 255 + 256);
    detach_engine_thread(vm);
}

TEST(Interpreter, LazyCompilationPublishesOneCodeBlock)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    run(vm, "function lazy(x) { return x * 3 + 1; }");
    Value f = global(vm, "lazy");
    ASSERT_TRUE(f.is_cell_of_kind(CellKind::FunctionObject));
    SharedFunctionInfo* shared = static_cast<FunctionObject*>(f.as_cell())->shared();
    ASSERT_EQ(shared->code_acquire(), nullptr); // not called yet: not compiled
    constexpr int kThreads = 4;
    std::vector<CodeBlock*> seen(kThreads);
    std::atomic<int> ready { 0 };
    on_threads(runtime, vm, kThreads, [&](Vm& thread_vm, int t) {
        ready.fetch_add(1);
        while (ready.load() < kThreads)
            thread_vm.safepoint_poll();
        auto code = ensure_compiled(thread_vm, shared);
        ASSERT_FALSE(code.is_throw());
        seen[t] = code.release_value();
    });
    for (CodeBlock* c : seen)
        EXPECT_EQ(c, shared->code_acquire());
    Value three = Value::from_i32(3);
    auto r = Call(vm, f, Value::undefined(), std::span<Value const>(&three, 1));
    ASSERT_FALSE(r.is_throw());
    EXPECT_EQ(r.value().as_number(), 10);
    detach_engine_thread(vm);
}

TEST(Interpreter, ClosuresAndCachesShared)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    run(vm, R"(
        var counter = (() => { let n = 0; return () => ++n; })();
        var shape = { x: 1, y: 2 };
        function work(k) {
            let sum = 0;
            for (let i = 0; i < k; i++) { counter(); sum += shape.x + shape.y; const o = { a: i, b: [i] }; sum += o.b[0] - o.a; }
            return sum;
        }
    )");
    Value work = global(vm, "work");
    constexpr int kThreads = 4;
    constexpr int kIterations = 20000;
    std::vector<double> sums(kThreads);
    on_threads(runtime, vm, kThreads, [&](Vm& thread_vm, int t) {
        Value k = Value::from_i32(kIterations);
        auto r = Call(thread_vm, work, Value::undefined(), std::span<Value const>(&k, 1));
        ASSERT_FALSE(r.is_throw());
        sums[t] = r.value().as_number();
    });
    for (double s : sums)
        EXPECT_EQ(s, 3.0 * kIterations);
    Value count = run(vm, "counter() - 1");
    // Racy increments of one captured variable: some may be lost, none may corrupt it.
    EXPECT_GE(count.as_number(), kIterations);
    EXPECT_LE(count.as_number(), kThreads * kIterations);
    detach_engine_thread(vm);
}

TEST(Interpreter, DeepRecursionThrowsRangeError)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    Value v = run(vm, "let r; try { (function f() { return f() + 1; })(); } catch (e) { r = e instanceof RangeError; } r");
    EXPECT_TRUE(v.is_true());
    detach_engine_thread(vm);
}
