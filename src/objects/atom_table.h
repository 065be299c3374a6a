// AtomTable: the process-wide concurrent table of interned strings (atoms) that property keys
// are made of, plus the runtime's pre-interned common names and small-integer strings.
//
// Layout:
//   Shard[128], each alignas(64): { Mutex lock; Atomic<Table*> table; u32 count GUARDED_BY(lock) }
//   Table (C++ heap): { u32 capacity (power of two); Atomic<String*> slots[capacity] }
//   The top 7 bits of a string's hash pick the shard; linear probing from its low bits inside.
//
// Invariants:
//  - Lookups take no lock: they load the shard's table and its slots with acquire. Outside a
//    collection a slot only goes from null to an atom (release store under the shard lock), so
//    a lock-free reader sees the atom or null; on a miss it re-checks under the lock.
//  - Growth builds a new table under the shard lock and publishes it with one release store
//    (R2). The old table is retired and freed only by the weak callback, with the world
//    stopped (R4): lookups never span a safepoint, so no reader still holds it.
//  - No heap allocation (hence no safepoint) while a shard lock is held: a miss allocates the
//    candidate atom first, then locks, re-checks and inserts. A losing candidate is garbage.
//  - Entries are weak: after marking, the weak callback drops atoms the collector did not mark
//    (Heap::is_marked), rebuilding each shard's table while the world is stopped.
//  - Every atom is a flat String with its hash cached and its atom flag set before it is
//    inserted; there is exactly one atom per content (compare atoms by address).
//  - Canonical array-index strings ("0" .. "4294967294") may be atoms too, but property keys
//    never use them: to_property_key() turns them into index keys.
//  - The constructor never allocates cells: the common names, well-known symbols and small
//    integer strings are created on first use by a Vm and published with one CAS; they are
//    roots from then on.
#pragma once

#include "base/atomic.h"
#include "base/mutex.h"
#include "base/types.h"
#include "heap/heap.h"
#include "objects/property_key.h"

#include <unordered_map>
#include <vector>
#include <span>
#include <string_view>

namespace weft {

class String;
class Vm;
class Symbol;
struct WellKnownSymbols;

// Names the engine uses all the time, interned once per runtime.
// X(field, text)
#define WEFT_ENUMERATE_COMMON_NAMES(X)      \
    X(empty, "")                            \
    X(length, "length")                     \
    X(prototype, "prototype")               \
    X(constructor, "constructor")           \
    X(name, "name")                         \
    X(message, "message")                   \
    X(cause, "cause")                       \
    X(stack, "stack")                       \
    X(errors, "errors")                     \
    X(toString, "toString")                 \
    X(valueOf, "valueOf")                   \
    X(toJSON, "toJSON")                     \
    X(get, "get")                           \
    X(set, "set")                           \
    X(value, "value")                       \
    X(writable, "writable")                 \
    X(enumerable, "enumerable")             \
    X(configurable, "configurable")         \
    X(proto, "__proto__")                   \
    X(arguments, "arguments")               \
    X(caller, "caller")                     \
    X(callee, "callee")                     \
    X(next, "next")                         \
    X(done, "done")                         \
    X(return_, "return")                    \
    X(throw_, "throw")                      \
    X(then, "then")                         \
    X(undefined, "undefined")               \
    X(null, "null")                         \
    X(true_, "true")                        \
    X(false_, "false")                      \
    X(NaN, "NaN")                           \
    X(Infinity, "Infinity")                 \
    X(default_, "default")                  \
    X(index, "index")                       \
    X(input, "input")                       \
    X(groups, "groups")                     \
    X(lastIndex, "lastIndex")               \
    X(raw, "raw")                           \
    X(size, "size")                         \
    X(join, "join")                         \
    X(number, "number")                     \
    X(string, "string")                     \
    X(symbol, "symbol")                     \
    X(object, "object")                     \
    X(function, "function")                 \
    X(boolean, "boolean")                   \
    X(bigint, "bigint")

struct CommonNames {
#define WEFT_DECLARE_NAME_FIELD(field, text) String* field = nullptr;
    WEFT_ENUMERATE_COMMON_NAMES(WEFT_DECLARE_NAME_FIELD)
#undef WEFT_DECLARE_NAME_FIELD
};

class AtomTable {
public:
    static constexpr unsigned kShardBits = 7;
    static constexpr usize kShardCount = usize(1) << kShardBits;
    static constexpr u32 kSmallIntegerStrings = 256; // "0" .. "255" are cached

