// AtomTable: sharded concurrent interning of strings, weak entries, and the runtime's common atoms.
#include "objects/atom_table.h"

#include "base/assert.h"
#include "base/number_format.h"
#include "base/utf8.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include "vm/vm.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace weft {

namespace {
constexpr u32 kInitialCapacity = 16;
}

struct AtomTable::Table {
    explicit Table(u32 capacity_)
        : capacity(capacity_)
        , slots(new Atomic<String*>[capacity_])
    {
        WEFT_ASSERT((capacity & (capacity - 1)) == 0);
    }
    u32 const capacity;
    std::unique_ptr<Atomic<String*>[]> slots; // Atomic: null -> atom by release store under the shard lock
};

// The content being looked up, in canonical form (one_byte iff every unit is <= 0xFF).
struct AtomTable::Key {
    void const* chars;
    u32 length;
    bool one_byte;
    u32 hash;

    static Key latin1(u8 const* chars, u32 length) { return { chars, length, true, String::hash_units(chars, length) }; }
    static Key two_byte(char16_t const* units, u32 length) { return { units, length, false, String::hash_units(units, length) }; }

    bool matches(String const* atom) const
    {
        if (atom->hash_if_computed() != hash || atom->length() != length || atom->is_one_byte() != one_byte)
            return false;
        if (one_byte)
            return std::memcmp(atom->latin1_chars(), chars, length) == 0;
        return std::memcmp(atom->utf16_chars(), chars, usize(length) * 2) == 0;
    }
};

namespace {

// Probes `table` for `key`; nullptr when an empty slot is reached first.
String* probe(AtomTable::Table const& table, AtomTable::Key const& key)
{
    u32 const mask = table.capacity - 1;
    for (u32 i = key.hash & mask;; i = (i + 1) & mask) {
        String* atom = table.slots[i].load_acquire();
        if (!atom)
            return nullptr;
        if (key.matches(atom))
            return atom;
    }
}

// Stores `atom` in the first empty slot of its probe sequence. The caller owns the table's
// writes (shard lock held, or the table is not published yet).
void place(AtomTable::Table& table, String* atom)
{
    u32 const mask = table.capacity - 1;
    for (u32 i = atom->hash_if_computed() & mask;; i = (i + 1) & mask) {
        if (!table.slots[i].load_relaxed()) {
            table.slots[i].store_release(atom);
            return;
        }
    }
}

constexpr std::string_view kCommonNameTexts[] = {
#define WEFT_NAME_TEXT(field, text) text,
    WEFT_ENUMERATE_COMMON_NAMES(WEFT_NAME_TEXT)
#undef WEFT_NAME_TEXT
};
constexpr usize kCommonNameCount = std::size(kCommonNameTexts);

constexpr std::string_view kWellKnownSymbolDescriptions[] = {
#define WEFT_SYMBOL_DESCRIPTION(name) "Symbol." #name,
    WEFT_ENUMERATE_WELL_KNOWN_SYMBOLS(WEFT_SYMBOL_DESCRIPTION)
#undef WEFT_SYMBOL_DESCRIPTION
};
constexpr usize kWellKnownSymbolCount = std::size(kWellKnownSymbolDescriptions);

} // namespace

AtomTable::AtomTable(Heap& heap)
    : m_heap(heap)
{
    m_root_source_id = heap.add_root_source([this](Tracer& tracer) { visit_roots(tracer); });
    m_weak_callback_id = heap.add_weak_callback([this](Heap& h) { sweep_dead_atoms(h); });
}

AtomTable::~AtomTable()
{
    m_heap.remove_weak_callback(m_weak_callback_id);
    m_heap.remove_root_source(m_root_source_id);
    for (Shard& shard : m_shards)
        delete shard.table.load_relaxed();
    {
        LockGuard guard(m_retired_lock);
        for (Table* table : m_retired)
            delete table;
        m_retired.clear();
    }
    delete m_names.load_relaxed();
    delete m_symbols.load_relaxed();
}

// ---------------------------------------------------------------------------------------------
// Lookup and insertion

