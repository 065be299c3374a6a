// Thread.restrict and the owner check of restricted objects (THREADS-API.md section 1).
//
// A restricted object records its owner in its header (Object::restrict_to). Restricting moves
// it to dictionary mode and flags its elements, so no inline cache or lock-free element path
// serves it: every get, set, has, delete, define, ownKeys, setPrototypeOf, isExtensible and
// preventExtensions reaches an operation that calls check_object_access first.
#include "threads/restrict.h"

#include "builtins/builtins.h"
#include "threads/thread_objects.h"
#include "vm/realm.h"
#include "vm/vm.h"

namespace weft {

ThrowOr<void> restricted_access_error(Vm& vm, Object* o, u32 owner)
{
    (void)o;
    return throw_concurrent_access_error(vm, "object is restricted to thread " + std::to_string(owner - 1) + " (Thread.restrict); thread " + std::to_string(current_thread_id(vm)) + " may not access it");
}

// Thread.restrict ( o )
ThrowOr<Value> thread_restrict(Vm& vm, CallArgs const& args)
{
    Value v = args.arg(0);
    if (!is_object(v))
        return throw_type_error(vm, "Thread.restrict requires an object");
    Object* o = as_object(v);
    if (o == vm.realm()->global_object)
        return throw_type_error(vm, "Thread.restrict: cannot restrict this object");
    u32 me = current_thread_id(vm) + 1;
    if (u32 owner = o->restricted_owner()) {
        if (owner != me)
            TRY(restricted_access_error(vm, o, owner));
        return v;
    }
    u32 owner = o->restrict_to(vm, me);
    if (owner == 0)
        return throw_out_of_memory(vm);
    if (owner != me)
        TRY(restricted_access_error(vm, o, owner));
    return v;
}

} // namespace weft
