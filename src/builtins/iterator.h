// Built-in iterator objects (Array, String, Map and Set iterators): one cell kind whose `type`
// says which next() it answers to.
//
// Layout (CellKind::InternalIterator): the EngineObject layout, then
//   +64 Value target (undefined once exhausted), +72 u32 index, +76 u8 type, +77 u8 kind
// Invariants: fields are written by whichever thread calls next(); a shared iterator is a racy
// object like any other — each field is one word, read and written atomically (R1).
#pragma once

#include "objects/function.h"

namespace weft {

class InternalIterator final : public EngineObject {
public:
    enum Type : u8 { Array, String, Map, Set, AsyncFromSync };
    enum Kind : u8 { Keys, Values, Entries };

    static InternalIterator* try_create(Vm&, Object* prototype, Value target, Type, Kind);
    Value target() const { return m_target.load_acquire(); }
    void set_target(Value v) { m_target.store_release(v); }
    u32 index() const { return m_index.load_relaxed(); }
    void set_index(u32 i) { m_index.store_relaxed(i); }
    Type type() const { return m_type; }
    Kind kind() const { return m_kind; }
    static void trace(Cell*, Tracer&);

private:
    AtomicValue m_target;
    Atomic<u32> m_index;
    Type m_type;
    Kind m_kind;
};

void register_iterator_cell_kind();
// %ArrayIteratorPrototype%.next, for the interpreter's for-of fast path.
ThrowOr<Value> array_iterator_next(Vm&, CallArgs const&);

} // namespace weft
