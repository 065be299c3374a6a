// Accessor: the getter/setter pair an accessor property's slot holds.
//
// Layout (CellKind::Accessor):
//   +0   cell header
//   +8   Value getter (undefined or a callable)
//   +16  Value setter (undefined or a callable)
// Invariants:
//  - Immutable once stored in a slot: redefining one half stores a new Accessor, so a racing
//    reader never sees a getter from one definition paired with a setter from another.
//  - Stored into slots with release and read with acquire, so its fields are visible.
#pragma once

#include "vm/value.h"

namespace weft {

class Tracer;
class Vm;

class Accessor : public Cell {
public:
    // nullptr at the heap limit.
    static Accessor* try_create(Vm&, Value getter, Value setter);

    Value getter() const { return m_getter; }
    Value setter() const { return m_setter; }

    static bool is_accessor(Value v) { return v.is_cell_of_kind(CellKind::Accessor); }
    static void trace(Cell*, Tracer&);

private:
    Value m_getter; // immutable
    Value m_setter; // immutable
};

} // namespace weft
