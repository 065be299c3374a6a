// Allocation throughput of the shared heap at 1 and 2 threads (same work per thread).
//
// Each thread allocates 32-byte nodes and keeps every 64th one in a private ring of 4096, so
// the heap sees steady garbage with a small live set and collects now and then (triggered by
// global bytes, so 2 threads do not collect more often per byte than 1). items/s is over
// wall-clock time: with perfect scaling 2 threads report twice the items/s of one.
#include "heap/heap.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace {

using namespace weft;

constexpr u8 kNodeKind = 1;

struct Node : Cell {
    Atomic<Node*> next;
    Atomic<u64> payload;
    Atomic<u64> pad;
};

void trace_node(Cell* cell, Tracer& tracer) { tracer.visit(static_cast<Node*>(cell)->next.load_relaxed()); }

constexpr u64 kNodesPerThread = 1 << 20; // 32 MiB of allocation per thread per iteration
constexpr usize kRing = 4096;

// One thread's work: allocate kNodesPerThread nodes, keeping every 64th in a ring rooted
// through the thread's stack (the ring array is a local, scanned conservatively).
WEFT_NOINLINE void allocate_nodes(Heap& heap, MutatorThread& thread)
{
    Node* ring[kRing] = {};
    usize ring_index = 0;
    for (u64 count = 0; count < kNodesPerThread; ++count) {
        auto* node = static_cast<Node*>(heap.try_allocate(thread, sizeof(Node), kNodeKind));
        node->payload.store_relaxed(count);
        if ((count & 63) == 0) {
            ring[ring_index] = node;
            ring_index = (ring_index + 1) % kRing;
        }
    }
    benchmark::DoNotOptimize(ring);
}

// Threads are started by the benchmark itself (not Google Benchmark's Threads()): its
// start/stop barriers block without answering safepoints, which would deadlock with a
// collection requested by a thread that is still allocating.
void BM_HeapAllocate(benchmark::State& state)
{
    static bool registered = (register_cell_kind(kNodeKind, CellKindInfo { "BenchNode", trace_node, nullptr }), true);
    (void)registered;
    unsigned const thread_count = static_cast<unsigned>(state.range(0));
    Heap heap(HeapConfig { .min_trigger_bytes = static_cast<usize>(state.range(1)) * MiB });
    for (auto _ : state) {
        std::atomic<unsigned> ready { 0 };
        std::atomic<bool> go { false };
        std::vector<std::thread> threads;
        for (unsigned i = 0; i < thread_count; ++i) {
            threads.emplace_back([&] {
                MutatorThread& thread = heap.attach_current_thread();
                ready++;
                while (!go.load(std::memory_order_acquire)) {
                    thread.safepoint_poll();
                    std::this_thread::yield();
                }
                allocate_nodes(heap, thread);
                heap.detach_current_thread(thread);
            });
        }
        while (ready.load() < thread_count)
            std::this_thread::yield();
        auto start = std::chrono::steady_clock::now();
        go.store(true, std::memory_order_release);
        for (auto& thread : threads)
            thread.join();
        state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kNodesPerThread * thread_count));
    GcStats stats = heap.stats();
    state.counters["collections"] = static_cast<double>(stats.collections);
    double collections = stats.collections ? static_cast<double>(stats.collections) : 1.0;
    state.counters["mean_pause_us"] = static_cast<double>(stats.total_pause_ns) / 1e3 / collections;
    state.counters["mean_mark_us"] = static_cast<double>(stats.total_mark_ns) / 1e3 / collections;
}

// Arguments: threads, min_trigger_bytes in MiB (8: the heap fits in the last-level cache;
// 64: it does not, and allocation runs at memory bandwidth).
BENCHMARK(BM_HeapAllocate)->ArgNames({ "threads", "trigger_MiB" })->ArgsProduct({ { 1, 2 }, { 8, 64 } })->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
