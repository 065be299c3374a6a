// Elements: integer-indexed own properties of objects — dense segmented storage with lock-free
// reads and writes, the locked sparse side table, and element integrity levels.
#include "objects/elements.h"
#include "base/race_amplifier.h"

#include "objects/accessor.h"
#include "objects/array.h"
#include "objects/object.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <algorithm>
#include <bit>

namespace weft {

// --- SparseElements ----------------------------------------------------------------------------

SparseElements* SparseElements::try_create(Vm& vm, u32 min_live)
{
    u32 capacity = std::bit_ceil(std::max<u32>(8, min_live * 2));
    auto* table = vm.try_allocate<SparseElements>(sizeof(SparseElements) + usize(capacity) * sizeof(Entry), CellKind::SparseElements);
    if (!table)
        return nullptr;
    table->m_capacity = capacity;
    return table;
}

static u32 hash_index(u32 index) { return index * 0x9e3779b1u; }

SparseElements::Entry* SparseElements::find(u32 index)
{
    u32 mask = m_capacity - 1;
    for (u32 h = hash_index(index) & mask;; h = (h + 1) & mask) {
        Entry& e = entries()[h];
        if (e.state == 0)
            return nullptr;
        if (e.state == 1 && e.index == index)
            return &e;
    }
}

void SparseElements::insert(u32 index, PropertyAttributes attributes, Value value)
{
    WEFT_ASSERT(has_room() && !find(index));
    u32 mask = m_capacity - 1;
    u32 h = hash_index(index) & mask;
    while (entries()[h].state != 0)
        h = (h + 1) & mask;
    entries()[h] = Entry { index, attributes.bits(), 1, {}, value };
    ++m_used;
    ++m_live;
}

void SparseElements::remove(Entry* e)
{
    e->state = 2;
    e->value = Value::undefined();
    --m_live;
}

void SparseElements::copy_live_from(SparseElements const& other)
{
    other.for_each_live([&](Entry const& e) { insert(e.index, PropertyAttributes(e.attributes), e.value); });
}

void SparseElements::trace(Cell* cell, Tracer& tracer)
{
    static_cast<SparseElements*>(cell)->for_each_live([&](Entry const& e) { trace_value(tracer, e.value); });
}

PropertyAttributes dense_element_attributes(u32 flags)
{
    if (flags & StorageSpine::kFrozen)
        return PropertyAttributes::data(false, true, false);
    if (flags & StorageSpine::kSealed)
        return PropertyAttributes::data(true, true, false);
    return PropertyAttributes::default_data();
}

// --- Helpers -----------------------------------------------------------------------------------

u32 Object::array_length_acquire() const
{
    return static_cast<ArrayObject const*>(this)->length_acquire();
}

// Clears dense values in [from, to) (stray writes beyond an Array's length). REQUIRES the lock.
static void clear_dense_range(StorageSpine* spine, u64 from, u64 to)
{
    for (unsigned k = 0; k < StorageSpine::kMaxSegments; ++k) {
        u64 start = StorageSpine::segment_start(k);
        u64 end = start + StorageSpine::segment_capacity(k);
        if (end <= from)
            continue;
        if (start >= to)
            break;
        StorageSegment* seg = spine->segment_acquire(k);
        if (!seg)
            continue;
        for (u64 j = std::max(from, start); j < std::min(to, end); ++j) {
            AtomicValue& slot = seg->slots()[j - start];
            if (!slot.load_relaxed().is_empty())
                slot.store_release(Value::empty());
        }
    }
}

// Dense storage is used for an index when its segment exists or it is not far beyond them.
static bool fits_dense(StorageSpine* spine, u32 index)
{
    if (index >= StorageSpine::kMaxSlots)
        return false;
    if (index < 4096 || spine->slot_if_present(index))
        return true;
    return index < 4 * spine->capacity_bound();
}

StorageSpine* Object::ensure_elements(Vm& vm)
{
    if (StorageSpine* spine = m_elements.load_acquire())
        return spine;
    // A null spine means the object was extensible when loaded: PreventExtensions always installs
    // a flagged spine, and the CAS below fails if it did so meanwhile.
    StorageSpine* fresh = StorageSpine::try_create(vm);
    if (!fresh)
        return nullptr;
    StorageSpine* expected = nullptr;
    if constexpr (kThreadsEnabled) {
        race_amplify_point();
        return m_elements.compare_exchange_acq_rel(expected, fresh) ? fresh : expected;
    } else {
        m_elements.store_release(fresh);
        return fresh;
    }
}

// --- Reads -------------------------------------------------------------------------------------

std::optional<OwnProperty> Object::get_own_element(Vm& vm, u32 index)
{
    StorageSpine* spine = m_elements.load_acquire();
    if (!spine)
        return std::nullopt;
    if (is_array() && index >= array_length_acquire())
        return std::nullopt;
    // The dense slot first, then the sparse pointer (see the Invariants in elements.h).
    AtomicValue* slot = spine->slot_if_present(index);
    Value value = slot ? slot->load_acquire() : Value::empty();
    if (!spine->sparse_acquire()) [[likely]] {
        if (value.is_empty())
            return std::nullopt;
        return OwnProperty { dense_element_attributes(spine->flags()), value };
    }
    Shape* held = lock(vm);
    auto result = get_own_element_locked(index);
    unlock(held);
    return result;
}

std::optional<OwnProperty> Object::get_own_element_locked(u32 index) const
{
    StorageSpine* spine = m_elements.load_acquire();
    if (!spine)
        return std::nullopt;
    if (is_array() && index >= array_length_acquire())
        return std::nullopt;
    if (SparseElements* sparse = spine->sparse_acquire()) {
        if (auto const* e = sparse->find(index))
            return OwnProperty { PropertyAttributes(e->attributes), e->value };
    }
    AtomicValue* slot = spine->slot_if_present(index);
    Value value = slot ? slot->load_acquire() : Value::empty();
    if (value.is_empty())
        return std::nullopt;
    return OwnProperty { dense_element_attributes(spine->flags()), value };
}

void Object::collect_element_keys(Vm& vm, std::vector<PropertyKey>& keys)
{
    // Every read of a SparseElements holds the lock (another thread may be inserting into it).
    // Without a sparse table the dense slots are read lock-free; if one appears during the scan
    // (an index may have moved into it after its dense slot was read), scan again under the lock.
    usize first = keys.size();
    Shape* held = nullptr;
    bool locked = false;
    for (;;) {
        StorageSpine* spine = m_elements.load_acquire();
        if (!spine)
            break;
        if (!locked && spine->sparse_acquire()) {
            held = lock(vm);
            locked = true;
            continue; // the spine may have been replaced before we held the lock
        }
        u64 bound = spine->capacity_bound();
        if (is_array())
            bound = std::min<u64>(bound, array_length_acquire());
        for (unsigned k = 0; k < StorageSpine::kMaxSegments && StorageSpine::segment_start(k) < bound; ++k) {
            StorageSegment* seg = spine->segment_acquire(k);
            if (!seg)
                continue;
            u64 start = StorageSpine::segment_start(k);
            u64 end = std::min<u64>(bound, start + seg->capacity());
            for (u64 j = start; j < end; ++j) {
                if (!seg->slots()[j - start].load_acquire().is_empty())
                    keys.push_back(PropertyKey::from_index(static_cast<u32>(j)));
            }
        }
        SparseElements* sparse = spine->sparse_acquire();
        if (sparse && !locked) {
            keys.erase(keys.begin() + first, keys.end());
            held = lock(vm);
            locked = true;
            continue;
        }
        if (sparse) {
            u64 limit = is_array() ? array_length_acquire() : u64(1) << 32;
            sparse->for_each_live([&](SparseElements::Entry const& e) {
                if (e.index < limit)
                    keys.push_back(PropertyKey::from_index(e.index));
            });
            std::sort(keys.begin() + first, keys.end(), [](PropertyKey a, PropertyKey b) { return a.as_index() < b.as_index(); });
            keys.erase(std::unique(keys.begin() + first, keys.end()), keys.end());
        }
        break;
    }
    if (locked)
        unlock(held);
}

// --- Writes ------------------------------------------------------------------------------------

bool Object::set_element_fast(u32 index, Value value)
{
    // Fast path: an existing element of a plain dense spine is writable and no setter can
    // intervene, so [[Set]] is exactly this store.
    StorageSpine* spine = m_elements.load_acquire();
    if (!spine || spine->flags())
        return false;
    if (is_array() && index >= array_length_acquire())
        return false;
    AtomicValue* slot = spine->slot_if_present(index);
    if (!slot || slot->load_acquire().is_empty() || spine->sparse_acquire())
        return false;
    slot->store_release(value);
    return true;
}

Outcome Object::define_own_element(Vm& vm, u32 index, PropertyDescriptor const& desc)
{
    Accessor* prepared = nullptr;
    for (;;) {
        StorageSpine* spine = ensure_elements(vm);
        if (!spine)
            return Outcome::OutOfMemory;
        // Allocate before locking: the dense slot (growth never moves anything).
        AtomicValue* dense_slot = nullptr;
        if (fits_dense(spine, index) && !(dense_slot = spine->ensure_slot(vm, index)))
            return Outcome::OutOfMemory;
        Shape* held = lock(vm);
        if (m_elements.load_acquire() != spine) {
            unlock(held);
            continue;
        }
        bool array = is_array();
        u64 length_word = array ? static_cast<ArrayObject*>(this)->m_length_word.load_acquire() : 0;
        u32 length = static_cast<u32>(length_word & ArrayObject::kLengthMask);
        // ArrayDefineOwnProperty 1.f-g: an index at or beyond a read-only length is rejected.
        if (array && index >= length && (length_word & ArrayObject::kLengthReadOnly)) {
            unlock(held);
            return Outcome::False;
        }
        std::optional<OwnProperty> current = get_own_element_locked(index);
        std::optional<PlannedProperty> current_plan;
        if (current)
            current_plan = planned_from(*current);
        PlannedProperty plan;
        bool extensible = held->is_extensible() && !(spine->flags() & StorageSpine::kNonExtensible);
        DefinePlan decision = ValidateAndApplyPropertyDescriptor(extensible, desc, current_plan, plan);
        if (decision != DefinePlan::Apply) {
            unlock(held);
            return to_outcome(decision == DefinePlan::Unchanged);
        }
        Value stored = plan.value;
        if (plan.attributes.is_accessor()) {
            Accessor* existing = current && current->attributes.is_accessor() ? static_cast<Accessor*>(current->value.as_cell()) : nullptr;
            if (existing && existing->getter() == plan.getter && existing->setter() == plan.setter) {
                stored = current->value;
            } else if (prepared && prepared->getter() == plan.getter && prepared->setter() == plan.setter) {
                stored = Value::from_cell(prepared);
            } else {
                unlock(held);
                if (!(prepared = Accessor::try_create(vm, plan.getter, plan.setter)))
                    return Outcome::OutOfMemory;
                continue;
            }
        }
        SparseElements* sparse = spine->sparse_acquire();
        SparseElements::Entry* entry = sparse ? sparse->find(index) : nullptr;
        if (array && index > length)
            clear_dense_range(spine, length, index); // stray values must not resurface
        if (!entry && dense_slot && plan.attributes == dense_element_attributes(spine->flags())) {
            dense_slot->store_release(stored);
        } else if (entry) {
            entry->attributes = plan.attributes.bits();
            entry->value = stored;
        } else {
            if (!sparse || !sparse->has_room()) {
                u32 needed = (sparse ? sparse->live_count() : 0) + 1;
                unlock(held);
                SparseElements* fresh = SparseElements::try_create(vm, needed);
                if (!fresh)
                    return Outcome::OutOfMemory;
                Shape* again = lock(vm);
                if (m_elements.load_acquire() == spine && spine->sparse_acquire() == sparse) {
                    if (sparse)
                        fresh->copy_live_from(*sparse);
                    spine->set_sparse_release(fresh);
                }
                unlock(again);
                continue;
            }
            sparse->insert(index, plan.attributes, stored);
            // Published (the table is reachable from the spine) before the dense slot is cleared.
            if (AtomicValue* slot = spine->slot_if_present(index))
                slot->store_release(Value::empty());
        }
        if (array && index >= length)
            static_cast<ArrayObject*>(this)->m_length_word.store_release((length_word & ~ArrayObject::kLengthMask) | (u64(index) + 1));
        unlock(held);
        return Outcome::True;
    }
}

Outcome Object::delete_element(Vm& vm, u32 index)
{
    StorageSpine* spine = m_elements.load_acquire();
    if (!spine)
        return Outcome::True;
    if (!spine->flags() && !spine->sparse_acquire()) {
        // Fast path: dense elements of a plain spine are configurable.
        if (AtomicValue* slot = spine->slot_if_present(index))
            slot->store_release(Value::empty());
        return Outcome::True;
    }
    Shape* held = lock(vm);
    Outcome result = Outcome::True;
    auto current = get_own_element_locked(index);
    if (current && !current->attributes.configurable()) {
        result = Outcome::False;
    } else if (current) {
        spine = m_elements.load_acquire();
        if (SparseElements* sparse = spine->sparse_acquire()) {
            if (auto* e = sparse->find(index))
                sparse->remove(e);
        }
        if (AtomicValue* slot = spine->slot_if_present(index))
            slot->store_release(Value::empty());
    }
    unlock(held);
    return result;
}

// --- Integrity levels ---------------------------------------------------------------------------

bool Object::prepare_elements_swap(Vm& vm, u32 add_flags, ElementsSwap& swap)
{
    StorageSpine* old = m_elements.load_acquire();
    swap.old = old;
    swap.fresh = nullptr;
    if (old && (old->flags() & add_flags) == add_flags)
        return true;
    StorageSpine* fresh = StorageSpine::try_create(vm, (old ? old->flags() : 0) | add_flags);
    if (!fresh)
        return false;
    if (old) {
        for (unsigned k = 0; k < StorageSpine::kMaxSegments; ++k) {
            if (!old->segment_acquire(k))
                continue;
            StorageSegment* seg = StorageSpine::try_create_segment(vm, k);
            if (!seg)
                return false;
            fresh->install_segment(k, seg);
        }
    }
    swap.fresh = fresh;
    return true;
}

bool Object::commit_elements_swap(ElementsSwap& swap)
{
    StorageSpine* old = swap.old;
    if (m_elements.load_acquire() != old)
        return false;
    if (!swap.fresh)
        return true;
    if (old) {
        // Segments installed into `old` since the copy was prepared: prepare again.
        for (unsigned k = 0; k < StorageSpine::kMaxSegments; ++k) {
            StorageSegment* from = old->segment_acquire(k);
            StorageSegment* to = swap.fresh->segment_acquire(k);
            if (!from != !to)
                return false;
            for (u32 i = 0; from && i < from->capacity(); ++i)
                to->slots()[i].store_relaxed(from->slots()[i].load_acquire());
        }
        swap.fresh->set_sparse_release(old->sparse_acquire());
    }
    StorageSpine* expected = old;
    if constexpr (kThreadsEnabled) {
        race_amplify_point();
        return m_elements.compare_exchange_acq_rel(expected, swap.fresh);
    } else {
        m_elements.store_release(swap.fresh);
        return true;
    }
}

Outcome Object::set_elements_integrity(Vm& vm, u32 flag)
{
    for (;;) {
        ElementsSwap swap;
        if (!prepare_elements_swap(vm, flag, swap))
            return Outcome::OutOfMemory;
        Shape* held = lock(vm);
        bool done = commit_elements_swap(swap);
        unlock(held);
        if (done)
            return Outcome::True;
    }
}

} // namespace weft
