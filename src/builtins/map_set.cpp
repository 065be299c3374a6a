// Map and Set (see map_set.h for the table layout and the locking rules).
// spec: https://tc39.es/ecma262/#sec-keyed-collections
#include "builtins/map_set.h"

#include "builtins/builtins.h"
#include "builtins/iterator.h"
#include "vm/trace.h"

#include <cmath>
#include <mutex>

namespace weft {

namespace {

class MapTable final : public Cell {
public:
    struct Entry {
        Value key; // empty: deleted
        Value value;
        u32 next;  // chain link: entry index + 1, 0 = end
        u32 padding;
    };

    static MapTable* try_create(Vm& vm, u32 capacity)
    {
        u32 hash_capacity = 8;
        while (hash_capacity < capacity * 2)
            hash_capacity *= 2;
        usize bytes = sizeof(MapTable) + capacity * sizeof(Entry) + hash_capacity * sizeof(u32);
        auto* t = vm.try_allocate<MapTable>(bytes, CellKind::MapTable);
        if (!t)
            return nullptr;
        t->m_capacity = capacity;
        t->m_hash_capacity = hash_capacity;
        return t;
    }
    Entry* entries() { return reinterpret_cast<Entry*>(this + 1); }
    u32* heads() { return reinterpret_cast<u32*>(entries() + m_capacity); }
    u32 capacity() const { return m_capacity; }
    u32 used() const { return m_used; }
    u32 live() const { return m_live; }

    static u64 hash(Value key)
    {
        u64 bits = key.bits();
        if (is_string(key))
            bits = static_cast<String*>(key.as_cell())->hash();
        bits ^= bits >> 33;
        bits *= 0xff51afd7ed558ccdULL;
        bits ^= bits >> 33;
        return bits;
    }
    static bool same(Value a, Value b)
    {
        if (a == b)
            return true;
        if (is_string(a) && is_string(b))
            return string_equals(static_cast<String*>(a.as_cell()), static_cast<String*>(b.as_cell()));
        return false;
    }
    Entry* find(Value key)
    {
        u32 i = heads()[hash(key) & (m_hash_capacity - 1)];
        while (i) {
            Entry& e = entries()[i - 1];
            if (!e.key.is_empty() && same(e.key, key))
                return &e;
            i = e.next;
        }
        return nullptr;
    }
    bool has_room() const { return m_used < m_capacity; }
    void append(Value key, Value value)
    {
        Entry& e = entries()[m_used];
        e.key = key;
        e.value = value;
        u32& head = heads()[hash(key) & (m_hash_capacity - 1)];
        e.next = head;
        head = ++m_used;
        ++m_live;
    }
    void remove(Entry* e)
    {
        e->key = Value::empty();
        e->value = Value::undefined();
        --m_live;
        // Keep the first-live hint: a queue-like Map (an LRU cache deleting its oldest entry)
        // would otherwise make every `keys().next()` walk all the deleted entries before it.
        while (m_first_live < m_used && entries()[m_first_live].key.is_empty())
            ++m_first_live;
    }
    // Every entry before this index is deleted.
    u32 first_live() const { return m_first_live; }
    void copy_from(MapTable* other)
    {
        for (u32 i = 0; i < other->m_used; ++i) {
            Entry& e = other->entries()[i];
            if (e.key.is_empty()) {
                // Keep positions stable for iterators: copy deleted slots as deleted.
                entries()[m_used].key = Value::empty();
                entries()[m_used].value = Value::undefined();
                entries()[m_used].next = 0;
                ++m_used;
            } else {
                append(e.key, e.value);
            }
        }
        m_first_live = other->m_first_live;
    }
    static void trace(Cell* cell, Tracer& tracer)
    {
        auto* t = static_cast<MapTable*>(cell);
        for (u32 i = 0; i < t->m_used; ++i) {
            trace_value(tracer, t->entries()[i].key);
            trace_value(tracer, t->entries()[i].value);
        }
    }

private:
    u32 m_capacity;
    u32 m_used = 0;
    u32 m_live = 0;
    u32 m_hash_capacity;
    u32 m_first_live = 0;
    u32 m_padding = 0;
};

class Collection final : public EngineObject {
public:
    Atomic<MapTable*> table;
    Atomic<u32> lock_word;
    u32 padding;

