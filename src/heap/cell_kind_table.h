// Heap-internal direct access to the cell kind table (markers and sweepers read it per cell).
//
// Invariants:
//  - An entry is written only by register_cell_kind, before any cell of that kind exists;
//    re-registering identical contents writes nothing. Readers therefore never race a write.
#pragma once

#include "base/atomic.h"
#include "heap/cell.h"

namespace weft {

extern CellKindInfo g_cell_kind_table[256];
// Atomic: set (release) once any registered kind has a finalizer.
extern Atomic<bool> g_any_cell_kind_finalizes;

} // namespace weft
