// Symbol cells: creation, tracing, and the runtime's well-known symbols.
#include "objects/symbol.h"

#include "heap/heap.h"
#include "objects/atom_table.h"
#include "objects/string.h"
#include "vm/vm.h"

namespace weft {

Symbol* symbol_create(Vm& vm, String* description)
{
    auto* symbol = vm.try_allocate<Symbol>(sizeof(Symbol), CellKind::Symbol);
    if (!symbol)
        return nullptr;
    symbol->m_description = description;
    return symbol;
}

Symbol* symbol_for(Vm& vm, String* key)
{
    AtomTable& atoms = vm.runtime().atoms();
    String* atom = atoms.intern(vm, key);
    return atom ? atoms.registered_symbol(vm, atom) : nullptr;
}

String* symbol_key_for(Symbol const* symbol)
{
    // GlobalSymbolRegistry entries have their key as description (Symbol.for step 4).
    return symbol->is_registered() ? symbol->description() : nullptr;
}

WellKnownSymbols const& well_known_symbols(Vm& vm)
{
    return vm.runtime().atoms().well_known_symbols(vm);
}

void trace_symbol(Cell* cell, Tracer& tracer)
{
    tracer.visit(static_cast<Symbol*>(cell)->m_description);
}

void register_symbol_cell_kind()
{
    register_cell_kind(to_u8(CellKind::Symbol), { "Symbol", trace_symbol, nullptr });
}

} // namespace weft