    void lock(Vm* vm)
    {
        for (;;) {
            u32 expected = 0;
            if (lock_word.compare_exchange_acq_rel(expected, 1))
                return;
            if (vm)
                vm->safepoint_poll();
            cpu_relax();
        }
    }
    void unlock() { lock_word.store_release(0); }
    static void trace(Cell* cell, Tracer& tracer)
    {
        Object::trace(cell, tracer);
        tracer.visit(static_cast<Collection*>(cell)->table.load_relaxed());
    }
};

struct Locked {
    Locked(Collection* c, Vm* vm) : c(c) { c->lock(vm); }
    ~Locked() { c->unlock(); }
    Collection* c;
};

// SameValueZero keys: -0 becomes +0 and integral doubles become int32, so equal keys have equal bits.
Value normalize_key(Value key)
{
    if (key.is_double())
        return Value::from_number(key.as_double() == 0 ? 0.0 : key.as_double());
    return key;
}

ThrowOr<Collection*> this_collection(Vm& vm, CallArgs const& args, CellKind kind, char const* method)
{
    Value t = args.this_value();
    if (!t.is_cell_of_kind(kind))
        return throw_type_error(vm, "Method %s called on incompatible receiver %s", method, describe_for_error(vm, t).c_str());
    return static_cast<Collection*>(t.as_cell());
}

// Inserts or updates under the lock, growing the table (allocated unlocked) when full.
ThrowOr<void> collection_put(Vm& vm, Collection* c, Value key, Value value)
{
    key = normalize_key(key);
    for (;;) {
        MapTable* seen;
        u32 needed;
        {
            Locked guard(c, &vm);
            MapTable* t = c->table.load_acquire();
            if (MapTable::Entry* e = t->find(key)) {
                e->value = value;
                return {};
            }
            if (t->has_room()) {
                t->append(key, value);
                return {};
            }
            seen = t;
            needed = t->capacity() * 2;
        }
        MapTable* bigger = MapTable::try_create(vm, needed);
        if (!bigger)
            return throw_out_of_memory(vm);
        Locked guard(c, &vm);
        if (c->table.load_acquire() == seen) {
            bigger->copy_from(seen);
            c->table.store_release(bigger);
        }
    }
}

Value collection_get(Vm& vm, Collection* c, Value key, bool* found)
{
    key = normalize_key(key);
    Locked guard(c, &vm);
    MapTable::Entry* e = c->table.load_acquire()->find(key);
    *found = e != nullptr;
    return e ? e->value : Value::undefined();
}

bool collection_delete(Vm& vm, Collection* c, Value key)
{
    key = normalize_key(key);
    Locked guard(c, &vm);
    MapTable* t = c->table.load_acquire();
    MapTable::Entry* e = t->find(key);
    if (!e)
        return false;
    t->remove(e);
    return true;
}

ThrowOr<Value> create_collection(Vm& vm, CallArgs const& args, CellKind kind, Object* fallback, char const* name)
{
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor %s requires 'new'", name);
    Object* proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), fallback));
    auto* c = static_cast<Collection*>(EngineObject::try_create(vm, kind, proto, sizeof(Collection)));
    MapTable* t = c ? MapTable::try_create(vm, 8) : nullptr;
    if (!t)
        return throw_out_of_memory(vm);
    c->table.store_relaxed(t);
    c->lock_word.store_relaxed(0);
    Value iterable = args.arg(0);
    if (iterable.is_nullish())
        return Value::from_cell(c);
    RootedValues items(vm);
    TRY(iterable_to_list(vm, iterable, items));
    for (Value item : items.values()) {
        if (kind == CellKind::SetObject) {
            TRY(collection_put(vm, c, item, item));
            continue;
        }
        if (!is_object(item))
            return throw_type_error(vm, "Iterator value %s is not an entry object", describe_for_error(vm, item).c_str());
        Value k = TRY(Get(vm, as_object(item), PropertyKey::from_index(0)));
        Value v = TRY(Get(vm, as_object(item), PropertyKey::from_index(1)));
        TRY(collection_put(vm, c, k, v));
    }
    return Value::from_cell(c);
}

// --- Map ------------------------------------------------------------------------------------------

ThrowOr<Value> map_constructor(Vm& vm, CallArgs const& args) { return create_collection(vm, args, CellKind::MapObject, vm.realm()->map_prototype, "Map"); }

