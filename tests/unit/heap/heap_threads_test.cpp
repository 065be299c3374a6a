// Heap tests with many threads: allocation and mutation across thousands of collections, safe
// regions and attach/detach during collections, and the ragged handshake.
//
// These tests check synchronization correctness (no lost cells, no torn structures, no
// deadlock) under whatever interleaving the OS produces; none relies on a particular order.
#include "heap/heap.h"
#include "test_cells.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <thread>
#include <vector>

namespace weft::test {
namespace {

// A list whose head payload is the sum of the payloads of the rest: any reader can check it.
WEFT_NOINLINE Node* build_checked_list(Heap& heap, MutatorThread& thread, u64 length, u64 seed)
{
    Node* rest = nullptr;
    u64 sum = 0;
    for (u64 i = 0; i < length; ++i) {
        Node* node = new_node(heap, thread, rest, nullptr, seed * 31 + i);
        if (!node)
            return nullptr;
        sum += seed * 31 + i;
        rest = node;
    }
    return new_node(heap, thread, rest, nullptr, sum);
}

bool checked_list_ok(Node* head)
{
    if (!head)
        return false;
    u64 sum = 0;
    for (Node* node = head->left.load_relaxed(); node; node = node->left.load_relaxed())
        sum += node->payload.load_relaxed();
    return sum == head->payload.load_relaxed();
}

// Shared slots any thread may swap lists into; rooted precisely by the heap.
struct SharedSlots {
    static constexpr usize kCount = 64;
    Atomic<Node*> slots[kCount];
};

struct Counters {
    std::atomic<u64> failures { 0 };
    std::atomic<u64> cells { 0 };
    std::atomic<u64> safe_regions { 0 };
};

constexpr usize kSpineLength = 32;

Node* spine_at(Node* spine, usize index)
{
    for (usize i = 0; i < index; ++i)
        spine = spine->left.load_relaxed();
    return spine;
}

// One mutator: keeps a private structure (a spine of 32 nodes, each holding a checked list)
// reachable only from its own stack, replaces parts of it, swaps lists in and out of the
// shared slots, and now and then leaves the heap or asks for a collection.
WEFT_NOINLINE void mutator_body(Heap& heap, SharedSlots& shared, Counters& counters, unsigned id, u64 iterations)
{
    MutatorThread& thread = heap.attach_current_thread();
    std::mt19937_64 rng(id * 7919 + 1);
    Node* spine = nullptr;
    for (usize i = 0; i < kSpineLength; ++i)
        spine = new_node(heap, thread, spine, build_checked_list(heap, thread, 4, i), i);
    u64 cells = 0;
    for (u64 iteration = 0; iteration < iterations; ++iteration) {
        u64 length = 1 + rng() % 48;
        Node* list = build_checked_list(heap, thread, length, rng());
        if (!list) {
            counters.failures++;
            break;
        }
        cells += length + 1;
        spine_at(spine, rng() % kSpineLength)->right.store_relaxed(list);

        if (iteration % 8 == 0) {
            // Publish a fresh list and check whatever was there before.
            Node* old = shared.slots[rng() % SharedSlots::kCount].exchange_acq_rel(list);
            if (old && !checked_list_ok(old))
                counters.failures++;
            Node* seen = shared.slots[rng() % SharedSlots::kCount].load_acquire();
            if (seen && !checked_list_ok(seen))
                counters.failures++;
        }
        if (iteration % 64 == 0) {
            if (!checked_list_ok(spine_at(spine, rng() % kSpineLength)->right.load_relaxed()))
                counters.failures++;
        }
        if (iteration % 128 == 0) {
            SafeRegion outside(thread);
            counters.safe_regions++;
            if (rng() % 4 == 0)
                std::this_thread::sleep_for(std::chrono::microseconds(50));
            else
                std::this_thread::yield();
        }
        if (iteration % 2048 == 1024)
            heap.collect(thread);
        thread.safepoint_poll();
    }
    usize intact = 0;
    for (usize i = 0; i < kSpineLength; ++i)
        intact += checked_list_ok(spine_at(spine, i)->right.load_relaxed());
    if (intact != kSpineLength)
        counters.failures++;
    counters.cells += cells;
    heap.detach_current_thread(thread);
}

// Attaches, builds and checks a small structure, sometimes collects, detaches; repeatedly.
WEFT_NOINLINE void attach_churn_body(Heap& heap, Counters& counters, std::atomic<bool>& stop, unsigned id)
{
    std::mt19937_64 rng(id);
    while (!stop.load(std::memory_order_relaxed)) {
        MutatorThread& thread = heap.attach_current_thread();
        Node* list = build_checked_list(heap, thread, 1 + rng() % 200, rng());
        if (rng() % 8 == 0)
            heap.collect(thread);
        for (int i = 0; i < 20; ++i)
            build_checked_list(heap, thread, 16, i);
        if (!checked_list_ok(list))
            counters.failures++;
        heap.detach_current_thread(thread);
        std::this_thread::yield();
    }
}

TEST(HeapThreads, EightMutatorsAcrossThousandsOfCollections)
{
    register_test_kinds();
    // A small trigger makes collections frequent: the point is many pauses.
    Heap heap({ .min_trigger_bytes = 32 * KiB, .growth_factor = 0.1 });
    auto shared = std::make_unique<SharedSlots>();
    heap.add_root_source([&](Tracer& tracer) {
        for (auto& slot : shared->slots)
            tracer.visit(slot.load_relaxed());
    });
    Counters counters;
    std::atomic<bool> stop { false };
    u64 const iterations = scaled(24000);
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < 8; ++i)
        threads.emplace_back([&, i] { mutator_body(heap, *shared, counters, i, iterations); });
    std::vector<std::thread> churners;
    for (unsigned i = 0; i < 2; ++i)
        churners.emplace_back([&, i] { attach_churn_body(heap, counters, stop, 100 + i); });
    for (auto& thread : threads)
        thread.join();
    stop = true;
    for (auto& thread : churners)
        thread.join();

