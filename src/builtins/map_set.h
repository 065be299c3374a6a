// Map and Set: insertion-ordered hash tables keyed by SameValueZero, one per-collection lock.
//
// Layout of MapObject / SetObject (CellKind::MapObject / SetObject): the EngineObject layout, then
//   +64 Atomic<MapTable*> table, +72 Atomic<u32> lock
// Layout of a MapTable (CellKind::MapTable): +8 u32 capacity, used, live, hash capacity,
//   first live entry, padding; +32 Entry entries[capacity] { Value key, value; u32 next };
//   then u32 heads[hash capacity]
// Invariants:
//  - Every read and write of the table, including reads, holds the collection's lock; the holder
//    never allocates, never polls a safepoint and never calls JavaScript (R5, R6). Waiters spin
//    and poll safepoints.
//  - A full table is replaced, never resized in place: the bigger copy is allocated with the lock
//    released, then filled and published under the lock if nothing changed meanwhile (R2).
//  - Entries keep their positions (deleted ones are marked with an empty key), so iterators are
//    positions; tables are not compacted (NOTE: a delete-heavy map grows until clear()).
#pragma once

#include "objects/function.h"

#include <vector>

namespace weft {

u32 collection_size(Object* map_or_set);
// Snapshot of the live entries: key, value pairs for a Map, keys for a Set.
void collection_entries(Object* map_or_set, std::vector<Value>& out);
// The entry at `position` or later: sets *position past it; false when there is none.
bool collection_entry_at(Object* map_or_set, u32* position, Value* key, Value* value);
void register_map_set_cell_kinds();

} // namespace weft
