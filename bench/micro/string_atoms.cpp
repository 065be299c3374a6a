// Microbenchmarks: atom interning (hits and misses, 1 and 2 threads) and number -> string.
#include "base/number_format.h"
#include "objects/atom_table.h"
#include "objects/string.h"
#include "objects/string_conversions.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <benchmark/benchmark.h>

#include <charconv>
#include <string>
#include <vector>

namespace weft {
namespace {

Runtime& runtime()
{
    static Runtime* runtime = new Runtime; // shared by every benchmark thread; never destroyed
    return *runtime;
}

std::vector<std::string> const& hit_keys()
{
    static std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        char const* words[] = { "length", "prototype", "x", "y", "value", "children", "parentNode", "firstName" };
        for (int i = 0; i < 1024; ++i)
            k.push_back(std::string(words[i % 8]) + (i < 8 ? "" : std::to_string(i)));
        return k;
    }();
    return keys;
}

// Interning a name that is already an atom: hash, one lock-free probe, compare.
void BM_InternHit(benchmark::State& state)
{
    Vm vm(runtime());
    AtomTable& atoms = runtime().atoms();
    auto const& keys = hit_keys();
    for (auto const& k : keys)
        atoms.intern(vm, k);
    // Keep the atoms alive for the whole run: a collection in between would turn hits into misses.
    std::vector<String*> pinned;
    for (auto const& k : keys)
        pinned.push_back(atoms.intern(vm, k));
    u64 root = runtime().heap().add_root_source([&pinned](Tracer& tracer) {
        for (String* s : pinned)
            tracer.visit(s);
    });
    usize i = static_cast<usize>(state.thread_index()) * 37;
    for (auto _ : state) {
        benchmark::DoNotOptimize(atoms.intern(vm, keys[i & 1023]));
        ++i;
    }
    state.SetItemsProcessed(state.iterations());
    runtime().heap().remove_root_source(root);
}
BENCHMARK(BM_InternHit)->Threads(1)->Threads(2)->UseRealTime();

// Interning new names: allocate the candidate, lock the shard, insert (the table grows; the
// collector later removes the dead atoms).
void BM_InternMiss(benchmark::State& state)
{
    Vm vm(runtime());
    AtomTable& atoms = runtime().atoms();
    static std::atomic<u64> run_counter { 0 };
    u64 run = run_counter.fetch_add(1);
    char buffer[64] = "miss.";
    char* digits = buffer + 5;
    auto [p, ec] = std::to_chars(digits, buffer + sizeof(buffer), run);
    *p++ = '.';
    u64 n = 0;
    for (auto _ : state) {
        auto [end, ec2] = std::to_chars(p, buffer + sizeof(buffer), n++);
        benchmark::DoNotOptimize(atoms.intern_latin1(vm, std::string_view(buffer, end - buffer)));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InternMiss)->Threads(1)->Threads(2)->UseRealTime();

void BM_NumberToStringSmallInt(benchmark::State& state)
{
    Vm vm(runtime());
    double x = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(number_to_string(vm, x));
        x = x >= 255 ? 0 : x + 1;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NumberToStringSmallInt);

void BM_NumberToStringInt(benchmark::State& state)
{
    Vm vm(runtime());
    double x = 1000;
    for (auto _ : state) {
        benchmark::DoNotOptimize(number_to_string(vm, x));
        x = x > 1e9 ? 1000 : x * 1.5 + 7;
        x = static_cast<double>(static_cast<i64>(x));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NumberToStringInt);

void BM_NumberToStringDouble(benchmark::State& state)
{
    Vm vm(runtime());
    double x = 0.1;
    for (auto _ : state) {
        benchmark::DoNotOptimize(number_to_string(vm, x));
        x = x * 1.37 + 0.013;
        if (x > 1e30)
            x = 0.1;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NumberToStringDouble);

void BM_NumberToCharsDouble(benchmark::State& state)
{
    char buffer[kMaxNumberChars];
    double x = 0.1;
    for (auto _ : state) {
        benchmark::DoNotOptimize(number_to_chars(x, buffer));
        x = x * 1.37 + 0.013;
        if (x > 1e30)
            x = 0.1;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NumberToCharsDouble);

void BM_StringToNumber(benchmark::State& state)
{
    std::string_view inputs[] = { "12345", "3.14159", "  -1e-7 ", "0x1F", "123456789.123456789" };
    usize i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(string_to_number_ascii(inputs[i % 5]));
        ++i;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StringToNumber);

} // namespace
} // namespace weft

BENCHMARK_MAIN();
