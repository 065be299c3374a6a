// String cells: immutable JavaScript strings (flat Latin-1, flat UTF-16, and ropes).
//
// Layout (all three kinds share the first 16 bytes):
//   +0   header word     kind (8) | heap (8) | bit 16 atom | bit 17 one-byte content | rest 0
//   +8   u32 length      code units; immutable
//   +12  Atomic<u32>     hash of the code units; 0 = not computed yet (relaxed; benign race:
//                        every thread computes the same value)
//   OneByteString  +16   u8 chars[length]         Latin-1
//   TwoByteString  +16   char16_t chars[length]   UTF-16 code units
//   RopeString     +16   Atomic<String*> left     null once `flattened` is published
//                  +24   Atomic<String*> right    null once `flattened` is published
//                  +32   Atomic<String*> flattened
//
// Invariants:
//  - A string's length, kind and characters never change after it is published. Whoever
//    publishes a new string to other threads does so with release semantics (or under a lock).
//  - Canonical representation: a flat string is a TwoByteString iff one of its code units is
//    above 0xFF. So equal contents always have equal kinds (ropes aside), and the hash is
//    computed over code units, independent of representation.
//  - A rope has length >= kMinRopeLength, and its one-byte flag says whether both children
//    (hence its flattened form) are one-byte.
//  - A rope's `flattened` goes from null to a flat string exactly once (release CAS; a losing
//    flattener uses the winner's string). After that, the winner clears `left` and `right`
//    (release), so a reader that finds a null child must re-read `flattened` (acquire).
//  - The atom flag is set (fetch_or) only by the AtomTable before the string is published in
//    the table; atoms are flat and unique per content.
//  - Creating functions return nullptr when the heap is full or the result would exceed
//    kMaxLength; they never crash on that.
#pragma once

#include "base/atomic.h"
#include "base/types.h"
#include "heap/cell.h"
#include "vm/cell_kind.h"

#include <span>
#include <string>
#include <string_view>

namespace weft {

class Vm;

class String : public Cell {
public:
    static constexpr u32 kMaxLength = (1u << 30) - 32;
    // Concatenations shorter than this are copied flat; longer ones make a rope.
    static constexpr u32 kMinRopeLength = 13;
    static constexpr u64 kAtomFlag = u64(1) << 16;
    static constexpr u64 kOneByteFlag = u64(1) << 17;

    u32 length() const { return m_length; }
    bool is_empty() const { return m_length == 0; }
    CellKind kind() const { return static_cast<CellKind>(kind_raw()); }
    bool is_rope() const { return kind() == CellKind::RopeString; }
    bool is_flat() const { return !is_rope(); }
    // Is the content Latin-1 (for a rope: would its flattened form be one-byte)?
    bool is_one_byte() const { return header_word().load_relaxed() & kOneByteFlag; }
    bool is_atom() const { return header_word().load_relaxed() & kAtomFlag; }

    // --- Flat strings only --------------------------------------------------------------
    u8 const* latin1_chars() const;       // requires a flat one-byte string
    char16_t const* utf16_chars() const;  // requires a flat two-byte string
    std::string_view latin1_view() const { return { reinterpret_cast<char const*>(latin1_chars()), m_length }; }
    std::u16string_view utf16_view() const { return { utf16_chars(), m_length }; }

    // --- Any string (ropes are read through their flattened form or walked) ------------------
    // This string if flat, else the rope's flattened string if published, else nullptr.
    String* flat_or_null_concurrently();
    String const* flat_or_null_concurrently() const { return const_cast<String*>(this)->flat_or_null_concurrently(); }
    // A flat string with the same content: this, or the rope's flattened string (created now
    // if needed; thread-safe). nullptr if the heap is full.
    String* flatten(Vm&);
    // The code unit at `index` (< length). O(1) on flat strings, O(depth) on unflattened ropes.
    char16_t char_at(u32 index) const;
    // The hash of the code units, cached on first use. Never 0.
    u32 hash() const;
    // The cached hash, or 0 if nobody computed it yet.
    u32 hash_if_computed() const { return m_hash.load_relaxed(); }
    // Printing and tests: UTF-8 with lone surrogates as U+FFFD; and the raw code units.
    std::string to_utf8() const;
    std::u16string to_utf16() const;
    // Copies the code units into `out` (length() units / bytes). The one-byte overload
    // requires is_one_byte().
    void copy_to(char16_t* out) const;
    void copy_to(u8* out) const;

