// Parallel marking of a large live heap with 1 vs 2 marking threads, and the pause of a full
// collection with about 200 MB live.
//
// The live heap is a balanced binary tree of 32-byte nodes rooted from the main thread's
// stack. A second attached thread spins on safepoint polls, so it parks at each collection
// and (when the marker cap allows) joins the marking. Times are taken from GcStats: the
// parallel marking part of the pause (BM_ParallelMark) or the whole pause (BM_GcPause).
#include "heap/heap.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {

using namespace weft;

constexpr u8 kNodeKind = 1;

struct Node : Cell {
    Atomic<Node*> left;
    Atomic<Node*> right;
    Atomic<u64> payload;
};

void trace_node(Cell* cell, Tracer& tracer)
{
    auto* node = static_cast<Node*>(cell);
    tracer.visit(node->left.load_relaxed());
    tracer.visit(node->right.load_relaxed());
}

WEFT_NOINLINE Node* build_tree(Heap& heap, MutatorThread& thread, usize leaves)
{
    std::vector<Node*> level;
    level.reserve(leaves);
    auto make = [&](Node* left, Node* right, u64 payload) {
        auto* node = static_cast<Node*>(heap.try_allocate(thread, sizeof(Node), kNodeKind));
        node->left.store_relaxed(left);
        node->right.store_relaxed(right);
        node->payload.store_relaxed(payload);
        return node;
    };
    for (usize i = 0; i < leaves; ++i)
        level.push_back(make(nullptr, nullptr, i));
    while (level.size() > 1) {
        std::vector<Node*> next;
        next.reserve(level.size() / 2 + 1);
        for (usize i = 0; i + 1 < level.size(); i += 2)
            next.push_back(make(level[i], level[i + 1], 0));
        if (level.size() % 2)
            next.push_back(level.back());
        level.swap(next);
    }
    return level[0];
}

// A heap with a live tree of about 2 * leaves nodes and a second attached thread.
class LiveHeap {
public:
    LiveHeap(unsigned markers, usize leaves)
        : m_heap(HeapConfig { .limit_bytes = 4 * GiB, .min_trigger_bytes = 64 * GiB, .max_marker_threads = markers })
    {
        static bool registered = (register_cell_kind(kNodeKind, CellKindInfo { "BenchTreeNode", trace_node, nullptr }), true);
        (void)registered;
        m_helper = std::thread([this] {
            MutatorThread& thread = m_heap.attach_current_thread();
            m_ready = true;
            while (!m_stop.load(std::memory_order_relaxed))
                thread.safepoint_poll();
            m_heap.detach_current_thread(thread);
        });
        while (!m_ready.load())
            std::this_thread::yield();
        m_self = &m_heap.attach_current_thread();
        m_root = build_tree(m_heap, *m_self, leaves);
        m_heap.collect(*m_self); // settle: the first collection also sweeps nothing yet
    }
    ~LiveHeap()
    {
        m_root = nullptr;
        m_stop = true;
        m_heap.detach_current_thread(*m_self);
        m_helper.join();
    }
    Heap& heap() { return m_heap; }
    MutatorThread& self() { return *m_self; }

private:
    Heap m_heap;
    MutatorThread* m_self = nullptr;
    Node* volatile m_root = nullptr; // on the benchmark's stack: LiveHeap is a local
    std::thread m_helper;
    std::atomic<bool> m_ready { false };
    std::atomic<bool> m_stop { false };
};

void BM_ParallelMark(benchmark::State& state)
{
    unsigned markers = static_cast<unsigned>(state.range(0));
    LiveHeap live(markers, 1 << 21); // 4M nodes, 128 MiB live
    GcStats stats;
    for (auto _ : state) {
        live.heap().collect(live.self());
        stats = live.heap().stats();
        state.SetIterationTime(static_cast<double>(stats.last_mark_ns) / 1e9);
    }
    state.counters["live_MB"] = static_cast<double>(stats.live_bytes_after_last) / 1e6;
    state.counters["markers"] = stats.last_marker_threads;
    state.counters["pause_ms"] = static_cast<double>(stats.last_pause_ns) / 1e6;
}

void BM_GcPause200MB(benchmark::State& state)
{
    unsigned markers = static_cast<unsigned>(state.range(0));
    LiveHeap live(markers, 3'300'000); // 6.6M nodes, ~211 MB live
    GcStats stats;
    for (auto _ : state) {
        live.heap().collect(live.self());
        stats = live.heap().stats();
        state.SetIterationTime(static_cast<double>(stats.last_pause_ns) / 1e9);
    }
    state.counters["live_MB"] = static_cast<double>(stats.live_bytes_after_last) / 1e6;
    state.counters["markers"] = stats.last_marker_threads;
    state.counters["mark_ms"] = static_cast<double>(stats.last_mark_ns) / 1e6;
}

BENCHMARK(BM_ParallelMark)->Arg(1)->Arg(2)->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_GcPause200MB)->Arg(1)->Arg(2)->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(1.0);

} // namespace

BENCHMARK_MAIN();