    // Registers the weak callback and root source. Allocates no cells.
    explicit AtomTable(Heap&);
    ~AtomTable();
    AtomTable(AtomTable const&) = delete;
    AtomTable& operator=(AtomTable const&) = delete;

    // The unique atom with this content, created if needed; nullptr if the heap is full.
    // Thread-safe; lock-free when the atom exists.
    String* intern(Vm&, std::string_view utf8);     // ill-formed UTF-8 becomes U+FFFD
    String* intern(Vm&, std::u16string_view utf16);
    String* intern_latin1(Vm&, std::span<u8 const> chars);
    String* intern_latin1(Vm& vm, std::string_view chars)
    {
        return intern_latin1(vm, std::span<u8 const>(reinterpret_cast<u8 const*>(chars.data()), chars.size()));
    }
    // The atom with the content of `s`: s itself when it is an atom, or when it is flat and no
    // atom has its content yet (it becomes the atom); a rope is flattened first.
    String* intern(Vm&, String* s);

    // The existing atom with this content, or nullptr. Never allocates; the calling thread
    // must be attached to the heap (lookups rely on that for the safety of retired tables).
    String* find_no_gc(std::string_view utf8) const;

    // Number of atoms (sums the shards under their locks; for tests and statistics).
    usize size() const;

    // Lazily created per-runtime sets (see Invariants).
    CommonNames const& names(Vm& vm)
    {
        if (CommonNames const* names = m_names.load_acquire()) [[likely]]
            return *names;
        return create_names(vm);
    }
    WellKnownSymbols const& well_known_symbols(Vm& vm)
    {
        if (WellKnownSymbols const* symbols = m_symbols.load_acquire()) [[likely]]
            return *symbols;
        return create_well_known_symbols(vm);
    }
    // The cached string for 0 <= value < kSmallIntegerStrings; nullptr if the heap is full.
    String* small_integer_string(Vm&, u32 value);

    // The GlobalSymbolRegistry behind Symbol.for: the registered symbol whose key is the atom
    // `key`, created on first use; nullptr if the heap is full. Entries are strong (roots).
    // spec: https://tc39.es/ecma262/#sec-symbol.for
    Symbol* registered_symbol(Vm&, String* key_atom);

    struct Table;
    struct Key;

private:
    struct alignas(64) Shard {
        mutable Mutex lock;
        Atomic<Table*> table; // Atomic: written (release) under `lock`; read lock-free (acquire)
        u32 count GUARDED_BY(lock) = 0;
    };

    Shard& shard_for(u32 hash) { return m_shards[hash >> (32 - kShardBits)]; }
    Shard const& shard_for(u32 hash) const { return m_shards[hash >> (32 - kShardBits)]; }
    String* find(Key const&) const;
    String* intern_key(Vm&, Key const&);
    String* insert(Shard&, Key const&, String* candidate);
    void retire(Table*);
    void visit_roots(Tracer&);
    void sweep_dead_atoms(Heap&);
    CommonNames const& create_names(Vm&);
    WellKnownSymbols const& create_well_known_symbols(Vm&);

    Heap& m_heap;
    Shard m_shards[kShardCount];
    Mutex m_retired_lock;
    std::vector<Table*> m_retired GUARDED_BY(m_retired_lock); // old tables, freed by the weak callback
    Atomic<CommonNames*> m_names { nullptr };          // Atomic: null -> set once by CAS (acq_rel)
    Atomic<WellKnownSymbols*> m_symbols { nullptr };   // Atomic: null -> set once by CAS (acq_rel)
    Atomic<String*> m_small_integers[kSmallIntegerStrings]; // Atomic: null -> set once by CAS each
    // Never held across an allocation or a safepoint; the root visitor takes it with the world stopped.
    Mutex m_registry_lock;
    std::unordered_map<String*, Symbol*> m_registry GUARDED_BY(m_registry_lock); // atom key -> symbol
    u64 m_root_source_id = 0;
    u64 m_weak_callback_id = 0;
};

// The runtime's common names: `common_names(vm).length`.
CommonNames const& common_names(Vm&);

// The property key for a string: an index key for a canonical array index ("0" .. "4294967294"),
// else the atom. On allocation failure, a key whose bits() are 0.
// spec: https://tc39.es/ecma262/#sec-topropertykey (for String inputs)
PropertyKey to_property_key(Vm&, String*);
PropertyKey to_property_key(Vm&, std::string_view utf8);

// Is `text` the canonical decimal form of an array index? Then *index receives it.
bool parse_array_index(std::string_view text, u32* index);

} // namespace weft
