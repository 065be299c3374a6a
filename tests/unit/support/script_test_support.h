// Helpers for unit tests that run JavaScript: evaluate a script (a throw becomes a test
// failure), read a global, and run a body on several attached threads.
#pragma once

#include "builtins/builtins.h"
#include "interpreter/engine.h"
#include "interpreter/operations.h"
#include "vm/realm.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace weft::test {

// Evaluates `source` as a script named `file_name`; on an exception, records a test failure with
// its summary and returns undefined.
inline Value run(Vm& vm, std::string const& source, std::string const& file_name = "test.js")
{
    auto result = evaluate_script(vm, source, file_name);
    if (result.is_throw()) {
        ADD_FAILURE() << "script threw: " << error_summary(vm, vm.take_exception());
        return Value::undefined();
    }
    return result.release_value();
}

// The summary of the exception `source` throws, or "" if it does not throw.
inline std::string thrown(Vm& vm, std::string const& source, std::string const& file_name = "test.js")
{
    auto result = evaluate_script(vm, source, file_name);
    if (!result.is_throw())
        return "";
    return error_summary(vm, vm.take_exception());
}

inline Value global(Vm& vm, char const* name)
{
    auto key = key_for(vm, name);
    return MUST(Get(vm, vm.realm()->global_object, key.release_value()));
}

// Runs `body(vm, t)` on `count` threads, each attached to the runtime with its own interpreter
// state, while the main thread waits out of the heap (collections proceed without it).
template<typename Body>
void on_threads(Runtime& runtime, Vm& main, int count, Body body)
{
    std::vector<std::thread> threads;
    SafeRegion away(main.mutator());
    for (int t = 0; t < count; ++t) {
        threads.emplace_back([&runtime, &body, t] {
            Vm vm(runtime);
            attach_engine_thread(vm);
            body(vm, t);
            detach_engine_thread(vm);
        });
    }
    for (auto& thread : threads)
        thread.join();
}

} // namespace weft::test
