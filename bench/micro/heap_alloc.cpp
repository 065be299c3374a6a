// Allocation throughput of the shared heap at 1 and 2 threads (same work per thread).
//
// Each thread allocates 32-byte nodes and keeps every 64th one in a private ring of 512, so
// the heap sees steady garbage with a small live set and collects now and then (triggered by
// global bytes, so 2 threads do not collect more often per byte than 1). items/s is over
// wall-clock time: with perfect scaling 2 threads report twice the items/s of one.
#include "heap/heap.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
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
constexpr usize kRing = 512;

// One thread's work: allocate kNodesPerThread nodes, keeping every 64th in a ring rooted
// through the thread's stack (the ring array is a local, scanned conservatively).
// `work` > 0 adds that many rounds of integer arithmetic per allocation (about 4 cycles each),
// standing in for the interpreter work between allocations in a real program.
WEFT_NOINLINE void allocate_nodes(Heap& heap, MutatorThread& thread, unsigned work)
{
    Node* ring[kRing] = {};
    usize ring_index = 0;
    u64 mix = 0x9e3779b97f4a7c15ULL;
    for (u64 count = 0; count < kNodesPerThread; ++count) {
        for (unsigned i = 0; i < work; ++i)
            mix = mix * 6364136223846793005ULL + count;
        auto* node = static_cast<Node*>(heap.try_allocate(thread, sizeof(Node), kNodeKind));
        node->payload.store_relaxed(count ^ mix);
        if ((count & 63) == 0) {
            ring[ring_index] = node;
            ring_index = (ring_index + 1) % kRing;
        }
    }
    benchmark::DoNotOptimize(ring);
}

// The worker threads are started once per benchmark run and reused by every iteration
// (threads created per iteration never get spread over the cores by the scheduler). They are
// started by the benchmark itself, not by Google Benchmark's Threads(): its start/stop
// barriers block without answering safepoints, which would deadlock with a collection
// requested by a thread that is still allocating.
void BM_HeapAllocate(benchmark::State& state)
{
    static bool registered = (register_cell_kind(kNodeKind, CellKindInfo { "BenchNode", trace_node, nullptr }), true);
    (void)registered;
    unsigned const thread_count = static_cast<unsigned>(state.range(0));
    Heap heap(HeapConfig { .min_trigger_bytes = static_cast<usize>(state.range(1)) * MiB });
    unsigned const work = static_cast<unsigned>(state.range(2));
    // Rounds are handed out and collected under a mutex and condition variable (GCC 12's
    // std::atomic::wait can miss wake-ups).
    std::mutex mutex;
    std::condition_variable changed;
    u64 round = 0;          // guarded by mutex
    unsigned done = 0;      // guarded by mutex
    bool stop = false;      // guarded by mutex
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < thread_count; ++i) {
        threads.emplace_back([&] {
            MutatorThread& thread = heap.attach_current_thread();
            for (u64 seen = 0;;) {
                // Wait for the next round asleep and outside the heap (R6): a finished worker
                // neither takes a core from the other one nor holds up its collections.
                {
                    SafeRegion outside(thread);
                    std::unique_lock lock(mutex);
                    changed.wait(lock, [&] { return round != seen || stop; });
                    if (stop)
                        break;
                    seen = round;
                }
                allocate_nodes(heap, thread, work);
                std::lock_guard lock(mutex);
                ++done;
                changed.notify_all();
            }
            heap.detach_current_thread(thread);
        });
    }
    for (auto _ : state) {
        auto start = std::chrono::steady_clock::now();
        std::unique_lock lock(mutex);
        done = 0;
        ++round;
        changed.notify_all();
        changed.wait(lock, [&] { return done == thread_count; });
        state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
        changed.notify_all();
    }
    for (auto& thread : threads)
        thread.join();
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kNodesPerThread * thread_count));
    GcStats stats = heap.stats();
    state.counters["collections"] = static_cast<double>(stats.collections);
    double collections = stats.collections ? static_cast<double>(stats.collections) : 1.0;
    state.counters["mean_pause_us"] = static_cast<double>(stats.total_pause_ns) / 1e3 / collections;
    state.counters["mean_mark_us"] = static_cast<double>(stats.total_mark_ns) / 1e3 / collections;
}

// Arguments: threads, min_trigger_bytes in MiB, work rounds per allocation. With work 0 the
// loop is nothing but allocation: at 8 and 64 MiB the threads stream through the shared L3 or
// DRAM (about 11 GB/s of fresh cells per thread) and measure the memory system as much as the
// allocator; work 16 (~20 ns per allocation) is closer to a mutator that computes something.
BENCHMARK(BM_HeapAllocate)
    ->ArgNames({ "threads", "trigger_MiB", "work" })
    ->ArgsProduct({ { 1, 2 }, { 8, 64 }, { 0, 16 } })->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
