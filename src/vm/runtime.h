// Runtime: the process-wide engine state shared by all threads (heap, atoms, shape roots).
//
// Thread-safety: a Runtime is created before any Vm and destroyed after the last Vm; its
// members are either immutable after construction or state their own protection.
#pragma once

#include "heap/heap.h"

#include <memory>

namespace weft {

class AtomTable;
class ShapeRoots;

struct RuntimeConfig {
    HeapConfig heap;
};

class Runtime {
public:
    explicit Runtime(RuntimeConfig const& = {});
    ~Runtime();
    Runtime(Runtime const&) = delete;
    Runtime& operator=(Runtime const&) = delete;

    Heap& heap() { return m_heap; }
    AtomTable& atoms() { return *m_atoms; }
    ShapeRoots& shape_roots() { return *m_shape_roots; }

private:
    Heap m_heap;
    std::unique_ptr<AtomTable> m_atoms;
    std::unique_ptr<ShapeRoots> m_shape_roots;
};

} // namespace weft
