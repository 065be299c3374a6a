// Heap: construction, allocation slow paths, root and weak-callback registration, statistics.
#include "heap/heap.h"

#include "heap/cell_kind_table.h"
#include "heap/heap_state.h"

#include <algorithm>
#include <thread>

#ifdef WEFT_ASAN
// Conservative stack scanning must see every local in the real stack frame. ASan's "fake
// stacks" (detect_stack_use_after_return) move locals to side allocations the scanner cannot
// find, so cells referenced only from such locals would be collected. Turn them off for every
// program that links the heap; other ASan defaults are unchanged.
extern "C" char const* __asan_default_options() { return "detect_stack_use_after_return=0"; }
#endif

namespace weft {

namespace {

unsigned default_marker_count(HeapConfig const& config)
{
    if (config.max_marker_threads)
        return config.max_marker_threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

void finalize_if_needed(Cell* cell)
{
    if (auto finalize = g_cell_kind_table[cell->kind_raw()].finalize)
        finalize(cell);
}

} // namespace

HeapState::HeapState(Heap& heap, HeapConfig const& config)
    : m_heap(heap)
    , m_config(config)
    , m_max_markers(default_marker_count(config))
    , m_hardware_threads(std::max(1u, std::thread::hardware_concurrency()))
    , m_blocks(config.limit_bytes)
{
    m_trigger_bytes.store_relaxed(config.min_trigger_bytes);
}

HeapState::~HeapState()
{
    // Every thread has detached: release non-heap resources of the cells still allocated.
    if (g_any_cell_kind_finalizes.load_acquire()) {
        m_blocks.for_each_block_in_use([&](Block* block) { block->for_each_allocated_cell(m_cycle, finalize_if_needed); });
        m_large.sort_for_lookup();
        m_large.for_each([](LargeObject* object) { finalize_if_needed(object->cell()); });
    }
}

void HeapState::reset_caches(MutatorThread& thread)
{
    for (auto& cache : thread.m_caches)
        cache = AllocationCache {};
}

bool HeapState::refill(MutatorThread& thread, unsigned size_class)
{
    AllocationCache& cache = thread.m_caches[size_class];
    usize cell_size = kSizeClassCellSize[size_class];
    Cell* list = nullptr;
    // More of the current block: carve a few KiB of cells not handed out yet.
    if (cache.block) {
        if (usize cells = cache.block->carve(&list)) {
            cache.free_list = list;
            thread.m_unflushed_bytes += cells * cell_size;
            return true;
        }
    }
    // A new block: a safepoint, the place where this thread's count joins the global one,
    // and where the trigger is checked.
    thread.safepoint_poll();
    account_allocation(thread.m_unflushed_bytes);
    thread.m_unflushed_bytes = 0;
    if (m_config.gc_stress || trigger_reached())
        collect(thread);
    cache = AllocationCache {};
    // Lazy sweeping: the first block waiting for a sweep that has room becomes our window.
    while (Block* block = m_blocks.take_unswept(size_class)) {
        usize cells = block->sweep(&list, m_cycle);
        if (!cells)
            cells = block->carve(&list);
        if (cells) {
            cache = AllocationCache { list, block };
            thread.m_unflushed_bytes += cells * cell_size;
            return true;
        }
    }
    Block* block = m_blocks.take_free_block(size_class, m_config.limit_bytes, m_large.bytes(), m_cycle);
    if (!block)
        return false;
    usize cells = block->carve(&list);
    cache = AllocationCache { list, block };
    thread.m_unflushed_bytes += cells * cell_size;
    return true;
}

Heap::Heap(HeapConfig const& config)
    : m_state(std::make_unique<HeapState>(*this, config))
{
}

Heap::~Heap()
{
    WEFT_VERIFY(m_state->m_attached_count.load_relaxed() == 0);
}

Cell* Heap::allocate_small_slow(MutatorThread& thread, unsigned size_class, u8 kind)
{
    WEFT_ASSERT(kind != 0);
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_state->refill(thread, size_class)) {
            AllocationCache& cache = thread.m_caches[size_class];
            Cell* cell = cache.free_list;
            Cell** link = reinterpret_cast<Cell**>(reinterpret_cast<char*>(cell) + 8);
            cache.free_list = *link;
            *link = nullptr;
            cell->m_header.store_relaxed(kind);
            return cell;
        }
        if (attempt == 0)
            m_state->collect(thread); // over the limit: a collection may make room
    }
    return nullptr;
}

Cell* Heap::allocate_large(MutatorThread& thread, usize bytes, u8 kind)
{
    WEFT_ASSERT(kind != 0);
    if (bytes == 0)
        return try_allocate(thread, 1, kind);
    HeapState& state = *m_state;
    if (state.m_config.gc_stress || state.trigger_reached())
        state.collect(thread);
    for (int attempt = 0; attempt < 2; ++attempt) {
        usize block_bytes = state.m_blocks.blocks_in_use() * kBlockSize;
        if (Cell* cell = state.m_large.allocate(bytes, state.m_config.limit_bytes, block_bytes)) {
            cell->m_header.store_relaxed(kind);
            state.account_allocation(LargeObject::of(cell)->cell_size);
            return cell;
        }
        if (attempt == 0)
            state.collect(thread);
    }
    return nullptr;
}

void Heap::collect(MutatorThread& thread) { m_state->collect(thread); }

bool Heap::is_marked(Cell const* cell) const { return m_state->is_marked(cell); }

bool HeapState::is_marked(Cell const* cell) const
{
    if (!cell)
        return false;
    if (m_blocks.contains(reinterpret_cast<uptr>(cell)))
        return Block::of(cell)->is_marked(cell, m_cycle);
    return LargeObject::of(cell)->marked_cycle.load_relaxed() == m_cycle;
}

u64 Heap::add_root_source(std::function<void(Tracer&)> visit_roots)
{
    LockGuard guard(m_state->m_callbacks_lock);
    u64 id = m_state->m_next_callback_id++;
    m_state->m_root_sources.emplace_back(id, std::move(visit_roots));
    return id;
}

void Heap::remove_root_source(u64 id)
{
    LockGuard guard(m_state->m_callbacks_lock);
    auto& list = m_state->m_root_sources;
    list.erase(std::remove_if(list.begin(), list.end(), [&](auto const& entry) { return entry.first == id; }), list.end());
}

u64 Heap::add_weak_callback(std::function<void(Heap&)> callback)
{
    LockGuard guard(m_state->m_callbacks_lock);
    u64 id = m_state->m_next_callback_id++;
    m_state->m_weak_callbacks.emplace_back(id, std::move(callback));
    return id;
}

void Heap::remove_weak_callback(u64 id)
{
    LockGuard guard(m_state->m_callbacks_lock);
    auto& list = m_state->m_weak_callbacks;
    list.erase(std::remove_if(list.begin(), list.end(), [&](auto const& entry) { return entry.first == id; }), list.end());
}

GcStats Heap::stats() const
{
    GcStats stats;
    {
        LockGuard guard(m_state->m_stats_lock);
        stats = m_state->m_stats;
    }
    stats.bytes_allocated_total = m_state->m_bytes_allocated_total.load_relaxed();
    stats.heap_bytes = m_state->heap_bytes();
    return stats;
}

HeapConfig const& Heap::config() const { return m_state->m_config; }

usize Heap::attached_thread_count() const { return m_state->m_attached_count.load_relaxed(); }

} // namespace weft