    // Is this the canonical decimal form of an array index 0 .. 2^32 - 2 ("0", "17"; not
    // "017", "-1", "4294967295")? Then *index receives it.
    // spec: https://tc39.es/ecma262/#array-index
    bool is_array_index(u32* index) const;

    // The hash used for every string and for the atom table's lookups of unmade strings.
    static u32 hash_units(u8 const* chars, usize length);
    static u32 hash_units(char16_t const* units, usize length);

protected:
    friend class AtomTable;
    friend class RopeString;
    friend struct StringFactory;
    u32 m_length;
    mutable Atomic<u32> m_hash; // Atomic: relaxed, 0 = not computed; racing writers store equal values
};

static_assert(sizeof(String) == 16);

class RopeString final : public String {
public:
    // Atomic loads: acquire, so a reader that sees null children can trust `flattened`.
    String* left_acquire() const { return m_left.load_acquire(); }
    String* right_acquire() const { return m_right.load_acquire(); }
    String* flattened_acquire() const { return m_flattened.load_acquire(); }

    // Builds the flat form (outside any lock) and publishes it with one CAS; the loser of a
    // race returns the winner's string. Iterative: deep ropes do not use the C++ stack.
    String* flatten(Vm&);

private:
    friend struct StringFactory;
    friend void trace_rope(Cell*, class Tracer&);
    Atomic<String*> m_left;      // Atomic: written once before publication; cleared (release) after flattening
    Atomic<String*> m_right;     // Atomic: as m_left
    Atomic<String*> m_flattened; // Atomic: null -> flat once, by release CAS
};

static_assert(sizeof(RopeString) == 40);

// --- Creating strings (each may allocate, so may reach a safepoint; nullptr on failure) ----

// Latin-1 when every code point is below 256, else UTF-16. Ill-formed UTF-8 becomes U+FFFD.
String* string_from_utf8(Vm&, std::string_view utf8);
// Bytes as Latin-1 code units (ASCII text is the common case).
String* string_from_latin1(Vm&, std::span<u8 const> chars);
inline String* string_from_latin1(Vm& vm, std::string_view chars)
{
    return string_from_latin1(vm, std::span<u8 const>(reinterpret_cast<u8 const*>(chars.data()), chars.size()));
}
// UTF-16 code units (lone surrogates are kept: JavaScript strings may hold them).
String* string_from_utf16(Vm&, std::u16string_view units);
// a + b: a flat copy when short, otherwise a rope. Returns a or b itself when the other is empty.
String* string_concat(Vm&, String* a, String* b);
// The code units [start, end) of s (start <= end <= length). May return s itself.
String* string_substring(Vm&, String* s, u32 start, u32 end);
// A string of the single code unit `unit`.
String* string_from_code_unit(Vm&, char16_t unit);

// --- Comparing (no allocation: ropes are walked when not flattened) -----------------------

// Same code units?
bool string_equals(String const* a, String const* b);
bool string_equals(String const* a, std::string_view latin1);
// Code-unit order (IsLessThan on strings): negative, 0 or positive.
// spec: https://tc39.es/ecma262/#sec-islessthan
int string_compare(String const* a, String const* b);

// Registers OneByteString, TwoByteString, RopeString and Symbol with the heap. Called once by
// the Runtime before any thread attaches.
void register_string_cell_kinds();

} // namespace weft
