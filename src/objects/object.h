// Object: an ordinary JavaScript object — shape word, inline slots, out-of-line slots, elements —
// and its internal methods ([[GetOwnProperty]], [[DefineOwnProperty]], [[Get]], [[Set]], ...).
//
// Layout (CellKind::Object; ArrayObject in objects/array.h shares the first 32 bytes):
//   +0   cell header: bits 0..15 the heap's; bits 16..23 inline slot capacity (immutable)
//   +8   Atomic<uptr> shape word: Shape* | kLockBit. The lock bit is the per-object lock.
//   +16  Atomic<StorageSpine*> out-of-line named slots (null until needed; installed once by CAS)
//   +24  Atomic<StorageSpine*> elements (null until needed; see objects/elements.cpp)
//   +32  AtomicValue inline slots[inline capacity]
// Named slot j lives inline when j < inline capacity, else at j - inline capacity in the spine.
//
// Invariants:
//  - Shape changes are single-word publications on the shape word: a CAS from the shape the
//    operation read (prevent/setPrototype/delete/convert to dictionary), or, when a value must be
//    stored first (add, attribute change), CAS shape -> shape|kLockBit, store the value into a
//    slot no shape of this object has ever used, then release-store the new shape. A reader
//    that finds the lock bit set uses the shape without it: the operation has not happened
//    yet for it, so readers and writers of existing slots never wait.
//  - The storage a new slot needs exists before the new shape is published, so a reader that
//    acquires a shape finds every slot it names, holding that property's value (never empty,
//    never another property's value).
//  - Slot numbers are never reused before a GC (Shape invariants), so a racing write through an
//    old shape can only land in its own property's slot or in a slot no live shape names.
//  - Dictionary mode: every access to the key table, reads included, holds the lock; the lock
//    holder never allocates, never polls a safepoint and never runs JavaScript (R6). Waiters spin
//    and poll safepoints.
//  - Prototypes live in the shape; [[SetPrototypeOf]] is a shape transition serialized by the
//    runtime's prototype lock so that concurrent calls can never create a cycle.
//  - Slot values are stored with release and read with acquire (a plain mov on x86-64) so that a
//    cell reached through a racy slot read is fully initialised for the reader.
#pragma once

#include "objects/property_attributes.h"
#include "objects/property_descriptor.h"
#include "objects/property_key.h"
#include "objects/property_storage.h"
#include "objects/shape.h"
#include "vm/value.h"

#include <optional>
#include <vector>

namespace weft {

class Accessor;
class SparseElements;
class Tracer;
class Vm;

// The result of an internal method that returns a spec Boolean and may fail to allocate.
enum class [[nodiscard]] Outcome : u8 { False = 0, True = 1, OutOfMemory = 2 };
inline Outcome to_outcome(bool b) { return b ? Outcome::True : Outcome::False; }

// [[Get]] without running JavaScript: a value, or the getter the caller must call with the receiver.
struct GetResult {
    enum class Kind : u8 { Value, CallGetter };
    Kind kind = Kind::Value;
    Value value; // the value, or the getter function
};

// [[Set]] without running JavaScript: done (with the spec Boolean), or the setter to call.
struct SetResult {
    enum class Kind : u8 { Done, CallSetter, OutOfMemory };
    Kind kind = Kind::Done;
    bool succeeded = false;
    Value setter;
};

enum class IntegrityLevel : u8 { Sealed, Frozen };

// A prepared replacement of an object's element spine (integrity-level changes): `fresh` has
// the new flags and empty copies of `old`'s segments, allocated before taking the lock.
struct ElementsSwap {
    StorageSpine* old = nullptr;
    StorageSpine* fresh = nullptr; // null: `old` already has the flags, nothing to swap
};

// A property as stored: its attributes and its slot's content (an Accessor cell for accessors).
struct OwnProperty {
    PropertyAttributes attributes;
    Value value;
};

class Object : public Cell {
public:
    static constexpr u32 kDefaultInlineCapacity = 4;
    static constexpr uptr kLockBit = 1;
    static constexpr unsigned kInlineCapacityShift = 16;

