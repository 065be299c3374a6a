// Vm: the per-thread handle on the Runtime. Every engine function that may allocate takes one.
//
// A Vm attaches its OS thread to the heap on construction and detaches on destruction; it is
// used only by that thread (CONVENTIONS: "a function taking Vm& may allocate").
#pragma once

#include "heap/heap.h"
#include "vm/cell_kind.h"
#include "vm/runtime.h"
#include "vm/value.h"

namespace weft {

class Realm;
struct ThreadState;

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

    // --- Engine state (set up by the interpreter layer; src/interpreter/thread_state.h) -------
    // The realm this thread runs code in, and the interpreter's per-thread state (register
    // stack, frames, microtask queue). Owner thread only.
    Realm* realm() const { return m_realm; }
    void set_realm(Realm* realm) { m_realm = realm; }
    ThreadState* thread_state() const { return m_thread_state; }
    void set_thread_state(ThreadState* state) { m_thread_state = state; }

    // The pending exception behind a ThrowOr that holds no value (vm/throw_or.h). Owner thread
    // only; a precise GC root (visited by the engine's root source).
    bool has_exception() const { return m_has_exception; }
    Value exception() const { return m_exception; }
    void set_exception(Value exception)
    {
        m_exception = exception;
        m_has_exception = true;
    }
    Value take_exception()
    {
        Value exception = m_exception;
        m_exception = Value::undefined();
        m_has_exception = false;
        return exception;
    }

private:
    Runtime& m_runtime;
    MutatorThread& m_mutator;
    Realm* m_realm = nullptr;
    ThreadState* m_thread_state = nullptr;
    Value m_exception;
    bool m_has_exception = false;
};

} // namespace weft
