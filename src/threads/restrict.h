// The owner check of objects restricted with Thread.restrict (see restrict.cpp).
#pragma once

#include "objects/object.h"
#include "vm/throw_or.h"

namespace weft {

class Vm;
u32 current_thread_id(Vm&);
ThrowOr<void> restricted_access_error(Vm&, Object*, u32 owner);

// Throws ConcurrentAccessError when `o` is restricted to another thread. One header load when
// it is not restricted; called by the slow paths of every checked operation.
inline ThrowOr<void> check_object_access(Vm& vm, Object* o)
{
    if (u32 owner = o->restricted_owner()) [[unlikely]] {
        if (owner != current_thread_id(vm) + 1)
            return restricted_access_error(vm, o, owner);
    }
    return {};
}

} // namespace weft
