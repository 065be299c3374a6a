// Object::restrict_to: the object-model half of Thread.restrict (THREADS-API.md section 1). The
// owner check itself is in the engine's slow paths (threads/restrict.cpp, check_object_access).
#include "objects/object.h"

namespace weft {

u32 Object::restrict_to(Vm& vm, u32 owner)
{
    // Dictionary mode first: inline caches never cache dictionary shapes, as own or prototype
    // entries, so from now on every named get and set of this object reaches a slow path.
    for (;;) {
        Shape* shape = shape_acquire();
        if (shape->is_dictionary())
            break;
        if (!convert_to_dictionary(vm, shape))
            return 0;
    }
    // Flagged elements: the lock-free element write, delete and push paths decline them.
    if (set_elements_integrity(vm, StorageSpine::kRestricted) == Outcome::OutOfMemory)
        return 0;
    for (;;) {
        u64 header = header_word().load_acquire();
        if (u32 current = static_cast<u32>(header >> kRestrictedOwnerShift))
            return current;
        u64 restricted = (header & ((u64(1) << kRestrictedOwnerShift) - 1)) | (u64(owner) << kRestrictedOwnerShift);
        if (header_word().compare_exchange_acq_rel(header, restricted))
            return owner;
    }
}

} // namespace weft
