// Object: creation, the per-object lock, named properties (shape and dictionary mode) and the
// ordinary internal methods that dispatch to named properties, elements and Array "length".
#include "objects/object.h"
#include "base/race_amplifier.h"

#include "objects/accessor.h"
#include "objects/array.h"
#include "objects/atom_table.h"
#include "objects/dictionary.h"
#include "objects/elements.h"
#include "objects/string.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>

namespace weft {

// --- Creation, storage, lock ---------------------------------------------------------------------

Object* Object::try_create(Vm& vm, Object* prototype, u32 inline_capacity)
{
    WEFT_VERIFY(inline_capacity <= Shape::kMaxInlineCapacity);
    Shape* root = vm.runtime().shape_roots().root_for_prototype(vm, prototype, inline_capacity);
    if (!root)
        return nullptr;
    auto* object = vm.try_allocate<Object>(sizeof(Object) + usize(inline_capacity) * sizeof(AtomicValue), CellKind::Object);
    if (!object)
        return nullptr;
    object->initialize(root, inline_capacity);
    return object;
}

void Object::initialize(Shape* shape, u32 inline_capacity)
{
    WEFT_ASSERT(shape->inline_capacity() == inline_capacity);
    // Nobody else knows the cell yet; the RMW keeps the heap's bits 0..15 intact regardless.
    header_word().fetch_or_relaxed(u64(inline_capacity) << kInlineCapacityShift);
    // Published together with the object (the store that makes the object reachable).
    m_shape_word.store_relaxed(reinterpret_cast<uptr>(shape));
}

AtomicValue* Object::slot_address(u32 slot) const
{
    u32 capacity = inline_capacity();
    if (slot < capacity)
        return const_cast<AtomicValue*>(inline_slots() + slot);
    StorageSpine* spine = m_storage.load_acquire();
    WEFT_ASSERT(spine);
    AtomicValue* address = spine->slot_if_present(slot - capacity);
    WEFT_ASSERT(address);
    return address;
}

AtomicValue* Object::ensure_slot(Vm& vm, u32 slot)
{
    u32 capacity = inline_capacity();
    if (slot < capacity)
        return inline_slots() + slot;
    StorageSpine* spine = m_storage.load_acquire();
    if (!spine) {
        StorageSpine* fresh = StorageSpine::try_create(vm);
        if (!fresh)
            return nullptr;
        StorageSpine* expected = nullptr;
        if constexpr (kThreadsEnabled) {
            race_amplify_point();
            spine = m_storage.compare_exchange_acq_rel(expected, fresh) ? fresh : expected;
        } else {
            m_storage.store_release(fresh);
            spine = fresh;
        }
    }
    return spine->ensure_slot(vm, slot - capacity);
}

// A slot that exists already (no allocation), or nullptr: for code holding the lock.
static AtomicValue* existing_slot(Object const& object, u32 slot, u32 capacity, AtomicValue* inline_base, StorageSpine* spine)
{
    if (slot < capacity)
        return inline_base + slot;
    return spine ? spine->slot_if_present(slot - capacity) : nullptr;
}

Shape* Object::lock(Vm& vm)
{
    if constexpr (!kThreadsEnabled) {
        return reinterpret_cast<Shape*>(m_shape_word.load_relaxed());
    } else {
        for (unsigned spins = 0;; ++spins) {
            uptr word = m_shape_word.load_relaxed();
            if (!(word & kLockBit) && m_shape_word.compare_exchange_acq_rel(word, word | kLockBit))
                return reinterpret_cast<Shape*>(word);
            cpu_relax();
            if ((spins & 63) == 63) {
                // Never wait at a safepoint while holding an engine lock; we hold none here.
                vm.safepoint_poll();
                std::this_thread::yield();
            }
        }
    }
}

bool Object::try_lock_from(Shape* expected)
{
    uptr word = reinterpret_cast<uptr>(expected);
    if constexpr (kThreadsEnabled)
        return m_shape_word.compare_exchange_acq_rel(word, word | kLockBit);
    else
        return m_shape_word.load_relaxed() == word;
}

bool Object::try_publish_from(Shape* expected, Shape* desired)
{
    uptr word = reinterpret_cast<uptr>(expected);
    if constexpr (kThreadsEnabled) {
        race_amplify_point();
        return m_shape_word.compare_exchange_acq_rel(word, reinterpret_cast<uptr>(desired));
    } else {
        if (m_shape_word.load_relaxed() != word)
            return false;
        m_shape_word.store_release(reinterpret_cast<uptr>(desired));
        return true;
    }
}

void Object::wait_while_locked(Vm& vm) const
{
    for (unsigned spins = 0; m_shape_word.load_relaxed() & kLockBit; ++spins) {
        cpu_relax();
        if ((spins & 63) == 63) {
            vm.safepoint_poll();
            std::this_thread::yield();
        }
    }
}

// --- Descriptors ---------------------------------------------------------------------------------

bool SameValue(Value x, Value y)
{
    if (x.is_number() && y.is_number()) {
        double a = x.as_number();
        double b = y.as_number();
        if (std::isnan(a) && std::isnan(b))
            return true;
        return a == b && std::signbit(a) == std::signbit(b);
    }
    auto is_string = [](Value v) {
        if (!v.is_cell())
            return false;
        u8 k = v.as_cell()->kind_raw();
        return k == to_u8(CellKind::OneByteString) || k == to_u8(CellKind::TwoByteString) || k == to_u8(CellKind::RopeString);
    };
    if (x == y)
        return true;
    if (is_string(x) && is_string(y))
        return string_equals(reinterpret_cast<String const*>(x.as_cell()), reinterpret_cast<String const*>(y.as_cell()));
    return false;
}

PlannedProperty planned_from(OwnProperty const& property)
{
    PlannedProperty p;
    p.attributes = property.attributes;
    if (property.attributes.is_accessor()) {
        auto* accessor = static_cast<Accessor*>(property.value.as_cell());
        p.getter = accessor->getter();
        p.setter = accessor->setter();
    } else {
        p.value = property.value;
    }
    return p;
}

PropertyDescriptor descriptor_from(OwnProperty const& property)
{
    PlannedProperty p = planned_from(property);
    if (p.attributes.is_accessor())
        return PropertyDescriptor::accessor(p.getter, p.setter, p.attributes.enumerable(), p.attributes.configurable());
    return PropertyDescriptor::data(p.value, p.attributes);
}

DefinePlan ValidateAndApplyPropertyDescriptor(bool extensible, PropertyDescriptor const& desc,
    std::optional<PlannedProperty> const& current, PlannedProperty& result)
{
    // 2. If current is undefined, then
    if (!current) {
        // a. If extensible is false, return false.
        if (!extensible)
            return DefinePlan::Reject;
        // c. If IsAccessorDescriptor(Desc) is true: an accessor property whose absent fields
        //    default to undefined / false. d. Else a data property likewise.
        result.attributes = desc.attributes();
        if (desc.is_accessor_descriptor()) {
            result.getter = desc.get.value_or(Value::undefined());
            result.setter = desc.set.value_or(Value::undefined());
        } else {
            result.value = desc.value.value_or(Value::undefined());
        }
        return DefinePlan::Apply;
    }
    PropertyAttributes attrs = current->attributes;
    // 4. If Desc does not have any fields, return true.
    if (!desc.value && !desc.get && !desc.set && !desc.writable && !desc.enumerable && !desc.configurable)
        return DefinePlan::Unchanged;
    // 5. If current.[[Configurable]] is false, then
    if (!attrs.configurable()) {
        // a. If Desc.[[Configurable]] is true, return false.
        if (desc.configurable.value_or(false))
            return DefinePlan::Reject;
        // b. If Desc has [[Enumerable]] and it differs from current.[[Enumerable]], return false.
        if (desc.enumerable && *desc.enumerable != attrs.enumerable())
            return DefinePlan::Reject;
        // c. If IsGenericDescriptor(Desc) is false and IsAccessorDescriptor(Desc) differs from
        //    IsAccessorDescriptor(current), return false.
        if (!desc.is_generic_descriptor() && desc.is_accessor_descriptor() != attrs.is_accessor())
            return DefinePlan::Reject;
        if (attrs.is_accessor()) {
            // d. i-ii. A different [[Get]] or [[Set]] is rejected.
            if (desc.get && !SameValue(*desc.get, current->getter))
                return DefinePlan::Reject;
            if (desc.set && !SameValue(*desc.set, current->setter))
                return DefinePlan::Reject;
        } else if (!attrs.writable()) {
            // e. ii-iii. A non-writable data property may not become writable or change value.
            if (desc.writable.value_or(false))
                return DefinePlan::Reject;
            if (desc.value && !SameValue(*desc.value, current->value))
                return DefinePlan::Reject;
        }
    }
    // 6. If O is not undefined, then (apply)
    bool enumerable = desc.enumerable.value_or(attrs.enumerable());
    bool configurable = desc.configurable.value_or(attrs.configurable());
    if (attrs.is_data() && desc.is_accessor_descriptor()) {
        // a. Data -> accessor: keep [[Configurable]]/[[Enumerable]], the rest from Desc or defaults.
        result.attributes = PropertyAttributes::accessor(enumerable, configurable);
        result.getter = desc.get.value_or(Value::undefined());
        result.setter = desc.set.value_or(Value::undefined());
    } else if (attrs.is_accessor() && desc.is_data_descriptor()) {
        // b. Accessor -> data.
        result.attributes = PropertyAttributes::data(desc.writable.value_or(false), enumerable, configurable);
        result.value = desc.value.value_or(Value::undefined());
    } else if (attrs.is_accessor()) {
        // c. Same kind: every field in Desc replaces the current one.
        result.attributes = PropertyAttributes::accessor(enumerable, configurable);
        result.getter = desc.get.value_or(current->getter);
        result.setter = desc.set.value_or(current->setter);
    } else {
        result.attributes = PropertyAttributes::data(desc.writable.value_or(attrs.writable()), enumerable, configurable);
        result.value = desc.value.value_or(current->value);
    }
    // Nothing observable changes: report success without touching the object.
    if (result.attributes == attrs) {
        if (attrs.is_accessor() ? (SameValue(result.getter, current->getter) && SameValue(result.setter, current->setter))
                                : (desc.value ? current->value == result.value : true))
            return DefinePlan::Unchanged;
    }
    return DefinePlan::Apply;
}

// The Value a planned property stores in its slot: the data value, or an Accessor cell (the
// current one when the pair is unchanged, else `prepared` if it matches). nullopt: allocate one.
static std::optional<Value> stored_value_for(PlannedProperty const& plan, std::optional<OwnProperty> const& current, Accessor* prepared)
{
    if (plan.attributes.is_data())
        return plan.value;
    if (current && current->attributes.is_accessor()) {
        auto* existing = static_cast<Accessor*>(current->value.as_cell());
        if (existing->getter() == plan.getter && existing->setter() == plan.setter)
            return current->value;
    }
    if (prepared && prepared->getter() == plan.getter && prepared->setter() == plan.setter)
        return Value::from_cell(prepared);
    return std::nullopt;
}

// --- Named properties ------------------------------------------------------------------------------

std::optional<OwnProperty> Object::get_own_named(Vm& vm, PropertyKey key)
{
    Shape* shape = shape_acquire();
    if (!shape->is_dictionary()) [[likely]] {
        auto info = shape->lookup(vm, key);
        if (!info)
            return std::nullopt;
        return OwnProperty { info->attributes, slot_address(info->slot)->load_acquire() };
    }
    Shape* held = lock(vm);
    WEFT_ASSERT(held->is_dictionary()); // dictionary mode is never left
    std::optional<OwnProperty> result;
    if (auto info = held->dictionary_acquire()->find(key))
        result = OwnProperty { info->attributes, slot_address(info->slot)->load_acquire() };
    unlock(held);
    return result;
}

bool Object::convert_to_dictionary(Vm& vm, Shape* from)
{
    std::vector<PropertyEntry> properties;
    from->collect_properties(properties);
    DictionaryTable* table = DictionaryTable::try_create(vm, std::max<u32>(16, static_cast<u32>(properties.size()) * 2));
    if (!table)
        return false;
    for (auto const& p : properties)
        table->append(p.key, p.slot, p.attributes);
    table->set_next_slot(from->next_slot());
    Shape* dictionary = Shape::try_create_dictionary(vm, from->prototype(), from->is_extensible(), from->inline_capacity(), table);
    if (!dictionary)
        return false;
    // Values stay in their slots: a racing write through `from` lands where the table says.
    (void)try_publish_from(from, dictionary); // on failure the caller re-reads and retries
    return true;
}

bool Object::grow_dictionary(Vm& vm, Shape* dictionary_shape, u32 needed)
{
    DictionaryTable* fresh = DictionaryTable::try_create(vm, std::max<u32>(16, needed * 2));
    if (!fresh)
        return false;
    Shape* held = lock(vm);
    DictionaryTable* old = held->dictionary_acquire();
    if (held == dictionary_shape && !old->has_room() && fresh->entry_capacity() > old->live_count()) {
        fresh->copy_live_from(*old);
        held->set_dictionary_release(fresh);
    }
    unlock(held);
    return true;
}

Outcome Object::define_own_named(Vm& vm, PropertyKey key, PropertyDescriptor const& desc)
{
    Accessor* prepared = nullptr;
    for (;;) {
        uptr word = m_shape_word.load_acquire();
        if (word & kLockBit) {
            wait_while_locked(vm);
            continue;
        }
        auto* shape = reinterpret_cast<Shape*>(word);
        std::optional<PlannedProperty> current_plan;
        PlannedProperty plan;

        if (shape->is_dictionary()) {
            // Dictionary mode: read, decide and apply under the lock; allocate outside it.
            Shape* held = lock(vm);
            DictionaryTable* table = held->dictionary_acquire();
            auto info = table->find(key);
            std::optional<OwnProperty> current;
            if (info)
                current = OwnProperty { info->attributes, slot_address(info->slot)->load_acquire() };
            if (current)
                current_plan = planned_from(*current);
            DefinePlan decision = ValidateAndApplyPropertyDescriptor(held->is_extensible(), desc, current_plan, plan);
            if (decision != DefinePlan::Apply) {
                unlock(held);
                return to_outcome(decision == DefinePlan::Unchanged);
            }
            std::optional<Value> stored = stored_value_for(plan, current, prepared);
            if (!stored) {
                unlock(held);
                if (!(prepared = Accessor::try_create(vm, plan.getter, plan.setter)))
                    return Outcome::OutOfMemory;
                continue;
            }
            if (info && info->attributes == plan.attributes) {
                slot_address(info->slot)->store_release(*stored);
                unlock(held);
                return Outcome::True;
            }
            // A new property or new attributes: a fresh slot (never reused), and room in the table.
            if (!info && !table->has_room()) {
                u32 needed = table->live_count() + 1;
                unlock(held);
                if (!grow_dictionary(vm, held, needed))
                    return Outcome::OutOfMemory;
                continue;
            }
            u32 slot_number = table->next_slot();
            AtomicValue* slot = existing_slot(*this, slot_number, inline_capacity(), inline_slots(), m_storage.load_acquire());
            if (!slot) {
                unlock(held);
                if (!ensure_slot(vm, slot_number))
                    return Outcome::OutOfMemory;
                continue;
            }
            if (plan.attributes.is_data() && !desc.value && current && current->attributes.is_data())
                stored = slot_address(info->slot)->load_acquire();
            slot->store_release(*stored);
            if (info)
                table->update(key, slot_number, plan.attributes);
            else
                table->append(key, slot_number, plan.attributes);
            table->set_next_slot(slot_number + 1);
            unlock(held);
            return Outcome::True;
        }

        // Shape mode: decide on the shape we read, then publish from exactly that shape.
        auto info = shape->lookup(vm, key);
        std::optional<OwnProperty> current;
        if (info)
            current = OwnProperty { info->attributes, slot_address(info->slot)->load_acquire() };
        if (current)
            current_plan = planned_from(*current);
        DefinePlan decision = ValidateAndApplyPropertyDescriptor(shape->is_extensible(), desc, current_plan, plan);
        if (decision != DefinePlan::Apply)
            return to_outcome(decision == DefinePlan::Unchanged);
        std::optional<Value> stored = stored_value_for(plan, current, prepared);
        if (!stored) {
            if (!(prepared = Accessor::try_create(vm, plan.getter, plan.setter)))
                return Outcome::OutOfMemory;
            stored = Value::from_cell(prepared);
        }
        if (info && info->attributes == plan.attributes) {
            // Only the value changes: an ordinary store into the property's own slot. If the
            // shape changed meanwhile the slot is still this property's or no live property's.
            slot_address(info->slot)->store_release(*stored);
            return Outcome::True;
        }
        bool too_many = info ? shape->change_count() >= Shape::kMaxChangeCount : shape->property_count() >= Shape::kMaxShapeProperties;
        if (too_many) {
            if (!convert_to_dictionary(vm, shape))
                return Outcome::OutOfMemory;
            continue;
        }
        Shape* next = info ? shape->change_attributes_transition(vm, key, plan.attributes)
                           : shape->add_property_transition(vm, key, plan.attributes);
        if (!next)
            return Outcome::OutOfMemory;
        // The new slot (shape->next_slot()) is named by no shape this object ever had.
        AtomicValue* slot = ensure_slot(vm, shape->next_slot());
        if (!slot)
            return Outcome::OutOfMemory;
        if (!try_lock_from(shape))
            continue; // another thread changed the shape: decide again
        if (plan.attributes.is_data() && !desc.value && current && current->attributes.is_data())
            stored = slot_address(info->slot)->load_acquire(); // the freshest value of a moved property
        slot->store_release(*stored);
        unlock(next);
        return Outcome::True;
    }
}

Outcome Object::delete_named(Vm& vm, PropertyKey key)
{
    for (;;) {
        uptr word = m_shape_word.load_acquire();
        if (word & kLockBit) {
            wait_while_locked(vm);
            continue;
        }
        auto* shape = reinterpret_cast<Shape*>(word);
        if (shape->is_dictionary()) {
            Shape* held = lock(vm);
            DictionaryTable* table = held->dictionary_acquire();
            auto info = table->find(key);
            Outcome result = Outcome::True;
            if (info && !info->attributes.configurable())
                result = Outcome::False;
            else if (info)
                table->remove(key); // the slot keeps its value; it is never reused
            unlock(held);
            return result;
        }
        // OrdinaryDelete: 2. If desc is undefined, return true. 3. If configurable, remove it.
        auto info = shape->lookup(vm, key);
        if (!info)
            return Outcome::True;
        if (!info->attributes.configurable())
            return Outcome::False;
        if (shape->change_count() >= Shape::kMaxChangeCount) {
            if (!convert_to_dictionary(vm, shape))
                return Outcome::OutOfMemory;
            continue;
        }
        Shape* next = shape->delete_transition(vm, key);
        if (!next)
            return Outcome::OutOfMemory;
        if (try_publish_from(shape, next))
            return Outcome::True;
    }
}

// --- Integer-indexed exotic objects (typed arrays) -------------------------------------------------

static IntegerIndexedHooks const* g_integer_indexed = nullptr;

void set_integer_indexed_hooks(IntegerIndexedHooks const* hooks) { g_integer_indexed = hooks; }

// Is `key` a numeric key of the typed array `o` (ECMA-262 10.4.5: a CanonicalNumericIndexString)?
// Callers check is_typed_array() first, so ordinary objects pay only that kind test.
static bool integer_indexed_key(Object const& o, PropertyKey key, double* index)
{
    return o.is_typed_array() && g_integer_indexed && g_integer_indexed->numeric_key(key, index);
}

// --- Internal methods ------------------------------------------------------------------------------

static bool is_length_key(Vm& vm, Object const& object, PropertyKey key)
{
    return object.is_array() && key.is_atom() && key.as_atom() == common_names(vm).length;
}

std::optional<OwnProperty> Object::get_own_property_raw(Vm& vm, PropertyKey key)
{
    // [[GetOwnProperty]] of a typed array, numeric keys (ECMA-262 10.4.5.1).
    if (double index; integer_indexed_key(*this, key, &index)) [[unlikely]] {
        auto value = g_integer_indexed->get_element(this, index);
        if (!value)
            return std::nullopt;
        return OwnProperty { PropertyAttributes::data(true, true, true), *value };
    }
    if (key.is_index())
        return get_own_element(vm, key.as_index());
    if (is_length_key(vm, *this, key)) {
        auto& array = static_cast<ArrayObject&>(*this);
        return OwnProperty { PropertyAttributes::data(array.length_writable(), false, false), Value::from_u64(array.length_acquire()) };
    }
    return get_own_named(vm, key);
}

std::optional<PropertyDescriptor> Object::get_own_property(Vm& vm, PropertyKey key)
{
    auto property = get_own_property_raw(vm, key);
    if (!property)
        return std::nullopt;
    return descriptor_from(*property);
}

std::optional<Value> Object::get_own_data_value(Vm& vm, PropertyKey key)
{
    auto property = get_own_property_raw(vm, key);
    if (!property || property->attributes.is_accessor())
        return std::nullopt;
    return property->value;
}

Outcome Object::define_own_property(Vm& vm, PropertyKey key, PropertyDescriptor const& desc)
{
    // [[DefineOwnProperty]] of a typed array, numeric keys (ECMA-262 10.4.5.3). A [[Value]] that
    // is not a Number needs ToNumber (JavaScript): DefinePropertyOrThrow and [[Set]] route typed
    // arrays to typed_array_define_own_property first, so only Numbers arrive here.
    if (double index; integer_indexed_key(*this, key, &index)) [[unlikely]] {
        if (!g_integer_indexed->get_element(this, index))
            return Outcome::False;
        if (desc.configurable == false || desc.enumerable == false || desc.is_accessor_descriptor() || desc.writable == false)
            return Outcome::False;
        if (desc.value) {
            if (!desc.value->is_number())
                return Outcome::False;
            g_integer_indexed->set_element(this, index, *desc.value);
        }
        return Outcome::True;
    }
    if (key.is_index())
        return define_own_element(vm, key.as_index(), desc);
    if (is_length_key(vm, *this, key))
        return static_cast<ArrayObject*>(this)->ArraySetLength(vm, desc);
    return define_own_named(vm, key, desc);
}

Outcome Object::create_data_property(Vm& vm, PropertyKey key, Value value)
{
    return define_own_property(vm, key, PropertyDescriptor::data(value));
}

Outcome Object::delete_property(Vm& vm, PropertyKey key)
{
    // [[Delete]] of a typed array, numeric keys (ECMA-262 10.4.5.6): true iff not a valid index.
    if (double index; integer_indexed_key(*this, key, &index)) [[unlikely]]
        return to_outcome(!g_integer_indexed->get_element(this, index));
    if (key.is_index())
        return delete_element(vm, key.as_index());
    if (is_length_key(vm, *this, key))
        return Outcome::False; // "length" is non-configurable
    return delete_named(vm, key);
}

bool Object::has_property(Vm& vm, PropertyKey key)
{
    for (Object* o = this; o; o = o->get_prototype_of()) {
        if (o->get_own_property_raw(vm, key))
            return true;
        // A typed array answers numeric keys itself (ECMA-262 10.4.5.2).
        if (double index; integer_indexed_key(*o, key, &index)) [[unlikely]]
            return false;
    }
    return false;
}

GetResult Object::get(Vm& vm, PropertyKey key)
{
    // OrdinaryGet: 1. Let desc be ? O.[[GetOwnProperty]](P). 2. If undefined, ask the parent.
    for (Object* o = this; o; o = o->get_prototype_of()) {
        auto property = o->get_own_property_raw(vm, key);
        if (!property) {
            // A typed array answers numeric keys itself (ECMA-262 10.4.5.4).
            if (double index; integer_indexed_key(*o, key, &index)) [[unlikely]]
                return { GetResult::Kind::Value, Value::undefined() };
            continue;
        }
        // 3. If IsDataDescriptor(desc) is true, return desc.[[Value]].
        if (property->attributes.is_data())
            return { GetResult::Kind::Value, property->value };
        // 5-7. Let getter be desc.[[Get]]; if undefined, return undefined; else Call(getter, Receiver).
        Value getter = static_cast<Accessor*>(property->value.as_cell())->getter();
        if (getter.is_undefined())
            return { GetResult::Kind::Value, Value::undefined() };
        return { GetResult::Kind::CallGetter, getter };
    }
    return { GetResult::Kind::Value, Value::undefined() };
}

SetResult Object::set(Vm& vm, PropertyKey key, Value value)
{
    // Fast path: an own writable data property stores into its slot; OrdinarySet would do
    // exactly that store (DefineOwnProperty with only [[Value]] on a writable data property).
    if (key.is_index()) {
        if (set_element_fast(key.as_index(), value))
            return { SetResult::Kind::Done, true, {} };
    } else {
        Shape* shape = shape_acquire();
        if (!shape->is_dictionary()) {
            if (auto info = shape->lookup(vm, key); info && info->attributes.is_writable_data()) {
                slot_address(info->slot)->store_release(value);
                return { SetResult::Kind::Done, true, {} };
            }
        }
    }
    // [[Set]] of a typed array receiver, numeric keys (ECMA-262 10.4.5.5): set_with_receiver
    // sends typed arrays to typed_array_set (which converts the value), so only Numbers arrive.
    if (double index; integer_indexed_key(*this, key, &index)) [[unlikely]] {
        if (value.is_number())
            g_integer_indexed->set_element(this, index, value);
        return { SetResult::Kind::Done, true, {} };
    }
    // OrdinarySet ( O, P, V, Receiver ) -> OrdinarySetWithOwnDescriptor, walking the chain.
    Object* receiver = this;
    std::optional<OwnProperty> own;
    for (Object* o = this; o; o = o->get_prototype_of()) {
        // 1. Let ownDesc be ? O.[[GetOwnProperty]](P).
        if ((own = o->get_own_property_raw(vm, key)))
            break;
        // A typed array on the chain with an invalid index: its [[Set]] returns true (10.4.5.5 ii).
        if (double index; integer_indexed_key(*o, key, &index)) [[unlikely]]
            return { SetResult::Kind::Done, true, {} };
        // 2.a-b. If ownDesc is undefined, continue with the parent (or a default data descriptor).
    }
    if (own && own->attributes.is_accessor()) {
        // 3.-7. Let setter be ownDesc.[[Set]]; if undefined return false; else Call(setter, Receiver, V).
        Value setter = static_cast<Accessor*>(own->value.as_cell())->setter();
        if (setter.is_undefined())
            return { SetResult::Kind::Done, false, {} };
        return { SetResult::Kind::CallSetter, false, setter };
    }
    // 2.a. If ownDesc.[[Writable]] is false, return false.
    if (own && !own->attributes.writable())
        return { SetResult::Kind::Done, false, {} };
    // 2.c. Let existingDescriptor be ? Receiver.[[GetOwnProperty]](P).
    auto existing = receiver->get_own_property_raw(vm, key);
    Outcome outcome;
    if (existing) {
        // 2.d. i-ii. An accessor or a non-writable data property: return false.
        if (existing->attributes.is_accessor() || !existing->attributes.writable())
            return { SetResult::Kind::Done, false, {} };
        // iii-iv. Return ? Receiver.[[DefineOwnProperty]](P, { [[Value]]: V }).
        PropertyDescriptor value_only;
        value_only.value = value;
        outcome = receiver->define_own_property(vm, key, value_only);
    } else {
        // 2.e. Return ? CreateDataProperty(Receiver, P, V).
        outcome = receiver->create_data_property(vm, key, value);
    }
    if (outcome == Outcome::OutOfMemory)
        return { SetResult::Kind::OutOfMemory, false, {} };
    return { SetResult::Kind::Done, outcome == Outcome::True, {} };
}

std::vector<PropertyKey> Object::own_property_keys(Vm& vm, Cell** keys_holder)
{
    std::vector<PropertyKey> keys;
    // Typed arrays: 10.4.5.7 step 3, the integer indices below TypedArrayLength.
    if (is_typed_array() && g_integer_indexed) [[unlikely]] {
        u64 length = std::min<u64>(g_integer_indexed->length(this), u64(PropertyKey::kMaxIndex) + 1);
        keys.reserve(length);
        for (u64 i = 0; i < length; ++i)
            keys.push_back(PropertyKey::from_index(static_cast<u32>(i)));
    }
    // 1. For each own property key P that is an array index, in ascending numeric index order.
    collect_element_keys(vm, keys);
    // 2. For each own property key P that is a String, in ascending chronological order.
    if (is_array())
        keys.push_back(PropertyKey::from_atom(common_names(vm).length)); // created with the array
    std::vector<PropertyEntry> named;
    Shape* shape = shape_acquire();
    Cell* holder = nullptr;
    if (!shape->is_dictionary()) {
        // The shape's history (parents, tables, added keys) refers to every key it names.
        shape->collect_properties(named);
        holder = shape;
    } else {
        // The table traces its keys, deleted entries included, for as long as it lives.
        Shape* held = lock(vm);
        DictionaryTable* table = held->dictionary_acquire();
        table->collect(named);
        unlock(held);
        holder = table;
    }
    if (keys_holder)
        *keys_holder = holder;
    for (auto const& p : named) {
        if (!p.key.is_symbol())
            keys.push_back(p.key);
    }
    // 3. For each own property key P that is a Symbol, in ascending chronological order.
    for (auto const& p : named) {
        if (p.key.is_symbol())
            keys.push_back(p.key);
    }
    return keys;
}

// The runtime-wide lock that serializes [[SetPrototypeOf]] so the cycle check and the change are
// one step; nothing else takes it, and its holder never allocates or polls a safepoint.
static SpinLock g_prototype_lock;

Outcome Object::set_prototype_of(Vm& vm, Object* prototype)
{
    for (;;) {
        uptr word = m_shape_word.load_acquire();
        if (word & kLockBit) {
            wait_while_locked(vm);
            continue;
        }
        auto* shape = reinterpret_cast<Shape*>(word);
        // 3. If SameValue(V, current) is true, return true. 5. If extensible is false, return false.
        if (shape->prototype() == prototype)
            return Outcome::True;
        if (!shape->is_extensible())
            return Outcome::False;
        Shape* next = shape->is_dictionary()
            ? Shape::try_create_dictionary(vm, prototype, true, shape->inline_capacity(), nullptr)
            : shape->set_prototype_transition(vm, prototype);
        if (!next)
            return Outcome::OutOfMemory;
        while (!g_prototype_lock.try_lock())
            vm.safepoint_poll();
        // 7-8. Walk V's chain; finding O would make a cycle.
        bool cycle = false;
        for (Object* p = prototype; p; p = p->get_prototype_of()) {
            if (p == this) {
                cycle = true;
                break;
            }
        }
        bool published = false;
        if (!cycle) {
            if (shape->is_dictionary()) {
                if (try_lock_from(shape)) {
                    next->set_dictionary_release(shape->dictionary_acquire());
                    unlock(next);
                    published = true;
                }
            } else {
                published = try_publish_from(shape, next);
            }
        }
        g_prototype_lock.unlock();
        if (cycle)
            return Outcome::False;
        if (published)
            return Outcome::True;
    }
}

Outcome Object::prevent_extensions(Vm& vm)
{
    for (;;) {
        uptr word = m_shape_word.load_acquire();
        if (word & kLockBit) {
            wait_while_locked(vm);
            continue;
        }
        auto* shape = reinterpret_cast<Shape*>(word);
        if (!shape->is_extensible())
            return Outcome::True;
        ElementsSwap swap;
        if (!prepare_elements_swap(vm, StorageSpine::kNonExtensible, swap))
            return Outcome::OutOfMemory;
        Shape* next = shape->is_dictionary()
            ? Shape::try_create_dictionary(vm, shape->prototype(), false, shape->inline_capacity(), nullptr)
            : shape->prevent_extensions_transition(vm);
        if (!next)
            return Outcome::OutOfMemory;
        // Elements and named properties become non-extensible in one step under the lock.
        if (!try_lock_from(shape))
            continue;
        if (!commit_elements_swap(swap)) {
            unlock(shape);
            continue;
        }
        if (shape->is_dictionary())
            next->set_dictionary_release(shape->dictionary_acquire());
        unlock(next);
        return Outcome::True;
    }
}

// Keeps `cell` in a register or a stack slot, both scanned conservatively, up to this point.
static WEFT_ALWAYS_INLINE void keep_alive(Cell* cell)
{
    asm volatile("" : : "r"(cell) : "memory");
}

Outcome SetIntegrityLevel(Vm& vm, Object* o, IntegrityLevel level)
{
    // 1-3. Let status be ? O.[[PreventExtensions]](); if false, return false.
    Outcome status = o->prevent_extensions(vm);
    if (status != Outcome::True)
        return status;
    // Dense elements change level in bulk (one spine swap, exactly what defining each index
    // would do); the per-key loop below then finds them already sealed/frozen.
    Outcome elements = o->set_elements_integrity(vm, level == IntegrityLevel::Frozen ? StorageSpine::kFrozen : StorageSpine::kSealed);
    if (elements != Outcome::True)
        return elements;
    // 4. Let keys be ? O.[[OwnPropertyKeys]](). The loop allocates while other threads may
    //    delete these properties: `holder` keeps the keys alive until it is done.
    Cell* holder = nullptr;
    std::vector<PropertyKey> keys = o->own_property_keys(vm, &holder);
    for (PropertyKey key : keys) {
        PropertyDescriptor desc;
        desc.configurable = false;
        if (level == IntegrityLevel::Frozen) {
            // 6.b.i. Let currentDesc be ? O.[[GetOwnProperty]](k); data properties also lose [[Writable]].
            auto current = o->get_own_property_raw(vm, key);
            if (!current)
                continue;
            if (current->attributes.is_data())
                desc.writable = false;
        }
        // DefinePropertyOrThrow(O, k, desc): a False here cannot happen for ordinary objects;
        // a typed array's elements refuse to become non-configurable (ECMA-262 10.4.5.3).
        Outcome defined = o->define_own_property(vm, key, desc);
        if (defined == Outcome::OutOfMemory || (defined == Outcome::False && o->is_typed_array())) {
            keep_alive(holder);
            return defined;
        }
    }
    keep_alive(holder);
    return Outcome::True;
}

bool TestIntegrityLevel(Vm& vm, Object* o, IntegrityLevel level)
{
    // 1-3. If IsExtensible(O) is true, return false.
    if (o->is_extensible())
        return false;
    // 4-5. For each key: a configurable property, or (frozen) a writable data property, fails.
    //      Lookups may allocate (property tables) and poll: `holder` keeps the keys alive.
    Cell* holder = nullptr;
    bool result = true;
    for (PropertyKey key : o->own_property_keys(vm, &holder)) {
        auto current = o->get_own_property_raw(vm, key);
        if (!current)
            continue;
        if (current->attributes.configurable()
            || (level == IntegrityLevel::Frozen && current->attributes.is_data() && current->attributes.writable())) {
            result = false;
            break;
        }
    }
    keep_alive(holder);
    return result;
}

// --- Tracing and registration ----------------------------------------------------------------------

void Object::trace(Cell* cell, Tracer& tracer)
{
    auto* object = static_cast<Object*>(cell);
    tracer.visit(reinterpret_cast<Cell*>(object->m_shape_word.load_relaxed() & ~kLockBit));
    tracer.visit(object->m_storage.load_relaxed());
    tracer.visit(object->m_elements.load_relaxed());
    u32 capacity = object->inline_capacity();
    for (u32 i = 0; i < capacity; ++i)
        trace_slot(tracer, object->inline_slots()[i]);
}

void register_object_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_cell_kind(to_u8(CellKind::Object), { "Object", Object::trace, nullptr });
        register_cell_kind(to_u8(CellKind::ArrayObject), { "ArrayObject", Object::trace, nullptr });
        register_cell_kind(to_u8(CellKind::Shape), { "Shape", Shape::trace, nullptr });
        register_cell_kind(to_u8(CellKind::TransitionTable), { "TransitionTable", TransitionTable::trace, nullptr });
        register_cell_kind(to_u8(CellKind::PropertyTable), { "PropertyTable", PropertyTable::trace, nullptr });
        register_cell_kind(to_u8(CellKind::StorageSpine), { "StorageSpine", StorageSpine::trace, nullptr });
        register_cell_kind(to_u8(CellKind::StorageSegment), { "StorageSegment", StorageSegment::trace, nullptr });
        register_cell_kind(to_u8(CellKind::SparseElements), { "SparseElements", SparseElements::trace, nullptr });
        register_cell_kind(to_u8(CellKind::DictionaryTable), { "DictionaryTable", DictionaryTable::trace, nullptr });
        register_cell_kind(to_u8(CellKind::Accessor), { "Accessor", Accessor::trace, nullptr });
    });
}

} // namespace weft
