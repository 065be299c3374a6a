// Heap tests on one thread: allocation, size classes, large objects, roots, weak slots,
// finalizers, the limit, the trigger and lazy sweeping.
#include "heap/block.h"
#include "heap/heap.h"
#include "heap/size_classes.h"
#include "test_cells.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace weft::test {
namespace {

class HeapTest : public ::testing::Test {
protected:
    void SetUp() override { register_test_kinds(); }

    void start(HeapConfig config = {})
    {
        m_heap = std::make_unique<Heap>(config);
        m_thread = &m_heap->attach_current_thread();
    }
    void TearDown() override
    {
        if (m_heap) {
            m_heap->detach_current_thread(*m_thread);
            m_heap.reset();
        }
    }
    // Two collections: the first still counts the current allocation windows as live.
    void collect_twice()
    {
        clear_dead_stack();
        m_heap->collect(*m_thread);
        m_heap->collect(*m_thread);
    }

    std::unique_ptr<Heap> m_heap;
    MutatorThread* m_thread = nullptr;
};

// Builds a list of `count` nodes whose payloads sum to a known value; returns its head.
WEFT_NOINLINE Node* build_list(Heap& heap, MutatorThread& thread, u64 count, u64 seed)
{
    Node* head = nullptr;
    for (u64 i = 0; i < count; ++i)
        head = new_node(heap, thread, head, nullptr, seed + i);
    return head;
}

u64 list_sum(Node* head, u64* length = nullptr)
{
    u64 sum = 0, n = 0;
    for (; head; head = head->left.load_relaxed(), ++n)
        sum += head->payload.load_relaxed();
    if (length)
        *length = n;
    return sum;
}

u64 expected_sum(u64 count, u64 seed) { return count * seed + count * (count - 1) / 2; }

// Allocates `count` nodes and drops them all.
WEFT_NOINLINE void make_garbage(Heap& heap, MutatorThread& thread, u64 count)
{
    for (u64 i = 0; i < count; ++i) {
        ASSERT_NE(new_node(heap, thread, nullptr, nullptr, i), nullptr);
    }
}

TEST(SizeClasses, EveryClassFitsItsSizesAndIsAligned)
{
    for (usize bytes = 1; bytes <= kMaxSmallCellSize; ++bytes) {
        unsigned size_class = size_class_for(bytes);
        ASSERT_LT(size_class, kSizeClassCount);
        ASSERT_GE(kSizeClassCellSize[size_class], bytes);
        ASSERT_EQ(kSizeClassCellSize[size_class] % kCellAlignment, 0u);
        if (size_class > 0) {
            ASSERT_LT(kSizeClassCellSize[size_class - 1], bytes) << "a smaller class would fit " << bytes;
        }
    }
}

TEST_F(HeapTest, AllocatesZeroedAlignedCellsOfEverySize)
{
    start();
    for (usize bytes : { 1, 8, 16, 17, 32, 100, 256, 257, 1000, 4096, 5000, 8192 }) {
        for (int round = 0; round < 3; ++round) {
            Cell* cell = m_heap->try_allocate(*m_thread, bytes, kBlobKind);
            ASSERT_NE(cell, nullptr);
            EXPECT_EQ(reinterpret_cast<uptr>(cell) % 16, 0u);
            EXPECT_EQ(cell->kind_raw(), kBlobKind);
            auto* bytes_of = reinterpret_cast<unsigned char*>(cell);
            for (usize i = 8; i < std::max<usize>(bytes, 16); ++i)
                ASSERT_EQ(bytes_of[i], 0) << "byte " << i << " of a " << bytes << "-byte cell";
            std::memset(bytes_of + 8, 0xab, std::max<usize>(bytes, 16) - 8);
        }
    }
}

TEST_F(HeapTest, DistinctCellsDoNotOverlap)
{
    start();
    std::vector<Node*> nodes;
    for (u64 i = 0; i < 10000; ++i)
        nodes.push_back(new_node(*m_heap, *m_thread, nullptr, nullptr, i));
    std::sort(nodes.begin(), nodes.end());
    for (usize i = 1; i < nodes.size(); ++i) {
        ASSERT_GE(reinterpret_cast<uptr>(nodes[i]), reinterpret_cast<uptr>(nodes[i - 1]) + sizeof(Node));
    }
}

TEST_F(HeapTest, LargeObjectsAreZeroedAndReclaimed)
{
    start();
    usize before = m_heap->stats().heap_bytes;
    [&]() WEFT_NOINLINE {
        Cell* big = m_heap->try_allocate(*m_thread, 3 * MiB, kBlobKind);
        ASSERT_NE(big, nullptr);
        EXPECT_EQ(reinterpret_cast<uptr>(big) % 16, 0u);
        auto* bytes = reinterpret_cast<unsigned char*>(big);
        EXPECT_EQ(bytes[8], 0);
        EXPECT_EQ(bytes[3 * MiB - 1], 0);
        bytes[3 * MiB - 1] = 1;
        EXPECT_GE(m_heap->stats().heap_bytes, before + 3 * MiB);
    }();
    // Many large objects, all dropped: afterwards the large space holds (almost) nothing.
    for (int i = 0; i < 20; ++i)
        ASSERT_NE(m_heap->try_allocate(*m_thread, 100 * KiB + i, kBlobKind), nullptr);
    collect_twice();
    EXPECT_LT(m_heap->stats().heap_bytes, before + 3 * MiB) << "dead large objects must be unmapped";
}

TEST_F(HeapTest, UnreachableCellsAreReclaimed)
{
    start({ .min_trigger_bytes = 1 * GiB });
    make_garbage(*m_heap, *m_thread, 200000);
    collect_twice();
    GcStats stats = m_heap->stats();
    EXPECT_EQ(stats.collections, 2u);
    EXPECT_GE(stats.bytes_allocated_total, 200000 * sizeof(Node));
    // Conservative scanning may retain a few stragglers, never most of the garbage.
    EXPECT_LT(stats.live_bytes_after_last, 64 * KiB);
}

TEST_F(HeapTest, CellsReachableFromTheStackSurvive)
{
    start({ .min_trigger_bytes = 1 * MiB });
    Node* volatile head = build_list(*m_heap, *m_thread, 20000, 7);
    for (int round = 0; round < 5; ++round) {
        make_garbage(*m_heap, *m_thread, 50000); // also triggers collections on its own
        m_heap->collect(*m_thread);
    }
    u64 length = 0;
    EXPECT_EQ(list_sum(head, &length), expected_sum(20000, 7));
    EXPECT_EQ(length, 20000u);
    EXPECT_GE(m_heap->stats().collections, 5u);
    EXPECT_GE(m_heap->stats().live_bytes_after_last, 20000 * sizeof(Node));
}

TEST_F(HeapTest, InteriorPointersOnTheStackKeepCellsAlive)
{
    start({ .min_trigger_bytes = 1 * GiB });
    Node* list = build_list(*m_heap, *m_thread, 5000, 3);
    // Only an interior pointer (to the payload field of the head) stays on the stack.
    Atomic<u64>* volatile interior = &list->payload;
    list = nullptr;
    make_garbage(*m_heap, *m_thread, 100000);
    collect_twice();
    make_garbage(*m_heap, *m_thread, 100000);
    auto* head = reinterpret_cast<Node*>(reinterpret_cast<char*>(interior) - 24);
    EXPECT_EQ(list_sum(head), expected_sum(5000, 3));
}

TEST_F(HeapTest, PreciseRootSourceKeepsCellsAlive)
{
    start({ .min_trigger_bytes = 1 * MiB });
    // The only reference lives in malloc'd memory the collector does not scan, disguised so
    // that no stack word equals it.
    auto holder = std::make_unique<uptr>(reinterpret_cast<uptr>(build_list(*m_heap, *m_thread, 10000, 11)) ^ 0x5555);
    u64 id = m_heap->add_root_source([&](Tracer& tracer) { tracer.visit(reinterpret_cast<Node*>(*holder ^ 0x5555)); });
    for (int round = 0; round < 5; ++round) {
        make_garbage(*m_heap, *m_thread, 50000);
        m_heap->collect(*m_thread);
    }
    EXPECT_EQ(list_sum(reinterpret_cast<Node*>(*holder ^ 0x5555)), expected_sum(10000, 11));
    m_heap->remove_root_source(id);
}

WEFT_NOINLINE void fill_weak_boxes(Heap& heap, MutatorThread& thread, std::vector<uptr>& boxes, std::vector<uptr>& strong, int count)
{
    for (int i = 0; i < count; ++i) {
        auto* box = static_cast<WeakBox*>(heap.try_allocate(thread, sizeof(WeakBox), kWeakBoxKind));
        Node* target = new_node(heap, thread, nullptr, nullptr, i);
        box->target.store_relaxed(target);
        boxes.push_back(reinterpret_cast<uptr>(box) ^ 1);
        if (i % 10 == 0)
            strong.push_back(reinterpret_cast<uptr>(target) ^ 1);
    }
}

TEST_F(HeapTest, WeakSlotsAreClearedWhenTheirTargetDies)
{
    start({ .min_trigger_bytes = 1 * GiB });
    std::vector<uptr> boxes, strong; // disguised pointers, rooted precisely below
    m_heap->add_root_source([&](Tracer& tracer) {
        for (uptr box : boxes)
            tracer.visit(reinterpret_cast<Cell*>(box ^ 1));
        for (uptr node : strong)
            tracer.visit(reinterpret_cast<Cell*>(node ^ 1));
    });
    fill_weak_boxes(*m_heap, *m_thread, boxes, strong, 2000);
    make_garbage(*m_heap, *m_thread, 10000);
    collect_twice();
    int cleared = 0, kept_strong = 0;
    for (usize i = 0; i < boxes.size(); ++i) {
        auto* box = reinterpret_cast<WeakBox*>(boxes[i] ^ 1);
        Cell* target = box->target.load_relaxed();
        if (i % 10 == 0) {
            ASSERT_NE(target, nullptr) << "a strongly held target must not be cleared";
            EXPECT_EQ(static_cast<Node*>(target)->payload.load_relaxed(), i);
            ++kept_strong;
        } else if (!target) {
            ++cleared;
        } else {
            EXPECT_EQ(static_cast<Node*>(target)->payload.load_relaxed(), i) << "a surviving weak target must be intact";
        }
    }
    EXPECT_EQ(kept_strong, 200);
    EXPECT_GE(cleared, 1700) << "weakly held targets should die (a few may be retained conservatively)";
}

TEST_F(HeapTest, WeakCallbacksRunAfterMarkingWithValidMarks)
{
    start();
    Node* volatile kept = build_list(*m_heap, *m_thread, 10, 1);
    int calls = 0;
    bool kept_marked = false;
    m_heap->add_weak_callback([&](Heap& heap) {
        ++calls;
        kept_marked = heap.is_marked(kept);
    });
    m_heap->collect(*m_thread);
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(kept_marked);
}

WEFT_NOINLINE void make_resources(Heap& heap, MutatorThread& thread, int count)
{
    for (int i = 0; i < count; ++i) {
        auto* resource = static_cast<Resource*>(heap.try_allocate(thread, sizeof(Resource), kResourceKind));
        ASSERT_NE(resource, nullptr);
        resource->id.store_relaxed(i);
    }
}

TEST_F(HeapTest, FinalizersRunForDeadCells)
{
    start({ .min_trigger_bytes = 1 * GiB });
    u64 before = g_resources_finalized.load();
    make_resources(*m_heap, *m_thread, 30000);
    collect_twice();
    // Empty blocks are finalized in the pause; the rest when lazily swept: allocate again.
    make_resources(*m_heap, *m_thread, 30000);
    EXPECT_GE(g_resources_finalized.load() - before, 25000u);
}

// Keeps a list reachable until allocation fails; returns how many nodes fit.
WEFT_NOINLINE u64 fill_to_limit(Heap& heap, MutatorThread& thread)
{
    Node* head = nullptr;
    u64 count = 0;
    for (;;) {
        Node* node = new_node(heap, thread, head, nullptr, count);
        if (!node)
            break;
        head = node;
        ++count;
        EXPECT_LT(count, 8 * MiB / sizeof(Node)) << "the limit was not enforced";
        if (count >= 8 * MiB / sizeof(Node))
            break;
    }
    EXPECT_LE(heap.stats().heap_bytes, 8 * MiB);
    EXPECT_EQ(heap.try_allocate(thread, 16 * MiB, kBlobKind), nullptr) << "large allocations obey the limit too";
    EXPECT_EQ(list_sum(head), expected_sum(count, 0));
    return count;
}

TEST_F(HeapTest, LimitMakesAllocationFailWithoutCrashing)
{
    start({ .limit_bytes = 8 * MiB, .min_trigger_bytes = 1 * MiB });
    u64 count = fill_to_limit(*m_heap, *m_thread);
    EXPECT_GT(count, 2 * MiB / sizeof(Node));
    // Everything dropped: allocation works again.
    collect_twice();
    EXPECT_NE(new_node(*m_heap, *m_thread, nullptr, nullptr, 1), nullptr);
    EXPECT_NE(m_heap->try_allocate(*m_thread, 1 * MiB, kBlobKind), nullptr);
}

TEST_F(HeapTest, LazySweepingReusesMemory)
{
    start({ .min_trigger_bytes = 2 * MiB });
    for (int round = 0; round < 40; ++round)
        make_garbage(*m_heap, *m_thread, 100000); // 3.2 MB per round, 128 MB in total
    GcStats stats = m_heap->stats();
    EXPECT_GE(stats.collections, 20u);
    EXPECT_LT(stats.heap_bytes, 16 * MiB) << "swept cells must be reused instead of taking new blocks";
}

WEFT_NOINLINE void scribble_blobs(Heap& heap, MutatorThread& thread, usize size, int count)
{
    for (int i = 0; i < count; ++i) {
        Cell* cell = heap.try_allocate(thread, size, kBlobKind);
        ASSERT_NE(cell, nullptr);
        std::memset(reinterpret_cast<char*>(cell) + 8, 0xab, size - 8);
    }
}

TEST_F(HeapTest, ReusedAndDecommittedBlocksHandOutZeroedCells)
{
    start({ .min_trigger_bytes = 1 * MiB });
    // 32 MB of dirty garbage, then collections: its blocks go back to the pool, most of them
    // decommitted (the heap keeps committed only what the next cycle will allocate).
    scribble_blobs(*m_heap, *m_thread, 64, 500000);
    collect_twice();
    EXPECT_LT(m_heap->stats().heap_bytes, 2 * MiB);
    // Reuse them for another size class: every cell must read as zero.
    for (int i = 0; i < 200000; ++i) {
        auto* bytes = reinterpret_cast<unsigned char*>(m_heap->try_allocate(*m_thread, 96, kBlobKind));
        ASSERT_NE(bytes, nullptr);
        for (usize b = 8; b < 96; ++b)
            ASSERT_EQ(bytes[b], 0) << "cell " << i << " byte " << b;
    }
}

TEST_F(HeapTest, TriggerScalesWithLiveBytes)
{
    start({ .min_trigger_bytes = 1 * MiB, .growth_factor = 2.0 });
    Node* volatile live = build_list(*m_heap, *m_thread, 200000, 0); // ~6.4 MB live
    m_heap->collect(*m_thread);
    u64 collections = m_heap->stats().collections;
    make_garbage(*m_heap, *m_thread, 300000); // 9.6 MB < 2 x 6.4 MB: no collection yet
    EXPECT_EQ(m_heap->stats().collections, collections);
    make_garbage(*m_heap, *m_thread, 300000);
    EXPECT_GT(m_heap->stats().collections, collections);
    EXPECT_EQ(list_sum(live), expected_sum(200000, 0));
}

TEST_F(HeapTest, GcStressCollectsAtEveryRefillAndKeepsData)
{
    start({ .min_trigger_bytes = 1 * GiB, .gc_stress = true });
    Node* volatile head = build_list(*m_heap, *m_thread, 20000, 5);
    make_garbage(*m_heap, *m_thread, 20000);
    EXPECT_GE(m_heap->stats().collections, 10u);
    EXPECT_EQ(list_sum(head), expected_sum(20000, 5));
}

TEST_F(HeapTest, StatsReportPauses)
{
    start();
    m_heap->collect(*m_thread);
    GcStats stats = m_heap->stats();
    EXPECT_EQ(stats.collections, 1u);
    EXPECT_GT(stats.last_pause_ns, 0u);
    EXPECT_GE(stats.max_pause_ns, stats.last_pause_ns);
    EXPECT_GE(stats.total_pause_ns, stats.last_pause_ns);
    EXPECT_LE(stats.last_mark_ns, stats.last_pause_ns);
    EXPECT_EQ(stats.last_marker_threads, 1u);
}

TEST_F(HeapTest, AttachAndDetachTrackTheCurrentThread)
{
    start();
    EXPECT_EQ(MutatorThread::current(), m_thread);
    EXPECT_EQ(m_heap->attached_thread_count(), 1u);
    m_heap->detach_current_thread(*m_thread);
    EXPECT_EQ(MutatorThread::current(), nullptr);
    EXPECT_EQ(m_heap->attached_thread_count(), 0u);
    m_thread = &m_heap->attach_current_thread();
    EXPECT_EQ(MutatorThread::current(), m_thread);
}

} // namespace
} // namespace weft::test
