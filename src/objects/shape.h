// PLACEHOLDER: replaced by the object model implementation.
#pragma once
#include "heap/heap.h"
namespace weft {
class ShapeRoots {
public:
    explicit ShapeRoots(Heap&);
    ~ShapeRoots();
};
void register_object_cell_kinds();
} // namespace weft
