// PLACEHOLDER: replaced by the atom table implementation.
#pragma once
#include "heap/heap.h"
namespace weft {
class AtomTable {
public:
    explicit AtomTable(Heap&);
    ~AtomTable();
};
} // namespace weft
