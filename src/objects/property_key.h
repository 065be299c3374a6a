// PropertyKey: a property name as the object model sees it — an array index, an atom
// (interned String) or a Symbol — in one word, compared by identity.
//
// Encoding (u64):
//   (index << 1) | 1      an array index, 0 .. 2^32 - 2 (ECMA-262 "array index")
//   cell pointer          an atom (String with the atom flag) or a Symbol (16-byte aligned, bit 0 clear)
// Invariants:
//  - A string that is a canonical array index ("0", "17", not "017" or "4294967295") is always
//    an index key, never an atom key, so equal keys have equal bits.
//  - Atoms are unique per content (objects/atom_table.h), so comparing bits compares names.
#pragma once

#include "base/assert.h"
#include "base/types.h"
#include "heap/cell.h"
#include "vm/cell_kind.h"

namespace weft {

class String;
class Symbol;

class PropertyKey {
public:
    static constexpr u32 kMaxIndex = 0xffff'fffeu; // 2^32 - 2

    static PropertyKey from_index(u32 index)
    {
        WEFT_ASSERT(index <= kMaxIndex);
        return PropertyKey((u64(index) << 1) | 1);
    }
    // `atom` must be interned (AtomTable::intern) and not an array index.
    static PropertyKey from_atom(String const* atom) { return PropertyKey(reinterpret_cast<uptr>(atom)); }
    static PropertyKey from_symbol(Symbol const* symbol) { return PropertyKey(reinterpret_cast<uptr>(symbol)); }
    static PropertyKey from_bits(u64 bits) { return PropertyKey(bits); }

    bool is_index() const { return m_bits & 1; }
    u32 as_index() const { WEFT_ASSERT(is_index()); return static_cast<u32>(m_bits >> 1); }
    bool is_cell() const { return !is_index(); }
    Cell* as_cell() const { WEFT_ASSERT(is_cell()); return reinterpret_cast<Cell*>(static_cast<uptr>(m_bits)); }
    bool is_symbol() const { return is_cell() && as_cell()->kind_raw() == to_u8(CellKind::Symbol); }
    bool is_atom() const { return is_cell() && !is_symbol(); }
    String* as_atom() const { WEFT_ASSERT(is_atom()); return reinterpret_cast<String*>(as_cell()); }
    Symbol* as_symbol() const { WEFT_ASSERT(is_symbol()); return reinterpret_cast<Symbol*>(as_cell()); }

    u64 bits() const { return m_bits; }
    // A well-mixed hash of the identity (pointers are stable: the heap never moves cells).
    u64 hash() const
    {
        u64 x = m_bits;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        return x;
    }
    bool operator==(PropertyKey const& other) const { return m_bits == other.m_bits; }

private:
    explicit PropertyKey(u64 bits) : m_bits(bits) { }
    u64 m_bits;
};

} // namespace weft
