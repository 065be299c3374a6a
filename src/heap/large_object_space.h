// LargeObjectSpace: cells bigger than kMaxSmallCellSize, each in its own mapping.
//
// Layout of one mapping (page aligned, length rounded up to pages):
//   +0    LargeObject header: mapping size, cell size, mark epoch
//   +64   the cell (16-byte aligned), cell_size bytes, zeroed by the kernel
// Invariants:
//  - A large cell is marked in collection c iff its m_marked_cycle == c (set by exchange),
//    so nothing has to be cleared between collections.
//  - m_objects is changed under m_lock by allocating threads and in pauses; a pause sorts it
//    by address so conservative lookups are a binary search (m_sorted is valid only while
//    the world is stopped).
//  - Dead large objects are released in the pause that finds them dead: their mapping goes to
//    a small cache (at most kCacheBytes) that later allocations of the same page count reuse,
//    zeroing the cell by hand; beyond that it is unmapped. Unmapping in a multi-threaded
//    process costs a TLB shoot-down on every core, and a fresh mapping a page fault per page,
//    which a Map- or array-heavy workload on two threads paid for on every large table.
#pragma once

#include "base/atomic.h"
#include "base/mutex.h"
#include "base/types.h"

#include <vector>

namespace weft {

class Cell;

struct LargeObject {
    static constexpr usize kHeaderSize = 64;

    usize mapping_size = 0;
    usize cell_size = 0;
    // Atomic: exchanged by markers during a pause.
    Atomic<u64> marked_cycle { 0 };

    uptr cell_address() const { return reinterpret_cast<uptr>(this) + kHeaderSize; }
    Cell* cell() const { return reinterpret_cast<Cell*>(cell_address()); }
    static LargeObject* of(Cell const* cell) { return reinterpret_cast<LargeObject*>(reinterpret_cast<uptr>(cell) - kHeaderSize); }
};

class LargeObjectSpace {
public:
    LargeObjectSpace() = default;
    ~LargeObjectSpace();
    LargeObjectSpace(LargeObjectSpace const&) = delete;
    LargeObjectSpace& operator=(LargeObjectSpace const&) = delete;

    // A zeroed cell of `bytes`, or nullptr when mapping fails or `limit_bytes` would be
    // exceeded by large bytes + `other_bytes` + this one.
    Cell* allocate(usize bytes, usize limit_bytes, usize other_bytes);
    // Bytes held by large objects (mappings), relaxed.
    usize bytes() const { return m_bytes.load_relaxed(); }

    // --- With the world stopped ------------------------------------------------------------
    void sort_for_lookup();
    // The large cell containing `address`, or nullptr (after sort_for_lookup).
    Cell* cell_containing(uptr address) const;
    bool contains_cell(Cell const*) const;
    // Unmaps every object not marked in `cycle` (calling `finalize` first); returns the
    // bytes of the marked ones.
    template<typename Finalize>
    usize sweep(u64 cycle, Finalize const& finalize);
    template<typename Fn>
    void for_each(Fn const& fn)
    {
        for (LargeObject* object : m_sorted)
            fn(object);
    }

    // Mappings kept for reuse, at most this many bytes in all.
    static constexpr usize kCacheBytes = 32 * 1024 * 1024;

private:
    static void unmap(LargeObject*);
    // Keeps the dead object's mapping in the cache if there is room, else unmaps it.
    void release(LargeObject*) REQUIRES(m_lock);

    struct CachedMapping {
        void* memory;
        usize size;
    };
    std::vector<CachedMapping> m_cache GUARDED_BY(m_lock);
    usize m_cache_bytes GUARDED_BY(m_lock) = 0;

    Mutex m_lock;
    std::vector<LargeObject*> m_objects GUARDED_BY(m_lock);
    // A copy of m_objects sorted by address; written and read only in pauses.
    std::vector<LargeObject*> m_sorted;
    uptr m_lowest = 0;
    uptr m_highest = 0;
    // Atomic: updated under m_lock or in a pause, read relaxed for limits and stats.
    Atomic<usize> m_bytes { 0 };
};

template<typename Finalize>
usize LargeObjectSpace::sweep(u64 cycle, Finalize const& finalize)
{
    LockGuard guard(m_lock);
    usize live = 0;
    usize held = 0;
    std::vector<LargeObject*> survivors;
    survivors.reserve(m_objects.size());
    for (LargeObject* object : m_objects) {
        if (object->marked_cycle.load_relaxed() == cycle) {
            survivors.push_back(object);
            live += object->cell_size;
            held += object->mapping_size;
        } else {
            finalize(object->cell());
            release(object);
        }
    }
    m_objects.swap(survivors);
    m_sorted.clear();
    m_bytes.store_relaxed(held);
    return live;
}

} // namespace weft
