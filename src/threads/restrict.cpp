// Thread.restrict (THREADS-API.md section 1).
#include "builtins/builtins.h"
#include "threads/thread_objects.h"
#include "vm/realm.h"
#include "vm/vm.h"

namespace weft {

// Thread.restrict ( o )
ThrowOr<Value> thread_restrict(Vm& vm, CallArgs const& args)
{
    Value o = args.arg(0);
    if (!is_object(o))
        return throw_type_error(vm, "Thread.restrict requires an object");
    if (as_object(o) == vm.realm()->global_object)
        return throw_type_error(vm, "Thread.restrict: cannot restrict this object");
    return throw_type_error(vm, "Thread.restrict is not implemented yet");
}

} // namespace weft
