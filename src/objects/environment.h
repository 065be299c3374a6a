// Environment: the heap slots of the variables that closures capture, and ValueArray, a fixed
// array of Values for internal lists.
//
// Layout of an Environment (CellKind::Environment):
//   +0   cell header
//   +8   Environment* parent     immutable; the enclosing environment (null at the top)
//   +16  u32 count               immutable
//   +24  AtomicValue slots[count]
// Layout of a ValueArray (CellKind::ValueArray): +0 header, +8 u32 count, +16 AtomicValue values[count].
//
// Invariants:
//  - Captured variables are shared by every closure of the scope, which other threads may run:
//    slots are AtomicValues, written with release and read with acquire (a plain mov on x86-64),
//    so a cell read from a slot is fully initialised for the reader (R1).
//  - A slot of a let/const/class binding holds Value::empty() until initialised (the TDZ).
//  - parent and count never change; environments never move or shrink.
#pragma once

#include "heap/cell.h"
#include "vm/value.h"

namespace weft {

class Tracer;
class Vm;

class Environment final : public Cell {
public:
    // A fresh environment whose slots are all undefined (or empty when `tdz`); nullptr at the
    // heap limit.
    static Environment* try_create(Vm&, Environment* parent, u32 count);
    // A copy of `from` (same parent, same values): per-iteration bindings of `for (let ...)`.
    static Environment* try_copy(Vm&, Environment const* from);

    Environment* parent() const { return m_parent; }
    u32 count() const { return m_count; }
    Value get(u32 slot) const { WEFT_ASSERT(slot < m_count); return slots()[slot].load_acquire(); }
    void set(u32 slot, Value v) { WEFT_ASSERT(slot < m_count); slots()[slot].store_release(v); }
    // The environment `hops` parents up.
    Environment* ancestor(u32 hops)
    {
        Environment* e = this;
        while (hops--)
            e = e->m_parent;
        return e;
    }

    static void trace(Cell*, Tracer&);

private:
    AtomicValue* slots() { return reinterpret_cast<AtomicValue*>(this + 1); }
    AtomicValue const* slots() const { return reinterpret_cast<AtomicValue const*>(this + 1); }
    Environment* m_parent;
    u32 m_count;
    u32 m_padding;
};
static_assert(sizeof(Environment) == 24);

class ValueArray final : public Cell {
public:
    static ValueArray* try_create(Vm&, u32 count); // every value undefined
    u32 count() const { return m_count; }
    Value get(u32 i) const { WEFT_ASSERT(i < m_count); return values()[i].load_acquire(); }
    void set(u32 i, Value v) { WEFT_ASSERT(i < m_count); values()[i].store_release(v); }
    // Stores `v` and returns the previous value in one indivisible step (a once-only flag).
    Value exchange(u32 i, Value v) { WEFT_ASSERT(i < m_count); return values()[i].exchange_seq_cst(v); }
    // Subtracts one from an int32 element in one indivisible step; returns the new value (a
    // countdown that threads decrement concurrently, e.g. Promise.all's remaining count).
    i32 decrement_i32(u32 i)
    {
        WEFT_ASSERT(i < m_count);
        Value old = values()[i].load_acquire();
        while (!values()[i].compare_exchange_seq_cst(old, Value::from_i32(old.as_i32() - 1))) { }
        return old.as_i32() - 1;
    }
    static void trace(Cell*, Tracer&);

private:
    AtomicValue* values() { return reinterpret_cast<AtomicValue*>(this + 1); }
    AtomicValue const* values() const { return reinterpret_cast<AtomicValue const*>(this + 1); }
    u32 m_count;
    u32 m_padding;
};
static_assert(sizeof(ValueArray) == 16);

// Registers Environment and ValueArray with the heap. Idempotent.
void register_environment_cell_kinds();

} // namespace weft
