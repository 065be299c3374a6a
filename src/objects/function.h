// Function objects: bytecode closures, built-in (native) functions and bound functions, the
// CallArgs a native function receives, and a factory for objects of the engine's own kinds.
//
// Layout of every engine object kind (CellKind 96..127): the Object layout with a fixed inline
// capacity, then the kind's own fields:
//   +0   Object (header, shape word, out-of-line storage, elements)      32 bytes
//   +32  AtomicValue inline slots[kInlineCapacity]                         32 bytes
//   +64  the kind's fields
//
// FunctionObject (CellKind::FunctionObject):
//   +64  SharedFunctionInfo* shared   immutable: code, flags, the AST it compiles from
//   +72  Environment* environment     immutable: the scope the closure was created in
//   +80  Value home_object            immutable once published: [[HomeObject]] of methods
//   +88  Value fields                 class constructors: the instance-field initializer
// NativeFunction (CellKind::NativeFunction):
//   +64  NativeFn fn, +72 Value data[2] (closure data of internal functions), +88 u32 flags
// BoundFunction (CellKind::BoundFunction):
//   +64  Value target, +72 Value bound_this, +80 u32 count, +88 Value arguments[count]
//
// Invariants:
//  - Every field after the inline slots is written by the creating thread before the function
//    is published (stored anywhere another thread can read), and never again; the publishing
//    store is a release store (object slots, environment slots), so plain reads are safe.
//  - `length`, `name` and `prototype` are ordinary properties (realm shapes put them in the
//    inline slots), so redefining them goes through the object model like any property.
#pragma once

#include <atomic>

#include "objects/object.h"
#include "vm/throw_or.h"

namespace weft {

class Environment;
class SharedFunctionInfo;
class Tracer;

// The arguments a native function receives: this, the argument values, new.target and the
// function object itself (for its data slots).
class CallArgs {
public:
    CallArgs(Value callee, Value this_value, Value const* values, u32 count, Value new_target = Value::undefined())
        : m_callee(callee), m_this(this_value), m_values(values), m_count(count), m_new_target(new_target)
    {
    }
    Value this_value() const { return m_this; }
    u32 count() const { return m_count; }
    Value const* values() const { return m_values; }
    // The i-th argument, undefined when absent.
    Value arg(u32 i) const { return i < m_count ? m_values[i] : Value::undefined(); }
    Value operator[](u32 i) const { return arg(i); }
    // undefined for [[Call]], the new.target for [[Construct]].
    Value new_target() const { return m_new_target; }
    bool is_construct() const { return !m_new_target.is_undefined(); }
    Value callee() const { return m_callee; }

private:
    Value m_callee;
    Value m_this;
    Value const* m_values;
    u32 m_count;
    Value m_new_target;
};

class Vm;
using NativeFn = ThrowOr<Value> (*)(Vm&, CallArgs const&);

// Creates objects of the engine kinds (96..127) with an Object layout. nullptr at the heap limit.
class EngineObject : public Object {
public:
    static constexpr u32 kInlineCapacity = 4;
    static constexpr usize kFieldsOffset = sizeof(Object) + kInlineCapacity * sizeof(AtomicValue);

    // Allocates `bytes` (>= kFieldsOffset) of kind `kind` with the root shape for `prototype`.
    static Object* try_create(Vm&, CellKind, Object* prototype, usize bytes);
    // The same with a given shape (which must have kInlineCapacity inline slots), e.g. a
    // pre-built function shape whose first slots are filled in by the caller.
    static Object* try_create_with_shape(Vm&, CellKind, Shape*, usize bytes);
    // Stores into an inline slot of an object the caller just created with a pre-built shape.
    static void init_inline_slot(Object* object, u32 slot, Value value)
    {
        static_cast<EngineObject*>(object)->inline_slots()[slot].store_relaxed(value);
    }

protected:
    AtomicValue m_inline_slots_storage[kInlineCapacity];
};
static_assert(sizeof(EngineObject) == EngineObject::kFieldsOffset);

class FunctionObject final : public EngineObject {
public:
    SharedFunctionInfo* shared() const { return m_shared; }
    Environment* environment() const { return m_environment; }
    Value home_object() const { return m_home_object; }
    Value fields() const { return m_fields; }
    // Before publication only (class definition evaluation).
    void set_home_object(Value v) { m_home_object = v; }
    void set_fields(Value v) { m_fields = v; }

    static FunctionObject* try_create(Vm&, Shape*, SharedFunctionInfo*, Environment*);
    static void trace(Cell*, Tracer&);

private:
    SharedFunctionInfo* m_shared;
    Environment* m_environment;
    Value m_home_object;
    Value m_fields;
};

class NativeFunction final : public EngineObject {
public:
    static constexpr u32 kConstructor = 1;

    NativeFn fn() const { return m_fn; }
    Value data(u32 i) const { return m_data[i]; }
    void set_data(u32 i, Value v) { m_data[i] = v; } // before publication only
    // After publication: an atomic compare-and-swap of a data slot (a flag some built-ins flip
    // once, e.g. a Lock release function's "called"); no other access to that slot may race.
    bool compare_exchange_data(u32 i, Value expected, Value desired)
    {
        u64 bits = expected.bits();
        return std::atomic_ref<u64>(*reinterpret_cast<u64*>(&m_data[i])).compare_exchange_strong(bits, desired.bits());
    }
    bool is_constructor() const { return m_flags & kConstructor; }

    static NativeFunction* try_create(Vm&, Shape*, NativeFn, u32 flags);
    static void trace(Cell*, Tracer&);

private:
    NativeFn m_fn;
    Value m_data[2];
    u32 m_flags;
};

class BoundFunction final : public EngineObject {
public:
    Value target() const { return m_target; }
    Value bound_this() const { return m_bound_this; }
    u32 count() const { return m_count; }
    Value const* arguments() const { return reinterpret_cast<Value const*>(this + 1); }

    static BoundFunction* try_create(Vm&, Object* prototype, Value target, Value bound_this, Value const* args, u32 count);
    static void trace(Cell*, Tracer&);

private:
    Value m_target;
    Value m_bound_this;
    u32 m_count;
    u32 m_padding;
};

inline bool is_object(Value v) { return v.is_cell() && is_object_kind(v.as_cell()->kind_raw()); }
inline Object* as_object(Value v) { return static_cast<Object*>(v.as_cell()); }
inline bool is_string(Value v)
{
    if (!v.is_cell())
        return false;
    u8 k = v.as_cell()->kind_raw();
    return k >= to_u8(CellKind::OneByteString) && k <= to_u8(CellKind::RopeString);
}
inline bool is_symbol(Value v) { return v.is_cell_of_kind(CellKind::Symbol); }
// IsCallable ( argument ) for the kinds that exist today.
// spec: https://tc39.es/ecma262/#sec-iscallable
inline bool is_callable(Value v)
{
    if (!v.is_cell())
        return false;
    u8 k = v.as_cell()->kind_raw();
    return k >= to_u8(CellKind::FunctionObject) && k <= to_u8(CellKind::BoundFunction);
}

// Registers the engine object kinds' trace functions (FunctionObject .. PromiseObject without
// extra fields use Object::trace). Idempotent.
void register_function_cell_kinds();

} // namespace weft
