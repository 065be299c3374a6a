// ThreadLocal (THREADS-API.md section 4): one slot per thread, in ThreadState::thread_locals,
// keyed by the ThreadLocal's id. Only the owning thread reads or writes its map.
#include "builtins/builtins.h"
#include "interpreter/thread_state.h"
#include "threads/thread_objects.h"
#include "vm/realm.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <mutex>

namespace weft {

static ThrowOr<ThreadLocalObject*> this_thread_local(Vm& vm, CallArgs const& args, char const* what)
{
    Value v = args.this_value();
    if (!v.is_cell_of_kind(CellKind::ThreadLocalObject))
        return throw_type_error(vm, "ThreadLocal.prototype.%s called on incompatible receiver %s", what, describe_for_error(vm, v).c_str());
    return static_cast<ThreadLocalObject*>(v.as_cell());
}

static ThrowOr<Value> thread_local_constructor(Vm& vm, CallArgs const& args)
{
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor ThreadLocal requires 'new'");
    Object* prototype = TRY(GetPrototypeFromConstructor(vm, args.new_target(), vm.realm()->thread_local_prototype));
    auto* tl = static_cast<ThreadLocalObject*>(EngineObject::try_create(vm, CellKind::ThreadLocalObject, prototype, sizeof(ThreadLocalObject)));
    if (!tl)
        return throw_out_of_memory(vm);
    tl->id = thread_runtime(vm).next_thread_local_id.fetch_add_relaxed(1);
    return Value::from_cell(tl);
}

static ThrowOr<Value> thread_local_get(Vm& vm, CallArgs const& args)
{
    ThreadLocalObject* tl = TRY(this_thread_local(vm, args, "value"));
    auto& slots = vm.thread_state()->thread_locals;
    auto it = slots.find(tl->id);
    return it == slots.end() ? Value::undefined() : it->second;
}

static ThrowOr<Value> thread_local_set(Vm& vm, CallArgs const& args)
{
    ThreadLocalObject* tl = TRY(this_thread_local(vm, args, "value"));
    auto& slots = vm.thread_state()->thread_locals;
    if (args.arg(0).is_undefined())
        slots.erase(tl->id); // the initial state; nothing to keep alive
    else
        slots[tl->id] = args.arg(0);
    return Value::undefined();
}

constexpr NativeAccessor kThreadLocalAccessors[] = { { "value", thread_local_get, thread_local_set } };

ThrowOr<void> install_thread_local(Vm& vm)
{
    Realm& realm = *vm.realm();
    realm.thread_local_prototype = TRY(new_object(vm));
    TRY(install_constructor(vm, "ThreadLocal", 0, thread_local_constructor, realm.thread_local_prototype));
    TRY(install_accessors(vm, realm.thread_local_prototype, kThreadLocalAccessors));
    TRY(define_value(vm, realm.thread_local_prototype, "@@toStringTag", Value::from_cell(TRY(intern(vm, "ThreadLocal"))), PropertyAttributes::data(false, false, true)));
    return {};
}

void register_thread_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_cell_kind(to_u8(CellKind::ThreadObject), { "ThreadObject", ThreadObject::trace, nullptr });
        register_cell_kind(to_u8(CellKind::LockObject), { "LockObject", Object::trace, nullptr });
        register_cell_kind(to_u8(CellKind::ConditionObject), { "ConditionObject", Object::trace, nullptr });
        register_cell_kind(to_u8(CellKind::ThreadLocalObject), { "ThreadLocalObject", Object::trace, nullptr });
    });
}

} // namespace weft
