// Coroutine: the heap object of a generator (the generator object scripts see) or of an async
// function activation: its suspended frame (registers, environment, resume offset) and state.
//
// Layout (CellKind::GeneratorObject): the EngineObject layout, then
//   +64  Atomic<u32> state      SuspendedStart / SuspendedYield / Executing / Completed
//   +68  u32 kind               Generator / Async
//   +72  Value callee, +80 Value new_target, +88 Environment* env, +96 ValueArray* registers,
//   +104 u32 resume offset, +112 Value promise (async functions),
//   +120 AtomicValue queue, +128 Atomic<u32> generator state (async generators)
// Async generators: `queue` is the request queue (AsyncGeneratorRequest records), an immutable
// ValueArray of [kind, value, promise] triples replaced as a whole by compare-and-swap, so any
// thread may enqueue while another runs the body; `generator_state` is the spec's
// [[AsyncGeneratorState]] (AsyncGeneratorState below), separate from `state`, which only says
// who owns the saved frame.
// Invariants:
//  - A thread owns the frame fields while the state is Executing: it enters by CAS from a
//    suspended state (acquire) and leaves by a release store of a suspended or Completed
//    state, so a coroutine resumed on another thread sees the registers its last run saved.
//    Two threads resuming at once: one wins the CAS, the other gets "already running".
#pragma once

#include "objects/environment.h"
#include "objects/function.h"

namespace weft {

class Coroutine final : public EngineObject {
public:
    enum State : u32 { SuspendedStart = 0, SuspendedYield = 1, Executing = 2, Completed = 3 };
    enum Kind : u32 { Generator = 0, Async = 1, AsyncGenerator = 2 };
    enum AsyncGeneratorState : u32 { AgSuspendedStart = 0, AgSuspendedYield = 1, AgExecuting = 2, AgDrainingQueue = 3, AgCompleted = 4 };

    static Coroutine* try_create(Vm&, Object* prototype, Kind);

    Atomic<u32>& state() { return m_state; }
    Kind kind() const { return static_cast<Kind>(m_kind); }
    Value callee = Value::undefined();
    Value new_target = Value::undefined();
    Environment* env = nullptr;
    ValueArray* registers = nullptr;
    u32 resume_offset = 0;
    Value promise = Value::undefined();
    AtomicValue queue;
    Atomic<u32> generator_state;

    static void trace(Cell*, Tracer&);

private:
    Atomic<u32> m_state;
    u32 m_kind;
};

void register_coroutine_cell_kind();

} // namespace weft
