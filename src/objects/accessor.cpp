// Accessor: allocation and tracing of getter/setter pairs.
#include "objects/accessor.h"

#include "vm/trace.h"
#include "vm/vm.h"

namespace weft {

Accessor* Accessor::try_create(Vm& vm, Value getter, Value setter)
{
    auto* accessor = vm.try_allocate<Accessor>(sizeof(Accessor), CellKind::Accessor);
    if (!accessor)
        return nullptr;
    accessor->m_getter = getter;
    accessor->m_setter = setter;
    return accessor;
}

void Accessor::trace(Cell* cell, Tracer& tracer)
{
    auto* accessor = static_cast<Accessor*>(cell);
    trace_value(tracer, accessor->m_getter);
    trace_value(tracer, accessor->m_setter);
}

} // namespace weft
