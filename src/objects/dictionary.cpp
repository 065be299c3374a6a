// DictionaryTable: an insertion-ordered hash table of key -> (slot, attributes), used under the
// owning object's lock.
#include "objects/dictionary.h"

#include "vm/vm.h"

#include <algorithm>
#include <bit>

namespace weft {

DictionaryTable* DictionaryTable::try_create(Vm& vm, u32 entry_capacity)
{
    entry_capacity = std::max<u32>(entry_capacity, 8);
    u32 hash_capacity = std::bit_ceil(entry_capacity * 2);
    usize bytes = sizeof(DictionaryTable) + usize(entry_capacity) * sizeof(Entry) + usize(hash_capacity) * sizeof(u32);
    auto* table = vm.try_allocate<DictionaryTable>(bytes, CellKind::DictionaryTable);
    if (!table)
        return nullptr;
    table->m_entry_capacity = entry_capacity;
    table->m_hash_capacity = hash_capacity;
    return table;
}

DictionaryTable::Entry* DictionaryTable::find_entry(PropertyKey key)
{
    u32* idx = index();
    u32 mask = m_hash_capacity - 1;
    for (u32 h = static_cast<u32>(key.hash()) & mask;; h = (h + 1) & mask) {
        u32 i = idx[h];
        if (i == 0)
            return nullptr;
        Entry& e = entries()[i - 1];
        if (e.key_bits == key.bits() && !e.deleted)
            return &e;
    }
}

std::optional<PropertyInfo> DictionaryTable::find(PropertyKey key) const
{
    Entry const* e = const_cast<DictionaryTable*>(this)->find_entry(key);
    if (!e)
        return std::nullopt;
    return PropertyInfo { e->slot, PropertyAttributes(e->attributes) };
}

void DictionaryTable::append(PropertyKey key, u32 slot, PropertyAttributes attributes)
{
    WEFT_ASSERT(has_room() && !find(key));
    u32 i = m_used++;
    Entry& e = entries()[i];
    e.key_bits = key.bits();
    e.slot = slot;
    e.attributes = attributes.bits();
    e.deleted = 0;
    u32* idx = index();
    u32 mask = m_hash_capacity - 1;
    u32 h = static_cast<u32>(key.hash()) & mask;
    while (idx[h] != 0)
        h = (h + 1) & mask;
    idx[h] = i + 1;
    ++m_live;
}

bool DictionaryTable::remove(PropertyKey key)
{
    Entry* e = find_entry(key);
    if (!e)
        return false;
    // The index keeps pointing at the entry (a tombstone for probing); the entry is skipped.
    e->deleted = 1;
    --m_live;
    return true;
}

bool DictionaryTable::update(PropertyKey key, u32 slot, PropertyAttributes attributes)
{
    Entry* e = find_entry(key);
    if (!e)
        return false;
    e->slot = slot;
    e->attributes = attributes.bits();
    return true;
}

void DictionaryTable::copy_live_from(DictionaryTable const& other)
{
    WEFT_ASSERT(m_used == 0 && m_entry_capacity >= other.m_live);
    for (u32 i = 0; i < other.m_used; ++i) {
        Entry const& e = other.entries()[i];
        if (!e.deleted)
            append(PropertyKey::from_bits(e.key_bits), e.slot, PropertyAttributes(e.attributes));
    }
    m_next_slot = other.m_next_slot;
}

void DictionaryTable::collect(std::vector<PropertyEntry>& out) const
{
    out.clear();
    out.reserve(m_live);
    for (u32 i = 0; i < m_used; ++i) {
        Entry const& e = entries()[i];
        if (!e.deleted)
            out.push_back({ PropertyKey::from_bits(e.key_bits), e.slot, PropertyAttributes(e.attributes) });
    }
}

void DictionaryTable::trace(Cell* cell, Tracer& tracer)
{
    auto* table = static_cast<DictionaryTable*>(cell);
    for (u32 i = 0; i < table->m_used; ++i) {
        Entry const& e = table->entries()[i];
        PropertyKey key = PropertyKey::from_bits(e.key_bits);
        // Deleted entries too: a key listed by own_property_keys stays alive while the caller
        // holds this table, even if the property is deleted meanwhile (objects/object.h).
        if (key.is_cell())
            tracer.visit(key.as_cell());
    }
}

} // namespace weft
