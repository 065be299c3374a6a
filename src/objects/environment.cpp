// Environments (captured variables) and ValueArrays: allocation and tracing.
#include "objects/environment.h"

#include "heap/heap.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <mutex>

namespace weft {

Environment* Environment::try_create(Vm& vm, Environment* parent, u32 count)
{
    auto* env = vm.try_allocate<Environment>(sizeof(Environment) + usize(count) * sizeof(AtomicValue), CellKind::Environment);
    if (!env)
        return nullptr;
    env->m_parent = parent;
    env->m_count = count;
    for (u32 i = 0; i < count; ++i)
        env->slots()[i].store_relaxed(Value::undefined());
    return env;
}

Environment* Environment::try_copy(Vm& vm, Environment const* from)
{
    Environment* env = try_create(vm, from->m_parent, from->m_count);
    if (!env)
        return nullptr;
    for (u32 i = 0; i < from->m_count; ++i)
        env->slots()[i].store_relaxed(from->get(i));
    return env;
}

void Environment::trace(Cell* cell, Tracer& tracer)
{
    auto* env = static_cast<Environment*>(cell);
    tracer.visit(env->m_parent);
    for (u32 i = 0; i < env->m_count; ++i)
        trace_slot(tracer, env->slots()[i]);
}

ValueArray* ValueArray::try_create(Vm& vm, u32 count)
{
    auto* array = vm.try_allocate<ValueArray>(sizeof(ValueArray) + usize(count) * sizeof(AtomicValue), CellKind::ValueArray);
    if (!array)
        return nullptr;
    array->m_count = count;
    for (u32 i = 0; i < count; ++i)
        array->values()[i].store_relaxed(Value::undefined());
    return array;
}

void ValueArray::trace(Cell* cell, Tracer& tracer)
{
    auto* array = static_cast<ValueArray*>(cell);
    for (u32 i = 0; i < array->m_count; ++i)
        trace_slot(tracer, array->values()[i]);
}

void register_environment_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_cell_kind(to_u8(CellKind::Environment), { "Environment", Environment::trace, nullptr });
        register_cell_kind(to_u8(CellKind::ValueArray), { "ValueArray", ValueArray::trace, nullptr });
    });
}

} // namespace weft
