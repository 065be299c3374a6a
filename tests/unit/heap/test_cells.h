// Test cell kinds for the heap tests: a binary Node, a weak Box, and a finalized Resource.
#pragma once

#include "heap/heap.h"

#include <atomic>

namespace weft::test {

constexpr u8 kNodeKind = 1;
constexpr u8 kWeakBoxKind = 2;
constexpr u8 kResourceKind = 3;
constexpr u8 kBlobKind = 4; // no references (strings-like payload)

// Layout: +0 header  +8 left  +16 right  +24 payload
struct Node : Cell {
    Atomic<Node*> left;
    Atomic<Node*> right;
    Atomic<u64> payload;
};
static_assert(sizeof(Node) == 32);

// Layout: +0 header  +8 weak target
struct WeakBox : Cell {
    Atomic<Cell*> target;
};

// Layout: +0 header  +8 id. Its finalizer counts deaths.
struct Resource : Cell {
    Atomic<u64> id;
};

inline std::atomic<u64> g_resources_finalized { 0 };

inline void trace_node(Cell* cell, Tracer& tracer)
{
    auto* node = static_cast<Node*>(cell);
    tracer.visit(node->left.load_relaxed());
    tracer.visit(node->right.load_relaxed());
}

inline void trace_weak_box(Cell* cell, Tracer& tracer) { tracer.visit_weak(&static_cast<WeakBox*>(cell)->target); }

inline void finalize_resource(Cell*) { g_resources_finalized.fetch_add(1, std::memory_order_relaxed); }

inline void register_test_kinds()
{
    register_cell_kind(kNodeKind, CellKindInfo { "TestNode", trace_node, nullptr });
    register_cell_kind(kWeakBoxKind, CellKindInfo { "TestWeakBox", trace_weak_box, nullptr });
    register_cell_kind(kResourceKind, CellKindInfo { "TestResource", nullptr, finalize_resource });
    register_cell_kind(kBlobKind, CellKindInfo { "TestBlob", nullptr, nullptr });
}

inline Node* new_node(Heap& heap, MutatorThread& thread, Node* left, Node* right, u64 payload)
{
    auto* node = static_cast<Node*>(heap.try_allocate(thread, sizeof(Node), kNodeKind));
    if (!node)
        return nullptr;
    node->left.store_relaxed(left);
    node->right.store_relaxed(right);
    node->payload.store_relaxed(payload);
    return node;
}

// Overwrites dead stack below the caller so stale copies of pointers left by earlier calls
// do not keep garbage alive through conservative scanning.
WEFT_NOINLINE inline void clear_dead_stack()
{
    volatile char buffer[32 * 1024];
    for (usize i = 0; i < sizeof(buffer); ++i)
        buffer[i] = 0;
}

// Scales iteration counts down under sanitizers and in unoptimised builds.
constexpr u64 scaled(u64 release_count)
{
#if defined(WEFT_TSAN) || defined(WEFT_ASAN)
    return release_count / 10 ? release_count / 10 : 1;
#elif !defined(NDEBUG)
    return release_count / 4 ? release_count / 4 : 1;
#else
    return release_count;
#endif
}

} // namespace weft::test
