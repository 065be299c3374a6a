// Vm: the per-thread handle on the Runtime. Every engine function that may allocate takes one.
//
// A Vm attaches its OS thread to the heap on construction and detaches on destruction; it is
// used only by that thread (CONVENTIONS: "a function taking Vm& may allocate").
#pragma once

#include "heap/heap.h"
#include "vm/cell_kind.h"
#include "vm/runtime.h"

namespace weft {

class Vm {
public:
    explicit Vm(Runtime&);
    ~Vm();
    Vm(Vm const&) = delete;
    Vm& operator=(Vm const&) = delete;

    Runtime& runtime() { return m_runtime; }
    Heap& heap() { return m_runtime.heap(); }
    MutatorThread& mutator() { return m_mutator; }

    // Zeroed cell memory of `bytes` with the given kind, or nullptr when the heap limit is
    // reached (callers turn that into a RangeError once exceptions exist).
    Cell* try_allocate_cell(usize bytes, CellKind kind) { return heap().try_allocate(m_mutator, bytes, to_u8(kind)); }

    template<typename T>
    T* try_allocate(usize bytes, CellKind kind) { return static_cast<T*>(try_allocate_cell(bytes, kind)); }

    void safepoint_poll() { m_mutator.safepoint_poll(); }

private:
    Runtime& m_runtime;
    MutatorThread& m_mutator;
};

} // namespace weft
