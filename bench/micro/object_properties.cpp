// Microbenchmarks of the object model on one thread: property get/set (inline and out-of-line),
// adds through transitions, and array element get/set/push. Run in a threads build and a
// threads-off build (WEFT_THREADS=OFF) to measure the cost of thread safety (DESIGN.md R8).
#include "objects/array.h"
#include "objects/atom_table.h"
#include "objects/object.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace weft {
namespace {

struct Env {
    Runtime runtime;
    Vm vm { runtime };
    PropertyKey key(std::string const& name) { return to_property_key(vm, name); }
};

void BM_GetInlineSlot(benchmark::State& state)
{
    Env env;
    Object* o = Object::try_create(env.vm, nullptr, 4);
    PropertyKey x = env.key("x");
    (void)o->create_data_property(env.vm, env.key("a"), Value::from_i32(1));
    (void)o->create_data_property(env.vm, x, Value::from_i32(2));
    for (auto _ : state)
        benchmark::DoNotOptimize(o->get(env.vm, x).value);
}
BENCHMARK(BM_GetInlineSlot);

void BM_GetOutOfLineSlot(benchmark::State& state)
{
    Env env;
    Object* o = Object::try_create(env.vm, nullptr, 0);
    PropertyKey x = env.key("x");
    (void)o->create_data_property(env.vm, env.key("a"), Value::from_i32(1));
    (void)o->create_data_property(env.vm, x, Value::from_i32(2));
    for (auto _ : state)
        benchmark::DoNotOptimize(o->get(env.vm, x).value);
}
BENCHMARK(BM_GetOutOfLineSlot);

void BM_GetThroughPrototype(benchmark::State& state)
{
    Env env;
    Object* proto = Object::try_create(env.vm, nullptr, 4);
    PropertyKey x = env.key("x");
    (void)proto->create_data_property(env.vm, x, Value::from_i32(2));
    Object* o = Object::try_create(env.vm, proto, 4);
    (void)o->create_data_property(env.vm, env.key("a"), Value::from_i32(1));
    for (auto _ : state)
        benchmark::DoNotOptimize(o->get(env.vm, x).value);
}
BENCHMARK(BM_GetThroughPrototype);

void BM_SetExisting(benchmark::State& state)
{
    Env env;
    Object* o = Object::try_create(env.vm, nullptr, 4);
    PropertyKey x = env.key("x");
    (void)o->create_data_property(env.vm, x, Value::from_i32(2));
    i32 i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(o->set(env.vm, x, Value::from_i32(++i)).succeeded);
}
BENCHMARK(BM_SetExisting);

// Builds objects with N properties each: allocation + N transitions (cached after the first).
void BM_AddProperties(benchmark::State& state)
{
    Env env;
    int n = static_cast<int>(state.range(0));
    std::vector<PropertyKey> keys;
    for (int i = 0; i < n; ++i)
        keys.push_back(env.key("p" + std::to_string(i)));
    Object* keep = Object::try_create(env.vm, nullptr, 4); // holds the keys' shapes alive
    for (int i = 0; i < n; ++i)
        (void)keep->create_data_property(env.vm, keys[i], Value::from_i32(i));
    for (auto _ : state) {
        Object* o = Object::try_create(env.vm, nullptr, 4);
        for (int i = 0; i < n; ++i)
            (void)o->create_data_property(env.vm, keys[i], Value::from_i32(i));
        benchmark::DoNotOptimize(o);
    }
    state.SetItemsProcessed(state.iterations() * n);
    benchmark::DoNotOptimize(keep);
}
BENCHMARK(BM_AddProperties)->Arg(1)->Arg(4)->Arg(8)->Arg(16);

void BM_ArrayGet(benchmark::State& state)
{
    Env env;
    ArrayObject* a = ArrayObject::try_create(env.vm, nullptr);
    for (int i = 0; i < 1024; ++i)
        (void)a->push(env.vm, Value::from_i32(i));
    u32 i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(a->get(env.vm, PropertyKey::from_index(i++ & 1023)).value);
}
BENCHMARK(BM_ArrayGet);

void BM_ArraySet(benchmark::State& state)
{
    Env env;
    ArrayObject* a = ArrayObject::try_create(env.vm, nullptr);
    for (int i = 0; i < 1024; ++i)
        (void)a->push(env.vm, Value::from_i32(i));
    u32 i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(a->set(env.vm, PropertyKey::from_index(i & 1023), Value::from_i32(i)).succeeded);
        ++i;
    }
}
BENCHMARK(BM_ArraySet);

// Pushes 1024 values into a fresh array per iteration (growth by segments included).
void BM_ArrayPush(benchmark::State& state)
{
    Env env;
    for (auto _ : state) {
        ArrayObject* a = ArrayObject::try_create(env.vm, nullptr);
        for (int i = 0; i < 1024; ++i)
            (void)a->push(env.vm, Value::from_i32(i));
        benchmark::DoNotOptimize(a);
    }
    state.SetItemsProcessed(state.iterations() * 1024);
}
BENCHMARK(BM_ArrayPush);

} // namespace
} // namespace weft

BENCHMARK_MAIN();
