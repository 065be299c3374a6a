// Function objects: allocation and tracing of closures, native functions and bound functions.
#include "objects/function.h"

#include "heap/heap.h"
#include "objects/shape.h"
#include "vm/runtime.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <mutex>

namespace weft {

Object* EngineObject::try_create(Vm& vm, CellKind kind, Object* prototype, usize bytes)
{
    Shape* root = vm.runtime().shape_roots().root_for_prototype(vm, prototype, kInlineCapacity);
    if (!root)
        return nullptr;
    return try_create_with_shape(vm, kind, root, bytes);
}

Object* EngineObject::try_create_with_shape(Vm& vm, CellKind kind, Shape* shape, usize bytes)
{
    WEFT_ASSERT(bytes >= kFieldsOffset && shape->inline_capacity() == kInlineCapacity);
    auto* object = vm.try_allocate<EngineObject>(bytes, kind);
    if (!object)
        return nullptr;
    object->initialize(shape, kInlineCapacity);
    return object;
}

FunctionObject* FunctionObject::try_create(Vm& vm, Shape* shape, SharedFunctionInfo* shared, Environment* environment)
{
    auto* f = static_cast<FunctionObject*>(try_create_with_shape(vm, CellKind::FunctionObject, shape, sizeof(FunctionObject)));
    if (!f)
        return nullptr;
    f->m_shared = shared;
    f->m_environment = environment;
    f->m_home_object = Value::undefined();
    f->m_fields = Value::undefined();
    return f;
}

void FunctionObject::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    auto* f = static_cast<FunctionObject*>(cell);
    tracer.visit(reinterpret_cast<Cell*>(f->m_shared));
    tracer.visit(reinterpret_cast<Cell*>(f->m_environment));
    trace_value(tracer, f->m_home_object);
    trace_value(tracer, f->m_fields);
}

NativeFunction* NativeFunction::try_create(Vm& vm, Shape* shape, NativeFn fn, u32 flags)
{
    auto* f = static_cast<NativeFunction*>(try_create_with_shape(vm, CellKind::NativeFunction, shape, sizeof(NativeFunction)));
    if (!f)
        return nullptr;
    f->m_fn = fn;
    f->m_data[0] = Value::undefined();
    f->m_data[1] = Value::undefined();
    f->m_flags = flags;
    return f;
}

void NativeFunction::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    auto* f = static_cast<NativeFunction*>(cell);
    trace_value(tracer, f->m_data[0]);
    trace_value(tracer, f->m_data[1]);
}

BoundFunction* BoundFunction::try_create(Vm& vm, Object* prototype, Value target, Value bound_this, Value const* args, u32 count)
{
    usize bytes = sizeof(BoundFunction) + usize(count) * sizeof(Value);
    auto* f = static_cast<BoundFunction*>(EngineObject::try_create(vm, CellKind::BoundFunction, prototype, bytes));
    if (!f)
        return nullptr;
    f->m_target = target;
    f->m_bound_this = bound_this;
    f->m_count = count;
    auto* out = reinterpret_cast<Value*>(f + 1);
    for (u32 i = 0; i < count; ++i)
        out[i] = args[i];
    return f;
}

void BoundFunction::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    auto* f = static_cast<BoundFunction*>(cell);
    trace_value(tracer, f->m_target);
    trace_value(tracer, f->m_bound_this);
    for (u32 i = 0; i < f->m_count; ++i)
        trace_value(tracer, f->arguments()[i]);
}

void register_function_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_cell_kind(to_u8(CellKind::FunctionObject), { "FunctionObject", FunctionObject::trace, nullptr });
        register_cell_kind(to_u8(CellKind::NativeFunction), { "NativeFunction", NativeFunction::trace, nullptr });
        register_cell_kind(to_u8(CellKind::BoundFunction), { "BoundFunction", BoundFunction::trace, nullptr });
        register_cell_kind(to_u8(CellKind::ErrorObject), { "ErrorObject", Object::trace, nullptr });
        register_cell_kind(to_u8(CellKind::ArgumentsObject), { "ArgumentsObject", Object::trace, nullptr });
    });
}

} // namespace weft
