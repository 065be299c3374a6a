// Shape: the hidden class of an object — its prototype, its named properties (key -> slot,
// attributes) and its extensibility — as an immutable cell in a tree of transitions; and
// ShapeRoots, the process-wide root shapes.
//
// Layout of a Shape (CellKind::Shape):
//   +0   cell header
//   +8   Shape* parent            immutable; the shape this one was derived from (null: root)
//   +16  Object* prototype        immutable; [[Prototype]] of every object with this shape
//   +24  u64 key bits             immutable; the key this transition added/changed/deleted
//   +32  u32 slot                 immutable; the slot of `key` (AddProperty/ChangeAttributes)
//   +36  u32 property_count       immutable
//   +40  u32 next_slot            immutable; slots [0, next_slot) have been used by this history
//   +44  u16 change_count         immutable; deletes and attribute changes in the history
//   +46  u8 attributes, u8 kind, u8 flags, u8 inline_capacity
//   +56  Atomic<TransitionTable*> transitions   copy-and-publish by CAS; children held weakly
//   +64  Atomic<PropertyTable*>   table         create-once by CAS (eager for Delete/ChangeAttributes)
//   +72  Atomic<DictionaryTable*> dictionary    dictionary shapes only; see below
//
// Invariants:
//  - A shape is immutable once published (R2): only the three side pointers change, each from
//    one immutable table to another by a single release CAS or store; nothing is freed by the
//    mutator (R4).
//  - next_slot never decreases along a transition path, and a slot number is used for one
//    property only: Delete keeps next_slot and ChangeAttributes takes a fresh slot, so a slot is
//    never reused before a GC and a racing writer that loaded an old shape can never write into
//    another property's value.
//  - Property lookup walks the parent chain to the first shape with a PropertyTable; every
//    Delete/ChangeAttributes shape has one (built before publication), so the walk only meets
//    AddProperty shapes (which add `key`) and SetPrototype/PreventExtensions (which add nothing).
//  - A dictionary shape (kDictionary) belongs to exactly one object and is never in a transition
//    table. Its DictionaryTable holds the object's keys; the table, and the dictionary pointer,
//    are read and written only under that object's lock (objects/object.h).
//  - Inline capacity is fixed at the root: every shape in a tree describes objects with the same
//    number of inline slots, so (shape, slot) determines the slot's address.
#pragma once

#include "base/atomic.h"
#include "base/types.h"
#include "heap/cell.h"
#include "objects/property_attributes.h"
#include "objects/property_key.h"

#include <optional>
#include <vector>

namespace weft {

class DictionaryTable;
class Heap;
class Object;
class PropertyTable;
class Shape;
class TransitionTable;
class Tracer;
class Vm;

struct PropertyInfo {
    u32 slot;
    PropertyAttributes attributes;
};

struct PropertyEntry {
    PropertyKey key;
    u32 slot;
    PropertyAttributes attributes;
};

enum class TransitionKind : u8 {
    Root,
    AddProperty,
    ChangeAttributes,
    Delete,
    SetPrototype,
    PreventExtensions,
    Dictionary,
};

class Shape : public Cell {
public:
    static constexpr u8 kNonExtensible = 1;
    static constexpr u8 kDictionary = 2;
    // Above this many properties a shape builds a PropertyTable on first lookup.
    static constexpr u32 kTableThreshold = 8;
    // Objects with more properties, or more deletes/attribute changes, go to dictionary mode.
    static constexpr u32 kMaxShapeProperties = 1024;
    static constexpr u32 kMaxChangeCount = 32;
    static constexpr u32 kMaxInlineCapacity = 64;
    static constexpr u32 kMaxTransitions = 512;

    Shape* parent() const { return m_parent; }
    Object* prototype() const { return m_prototype; }
    u32 property_count() const { return m_property_count; }
    u32 next_slot() const { return m_next_slot; }
    u32 change_count() const { return m_change_count; }
    u32 inline_capacity() const { return m_inline_capacity; }
    TransitionKind transition_kind() const { return static_cast<TransitionKind>(m_kind); }
    bool is_extensible() const { return !(m_flags & kNonExtensible); }
    bool is_dictionary() const { return m_flags & kDictionary; }

    // Dictionary shapes only. Atomic: written under the owning object's lock; read under it
    // (acquire) or by the collector with the world stopped.
    DictionaryTable* dictionary_acquire() const { return m_dictionary.load_acquire(); }
    void set_dictionary_release(DictionaryTable* table) { m_dictionary.store_release(table); }

    // The slot and attributes of `key` in this (non-dictionary) shape. Never allocates: walks
    // the parent chain when no table is built yet.
    std::optional<PropertyInfo> lookup_no_gc(PropertyKey key) const;
    // The same, building the PropertyTable first when this shape is large (may allocate).
    std::optional<PropertyInfo> lookup(Vm&, PropertyKey key) const;
    // Every property in insertion order (the order [[OwnPropertyKeys]] reports strings and symbols).
    void collect_properties(std::vector<PropertyEntry>& out) const;