String* AtomTable::find(Key const& key) const
{
    Table const* table = shard_for(key.hash).table.load_acquire();
    return table ? probe(*table, key) : nullptr;
}

String* AtomTable::insert(Shard& shard, Key const& key, String* candidate)
{
    LockGuard guard(shard.lock);
    Table* table = shard.table.load_relaxed();
    if (table) {
        if (String* existing = probe(*table, key))
            return existing; // another thread inserted it first; our candidate is garbage
    }
    if (!table || (shard.count + 1) * 4 > table->capacity * 3) {
        // Grow by copy-and-publish (R2); readers of the old table fall back to this lock.
        auto* bigger = new Table(table ? table->capacity * 2 : kInitialCapacity);
        if (table) {
            for (u32 i = 0; i < table->capacity; ++i) {
                if (String* atom = table->slots[i].load_relaxed())
                    place(*bigger, atom);
            }
        }
        shard.table.store_release(bigger);
        if (table)
            retire(table);
        table = bigger;
    }
    // The flag and the hash are visible to whoever acquires the slot.
    candidate->m_hash.store_relaxed(key.hash);
    candidate->header_word().fetch_or_relaxed(String::kAtomFlag);
    place(*table, candidate);
    ++shard.count;
    return candidate;
}

void AtomTable::retire(Table* table)
{
    LockGuard guard(m_retired_lock);
    m_retired.push_back(table);
}

String* AtomTable::intern_key(Vm& vm, Key const& key)
{
    if (String* existing = find(key)) [[likely]]
        return existing;
    // Miss: allocate the candidate before taking any lock (allocation may reach a safepoint).
    String* candidate = key.one_byte
        ? string_from_latin1(vm, std::span<u8 const>(static_cast<u8 const*>(key.chars), key.length))
        : string_from_utf16(vm, std::u16string_view(static_cast<char16_t const*>(key.chars), key.length));
    if (!candidate)
        return nullptr;
    return insert(shard_for(key.hash), key, candidate);
}

String* AtomTable::intern_latin1(Vm& vm, std::span<u8 const> chars)
{
    if (chars.size() > String::kMaxLength)
        return nullptr;
    return intern_key(vm, Key::latin1(chars.data(), static_cast<u32>(chars.size())));
}

String* AtomTable::intern(Vm& vm, std::u16string_view units)
{
    if (units.size() > String::kMaxLength)
        return nullptr;
    if (std::all_of(units.begin(), units.end(), [](char16_t u) { return u <= 0xFF; })) {
        std::basic_string<u8> latin1(units.begin(), units.end());
        return intern_latin1(vm, std::span<u8 const>(latin1.data(), latin1.size()));
    }
    return intern_key(vm, Key::two_byte(units.data(), static_cast<u32>(units.size())));
}

namespace {

std::u16string decode_to_utf16(std::string_view utf8)
{
    std::u16string units;
    units.reserve(utf8.size());
    decode_utf8(utf8, [&](u32 cp) {
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
            units.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            units.push_back(static_cast<char16_t>(cp));
        }
    });
    return units;
}

} // namespace

String* AtomTable::intern(Vm& vm, std::string_view utf8)
{
    // Fast path: ASCII bytes are their own Latin-1 code units.
    if (is_ascii(utf8))
        return intern_latin1(vm, utf8);
    return intern(vm, std::u16string_view(decode_to_utf16(utf8)));
}

String* AtomTable::intern(Vm& vm, String* s)
{
    if (s->is_atom())
        return s;
    String* flat = s->flatten(vm);
    if (!flat)
        return nullptr;
    if (flat->is_atom())
        return flat;
    Key key = flat->kind() == CellKind::OneByteString ? Key::latin1(flat->latin1_chars(), flat->length())
                                                      : Key::two_byte(flat->utf16_chars(), flat->length());
    if (String* existing = find(key))
        return existing;
    // No allocation: the flat string itself becomes the atom. `key` points into it, and it
    // cannot move (the heap never moves cells).
    return insert(shard_for(key.hash), key, flat);
}

