// Typed arrays and Atomics shared by several threads at once: Atomics read-modify-writes are
// indivisible (exact counts), plain element accesses never tear, Atomics.wait/notify hand over
// between threads, and detaching or resizing a buffer while other threads use it never crashes
// (memory safety only: which values the racing readers see is any legal interleaving).
#include "builtins/builtins.h"
#include "compiler/codegen.h"
#include "interpreter/engine.h"
#include "interpreter/interpreter.h"
#include "interpreter/operations.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include "support/script_test_support.h"

#include <thread>
#include <vector>

using namespace weft;

using weft::test::global;
using weft::test::on_threads;
using weft::test::run;

namespace {

// Calls the global function `name` with the thread number on `count` threads, each attached to
// the runtime with its own interpreter state; returns what each call returned (as a number).
std::vector<double> call_on_threads(Runtime& runtime, Vm& main, int count, char const* name)
{
    Value fn = global(main, name);
    std::vector<double> results(count);
    on_threads(runtime, main, count, [&](Vm& vm, int t) {
        Value arg = Value::from_i32(t);
        auto r = Call(vm, fn, Value::undefined(), std::span<Value const>(&arg, 1));
        if (r.is_throw()) {
            ADD_FAILURE() << "thread " << t << " threw: " << error_summary(vm, vm.take_exception());
            results[t] = -1;
        } else {
            results[t] = r.value().is_number() ? r.value().as_number() : 0;
        }
    });
    return results;
}

} // namespace

TEST(TypedArrayThreads, AtomicsAddIsIndivisible)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    run(vm, R"(
        var counters = new Int32Array(new SharedArrayBuffer(16));
        var bytes = new Uint8Array(counters.buffer, 8, 8);
        function work(t) {
            for (let i = 0; i < 20000; i++) {
                Atomics.add(counters, 0, 1);
                Atomics.sub(counters, 1, 2);
                Atomics.add(bytes, t, 1);
            }
            return 0;
        }
    )");
    call_on_threads(runtime, vm, 4, "work");
    EXPECT_EQ(run(vm, "Atomics.load(counters, 0)").as_number(), 80000);
    EXPECT_EQ(run(vm, "Atomics.load(counters, 1)").as_number(), -160000);
    EXPECT_EQ(run(vm, "bytes[0] + bytes[1] + bytes[2] + bytes[3]").as_number(), 4 * (20000 % 256));
    detach_engine_thread(vm);
}

TEST(TypedArrayThreads, PlainAccessesNeverTear)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    // Writers store one of two bit patterns into every element; readers must only ever see 0 or
    // one of the two (a torn 8-byte element would be neither).
    run(vm, R"(
        var f = new Float64Array(64);
        var dv = new DataView(new ArrayBuffer(64));
        function work(t) {
            let bad = 0;
            const mine = t % 2 ? 1.5e300 : -2.25e-300;
            for (let i = 0; i < 20000; i++) {
                const k = i & 63;
                f[k] = mine;
                const v = f[(k + 7) & 63];
                if (v !== 0 && v !== 1.5e300 && v !== -2.25e-300) bad++;
                dv.setFloat64(k & 7, mine);
                dv.getFloat64((k + 3) & 7);
            }
            return bad;
        }
    )");
    for (double bad : call_on_threads(runtime, vm, 4, "work"))
        EXPECT_EQ(bad, 0);
    detach_engine_thread(vm);
}

TEST(TypedArrayThreads, WaitAndNotifyHandOver)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    // Thread 0 waits until the flag changes; thread 1 sets it and notifies until it is woken
    // (or sees that the waiter never blocked: "not-equal").
    run(vm, R"(
        var cell = new Int32Array(new SharedArrayBuffer(8));
        function work(t) {
            if (t === 0) {
                const r = Atomics.wait(cell, 0, 0, 10000);
                Atomics.store(cell, 1, r === "timed-out" ? 2 : 1);
                return r === "timed-out" ? 1 : 0;
            }
            Atomics.store(cell, 0, 1);
            while (Atomics.load(cell, 1) === 0) Atomics.notify(cell, 0);
            return 0;
        }
    )");
    std::vector<double> results = call_on_threads(runtime, vm, 2, "work");
    EXPECT_EQ(results[0], 0) << "the waiter timed out instead of being woken";
    detach_engine_thread(vm);
}

TEST(TypedArrayThreads, DetachAndResizeRacingWithAccesses)
{
    Runtime runtime;
    Vm vm(runtime);
    ASSERT_TRUE(initialize_engine(vm));
    // Thread 0 resizes and finally detaches buffers that the others read, write, sort, fill and
    // copy through typed arrays and DataViews. Any outcome is fine except a crash.
    run(vm, R"(
        var rounds = 40;
        var shared = [];
        for (let r = 0; r < rounds; r++) shared.push(new ArrayBuffer(256, { maxByteLength: 1024 }));
        var state = new Int32Array(new SharedArrayBuffer(8)); // [current round, readers' accesses]
        function work(t) {
            if (t === 0) {
                for (let r = 0; r < rounds; r++) {
                    const b = shared[r];
                    // Let the readers get going on this buffer before it changes under them.
                    const seen = Atomics.load(state, 1);
                    while (Atomics.load(state, 1) < seen + 50) ;
                    for (let i = 0; i < 200; i++) b.resize((i * 97) % 1024);
                    $262_detach(b);
                    Atomics.store(state, 0, r + 1);
                }
                return 0;
            }
            let n = 0;
            for (let r; (r = Atomics.load(state, 0)) < rounds;) {
                const b = shared[r];
                Atomics.add(state, 1, 1);
                try {
                    const a = new Float64Array(b);
                    const fixed = new Int16Array(b, 16, 8);
                    for (let i = 0; i < 64; i++) { a[i] = i; n += a[(i * 7) & 63] | 0; fixed[i & 7] = i; }
                    a.fill(1.5); a.sort(); a.copyWithin(0, 3); a.slice(2); fixed.reverse();
                    new DataView(b).setInt32(8, 1);
                    Array.from(a.subarray(1));
                } catch (e) {
                    if (!(e instanceof TypeError) && !(e instanceof RangeError)) throw e;
                }
            }
            return n;
        }
    )");
    // $262.detachArrayBuffer belongs to the shell; transfer() detaches as well.
    run(vm, "var $262_detach = (b) => { try { b.transfer(); } catch (e) {} };");
    call_on_threads(runtime, vm, 3, "work");
    EXPECT_EQ(run(vm, "shared.every(b => b.detached)").is_true(), true);
    detach_engine_thread(vm);
}
