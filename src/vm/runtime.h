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
struct EngineState;

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

    // The engine layer's process-wide state (realm, interpreter thread registry). Installed once
    // at start-up, before other threads attach; destroyed with `deleter` before the heap.
    EngineState* engine() const { return m_engine; }
    void set_engine(EngineState* engine, void (*deleter)(EngineState*))
    {
        m_engine = engine;
        m_engine_deleter = deleter;
    }

private:
    Heap m_heap;
    std::unique_ptr<AtomTable> m_atoms;
    std::unique_ptr<ShapeRoots> m_shape_roots;
    EngineState* m_engine = nullptr;
    void (*m_engine_deleter)(EngineState*) = nullptr;
};

} // namespace weft