    // OrdinaryObjectCreate ( proto ): an empty extensible object; nullptr at the heap limit.
    // spec: https://tc39.es/ecma262/#sec-ordinaryobjectcreate
    static Object* try_create(Vm&, Object* prototype, u32 inline_capacity = kDefaultInlineCapacity);

    bool is_array() const { return kind_raw() == to_u8(CellKind::ArrayObject); }
    // An integer-indexed exotic object (a typed array; see IntegerIndexedHooks below).
    bool is_typed_array() const { return kind_raw() == to_u8(CellKind::TypedArrayObject); }
    u32 inline_capacity() const { return static_cast<u32>((header_word().load_relaxed() >> kInlineCapacityShift) & 0xff); }
    // The current shape (never with the lock bit).
    Shape* shape_acquire() const { return reinterpret_cast<Shape*>(m_shape_word.load_acquire() & ~kLockBit); }

    // --- Internal methods (ECMA-262 10.1, ordinary objects; arrays dispatch inside) ---------------

    // [[GetPrototypeOf]] ( ) — OrdinaryGetPrototypeOf
    // spec: https://tc39.es/ecma262/#sec-ordinarygetprototypeof
    Object* get_prototype_of() const { return shape_acquire()->prototype(); }
    // [[SetPrototypeOf]] ( V ) — OrdinarySetPrototypeOf, with its cycle check
    // spec: https://tc39.es/ecma262/#sec-ordinarysetprototypeof
    Outcome set_prototype_of(Vm&, Object* prototype);
    // [[IsExtensible]] ( ) — OrdinaryIsExtensible
    // spec: https://tc39.es/ecma262/#sec-ordinaryisextensible
    bool is_extensible() const { return shape_acquire()->is_extensible(); }
    // [[PreventExtensions]] ( ) — OrdinaryPreventExtensions
    // spec: https://tc39.es/ecma262/#sec-ordinarypreventextensions
    Outcome prevent_extensions(Vm&);
    // [[GetOwnProperty]] ( P ) — OrdinaryGetOwnProperty
    // spec: https://tc39.es/ecma262/#sec-ordinarygetownproperty
    std::optional<PropertyDescriptor> get_own_property(Vm&, PropertyKey);
    // [[DefineOwnProperty]] ( P, Desc ) — OrdinaryDefineOwnProperty / ArrayDefineOwnProperty.
    // spec: https://tc39.es/ecma262/#sec-ordinarydefineownproperty
    // NOTE: for an Array's "length", a [[Value]] that is not an integral Number in [0, 2^32 - 1]
    // returns False; the caller (which ran ToNumber) throws the RangeError of ArraySetLength.
    Outcome define_own_property(Vm&, PropertyKey, PropertyDescriptor const&);
    // [[HasProperty]] ( P ) — OrdinaryHasProperty
    // spec: https://tc39.es/ecma262/#sec-ordinaryhasproperty
    bool has_property(Vm&, PropertyKey);
    // [[Get]] ( P, Receiver ) with Receiver = this — OrdinaryGet
    // spec: https://tc39.es/ecma262/#sec-ordinaryget
    GetResult get(Vm&, PropertyKey);
    // [[Set]] ( P, V, Receiver ) with Receiver = this — OrdinarySet
    // spec: https://tc39.es/ecma262/#sec-ordinaryset
    SetResult set(Vm&, PropertyKey, Value);
    // [[Delete]] ( P ) — OrdinaryDelete
    // spec: https://tc39.es/ecma262/#sec-ordinarydelete
    Outcome delete_property(Vm&, PropertyKey);
    // [[OwnPropertyKeys]] ( ) — OrdinaryOwnPropertyKeys: integer indices ascending, then strings,
    // then symbols, each in property creation order.
    // spec: https://tc39.es/ecma262/#sec-ordinaryownpropertykeys
    // NOTE: the keys are returned in a C++ vector the collector does not scan, and another
    // thread may delete a listed property at any time, after which nothing of the object refers
    // to its key. `keys_holder`, when given, receives a cell (a shape or a dictionary table)
    // that refers to every listed string and symbol key: a caller that uses the keys across an
    // allocation or a safepoint keeps that cell on its stack until it is done with them.
    std::vector<PropertyKey> own_property_keys(Vm&, Cell** keys_holder = nullptr);