String* AtomTable::find_no_gc(std::string_view utf8) const
{
    if (is_ascii(utf8))
        return find(Key::latin1(reinterpret_cast<u8 const*>(utf8.data()), static_cast<u32>(utf8.size())));
    std::u16string units = decode_to_utf16(utf8);
    if (std::all_of(units.begin(), units.end(), [](char16_t u) { return u <= 0xFF; })) {
        std::basic_string<u8> latin1(units.begin(), units.end());
        return find(Key::latin1(latin1.data(), static_cast<u32>(latin1.size())));
    }
    return find(Key::two_byte(units.data(), static_cast<u32>(units.size())));
}

usize AtomTable::size() const
{
    usize total = 0;
    for (Shard const& shard : m_shards) {
        LockGuard guard(shard.lock);
        total += shard.count;
    }
    return total;
}

// ---------------------------------------------------------------------------------------------
// Collection: roots and weak entries

void AtomTable::visit_roots(Tracer& tracer)
{
    if (CommonNames const* names = m_names.load_acquire()) {
#define WEFT_VISIT_NAME(field, text) tracer.visit(names->field);
        WEFT_ENUMERATE_COMMON_NAMES(WEFT_VISIT_NAME)
#undef WEFT_VISIT_NAME
    }
    if (WellKnownSymbols const* symbols = m_symbols.load_acquire()) {
#define WEFT_VISIT_SYMBOL(name) tracer.visit(symbols->name);
        WEFT_ENUMERATE_WELL_KNOWN_SYMBOLS(WEFT_VISIT_SYMBOL)
#undef WEFT_VISIT_SYMBOL
    }
    for (auto const& slot : m_small_integers)
        tracer.visit(slot.load_acquire());
    LockGuard guard(m_registry_lock);
    for (auto const& [key, symbol] : m_registry) {
        tracer.visit(key);
        tracer.visit(symbol);
    }
}

// Runs with the world stopped, after marking: no lookup is in progress anywhere, so tables
// may be rebuilt and freed in place.
void AtomTable::sweep_dead_atoms(Heap& heap)
{
    std::vector<String*> live;
    for (Shard& shard : m_shards) {
        LockGuard guard(shard.lock);
        Table* table = shard.table.load_relaxed();
        if (!table)
            continue;
        live.clear();
        bool removed = false;
        for (u32 i = 0; i < table->capacity; ++i) {
            String* atom = table->slots[i].load_relaxed();
            if (!atom)
                continue;
            if (heap.is_marked(atom))
                live.push_back(atom);
            else
                removed = true;
        }
        if (!removed)
            continue;
        Table* rebuilt = nullptr;
        if (!live.empty()) {
            u32 capacity = kInitialCapacity;
            while (live.size() * 2 > capacity)
                capacity *= 2;
            rebuilt = new Table(capacity);
            for (String* atom : live)
                place(*rebuilt, atom);
        }
        shard.table.store_release(rebuilt);
        shard.count = static_cast<u32>(live.size());
        delete table;
    }
    LockGuard guard(m_retired_lock);
    for (Table* table : m_retired)
        delete table;
    m_retired.clear();
}

// ---------------------------------------------------------------------------------------------
// Lazily created runtime sets

CommonNames const& AtomTable::create_names(Vm& vm)
{
    // The atoms are held in this stack array while the others are allocated: the stack is
    // scanned conservatively, so a collection in between keeps them.
    String* atoms[kCommonNameCount];
    for (usize i = 0; i < kCommonNameCount; ++i) {
        atoms[i] = intern_latin1(vm, kCommonNameTexts[i]);
        if (!atoms[i])
            fatal_error("out of memory creating the common names");
    }
    auto* names = new CommonNames;
    usize i = 0;
#define WEFT_FILL_NAME(field, text) names->field = atoms[i++];
    WEFT_ENUMERATE_COMMON_NAMES(WEFT_FILL_NAME)
#undef WEFT_FILL_NAME
    CommonNames* expected = nullptr;
    if (!m_names.compare_exchange_acq_rel(expected, names)) {
        delete names; // another thread published first; its atoms are the same ones
        return *expected;
    }
    return *names;
}