    // Every shared list survived all those collections intact.
    MutatorThread& self = heap.attach_current_thread();
    usize shared_intact = 0, shared_present = 0;
    for (auto& slot : shared->slots) {
        if (Node* list = slot.load_acquire()) {
            ++shared_present;
            shared_intact += checked_list_ok(list);
        }
    }
    heap.collect(self);
    GcStats stats = heap.stats();
    heap.detach_current_thread(self);

    EXPECT_EQ(counters.failures.load(), 0u);
    EXPECT_EQ(shared_intact, shared_present);
    EXPECT_GT(shared_present, SharedSlots::kCount / 2);
    EXPECT_GE(counters.cells.load(), 8 * iterations * 20);
    EXPECT_GT(counters.safe_regions.load(), 0u);
#if defined(NDEBUG) && !defined(WEFT_TSAN) && !defined(WEFT_ASAN)
    EXPECT_GE(counters.cells.load(), 4'000'000u) << "millions of cells in release builds";
    EXPECT_GE(stats.collections, 1000u) << "thousands of collections in release builds";
#else
    EXPECT_GE(stats.collections, 50u);
#endif
    std::printf("[ stats    ] %llu cells, %llu collections, max pause %.2f ms, mean pause %.3f ms\n",
        static_cast<unsigned long long>(counters.cells.load()), static_cast<unsigned long long>(stats.collections),
        stats.max_pause_ns / 1e6, stats.total_pause_ns / 1e6 / static_cast<double>(stats.collections));
}

// Runs `threads` threads that together allocate `total_nodes` garbage nodes; returns how many
// collections that took.
u64 collections_for(unsigned threads, u64 total_nodes)
{
    // About 40 collections whatever the (sanitizer-scaled) amount.
    Heap heap({ .min_trigger_bytes = std::max<usize>(256 * KiB, total_nodes * sizeof(Node) / 40) });
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads; ++i) {
        workers.emplace_back([&] {
            MutatorThread& thread = heap.attach_current_thread();
            for (u64 n = 0; n < total_nodes / threads; ++n)
                new_node(heap, thread, nullptr, nullptr, n);
            heap.detach_current_thread(thread);
        });
    }
    for (auto& worker : workers)
        worker.join();
    return heap.stats().collections;
}

TEST(HeapThreads, CollectionFrequencyDoesNotGrowWithThreads)
{
    register_test_kinds();
    u64 const nodes = scaled(4'000'000); // 128 MB in release
    u64 one = collections_for(1, nodes);
    u64 four = collections_for(4, nodes);
    EXPECT_GE(one, 20u);
    // The trigger counts global bytes: four threads allocating the same total collect about
    // as often (their allocation windows add a little slack, never a factor of four).
    EXPECT_LE(four, one + one / 2 + 2) << "one thread: " << one << ", four threads: " << four;
    EXPECT_GE(four, one / 2);
}