ThrowOr<Value> map_get(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.get"));
    bool found;
    return collection_get(vm, c, args.arg(0), &found);
}
ThrowOr<Value> map_set(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.set"));
    TRY(collection_put(vm, c, args.arg(0), args.arg(1)));
    return args.this_value();
}
ThrowOr<Value> map_has(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.has"));
    bool found;
    (void)collection_get(vm, c, args.arg(0), &found);
    return Value::boolean(found);
}
ThrowOr<Value> map_delete(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.delete"));
    return Value::boolean(collection_delete(vm, c, args.arg(0)));
}
ThrowOr<Value> collection_clear(Vm& vm, Collection* c)
{
    MapTable* fresh = MapTable::try_create(vm, 8);
    if (!fresh)
        return throw_out_of_memory(vm);
    Locked guard(c, &vm);
    c->table.store_release(fresh);
    return Value::undefined();
}
ThrowOr<Value> map_clear(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.clear"));
    return collection_clear(vm, c);
}
ThrowOr<Value> map_size(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::MapObject, "get Map.prototype.size"));
    return Value::from_u64(collection_size(c));
}
ThrowOr<Value> collection_for_each(Vm& vm, CallArgs const& args, Collection* c, bool is_map)
{
    Value callback = args.arg(0);
    if (!is_callable(callback))
        return throw_type_error(vm, "%s is not a function", describe_for_error(vm, callback).c_str());
    u32 position = 0;
    Value key, value;
    while (collection_entry_at(c, &position, &key, &value)) {
        Value call_args[3] = { is_map ? value : key, key, args.this_value() };
        TRY(Call(vm, callback, args.arg(1), call_args));
    }
    return Value::undefined();
}
ThrowOr<Value> map_for_each(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.forEach"));
    return collection_for_each(vm, args, c, true);
}
ThrowOr<Value> make_iterator(Vm& vm, Value target, Object* prototype, InternalIterator::Type type, InternalIterator::Kind kind)
{
    InternalIterator* it = InternalIterator::try_create(vm, prototype, target, type, kind);
    if (!it)
        return throw_out_of_memory(vm);
    return Value::from_cell(it);
}
ThrowOr<Value> map_keys(Vm& vm, CallArgs const& args)
{
    TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.keys"));
    return make_iterator(vm, args.this_value(), vm.realm()->map_iterator_prototype, InternalIterator::Map, InternalIterator::Keys);
}
ThrowOr<Value> map_values(Vm& vm, CallArgs const& args)
{
    TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.values"));
    return make_iterator(vm, args.this_value(), vm.realm()->map_iterator_prototype, InternalIterator::Map, InternalIterator::Values);
}
ThrowOr<Value> map_entries(Vm& vm, CallArgs const& args)
{
    TRY(this_collection(vm, args, CellKind::MapObject, "Map.prototype.entries"));
    return make_iterator(vm, args.this_value(), vm.realm()->map_iterator_prototype, InternalIterator::Map, InternalIterator::Entries);
}

// --- Set ------------------------------------------------------------------------------------------

ThrowOr<Value> set_constructor(Vm& vm, CallArgs const& args) { return create_collection(vm, args, CellKind::SetObject, vm.realm()->set_prototype, "Set"); }
ThrowOr<Value> set_add(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::SetObject, "Set.prototype.add"));
    TRY(collection_put(vm, c, args.arg(0), normalize_key(args.arg(0))));
    return args.this_value();
}
ThrowOr<Value> set_has(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::SetObject, "Set.prototype.has"));
    bool found;
    (void)collection_get(vm, c, args.arg(0), &found);
    return Value::boolean(found);
}
ThrowOr<Value> set_delete(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::SetObject, "Set.prototype.delete"));
    return Value::boolean(collection_delete(vm, c, args.arg(0)));
}
ThrowOr<Value> set_clear(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::SetObject, "Set.prototype.clear"));
    return collection_clear(vm, c);
}
ThrowOr<Value> set_size(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::SetObject, "get Set.prototype.size"));
    return Value::from_u64(collection_size(c));
}
ThrowOr<Value> set_for_each(Vm& vm, CallArgs const& args)
{
    Collection* c = TRY(this_collection(vm, args, CellKind::SetObject, "Set.prototype.forEach"));
    return collection_for_each(vm, args, c, false);
}
ThrowOr<Value> set_values(Vm& vm, CallArgs const& args)
{
    TRY(this_collection(vm, args, CellKind::SetObject, "Set.prototype.values"));
    return make_iterator(vm, args.this_value(), vm.realm()->set_iterator_prototype, InternalIterator::Set, InternalIterator::Values);
}
ThrowOr<Value> set_entries(Vm& vm, CallArgs const& args)
{
    TRY(this_collection(vm, args, CellKind::SetObject, "Set.prototype.entries"));
    return make_iterator(vm, args.this_value(), vm.realm()->set_iterator_prototype, InternalIterator::Set, InternalIterator::Entries);
}

