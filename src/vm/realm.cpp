// Realm: roots of the intrinsics and the global lexical bindings.
#include "vm/realm.h"

#include "heap/heap.h"
#include "objects/object.h"
#include "objects/string.h"
#include "vm/runtime.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <mutex>

namespace weft {

void GlobalCell::trace(Cell* cell, Tracer& tracer)
{
    auto* global = static_cast<GlobalCell*>(cell);
    tracer.visit(global->m_name);
    trace_slot(tracer, global->m_value);
}

void register_realm_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] { register_cell_kind(to_u8(CellKind::GlobalCell), { "GlobalCell", GlobalCell::trace, nullptr }); });
}

Realm::Realm(Runtime& runtime)
    : m_runtime(runtime)
{
    register_realm_cell_kinds();
    m_root_source_id = runtime.heap().add_root_source([this](Tracer& tracer) { visit_roots(tracer); });
}

Realm::~Realm()
{
    m_runtime.heap().remove_root_source(m_root_source_id);
}

void Realm::visit_roots(Tracer& tracer)
{
    // The world is stopped: nobody holds the locks (holders never reach a safepoint).
    tracer.visit(global_object);
#define WEFT_VISIT_INTRINSIC(name) tracer.visit(name);
    WEFT_ENUMERATE_INTRINSICS(WEFT_VISIT_INTRINSIC)
#undef WEFT_VISIT_INTRINSIC
    for (Shape* shape : { function_shape, constructor_shape, class_constructor_shape, generator_function_shape,
             async_function_shape, async_generator_function_shape, prototype_object_shape, iterator_result_shape, arguments_shape })
        tracer.visit(reinterpret_cast<Cell*>(shape));
    for (auto& [name, cell] : m_lexical) {
        tracer.visit(name);
        tracer.visit(cell);
    }
    for (Value v : m_extra_roots)
        trace_value(tracer, v);
}

GlobalCell* Realm::find_lexical(String* name)
{
    LockGuard guard(m_lexical_lock);
    auto it = m_lexical.find(name);
    return it == m_lexical.end() ? nullptr : it->second;
}

GlobalCell* Realm::declare_lexical(Vm& vm, String* name, bool is_const, bool* exists)
{
    *exists = false;
    if (find_lexical(name)) {
        *exists = true;
        return nullptr;
    }
    // Allocate outside the lock (allocation may reach a safepoint).
    auto* cell = vm.try_allocate<GlobalCell>(sizeof(GlobalCell), CellKind::GlobalCell);
    if (!cell)
        return nullptr;
    cell->m_name = name;
    cell->m_value.store_relaxed(Value::empty());
    cell->m_flags = is_const ? GlobalCell::kConst : 0;
    LockGuard guard(m_lexical_lock);
    auto [it, inserted] = m_lexical.emplace(name, cell);
    if (!inserted) {
        *exists = true;
        return nullptr;
    }
    return cell;
}

void Realm::add_root(Value v)
{
    LockGuard guard(m_roots_lock);
    m_extra_roots.push_back(v);
}

} // namespace weft