TEST(HeapThreads, ConcurrentCollectRequestsElectOneConductor)
{
    register_test_kinds();
    Heap heap({ .min_trigger_bytes = 1 * GiB });
    std::atomic<u64> failures { 0 };
    std::vector<std::thread> threads;
    u64 const rounds = scaled(400);
    for (unsigned i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            MutatorThread& thread = heap.attach_current_thread();
            Node* list = build_checked_list(heap, thread, 100, i);
            for (u64 round = 0; round < rounds; ++round) {
                heap.collect(thread);
                build_checked_list(heap, thread, 10, round);
            }
            if (!checked_list_ok(list))
                failures++;
            heap.detach_current_thread(thread);
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(failures.load(), 0u);
    GcStats stats = heap.stats();
    EXPECT_GE(stats.collections, rounds) << "each request is served by some collection";
    EXPECT_LE(stats.collections, 4 * rounds) << "simultaneous requests share one collection";
}

TEST(HeapThreads, ParkedThreadsHelpMarking)
{
    register_test_kinds();
    Heap heap({ .min_trigger_bytes = 1 * GiB, .max_marker_threads = 2 });
    std::atomic<bool> stop { false };
    std::atomic<int> ready { 0 };
    std::thread helper([&] {
        MutatorThread& thread = heap.attach_current_thread();
        ready++;
        while (!stop.load(std::memory_order_relaxed))
            thread.safepoint_poll();
        heap.detach_current_thread(thread);
    });
    MutatorThread& self = heap.attach_current_thread();
    while (ready.load() == 0)
        std::this_thread::yield();
    // A wide tree gives both markers work.
    Node* volatile root = nullptr;
    {
        std::vector<Node*> level;
        for (u64 i = 0; i < scaled(200000); ++i)
            level.push_back(new_node(heap, self, nullptr, nullptr, i));
        while (level.size() > 1) {
            std::vector<Node*> next;
            for (usize i = 0; i + 1 < level.size(); i += 2)
                next.push_back(new_node(heap, self, level[i], level[i + 1], 0));
            if (level.size() % 2)
                next.push_back(level.back());
            level.swap(next);
        }
        root = level[0];
    }
    unsigned max_markers = 0;
    for (int i = 0; i < 10; ++i) {
        heap.collect(self);
        max_markers = std::max(max_markers, heap.stats().last_marker_threads);
    }
    stop = true;
    GcStats stats = heap.stats();
    heap.detach_current_thread(self);
    helper.join();
    EXPECT_EQ(max_markers, 2u) << "the parked thread should have joined at least one marking";
    EXPECT_GE(stats.live_bytes_after_last, scaled(200000) * 2 * sizeof(Node) - 64);
    (void)root;
}

// --- Ragged handshake ------------------------------------------------------------------------

constexpr u64 kAlive = 0x600d600d600d600dULL;

TEST(HeapThreads, RaggedHandshakeWithRunningParkedAndSafeRegionThreads)
{
    register_test_kinds();
    Heap heap({ .min_trigger_bytes = 256 * KiB });
    // Epoch-style retirement: readers use the current record only between two polls; after a
    // handshake the writer frees the old one. A reader still using it would see the poison
    // (or ASan would report a use after free).
    std::atomic<u64*> current { new u64(kAlive) };
    std::atomic<bool> stop { false };
    std::atomic<u64> failures { 0 };
    std::atomic<u64> reads { 0 };
    std::atomic<int> ready { 0 };
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < 3; ++i) {
        threads.emplace_back([&, i] {
            MutatorThread& thread = heap.attach_current_thread();
            ready++;
            u64 local_reads = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                u64* record = current.load(std::memory_order_acquire);
                for (int k = 0; k < 100; ++k) {
                    if (*reinterpret_cast<std::atomic<u64>*>(record) != kAlive)
                        failures++;
                }
                ++local_reads;
                if (i == 0 && local_reads % 64 == 0)
                    build_checked_list(heap, thread, 100, local_reads); // allocation: collections happen
                thread.safepoint_poll();
            }
            reads += local_reads;
            heap.detach_current_thread(thread);
        });
    }
    // A thread that spends almost all its time in a safe region.
    threads.emplace_back([&] {
        MutatorThread& thread = heap.attach_current_thread();
        ready++;
        while (!stop.load(std::memory_order_relaxed)) {
            SafeRegion outside(thread);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        heap.detach_current_thread(thread);
    });
    // A thread that keeps asking for collections, so handshakes meet parked threads.
    threads.emplace_back([&] {
        MutatorThread& thread = heap.attach_current_thread();
        ready++;
        while (!stop.load(std::memory_order_relaxed)) {
            heap.collect(thread);
            SafeRegion outside(thread);
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        heap.detach_current_thread(thread);
    });

    while (ready.load() < 5)
        std::this_thread::yield();
    MutatorThread& self = heap.attach_current_thread();
    u64 const handshakes = scaled(600);
    for (u64 i = 0; i < handshakes; ++i) {
        u64* fresh = new u64(kAlive);
        u64* old = current.exchange(fresh, std::memory_order_acq_rel);
        heap.ragged_handshake(self);
        reinterpret_cast<std::atomic<u64>*>(old)->store(0xdeadULL);
        delete old;
    }
    stop = true;
    heap.detach_current_thread(self);
    for (auto& thread : threads)
        thread.join();
    delete current.load();
    EXPECT_EQ(failures.load(), 0u);
    EXPECT_GT(reads.load(), 0u);
    EXPECT_GT(heap.stats().collections, 0u);
}

TEST(HeapThreads, RaggedHandshakeDoesNotWaitForBlockedOrDetachedThreads)
{
    register_test_kinds();
    Heap heap;
    std::atomic<bool> release { false };
    std::atomic<bool> blocked { false };
    std::thread sleeper([&] {
        MutatorThread& thread = heap.attach_current_thread();
        {
            SafeRegion outside(thread);
            blocked = true;
            while (!release.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        heap.detach_current_thread(thread);
    });
    while (!blocked.load())
        std::this_thread::yield();
    MutatorThread& self = heap.attach_current_thread();
    heap.ragged_handshake(self); // must return although the sleeper never polls
    heap.collect(self);          // and a collection does not wait for it either
    heap.detach_current_thread(self);
    release = true;
    sleeper.join();
    EXPECT_EQ(heap.stats().collections, 1u);
}

} // namespace
} // namespace weft::test
