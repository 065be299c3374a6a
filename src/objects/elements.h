// Elements: integer-indexed properties. Dense elements live in a StorageSpine (segmented, never
// moving: objects/property_storage.h) with holes as Value::empty(); a SparseElements side table,
// used under the owning object's lock, holds huge indices, non-default attributes and accessors.
//
// Layout of SparseElements (CellKind::SparseElements):
//   +0   cell header
//   +8   u32 capacity (power of two), u32 live, u32 used (live + deleted markers)
//   +24  Entry entries[capacity]   open addressing: { u32 index; u8 attributes; u8 state; Value value }
//
// Invariants:
//  - The element spine's flags (kNonExtensible / kSealed / kFrozen) are immutable; an integrity
//    change installs a new spine (fresh copies of the segments) under the lock, so a writer that
//    checked the flags of the spine it loaded can never modify a frozen spine.
//  - Growth never replaces the spine: new segments are CAS-installed, so a write racing with
//    growth (push) is never lost.
//  - An index is in the sparse table or in the dense storage, not both. Moving an index to the
//    sparse table publishes the table before clearing the dense slot; lock-free readers load the
//    dense slot first, then the sparse pointer, and take the lock when a sparse table exists.
//  - Every access to a SparseElements, reads included, holds the owner's lock; it is replaced
//    (never resized in place) by a bigger copy allocated before the lock is taken.
//  - For an Array, dense values at indices >= length are invisible; every operation that raises
//    the length clears [old length, new index) under the lock before publishing the new length.
#pragma once

#include "objects/property_attributes.h"
#include "vm/value.h"

#include <vector>

namespace weft {

class StorageSpine;
class Tracer;
class Vm;

class SparseElements : public Cell {
public:
    struct Entry {
        u32 index;
        u8 attributes;
        u8 state; // 0 empty, 1 live, 2 deleted
        u8 padding[2];
        Value value; // written under the owner's lock
    };

    static SparseElements* try_create(Vm&, u32 min_live);
    Entry* find(u32 index);
    Entry const* find(u32 index) const { return const_cast<SparseElements*>(this)->find(index); }
    bool has_room() const { return (m_used + 1) * 4 <= m_capacity * 3; }
    u32 live_count() const { return m_live; }
    u32 capacity() const { return m_capacity; }
    // Requires has_room() and `index` absent.
    void insert(u32 index, PropertyAttributes, Value);
    void remove(Entry*);
    void copy_live_from(SparseElements const&);
    template<typename F>
    void for_each_live(F&& f) const
    {
        for (u32 i = 0; i < m_capacity; ++i) {
            if (entries()[i].state == 1)
                f(entries()[i]);
        }
    }
    static void trace(Cell*, Tracer&);

private:
    Entry* entries() { return reinterpret_cast<Entry*>(this + 1); }
    Entry const* entries() const { return reinterpret_cast<Entry const*>(this + 1); }
    u32 m_capacity;
    u32 m_live;
    u32 m_used;
    u32 m_padding;
};
static_assert(sizeof(SparseElements) == 24);

// The attributes of every dense element of a spine with these flags.
PropertyAttributes dense_element_attributes(u32 spine_flags);

} // namespace weft
