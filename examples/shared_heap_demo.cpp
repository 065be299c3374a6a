// Several threads build and share objects in one heap while the collector runs underneath.
//
// Four threads each attach to the same Runtime, build a linked list of 200,000 objects and
// hang it on ONE shared registry object, and add 2,500 properties of their own to that same
// registry at the same time. Collections stop all threads and mark in parallel. The main
// thread then walks every list from the registry and checks every property: nothing is lost.
// (Until the parser lands, this is what `new Thread(fn)` will do, written in C++.)
#include "objects/atom_table.h"
#include "objects/object.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using namespace weft;

namespace {

constexpr int kThreads = 4;
constexpr int kListLength = 200'000;
constexpr int kOwnProperties = 2'500;

PropertyKey key(Vm& vm, std::string const& name)
{
    PropertyKey k = to_property_key(vm, name);
    if (k.bits() == 0)
        fatal_error("out of memory while interning a key");
    return k;
}

Value get_value(Vm& vm, Object* object, PropertyKey k)
{
    std::optional<Value> v = object->get_own_data_value(vm, k);
    return v ? *v : Value::undefined();
}

void put(Vm& vm, Object* object, PropertyKey k, Value v)
{
    if (object->create_data_property(vm, k, v) != Outcome::True)
        fatal_error("could not add a property");
}

void worker(Runtime& runtime, Object* registry, int id)
{
    Vm vm(runtime); // attach this OS thread to the shared heap
    PropertyKey value_key = key(vm, "value");
    PropertyKey next_key = key(vm, "next");

    // A list built back to front: node i holds i and points at node i + 1.
    Object* head = nullptr;
    for (int i = kListLength - 1; i >= 0; --i) {
        Object* node = Object::try_create(vm, nullptr);
        if (!node)
            fatal_error("heap exhausted");
        put(vm, node, value_key, Value::from_i32(i));
        put(vm, node, next_key, head ? Value::from_cell(head) : Value::null());
        head = node;
    }
    put(vm, registry, key(vm, "list" + std::to_string(id)), Value::from_cell(head));

    // Racing with the other threads: properties added to the one shared object.
    for (int j = 0; j < kOwnProperties; ++j) {
        put(vm, registry, key(vm, "t" + std::to_string(id) + "_" + std::to_string(j)), Value::from_i32(id * 100'000 + j));
        vm.safepoint_poll();
    }
}

} // namespace

int main()
{
    if constexpr (!kThreadsEnabled) {
        // With WEFT_THREADS=OFF the object model uses plain stores: one thread per object only.
        std::puts("shared_heap_demo: this build has the thread runtime compiled out (WEFT_THREADS=OFF); nothing to show");
        return 0;
    }
    RuntimeConfig config;
    config.heap.min_trigger_bytes = 8 * MiB; // collect often, to show it
    Runtime runtime(config);
    Vm vm(runtime);
    Object* registry = Object::try_create(vm, nullptr);

    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int id = 0; id < kThreads; ++id)
        threads.emplace_back(worker, std::ref(runtime), registry, id);
    {
        SafeRegion waiting(vm.mutator()); // blocked in join: collections go on without us
        for (auto& t : threads)
            t.join();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    bool ok = true;
    PropertyKey value_key = key(vm, "value");
    PropertyKey next_key = key(vm, "next");
    for (int id = 0; id < kThreads; ++id) {
        long long sum = 0;
        int count = 0;
        Value v = get_value(vm, registry, key(vm, "list" + std::to_string(id)));
        while (v.is_cell()) {
            auto* node = static_cast<Object*>(v.as_cell());
            sum += get_value(vm, node, value_key).as_i32();
            ++count;
            v = get_value(vm, node, next_key);
        }
        long long expected = static_cast<long long>(kListLength) * (kListLength - 1) / 2;
        std::printf("thread %d: list of %d objects, sum %lld (%s)\n", id, count, sum, sum == expected ? "ok" : "WRONG");
        ok &= sum == expected && count == kListLength;
        int present = 0;
        for (int j = 0; j < kOwnProperties; ++j) {
            Value p = get_value(vm, registry, key(vm, "t" + std::to_string(id) + "_" + std::to_string(j)));
            present += p.is_int32() && p.as_i32() == id * 100'000 + j;
        }
        std::printf("thread %d: %d of %d properties on the shared object\n", id, present, kOwnProperties);
        ok &= present == kOwnProperties;
    }

    GcStats stats = runtime.heap().stats();
    std::printf("%d threads in %.2f s; %llu collections, longest pause %.2f ms, %llu MB allocated, %llu MB live after the last\n",
        kThreads, seconds, static_cast<unsigned long long>(stats.collections), stats.max_pause_ns / 1e6,
        static_cast<unsigned long long>(stats.bytes_allocated_total / MiB),
        static_cast<unsigned long long>(stats.live_bytes_after_last / MiB));
    std::printf("%s\n", ok ? "all structures intact" : "CORRUPTION DETECTED");
    return ok ? 0 : 1;
}
