// Shape: property lookup, lazily built property tables, transition tables and root shapes.
#include "objects/shape.h"
#include "base/race_amplifier.h"

#include "objects/dictionary.h"
#include "objects/object.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <algorithm>
#include <bit>

namespace weft {

// --- PropertyTable --------------------------------------------------------------------------

PropertyTable* PropertyTable::try_create(Vm& vm, std::vector<PropertyEntry> const& properties)
{
    u32 count = static_cast<u32>(properties.size());
    u32 capacity = std::bit_ceil(std::max<u32>(8, count * 2));
    usize bytes = sizeof(PropertyTable) + usize(count) * sizeof(Entry) + usize(capacity) * sizeof(u32);
    auto* table = vm.try_allocate<PropertyTable>(bytes, CellKind::PropertyTable);
    if (!table)
        return nullptr;
    table->m_count = count;
    table->m_capacity = capacity;
    u32* index = table->index();
    for (u32 i = 0; i < count; ++i) {
        Entry& e = table->entries()[i];
        e.key_bits = properties[i].key.bits();
        e.slot = properties[i].slot;
        e.attributes = properties[i].attributes.bits();
        u32 h = static_cast<u32>(properties[i].key.hash()) & (capacity - 1);
        while (index[h] != 0)
            h = (h + 1) & (capacity - 1);
        index[h] = i + 1;
    }
    return table;
}

std::optional<PropertyInfo> PropertyTable::find(PropertyKey key) const
{
    u32 const* idx = index();
    u32 mask = m_capacity - 1;
    for (u32 h = static_cast<u32>(key.hash()) & mask;; h = (h + 1) & mask) {
        u32 i = idx[h];
        if (i == 0)
            return std::nullopt;
        Entry const& e = entries()[i - 1];
        if (e.key_bits == key.bits())
            return PropertyInfo { e.slot, PropertyAttributes(e.attributes) };
    }
}

void PropertyTable::trace(Cell* cell, Tracer& tracer)
{
    auto* table = static_cast<PropertyTable*>(cell);
    for (u32 i = 0; i < table->m_count; ++i) {
        PropertyKey key = PropertyKey::from_bits(table->entries()[i].key_bits);
        if (key.is_cell())
            tracer.visit(key.as_cell());
    }
}

// --- TransitionTable ------------------------------------------------------------------------

void TransitionTable::trace(Cell* cell, Tracer& tracer)
{
    auto* table = static_cast<TransitionTable*>(cell);
    for (u32 i = 0; i < table->m_count; ++i)
        tracer.visit_weak(&table->entry(i).child);
}

// --- Shape: lookup --------------------------------------------------------------------------

std::optional<PropertyInfo> Shape::lookup_no_gc(PropertyKey key) const
{
    WEFT_ASSERT(!is_dictionary());
    for (Shape const* s = this; s; s = s->m_parent) {
        if (PropertyTable* table = s->m_table.load_acquire())
            return table->find(key);
        if (s->m_kind == u8(TransitionKind::AddProperty) && s->m_key_bits == key.bits())
            return PropertyInfo { s->m_slot, PropertyAttributes(s->m_attributes) };
        WEFT_ASSERT(s->m_kind != u8(TransitionKind::Delete) && s->m_kind != u8(TransitionKind::ChangeAttributes));
    }
    return std::nullopt;
}

std::optional<PropertyInfo> Shape::lookup(Vm& vm, PropertyKey key) const
{
    if (m_property_count > kTableThreshold && !m_table.load_acquire())
        ensure_table(vm); // on failure the walk below still answers
    return lookup_no_gc(key);
}

void Shape::collect_properties(std::vector<PropertyEntry>& out) const
{
    WEFT_ASSERT(!is_dictionary());
    // Walk up to the nearest table, remembering the AddProperty shapes on the way.
    Shape const* adds_inline[16];
    std::vector<Shape const*> adds_heap;
    usize add_count = 0;
    PropertyTable const* base = nullptr;
    for (Shape const* s = this; s; s = s->m_parent) {
        if ((base = s->m_table.load_acquire()))
            break;
        if (s->m_kind == u8(TransitionKind::AddProperty)) {
            if (add_count < 16)
                adds_inline[add_count] = s;
            else
                adds_heap.push_back(s);
            ++add_count;
        }
    }
    out.clear();
    out.reserve(m_property_count);
    if (base) {
        for (u32 i = 0; i < base->count(); ++i) {
            auto const& e = base->entry(i);
            out.push_back({ PropertyKey::from_bits(e.key_bits), e.slot, PropertyAttributes(e.attributes) });
        }
    }
    for (usize i = add_count; i-- > 0;) {
        Shape const* s = i < 16 ? adds_inline[i] : adds_heap[i - 16];
        out.push_back({ PropertyKey::from_bits(s->m_key_bits), s->m_slot, PropertyAttributes(s->m_attributes) });
    }
}

// Create-once: build outside any lock, publish by CAS, the loser's table is garbage.
PropertyTable* Shape::ensure_table(Vm& vm) const
{
    if (PropertyTable* table = m_table.load_acquire())
        return table;
    std::vector<PropertyEntry> properties;
    collect_properties(properties);
    PropertyTable* fresh = PropertyTable::try_create(vm, properties);
    if (!fresh)
        return nullptr;
    PropertyTable* expected = nullptr;
    if (m_table.compare_exchange_acq_rel(expected, fresh))
        return fresh;
    return expected;
}

// --- Shape: transitions ---------------------------------------------------------------------

Shape* Shape::try_create_root(Vm& vm, u32 inline_capacity)
{
    WEFT_VERIFY(inline_capacity <= kMaxInlineCapacity);
    auto* shape = vm.try_allocate<Shape>(sizeof(Shape), CellKind::Shape);
    if (!shape)
        return nullptr;
    shape->m_kind = u8(TransitionKind::Root);
    shape->m_inline_capacity = static_cast<u8>(inline_capacity);
    return shape;
}

Shape* Shape::try_derive(Vm& vm, TransitionKind kind) const
{
    auto* shape = vm.try_allocate<Shape>(sizeof(Shape), CellKind::Shape);
    if (!shape)
        return nullptr;
    shape->m_parent = const_cast<Shape*>(this);
    shape->m_prototype = m_prototype;
    shape->m_property_count = m_property_count;
    shape->m_next_slot = m_next_slot;
    shape->m_change_count = m_change_count;
    shape->m_flags = m_flags;
    shape->m_inline_capacity = m_inline_capacity;
    shape->m_kind = u8(kind);
    return shape;
}

Shape* Shape::find_transition(TransitionKind kind, u64 key_bits, u8 attributes) const
{
    TransitionTable* table = m_transitions.load_acquire();
    if (!table)
        return nullptr;
    for (u32 i = 0; i < table->m_count; ++i) {
        auto& e = table->entry(i);
        if (e.key_bits == key_bits && e.kind == u8(kind) && e.attributes == attributes) {
            if (Cell* child = e.child.load_acquire())
                return static_cast<Shape*>(child);
        }
    }
    return nullptr;
}

// Transition tables are copy-and-publish: allocate the copy first, then CAS the pointer; a lost
// race re-reads the table and either finds the winner's child or copies again. No lock is held,
// so nothing here can block another thread or wait at a safepoint while holding anything.
Shape* Shape::find_or_create_transition(Vm& vm, TransitionKind kind, u64 key_bits, u8 attributes,
    Shape* (*create)(Vm&, Shape const*, u64, u8))
{
    if (Shape* existing = find_transition(kind, key_bits, attributes))
        return existing;
    Shape* child = create(vm, this, key_bits, attributes);
    if (!child)
        return nullptr;
    for (;;) {
        TransitionTable* old = m_transitions.load_acquire();
        if (Shape* existing = find_transition(kind, key_bits, attributes))
            return existing;
        u32 old_count = old ? old->m_count : 0;
        if (old_count >= kMaxTransitions)
            return child; // megamorphic: an uncached (still correct) shape
        usize bytes = sizeof(TransitionTable) + usize(old_count + 1) * sizeof(TransitionTable::Entry);
        auto* fresh = vm.try_allocate<TransitionTable>(bytes, CellKind::TransitionTable);
        if (!fresh)
            return child; // not cached, still correct
        // A collection during the allocation may have cleared children of `old`: copy live ones.
        u32 n = 0;
        for (u32 i = 0; i < old_count; ++i) {
            auto const& e = old->entry(i);
            Cell* c = e.child.load_acquire();
            if (!c)
                continue;
            auto& d = fresh->entry(n++);
            d.key_bits = e.key_bits;
            d.kind = e.kind;
            d.attributes = e.attributes;
            d.child.store_relaxed(c);
        }
        auto& d = fresh->entry(n++);
        d.key_bits = key_bits;
        d.kind = u8(kind);
        d.attributes = attributes;
        d.child.store_relaxed(child);
        fresh->m_count = n;
        TransitionTable* expected = old;
        race_amplify_point();
        if (m_transitions.compare_exchange_acq_rel(expected, fresh))
            return child;
    }
}

Shape* Shape::add_property_transition(Vm& vm, PropertyKey key, PropertyAttributes attributes)
{
    WEFT_ASSERT(!is_dictionary() && is_extensible());
    return find_or_create_transition(vm, TransitionKind::AddProperty, key.bits(), attributes.bits(),
        [](Vm& vm, Shape const* parent, u64 key_bits, u8 attrs) -> Shape* {
            Shape* s = parent->try_derive(vm, TransitionKind::AddProperty);
            if (!s)
                return nullptr;
            s->m_key_bits = key_bits;
            s->m_attributes = attrs;
            s->m_slot = parent->m_next_slot;
            s->m_next_slot = parent->m_next_slot + 1;
            s->m_property_count = parent->m_property_count + 1;
            return s;
        });
}

Shape* Shape::change_attributes_transition(Vm& vm, PropertyKey key, PropertyAttributes attributes)
{
    WEFT_ASSERT(!is_dictionary());
    return find_or_create_transition(vm, TransitionKind::ChangeAttributes, key.bits(), attributes.bits(),
        [](Vm& vm, Shape const* parent, u64 key_bits, u8 attrs) -> Shape* {
            std::vector<PropertyEntry> properties;
            parent->collect_properties(properties);
            for (auto& p : properties) {
                if (p.key.bits() == key_bits) {
                    p.slot = parent->m_next_slot;
                    p.attributes = PropertyAttributes(attrs);
                }
            }
            PropertyTable* table = PropertyTable::try_create(vm, properties);
            if (!table)
                return nullptr;
            Shape* s = parent->try_derive(vm, TransitionKind::ChangeAttributes);
            if (!s)
                return nullptr;
            s->m_key_bits = key_bits;
            s->m_attributes = attrs;
            s->m_slot = parent->m_next_slot;
            s->m_next_slot = parent->m_next_slot + 1;
            s->m_change_count = static_cast<u16>(parent->m_change_count + 1);
            s->m_table.store_relaxed(table); // published with the shape
            return s;
        });
}

Shape* Shape::delete_transition(Vm& vm, PropertyKey key)
{
    WEFT_ASSERT(!is_dictionary());
    return find_or_create_transition(vm, TransitionKind::Delete, key.bits(), 0,
        [](Vm& vm, Shape const* parent, u64 key_bits, u8) -> Shape* {
            std::vector<PropertyEntry> properties;
            parent->collect_properties(properties);
            std::erase_if(properties, [&](PropertyEntry const& p) { return p.key.bits() == key_bits; });
            PropertyTable* table = PropertyTable::try_create(vm, properties);
            if (!table)
                return nullptr;
            Shape* s = parent->try_derive(vm, TransitionKind::Delete);
            if (!s)
                return nullptr;
            s->m_key_bits = key_bits;
            s->m_property_count = static_cast<u32>(properties.size());
            s->m_change_count = static_cast<u16>(parent->m_change_count + 1);
            s->m_table.store_relaxed(table);
            return s;
        });
}

Shape* Shape::set_prototype_transition(Vm& vm, Object* prototype)
{
    WEFT_ASSERT(!is_dictionary());
    return find_or_create_transition(vm, TransitionKind::SetPrototype, reinterpret_cast<uptr>(prototype), 0,
        [](Vm& vm, Shape const* parent, u64 key_bits, u8) -> Shape* {
            Shape* s = parent->try_derive(vm, TransitionKind::SetPrototype);
            if (s)
                s->m_prototype = reinterpret_cast<Object*>(static_cast<uptr>(key_bits));
            return s;
        });
}

Shape* Shape::prevent_extensions_transition(Vm& vm)
{
    WEFT_ASSERT(!is_dictionary());
    return find_or_create_transition(vm, TransitionKind::PreventExtensions, 0, 0,
        [](Vm& vm, Shape const* parent, u64, u8) -> Shape* {
            Shape* s = parent->try_derive(vm, TransitionKind::PreventExtensions);
            if (s)
                s->m_flags |= kNonExtensible;
            return s;
        });
}

Shape* Shape::try_create_dictionary(Vm& vm, Object* prototype, bool extensible, u32 inline_capacity, DictionaryTable* table)
{
    auto* shape = vm.try_allocate<Shape>(sizeof(Shape), CellKind::Shape);
    if (!shape)
        return nullptr;
    shape->m_kind = u8(TransitionKind::Dictionary);
    shape->m_prototype = prototype;
    shape->m_flags = kDictionary | (extensible ? 0 : kNonExtensible);
    shape->m_inline_capacity = static_cast<u8>(inline_capacity);
    shape->m_dictionary.store_relaxed(table); // published with the shape
    return shape;
}

void Shape::trace(Cell* cell, Tracer& tracer)
{
    auto* shape = static_cast<Shape*>(cell);
    tracer.visit(shape->m_parent);
    tracer.visit(reinterpret_cast<Cell*>(shape->m_prototype));
    if (shape->m_kind == u8(TransitionKind::AddProperty) || shape->m_kind == u8(TransitionKind::ChangeAttributes)
        || shape->m_kind == u8(TransitionKind::Delete)) {
        PropertyKey key = PropertyKey::from_bits(shape->m_key_bits);
        if (key.is_cell())
            tracer.visit(key.as_cell());
    }
    tracer.visit(shape->m_transitions.load_relaxed());
    tracer.visit(shape->m_table.load_relaxed());
    tracer.visit(reinterpret_cast<Cell*>(shape->m_dictionary.load_relaxed()));
}

// --- ShapeRoots ------------------------------------------------------------------------------

ShapeRoots::ShapeRoots(Heap& heap)
    : m_heap(heap)
{
    // No allocation here: threads are not attached yet. Roots are created on first use.
    m_root_source_id = heap.add_root_source([this](Tracer& tracer) {
        for (auto& root : m_roots)
            tracer.visit(root.load_relaxed());
    });
}

ShapeRoots::~ShapeRoots()
{
    m_heap.remove_root_source(m_root_source_id);
}

Shape* ShapeRoots::empty_root(Vm& vm, u32 inline_capacity)
{
    WEFT_VERIFY(inline_capacity <= Shape::kMaxInlineCapacity);
    if (Shape* root = m_roots[inline_capacity].load_acquire())
        return root;
    Shape* fresh = Shape::try_create_root(vm, inline_capacity);
    if (!fresh)
        return nullptr;
    Shape* expected = nullptr;
    if (m_roots[inline_capacity].compare_exchange_acq_rel(expected, fresh))
        return fresh;
    return expected;
}

Shape* ShapeRoots::root_for_prototype(Vm& vm, Object* prototype, u32 inline_capacity)
{
    Shape* root = empty_root(vm, inline_capacity);
    if (!root || !prototype)
        return root;
    return root->set_prototype_transition(vm, prototype);
}

} // namespace weft