WellKnownSymbols const& AtomTable::create_well_known_symbols(Vm& vm)
{
    Symbol* created[kWellKnownSymbolCount]; // on the stack: kept alive across allocations
    for (usize i = 0; i < kWellKnownSymbolCount; ++i) {
        String* description = intern_latin1(vm, kWellKnownSymbolDescriptions[i]);
        created[i] = description ? symbol_create(vm, description) : nullptr;
        if (!created[i])
            fatal_error("out of memory creating the well-known symbols");
        created[i]->header_word().fetch_or_relaxed(Symbol::kWellKnownFlag);
    }
    auto* symbols = new WellKnownSymbols;
    usize i = 0;
#define WEFT_FILL_SYMBOL(name) symbols->name = created[i++];
    WEFT_ENUMERATE_WELL_KNOWN_SYMBOLS(WEFT_FILL_SYMBOL)
#undef WEFT_FILL_SYMBOL
    WellKnownSymbols* expected = nullptr;
    if (!m_symbols.compare_exchange_acq_rel(expected, symbols)) {
        delete symbols; // lost the race: our symbols are garbage, use the published ones
        return *expected;
    }
    return *symbols;
}

String* AtomTable::small_integer_string(Vm& vm, u32 value)
{
    WEFT_ASSERT(value < kSmallIntegerStrings);
    Atomic<String*>& slot = m_small_integers[value];
    if (String* s = slot.load_acquire())
        return s;
    char buffer[kMaxInt32Chars];
    usize length = int32_to_chars(static_cast<i32>(value), buffer);
    String* s = string_from_latin1(vm, std::string_view(buffer, length));
    if (!s)
        return nullptr;
    s->hash();
    String* expected = nullptr;
    if (!slot.compare_exchange_acq_rel(expected, s))
        return expected;
    return s;
}

// Symbol.for ( key ), steps 2-5, for a key already converted to a String and interned.
// spec: https://tc39.es/ecma262/#sec-symbol.for
Symbol* AtomTable::registered_symbol(Vm& vm, String* key)
{
    WEFT_ASSERT(key->is_atom());
    {
        // 2. For each element e of the GlobalSymbolRegistry List, if e.[[Key]] is stringKey,
        //    return e.[[Symbol]].
        LockGuard guard(m_registry_lock);
        if (auto it = m_registry.find(key); it != m_registry.end())
            return it->second;
    }
    // 4. Let newSymbol be a new Symbol whose [[Description]] is stringKey. Allocated outside the
    //    lock; if another thread registers the key meanwhile, its symbol wins and ours is garbage.
    Symbol* fresh = symbol_create(vm, key);
    if (!fresh)
        return nullptr;
    fresh->header_word().fetch_or_relaxed(Symbol::kRegisteredFlag);
    // 5. Append the Record { [[Key]]: stringKey, [[Symbol]]: newSymbol } to the registry.
    LockGuard guard(m_registry_lock);
    return m_registry.emplace(key, fresh).first->second; // an existing entry wins
}

// ---------------------------------------------------------------------------------------------
// Property keys

CommonNames const& common_names(Vm& vm)
{
    return vm.runtime().atoms().names(vm);
}

bool parse_array_index(std::string_view text, u32* index)
{
    if (text.empty() || text.size() > 10)
        return false;
    if (text[0] == '0') {
        if (text.size() != 1)
            return false;
        *index = 0;
        return true;
    }
    u64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<u64>(c - '0');
    }
    if (value > PropertyKey::kMaxIndex)
        return false;
    *index = static_cast<u32>(value);
    return true;
}

PropertyKey to_property_key(Vm& vm, String* s)
{
    if (u32 index; s->is_array_index(&index))
        return PropertyKey::from_index(index);
    String* atom = vm.runtime().atoms().intern(vm, s);
    return atom ? PropertyKey::from_atom(atom) : PropertyKey::from_bits(0);
}

PropertyKey to_property_key(Vm& vm, std::string_view utf8)
{
    if (u32 index; parse_array_index(utf8, &index))
        return PropertyKey::from_index(index);
    String* atom = vm.runtime().atoms().intern(vm, utf8);
    return atom ? PropertyKey::from_atom(atom) : PropertyKey::from_bits(0);
}

} // namespace weft