constexpr NativeMethod kMapPrototypeMethods[] = {
    { "clear", 0, map_clear },
    { "delete", 1, map_delete },
    { "entries", 0, map_entries },
    { "forEach", 1, map_for_each },
    { "get", 1, map_get },
    { "has", 1, map_has },
    { "keys", 0, map_keys },
    { "set", 2, map_set },
    { "values", 0, map_values },
};
constexpr NativeAccessor kMapPrototypeAccessors[] = { { "size", map_size, nullptr } };

constexpr NativeMethod kSetPrototypeMethods[] = {
    { "add", 1, set_add },
    { "clear", 0, set_clear },
    { "delete", 1, set_delete },
    { "entries", 0, set_entries },
    { "forEach", 1, set_for_each },
    { "has", 1, set_has },
    { "values", 0, set_values },
};
constexpr NativeAccessor kSetPrototypeAccessors[] = { { "size", set_size, nullptr } };

} // namespace

u32 collection_size(Object* o)
{
    auto* c = static_cast<Collection*>(o);
    Locked guard(c, nullptr);
    return c->table.load_acquire()->live();
}

void collection_entries(Object* o, std::vector<Value>& out)
{
    auto* c = static_cast<Collection*>(o);
    bool is_map = o->kind_raw() == to_u8(CellKind::MapObject);
    Locked guard(c, nullptr);
    MapTable* t = c->table.load_acquire();
    for (u32 i = 0; i < t->used(); ++i) {
        MapTable::Entry& e = t->entries()[i];
        if (e.key.is_empty())
            continue;
        out.push_back(e.key);
        if (is_map)
            out.push_back(e.value);
    }
}

bool collection_entry_at(Object* o, u32* position, Value* key, Value* value)
{
    auto* c = static_cast<Collection*>(o);
    Locked guard(c, nullptr);
    MapTable* t = c->table.load_acquire();
    for (u32 i = std::max(*position, t->first_live()); i < t->used(); ++i) {
        MapTable::Entry& e = t->entries()[i];
        if (e.key.is_empty())
            continue;
        *key = e.key;
        *value = e.value;
        *position = i + 1;
        return true;
    }
    *position = t->used();
    return false;
}

void register_map_set_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_cell_kind(to_u8(CellKind::MapObject), { "MapObject", Collection::trace, nullptr });
        register_cell_kind(to_u8(CellKind::SetObject), { "SetObject", Collection::trace, nullptr });
        register_cell_kind(to_u8(CellKind::MapTable), { "MapTable", MapTable::trace, nullptr });
    });
}

ThrowOr<void> install_map_set(Vm& vm)
{
    register_map_set_cell_kinds();
    Realm& realm = *vm.realm();
    TRY(install_constructor(vm, "Map", 0, map_constructor, realm.map_prototype));
    TRY(install_methods(vm, realm.map_prototype, kMapPrototypeMethods));
    TRY(install_accessors(vm, realm.map_prototype, kMapPrototypeAccessors));
    Value entries = TRY(Get(vm, realm.map_prototype, TRY(key_for(vm, "entries"))));
    TRY(define_builtin_property(vm, realm.map_prototype, PropertyKey::from_symbol(well_known_symbols(vm).iterator), entries));
    String* map_tag = TRY(intern(vm, "Map"));
    TRY(DefinePropertyOrThrow(vm, realm.map_prototype, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(map_tag), PropertyAttributes::data(false, false, true))));

    TRY(install_constructor(vm, "Set", 0, set_constructor, realm.set_prototype));
    TRY(install_methods(vm, realm.set_prototype, kSetPrototypeMethods));
    TRY(install_accessors(vm, realm.set_prototype, kSetPrototypeAccessors));
    Value values = TRY(Get(vm, realm.set_prototype, TRY(key_for(vm, "values"))));
    TRY(define_builtin_property(vm, realm.set_prototype, TRY(key_for(vm, "keys")), values));
    TRY(define_builtin_property(vm, realm.set_prototype, PropertyKey::from_symbol(well_known_symbols(vm).iterator), values));
    String* set_tag = TRY(intern(vm, "Set"));
    TRY(DefinePropertyOrThrow(vm, realm.set_prototype, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(set_tag), PropertyAttributes::data(false, false, true))));
    return {};
}

} // namespace weft
