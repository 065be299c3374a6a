// Realm: the global object, the intrinsics (%Object.prototype%, %Array.prototype% …), the
// pre-built shapes functions are created with, and the global lexical bindings (top-level
// let/const/class of scripts) held in per-name GlobalCells.
// spec: https://tc39.es/ecma262/#sec-code-realms
//
// Layout of a GlobalCell (CellKind::GlobalCell):
//   +0   cell header
//   +8   String* name          immutable (an atom)
//   +16  AtomicValue value     empty until initialised (TDZ); release stores, acquire loads
//   +24  u32 flags             immutable: kConst
//
// Invariants:
//  - A realm is filled in by the thread that creates it, before any other thread runs code in
//    it; its intrinsic pointers and shapes are immutable afterwards and are GC roots.
//  - Global lexical cells are created under m_lexical_lock and never removed, so an inline cache
//    may hold a pointer to one forever; a lookup that misses the caches takes the lock.
//  - Shared by every thread running in the realm: nothing here is mutated without the lock.
#pragma once

#include "base/mutex.h"
#include "objects/property_key.h"
#include "vm/value.h"

#include <unordered_map>
#include <vector>

namespace weft {

class Object;
class Runtime;
class Shape;
class String;
class Vm;

class GlobalCell final : public Cell {
public:
    static constexpr u32 kConst = 1;
    String* name() const { return m_name; }
    bool is_const() const { return m_flags & kConst; }
    Value get() const { return m_value.load_acquire(); }
    void set(Value v) { m_value.store_release(v); }
    static void trace(Cell*, class Tracer&);

private:
    friend class Realm;
    String* m_name;
    AtomicValue m_value;
    u32 m_flags;
    u32 m_padding;
};

// X(field)
#define WEFT_ENUMERATE_INTRINSICS(X)                                                                \
    X(object_prototype) X(function_prototype) X(array_prototype) X(string_prototype)                 \
    X(number_prototype) X(boolean_prototype) X(symbol_prototype) X(bigint_prototype)                 \
    X(error_prototype) X(eval_error_prototype) X(range_error_prototype)                              \
    X(reference_error_prototype) X(syntax_error_prototype) X(type_error_prototype)                   \
    X(uri_error_prototype) X(aggregate_error_prototype) X(iterator_prototype)                        \
    X(array_iterator_prototype) X(string_iterator_prototype) X(map_iterator_prototype)               \
    X(set_iterator_prototype) X(generator_function_prototype) X(generator_prototype)                 \
    X(async_function_prototype) X(async_generator_function_prototype) X(async_generator_prototype)   \
    X(async_from_sync_iterator_prototype) X(async_iterator_prototype) X(promise_prototype) X(map_prototype) X(set_prototype)     \
    X(regexp_prototype) X(date_prototype) X(object_constructor) X(function_constructor)              \
    X(array_constructor) X(promise_constructor) X(symbol_constructor) X(throw_type_error)            \
    X(array_prototype_values) X(promise_resolve_function) X(object_prototype_to_string)            \
    WEFT_ENUMERATE_THREAD_INTRINSICS(X) WEFT_ENUMERATE_TYPED_ARRAY_INTRINSICS(X)

// The thread runtime's prototypes (src/threads).
#define WEFT_ENUMERATE_THREAD_INTRINSICS(X)                                                         \
    X(thread_prototype) X(lock_prototype) X(condition_prototype) X(thread_local_prototype)            \
    X(concurrent_access_error_prototype)

// ArrayBuffer, SharedArrayBuffer, the TypedArrays and DataView (builtins/typed_array*.cpp).
#define WEFT_ENUMERATE_TYPED_ARRAY_INTRINSICS(X)                                                    \
    X(array_buffer_prototype) X(shared_array_buffer_prototype) X(typed_array_prototype)              \
    X(typed_array_constructor) X(data_view_prototype) X(array_buffer_constructor)                   \
    X(shared_array_buffer_constructor)                                                               \
    X(int8_array_prototype) X(uint8_array_prototype) X(uint8_clamped_array_prototype)                \
    X(int16_array_prototype) X(uint16_array_prototype) X(int32_array_prototype)                      \
    X(uint32_array_prototype) X(float16_array_prototype) X(float32_array_prototype) X(float64_array_prototype)                  \
    X(int8_array_constructor) X(uint8_array_constructor) X(uint8_clamped_array_constructor)          \
    X(int16_array_constructor) X(uint16_array_constructor) X(int32_array_constructor)                \
    X(uint32_array_constructor) X(float16_array_constructor) X(float32_array_constructor) X(float64_array_constructor)

class Realm {
public:
    explicit Realm(Runtime&);
    ~Realm();
    Realm(Realm const&) = delete;
    Realm& operator=(Realm const&) = delete;

    Object* global_object = nullptr;
    Value global_this; // the global object as a Value
#define WEFT_DECLARE_INTRINSIC(name) Object* name = nullptr;
    WEFT_ENUMERATE_INTRINSICS(WEFT_DECLARE_INTRINSIC)
#undef WEFT_DECLARE_INTRINSIC

    // Pre-built shapes (all with 4 inline slots, EngineObject::kInlineCapacity).
    Shape* function_shape = nullptr;              // %Function.prototype% + length, name
    Shape* constructor_shape = nullptr;           // + prototype (writable)
    Shape* class_constructor_shape = nullptr;     // + prototype (read-only)
    Shape* generator_function_shape = nullptr;    // generator functions: + prototype (writable)
    Shape* async_function_shape = nullptr;        // async functions: length, name
    Shape* async_generator_function_shape = nullptr; // async generator functions: + prototype (writable)
    Shape* prototype_object_shape = nullptr;      // %Object.prototype% + constructor (non-enumerable)
    Shape* iterator_result_shape = nullptr;       // %Object.prototype% + value, done
    Shape* arguments_shape = nullptr;             // %Object.prototype% + length (non-enumerable)

    // --- Global lexical bindings (top-level let / const / class) ---------------------------
    // The cell for `name`, or nullptr. Takes the lock.
    GlobalCell* find_lexical(String* name);
    // Creates the cell (empty: in its TDZ). Returns nullptr if it exists already or at the heap
    // limit (*exists says which).
    GlobalCell* declare_lexical(Vm&, String* name, bool is_const, bool* exists);

    // Extra roots an embedder or the engine keeps for the realm's lifetime.
    void add_root(Value v);

private:
    void visit_roots(class Tracer&);

    Runtime& m_runtime;
    u64 m_root_source_id = 0;
    Mutex m_lexical_lock;
    std::unordered_map<String*, GlobalCell*> m_lexical GUARDED_BY(m_lexical_lock);
    Mutex m_roots_lock;
    std::vector<Value> m_extra_roots GUARDED_BY(m_roots_lock);
};

void register_realm_cell_kinds();

} // namespace weft