    // Transitions: find the child in the transition table or create and publish it. Each returns
    // nullptr only at the heap limit. The caller ensures the transition is legal.
    Shape* add_property_transition(Vm&, PropertyKey, PropertyAttributes);
    // The property keeps its place in the key order but moves to a fresh slot (next_slot).
    Shape* change_attributes_transition(Vm&, PropertyKey, PropertyAttributes);
    Shape* delete_transition(Vm&, PropertyKey);
    Shape* set_prototype_transition(Vm&, Object* prototype);
    Shape* prevent_extensions_transition(Vm&);
    // A fresh unshared dictionary shape.
    static Shape* try_create_dictionary(Vm&, Object* prototype, bool extensible, u32 inline_capacity, DictionaryTable*);
    static Shape* try_create_root(Vm&, u32 inline_capacity);

    static void trace(Cell*, Tracer&);

private:
    friend class ShapeRoots;
    Shape* try_derive(Vm&, TransitionKind) const;
    Shape* find_transition(TransitionKind, u64 key_bits, u8 attributes) const;
    Shape* find_or_create_transition(Vm&, TransitionKind, u64 key_bits, u8 attributes, Shape* (*create)(Vm&, Shape const*, u64, u8));
    PropertyTable* ensure_table(Vm&) const;

    Shape* m_parent;
    Object* m_prototype;
    u64 m_key_bits;
    u32 m_slot;
    u32 m_property_count;
    u32 m_next_slot;
    u16 m_change_count;
    u8 m_attributes;
    u8 m_kind;
    u8 m_flags;
    u8 m_inline_capacity;
    u8 m_padding[6];
    mutable Atomic<TransitionTable*> m_transitions;
    mutable Atomic<PropertyTable*> m_table;
    Atomic<DictionaryTable*> m_dictionary;
};

// An immutable key -> (slot, attributes) index of a shape, with the entries in insertion order.
// Layout (CellKind::PropertyTable): +0 header, +8 u32 count, +12 u32 hash capacity (power of two),
// +16 PropertyTable::Entry entries[count], then u32 index[hash capacity] (entry number + 1; 0 = empty).
class PropertyTable : public Cell {
public:
    struct Entry {
        u64 key_bits;
        u32 slot;
        u8 attributes;
        u8 padding[3];
    };
    static PropertyTable* try_create(Vm&, std::vector<PropertyEntry> const&);
    u32 count() const { return m_count; }
    Entry const& entry(u32 i) const { return entries()[i]; }
    std::optional<PropertyInfo> find(PropertyKey) const;
    static void trace(Cell*, Tracer&);

private:
    Entry* entries() { return reinterpret_cast<Entry*>(this + 1); }
    Entry const* entries() const { return reinterpret_cast<Entry const*>(this + 1); }
    u32* index() { return reinterpret_cast<u32*>(entries() + m_count); }
    u32 const* index() const { return reinterpret_cast<u32 const*>(entries() + m_count); }
    u32 m_count;
    u32 m_capacity;
};

// An immutable list of a shape's transitions; replaced wholesale (copy + CAS) to add one.
// Layout (CellKind::TransitionTable): +0 header, +8 u32 count, +16 Entry entries[count].
// Children are weak: the collector nulls an entry whose child died, and copies drop such entries.
class TransitionTable : public Cell {
public:
    struct Entry {
        u64 key_bits;
        u8 kind;
        u8 attributes;
        u8 padding[6];
        Atomic<Cell*> child; // weak; Atomic: null -> child before publication, cleared by the GC
    };
    u32 count() const { return m_count; }
    Entry& entry(u32 i) { return reinterpret_cast<Entry*>(this + 1)[i]; }
    Entry const& entry(u32 i) const { return reinterpret_cast<Entry const*>(this + 1)[i]; }
    static void trace(Cell*, Tracer&);

private:
    friend class Shape;
    u32 m_count;
    u32 m_padding;
};

// The root shapes: one empty, extensible shape with a null prototype per inline capacity.
// Objects with prototype P start at root(capacity).set_prototype_transition(P).
// Thread-safety: constructed before any thread attaches, allocates nothing then; each root is
// created lazily on first use and published by CAS (the loser's shape is garbage).
class ShapeRoots {
public:
    explicit ShapeRoots(Heap&);
    ~ShapeRoots();
    ShapeRoots(ShapeRoots const&) = delete;
    ShapeRoots& operator=(ShapeRoots const&) = delete;

    // nullptr at the heap limit.
    Shape* empty_root(Vm&, u32 inline_capacity);
    Shape* root_for_prototype(Vm&, Object* prototype, u32 inline_capacity);

private:
    Heap& m_heap;
    u64 m_root_source_id;
    Atomic<Shape*> m_roots[Shape::kMaxInlineCapacity + 1]; // Atomic: null -> root once, by CAS
};

// Registers the trace functions of every object-model cell kind. Idempotent.
void register_object_cell_kinds();

} // namespace weft
