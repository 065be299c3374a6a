// DictionaryTable: the key table of an object in dictionary mode (many properties or many
// deletes), guarded by the owning object's lock, reads included.
//
// Layout (CellKind::DictionaryTable):
//   +0   cell header
//   +8   u32 entry_capacity, u32 hash_capacity (power of two, >= 2 * entry_capacity)
//   +16  u32 used (entries appended so far, deleted ones included), u32 live, u32 next_slot
//   +32  Entry entries[entry_capacity]   insertion order; a deleted entry keeps its place, flagged
//   then u32 index[hash_capacity]        entry number + 1, 0 = empty
//
// Invariants:
//  - Every field is read and written only while holding the owner's lock (objects/object.h), or
//    by the collector with the world stopped. The table is never resized in place: a bigger
//    one is allocated before taking the lock, filled under it and published in the owner's
//    dictionary shape (Shape::set_dictionary_release).
//  - Values are not here: they stay in the object's slots (inline and StorageSpine), so a switch
//    to dictionary mode moves no value and loses no racing write to an existing slot.
//  - next_slot only grows: a slot is never reused for another property before a GC.
//  - The collector traces the keys of deleted entries too (until the table is replaced by a
//    bigger copy, which drops them), so a key listed from this table stays alive while the
//    lister holds the table (Object::own_property_keys).
#pragma once

#include "objects/shape.h"

#include <optional>
#include <vector>

namespace weft {

class DictionaryTable : public Cell {
public:
    struct Entry {
        u64 key_bits;
        u32 slot;
        u8 attributes;
        u8 deleted;
        u8 padding[2];
    };

    static DictionaryTable* try_create(Vm&, u32 entry_capacity);

    std::optional<PropertyInfo> find(PropertyKey) const;
    bool has_room() const { return m_used < m_entry_capacity; }
    u32 live_count() const { return m_live; }
    u32 used_count() const { return m_used; }
    u32 entry_capacity() const { return m_entry_capacity; }
    u32 next_slot() const { return m_next_slot; }
    void set_next_slot(u32 slot) { m_next_slot = slot; }

    // Requires has_room() and that `key` is absent.
    void append(PropertyKey, u32 slot, PropertyAttributes);
    // Returns false if `key` is absent.
    bool remove(PropertyKey);
    bool update(PropertyKey, u32 slot, PropertyAttributes);
    // Copies the live entries of `other` in order (dropping deleted ones) and its next_slot.
    // Requires entry_capacity() >= other.live_count() and an empty table.
    void copy_live_from(DictionaryTable const& other);
    // Live properties in insertion order.
    void collect(std::vector<PropertyEntry>& out) const;

    static void trace(Cell*, Tracer&);

private:
    Entry* entries() { return reinterpret_cast<Entry*>(this + 1); }
    Entry const* entries() const { return reinterpret_cast<Entry const*>(this + 1); }
    u32* index() { return reinterpret_cast<u32*>(entries() + m_entry_capacity); }
    u32 const* index() const { return reinterpret_cast<u32 const*>(entries() + m_entry_capacity); }
    Entry* find_entry(PropertyKey);

    u32 m_entry_capacity;
    u32 m_hash_capacity;
    u32 m_used;
    u32 m_live;
    u32 m_next_slot;
    u32 m_padding;
};
static_assert(sizeof(DictionaryTable) == 32);

} // namespace weft
