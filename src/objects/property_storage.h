// StorageSpine and StorageSegment: segmented slot storage that never moves (R3), used for an
// object's out-of-line named slots and for its dense array elements.
//
// Layout of a StorageSpine (CellKind::StorageSpine):
//   +0   cell header
//   +8   u32 flags (elements only: kNonExtensible / kSealed / kFrozen), immutable once published
//   +16  Atomic<SparseElements*> sparse side table (elements only; null until needed)
//   +24  Atomic<StorageSegment*> segments[kMaxSegments]
// Layout of a StorageSegment (CellKind::StorageSegment):
//   +0   cell header
//   +8   u32 capacity (kSegmentBase << k for segment k)
//   +16  AtomicValue slots[capacity]
//
// Slot j lives in segment k = floor(log2(j / B + 1)) at offset j - B * (2^k - 1), B = kSegmentBase,
// so segment k holds B * 2^k slots and the first k segments hold B * (2^k - 1).
//
// Invariants:
//  - A spine is installed in its owner once (CAS null -> spine) and never replaced for named
//    storage; element spines are replaced only under the owner's lock by integrity-level
//    changes (objects/elements.h), never by growth.
//  - A segment pointer goes null -> segment once, by CAS; the loser's segment is garbage. So
//    growth copies nothing, nothing moves, and a write racing with growth is never lost.
//  - Fresh segments are zeroed, i.e. every slot holds Value::empty() (the hole).
#pragma once

#include "base/assert.h"
#include "base/atomic.h"
#include "base/types.h"
#include "heap/cell.h"
#include "vm/value.h"

#include <bit>

namespace weft {

class SparseElements;
class Tracer;
class Vm;

class StorageSegment : public Cell {
public:
    static usize allocation_size(u32 capacity) { return sizeof(StorageSegment) + usize(capacity) * sizeof(AtomicValue); }
    u32 capacity() const { return m_capacity; }
    AtomicValue* slots() { return reinterpret_cast<AtomicValue*>(this + 1); }
    AtomicValue const* slots() const { return reinterpret_cast<AtomicValue const*>(this + 1); }

    static void trace(Cell*, Tracer&);

private:
    friend class StorageSpine;
    u32 m_capacity; // immutable
    u32 m_padding;
};
static_assert(sizeof(StorageSegment) == 16);

class StorageSpine : public Cell {
public:
    static constexpr u32 kSegmentBase = 8;
    static constexpr unsigned kMaxSegments = 24;
    // Slots addressable by one spine: B * (2^kMaxSegments - 1), about 134 million.
    static constexpr u64 kMaxSlots = u64(kSegmentBase) * ((u64(1) << kMaxSegments) - 1);

    static constexpr u32 kNonExtensible = 1;
    static constexpr u32 kSealed = 2;
    static constexpr u32 kFrozen = 4;
    // Thread.restrict: keeps element writes off the lock-free fast paths, so that the slow paths
    // can check the owner. No effect on attributes.
    static constexpr u32 kRestricted = 8;

    // A fresh, empty spine (no segments) or nullptr at the heap limit.
    static StorageSpine* try_create(Vm&, u32 flags = 0);

    struct Position {
        unsigned segment;
        u32 offset;
    };
    static WEFT_ALWAYS_INLINE Position position_of(u64 j)
    {
        u64 q = j / kSegmentBase + 1;
        unsigned k = std::bit_width(q) - 1;
        return { k, static_cast<u32>(j - kSegmentBase * ((u64(1) << k) - 1)) };
    }
    static u32 segment_capacity(unsigned k) { return kSegmentBase << k; }
    static u64 segment_start(unsigned k) { return u64(kSegmentBase) * ((u64(1) << k) - 1); }

    // The slot for index j if its segment exists, else nullptr (a hole for elements).
    WEFT_ALWAYS_INLINE AtomicValue* slot_if_present(u64 j) const
    {
        if (j >= kMaxSlots) [[unlikely]]
            return nullptr;
        Position p = position_of(j);
        StorageSegment* seg = m_segments[p.segment].load_acquire();
        return seg ? seg->slots() + p.offset : nullptr;
    }
    // The slot for index j, allocating its segment if needed (published by CAS; growth never
    // moves a slot). nullptr at the heap limit or when j >= kMaxSlots. May reach a safepoint.
    AtomicValue* ensure_slot(Vm&, u64 j);

    StorageSegment* segment_acquire(unsigned k) const { return m_segments[k].load_acquire(); }
    // Installs `seg` as segment k if none exists yet; returns the one installed.
    StorageSegment* install_segment(unsigned k, StorageSegment* seg);
    static StorageSegment* try_create_segment(Vm&, unsigned k);

    u32 flags() const { return m_flags; }
    // Atomic: written under the owning object's lock (objects/elements.cpp), read with acquire.
    SparseElements* sparse_acquire() const { return m_sparse.load_acquire(); }
    void set_sparse_release(SparseElements* table) { m_sparse.store_release(table); }

    // One past the highest slot index that has a segment (0 if none); a bound for iteration.
    u64 capacity_bound() const;

    static void trace(Cell*, Tracer&);

private:
    u32 m_flags;   // immutable once published
    u32 m_padding;
    Atomic<SparseElements*> m_sparse;
    Atomic<StorageSegment*> m_segments[kMaxSegments];
};

} // namespace weft