    // CreateDataProperty ( O, P, V )
    // spec: https://tc39.es/ecma262/#sec-createdataproperty
    Outcome create_data_property(Vm&, PropertyKey, Value);

    // Fast path: the value of an own data property, or nullopt when the property is absent or an
    // accessor. Takes no lock for objects in shape mode.
    std::optional<Value> get_own_data_value(Vm&, PropertyKey);
    // The own property as stored, or nullopt.
    std::optional<OwnProperty> get_own_property_raw(Vm&, PropertyKey);

    // --- Atomics on properties (threads/property_atomics.cpp) ----------------------------------

    // Where the value of an own data property lives while the caller holds the object's lock:
    // `slot`, an atomic word that plain writers on other threads may store to without the lock
    // (so read-modify-writes on it must CAS), or `locked_value`, a sparse element's value that
    // is only ever written under the lock.
    struct OwnDataLocation {
        PropertyAttributes attributes;
        AtomicValue* slot = nullptr;
        Value* locked_value = nullptr;
    };
    // REQUIRES the lock, `held` being the shape lock() returned. Finds own property `key`;
    // returns false if it is absent. For an accessor, `attributes` says so and neither pointer
    // is set. Never allocates. (Array `length` is not a slot: reported absent; callers check.)
    bool find_own_data_locked(Shape* held, PropertyKey, OwnDataLocation&);

    // --- Thread.restrict (threads/restrict.cpp) -------------------------------------------------

    // The owning thread's id + 1 in header bits 32..63; 0 when the object is not restricted.
    static constexpr unsigned kRestrictedOwnerShift = 32;
    u32 restricted_owner() const { return static_cast<u32>(header_word().load_acquire() >> kRestrictedOwnerShift); }
    // Restricts the object to `owner` (a thread id + 1): moves it to dictionary mode, so that no
    // inline cache holds its shape and every named access takes a slow path that checks the
    // owner, and flags its elements so that indexed writes do too; then publishes the owner.
    // Returns the owner now in place (another thread's if it won a race), or 0 at the heap limit.
    u32 restrict_to(Vm&, u32 owner);

    // --- Storage (for the object model and, later, inline caches) --------------------------------

    // The slot holding named slot `slot`, which the current shape names (so it exists).
    AtomicValue* slot_address(u32 slot) const;
    // The slot, allocating out-of-line storage for it if needed; nullptr at the heap limit.
    AtomicValue* ensure_slot(Vm&, u32 slot);
    StorageSpine* elements_acquire() const { return m_elements.load_acquire(); }

    // --- The per-object lock (the lock bit of the shape word) ------------------------------------

    // Spins (polling safepoints) until the lock is taken; returns the shape it holds.
    Shape* lock(Vm&);
    // Takes the lock only if the shape word is exactly `expected` (unlocked).
    bool try_lock_from(Shape* expected);
    // Releases the lock, publishing `shape` (the held one or a successor) with release.
    void unlock(Shape* shape) { m_shape_word.store_release(reinterpret_cast<uptr>(shape)); }

    static void trace(Cell*, Tracer&);

protected:
    friend class ArrayObject;
    friend Outcome SetIntegrityLevel(Vm&, Object*, IntegrityLevel);

    void initialize(Shape*, u32 inline_capacity);
    AtomicValue* inline_slots() { return reinterpret_cast<AtomicValue*>(this + 1); }
    AtomicValue const* inline_slots() const { return reinterpret_cast<AtomicValue const*>(this + 1); }
    bool try_publish_from(Shape* expected, Shape* desired);
    void wait_while_locked(Vm&) const;

