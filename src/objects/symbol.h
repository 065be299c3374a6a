// Symbol cells: unique property keys with an optional description, and the well-known symbols.
//
// Layout:
//   +0   header word     kind (8) | heap (8) | bit 16 well-known | bit 17 registered (Symbol.for)
//   +8   String* description   immutable; nullptr means undefined
//
// Invariants:
//  - A Symbol never changes after it is published; identity is its address (no hash table).
//  - The well-known symbols exist once per Runtime: created lazily by the first Vm that asks,
//    published with one CAS (a racing loser's symbols become garbage), kept alive as roots.
#pragma once

#include "base/types.h"
#include "heap/cell.h"
#include "vm/cell_kind.h"

namespace weft {

class String;
class Vm;

class Symbol final : public Cell {
public:
    static constexpr u64 kWellKnownFlag = u64(1) << 16;
    static constexpr u64 kRegisteredFlag = u64(1) << 17;

    // nullptr when the description is undefined.
    String* description() const { return m_description; }
    bool is_well_known() const { return header_word().load_relaxed() & kWellKnownFlag; }
    bool is_registered() const { return header_word().load_relaxed() & kRegisteredFlag; }

private:
    friend Symbol* symbol_create(Vm&, String*);
    friend void trace_symbol(Cell*, class Tracer&);
    String* m_description; // immutable after publication
};

static_assert(sizeof(Symbol) == 16);

// A new Symbol whose [[Description]] is `description` (nullptr = undefined); nullptr if the heap
// is full. spec: https://tc39.es/ecma262/#sec-symbol-description
Symbol* symbol_create(Vm&, String* description);

// The well-known symbols, in the order of the spec's table.
// spec: https://tc39.es/ecma262/#sec-well-known-symbols
#define WEFT_ENUMERATE_WELL_KNOWN_SYMBOLS(X) \
    X(asyncIterator)                         \
    X(hasInstance)                           \
    X(isConcatSpreadable)                    \
    X(iterator)                              \
    X(match)                                 \
    X(matchAll)                              \
    X(replace)                               \
    X(search)                                \
    X(species)                               \
    X(split)                                 \
    X(toPrimitive)                           \
    X(toStringTag)                           \
    X(unscopables)

struct WellKnownSymbols {
#define WEFT_DECLARE_SYMBOL_FIELD(name) Symbol* name = nullptr;
    WEFT_ENUMERATE_WELL_KNOWN_SYMBOLS(WEFT_DECLARE_SYMBOL_FIELD)
#undef WEFT_DECLARE_SYMBOL_FIELD
};

// Symbol.for ( key ) with `key` already a String: the runtime-wide registered symbol for that
// content (created on first use). nullptr if the heap is full.
// spec: https://tc39.es/ecma262/#sec-symbol.for
Symbol* symbol_for(Vm&, String* key);
// Symbol.keyFor ( sym ): the key of a registered symbol, or nullptr (undefined) for others.
// spec: https://tc39.es/ecma262/#sec-symbol.keyfor
String* symbol_key_for(Symbol const*);

// The runtime's well-known symbols (created on first use; descriptions are "Symbol.iterator" …).
WellKnownSymbols const& well_known_symbols(Vm&);

// Called by register_string_cell_kinds().
void register_symbol_cell_kind();

} // namespace weft
