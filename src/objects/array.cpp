// ArrayObject: creation, ArraySetLength and the push fast path.
#include "objects/array.h"

#include "objects/elements.h"
#include "objects/property_storage.h"
#include "vm/vm.h"

#include <cmath>

namespace weft {

ArrayObject* ArrayObject::try_create(Vm& vm, Object* prototype, u32 length)
{
    Shape* root = vm.runtime().shape_roots().root_for_prototype(vm, prototype, 0);
    if (!root)
        return nullptr;
    auto* array = vm.try_allocate<ArrayObject>(sizeof(ArrayObject), CellKind::ArrayObject);
    if (!array)
        return nullptr;
    array->initialize(root, 0);
    array->m_length_word.store_relaxed(length);
    return array;
}

u32 ArrayObject::delete_elements_down_locked(u32 old_length, u32 new_length)
{
    StorageSpine* spine = m_elements.load_acquire();
    if (!spine || new_length >= old_length)
        return new_length;
    // Spec 16-17: delete from the top; stop above the first element that cannot be deleted. The
    // result is the same as deleting the configurable elements above the highest
    // non-configurable one in [new_length, old_length).
    u32 floor = new_length;
    SparseElements* sparse = spine->sparse_acquire();
    if (sparse) {
        sparse->for_each_live([&](SparseElements::Entry const& e) {
            if (e.index >= floor && e.index < old_length && !PropertyAttributes(e.attributes).configurable())
                floor = e.index + 1;
        });
    }
    if (!dense_element_attributes(spine->flags()).configurable()) {
        u64 top = std::min<u64>(old_length, spine->capacity_bound());
        for (u64 j = top; j-- > floor;) {
            AtomicValue* slot = spine->slot_if_present(j);
            if (slot && !slot->load_relaxed().is_empty()) {
                floor = static_cast<u32>(j + 1);
                break;
            }
        }
    }
    if (sparse) {
        std::vector<u32> doomed;
        sparse->for_each_live([&](SparseElements::Entry const& e) {
            if (e.index >= floor && e.index < old_length)
                doomed.push_back(e.index);
        });
        for (u32 index : doomed)
            sparse->remove(sparse->find(index));
    }
    u64 top = std::min<u64>(old_length, spine->capacity_bound());
    for (u64 j = floor; j < top; ++j) {
        AtomicValue* slot = spine->slot_if_present(j);
        if (slot && !slot->load_relaxed().is_empty())
            slot->store_release(Value::empty());
    }
    return floor;
}

Outcome ArrayObject::ArraySetLength(Vm& vm, PropertyDescriptor const& desc)
{
    // 1. If Desc does not have a [[Value]] field, return OrdinaryDefineOwnProperty(A, "length", Desc).
    // 3-5. Let newLen be ToUint32(Desc.[[Value]]); if it differs from ToNumber(Desc.[[Value]]),
    //      throw a RangeError (NOTE: reported as False; the caller ran ToNumber and throws).
    PropertyDescriptor new_desc = desc;
    if (desc.value) {
        if (!desc.value->is_number())
            return Outcome::False;
        double d = desc.value->as_number();
        if (!(d >= 0 && d <= 4294967295.0) || d != std::floor(d))
            return Outcome::False;
        new_desc.value = Value::from_u64(static_cast<u64>(d));
    }
    Shape* held = lock(vm);
    u64 word = m_length_word.load_acquire();
    u32 old_length = static_cast<u32>(word & kLengthMask);
    bool writable = !(word & kLengthReadOnly);
    // 7-10. Validate against the current "length" { [[Writable]], enumerable: false, configurable: false }.
    PlannedProperty current;
    current.attributes = PropertyAttributes::data(writable, false, false);
    current.value = Value::from_u64(old_length);
    PlannedProperty plan;
    DefinePlan decision = ValidateAndApplyPropertyDescriptor(true, new_desc, current, plan);
    if (decision != DefinePlan::Apply) {
        unlock(held);
        return to_outcome(decision == DefinePlan::Unchanged);
    }
    u32 target = new_desc.value ? static_cast<u32>(new_desc.value->as_number()) : old_length;
    // 11-17. Shrinking deletes elements from the top; a non-deletable one stops it (false).
    u32 reached = target < old_length ? delete_elements_down_locked(old_length, target) : target;
    if (target > old_length) {
        if (StorageSpine* spine = m_elements.load_acquire())
            for (u64 j = old_length; j < std::min<u64>(target, spine->capacity_bound()); ++j)
                if (AtomicValue* slot = spine->slot_if_present(j); slot && !slot->load_relaxed().is_empty())
                    slot->store_release(Value::empty()); // stray writes beyond the old length
    }
    // 16.d / 17. A non-writable length is set after the deletions.
    m_length_word.store_release(u64(reached) | (plan.attributes.writable() ? 0 : kLengthReadOnly));
    unlock(held);
    return to_outcome(reached == target);
}

Outcome ArrayObject::set_length(Vm& vm, u32 new_length)
{
    PropertyDescriptor desc;
    desc.value = Value::from_u64(new_length);
    return ArraySetLength(vm, desc);
}

Outcome ArrayObject::push(Vm& vm, Value value)
{
    for (;;) {
        StorageSpine* spine = ensure_elements(vm);
        if (!spine)
            return Outcome::OutOfMemory;
        u64 word = m_length_word.load_acquire();
        u32 length = static_cast<u32>(word & kLengthMask);
        // Fast path: a writable length, a plain dense spine and no own element at `length`
        // (beyond the length there is none): push is this store plus the length update.
        if (!(word & kLengthReadOnly) && !spine->flags() && length < StorageSpine::kMaxSlots && length < kLengthMask) {
            AtomicValue* slot = spine->ensure_slot(vm, length); // growth: CAS-installed, never moves
            if (!slot)
                return Outcome::OutOfMemory;
            Shape* held = lock(vm);
            if (m_elements.load_acquire() == spine && m_length_word.load_acquire() == word && !spine->sparse_acquire()) {
                slot->store_release(value);
                m_length_word.store_release(word + 1);
                unlock(held);
                return Outcome::True;
            }
            unlock(held);
            if (m_elements.load_acquire() != spine || m_length_word.load_acquire() != word)
                continue; // raced with another push or an integrity change: try again
        }
        // Generic: Set(O, ! ToString(len), E, true), then Set(O, "length", len + 1, true).
        if (length == kLengthMask)
            return Outcome::False; // NOTE: the caller throws (length would exceed 2^32 - 1)
        SetResult r = set(vm, PropertyKey::from_index(length), value);
        if (r.kind == SetResult::Kind::OutOfMemory)
            return Outcome::OutOfMemory;
        if (!r.succeeded)
            return Outcome::False;
        if (length_acquire() <= length)
            return set_length(vm, length + 1);
        return Outcome::True;
    }
}

} // namespace weft