    // Named properties (objects/object.cpp).
    std::optional<OwnProperty> get_own_named(Vm&, PropertyKey);
    Outcome define_own_named(Vm&, PropertyKey, PropertyDescriptor const&);
    Outcome delete_named(Vm&, PropertyKey);
    bool convert_to_dictionary(Vm&, Shape* from);
    bool grow_dictionary(Vm&, Shape* dictionary_shape, u32 needed);

    // Elements (objects/elements.cpp).
    std::optional<OwnProperty> get_own_element(Vm&, u32 index);
    std::optional<OwnProperty> get_own_element_locked(u32 index) const; // REQUIRES the lock
    Outcome define_own_element(Vm&, u32 index, PropertyDescriptor const&);
    Outcome delete_element(Vm&, u32 index);
    bool set_element_fast(u32 index, Value);
    void collect_element_keys(Vm&, std::vector<PropertyKey>&);
    Outcome set_elements_integrity(Vm&, u32 flag);
    StorageSpine* ensure_elements(Vm&);
    bool prepare_elements_swap(Vm&, u32 add_flags, ElementsSwap&);
    bool commit_elements_swap(ElementsSwap&); // REQUIRES the lock; false if the elements changed
    u32 array_length_acquire() const;

    Atomic<uptr> m_shape_word;            // Atomic: see Invariants
    Atomic<StorageSpine*> m_storage;      // Atomic: null -> spine once by CAS; read with acquire
    Atomic<StorageSpine*> m_elements;     // Atomic: CAS null -> spine; replaced under the lock only
};
static_assert(sizeof(Object) == 32);

// Integer-indexed exotic objects (ECMA-262 10.4.5: the typed arrays of builtins/typed_array.h)
// keep their elements outside the object model, which reaches them through these functions for
// keys that are CanonicalNumericIndexStrings. Installed once at start-up, before any typed array
// exists. None of them allocates, polls a safepoint or runs JavaScript.
struct IntegerIndexedHooks {
    // CanonicalNumericIndexString ( P ) for any key (array indices included): whether the key is
    // numeric, and its numeric value in *index.
    bool (*numeric_key)(PropertyKey key, double* index);
    // TypedArrayGetElement ( O, index ): the element, or nullopt when index is not a valid integer index.
    std::optional<Value> (*get_element)(Object*, double index);
    // TypedArraySetElement ( O, index, V ) with V already a Number: no effect when not valid.
    void (*set_element)(Object*, double index, Value number);
    // TypedArrayLength for [[OwnPropertyKeys]] (0 when out of bounds or detached).
    u64 (*length)(Object*);
};
void set_integer_indexed_hooks(IntegerIndexedHooks const*);

// SetIntegrityLevel ( O, level )
// spec: https://tc39.es/ecma262/#sec-setintegritylevel
Outcome SetIntegrityLevel(Vm&, Object*, IntegrityLevel);
// TestIntegrityLevel ( O, level )
// spec: https://tc39.es/ecma262/#sec-testintegritylevel
bool TestIntegrityLevel(Vm&, Object*, IntegrityLevel);
// SameValue ( x, y )
// spec: https://tc39.es/ecma262/#sec-samevalue
bool SameValue(Value x, Value y);

// The fully resolved property ValidateAndApplyPropertyDescriptor decides on.
struct PlannedProperty {
    PropertyAttributes attributes;
    Value value;  // data properties
    Value getter; // accessor properties
    Value setter;
};
enum class DefinePlan : u8 { Reject, Unchanged, Apply };
// The decision part of ValidateAndApplyPropertyDescriptor ( O, P, extensible, Desc, current ):
// whether Desc may be applied to `current` (absent when nullopt) and the property that results.
// spec: https://tc39.es/ecma262/#sec-validateandapplypropertydescriptor
DefinePlan ValidateAndApplyPropertyDescriptor(bool extensible, PropertyDescriptor const& desc,
    std::optional<PlannedProperty> const& current, PlannedProperty& result);
// The stored form of `property` as a PlannedProperty (reads the Accessor cell of accessors).
PlannedProperty planned_from(OwnProperty const&);
PropertyDescriptor descriptor_from(OwnProperty const&);

} // namespace weft
