// Tracing helpers for fields that hold Values.
#pragma once

#include "heap/heap.h"
#include "vm/value.h"

namespace weft {

inline void trace_value(Tracer& tracer, Value v)
{
    if (v.is_cell())
        tracer.visit(v.as_cell());
}

inline void trace_slot(Tracer& tracer, AtomicValue const& slot) { trace_value(tracer, slot.load_relaxed()); }

} // namespace weft
