// Object::find_own_data_locked: the storage word behind an own data property, for Atomics on
// object properties (THREADS-API.md section 5). The caller holds the object's lock, so no add,
// delete, attribute change or move to a sparse table can happen meanwhile; plain writes to the
// slot still can, which is why read-modify-writes on `slot` compare-and-swap.
#include "objects/dictionary.h"
#include "objects/elements.h"
#include "objects/object.h"

namespace weft {

bool Object::find_own_data_locked(Shape* held, PropertyKey key, OwnDataLocation& out)
{
    out = {};
    if (key.is_index()) {
        u32 index = key.as_index();
        StorageSpine* spine = m_elements.load_acquire();
        if (!spine)
            return false;
        if (is_array() && index >= array_length_acquire())
            return false;
        if (SparseElements* sparse = spine->sparse_acquire()) {
            if (auto* e = const_cast<SparseElements::Entry*>(sparse->find(index))) {
                out.attributes = PropertyAttributes(e->attributes);
                if (!out.attributes.is_accessor())
                    out.locked_value = &e->value;
                return true;
            }
        }
        AtomicValue* slot = spine->slot_if_present(index);
        if (!slot || slot->load_acquire().is_empty())
            return false;
        out.attributes = dense_element_attributes(spine->flags());
        out.slot = slot;
        return true;
    }
    std::optional<PropertyInfo> info;
    if (held->is_dictionary())
        info = held->dictionary_acquire()->find(key);
    else
        info = held->lookup_no_gc(key);
    if (!info)
        return false;
    out.attributes = info->attributes;
    if (!out.attributes.is_accessor())
        out.slot = slot_address(info->slot);
    return true;
}

} // namespace weft
