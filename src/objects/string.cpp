// String cells: creation, rope flattening, hashing, comparison and UTF-8 conversion.
#include "objects/string.h"
#include "base/race_amplifier.h"

#include "base/assert.h"
#include "base/utf8.h"
#include "heap/heap.h"
#include "objects/symbol.h"
#include "vm/vm.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace weft {

// ---------------------------------------------------------------------------------------------
// Hashing: FNV-1a over code units (so Latin-1 and UTF-16 copies of a text hash alike), then a
// finaliser so that both the high bits (atom-table shard) and low bits (slot) are well mixed.

namespace {

constexpr u32 kHashSeed = 2166136261u;
WEFT_ALWAYS_INLINE u32 hash_step(u32 h, u32 unit) { return (h ^ unit) * 16777619u; }
WEFT_ALWAYS_INLINE u32 hash_finish(u32 h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h ? h : 1;
}

} // namespace

u32 String::hash_units(u8 const* chars, usize length)
{
    u32 h = kHashSeed;
    for (usize i = 0; i < length; ++i)
        h = hash_step(h, chars[i]);
    return hash_finish(h);
}

u32 String::hash_units(char16_t const* units, usize length)
{
    u32 h = kHashSeed;
    for (usize i = 0; i < length; ++i)
        h = hash_step(h, units[i]);
    return hash_finish(h);
}

// ---------------------------------------------------------------------------------------------
// Allocation

struct StringFactory {
    static usize one_byte_size(u32 length) { return sizeof(String) + length; }
    static usize two_byte_size(u32 length) { return sizeof(String) + usize(length) * 2; }

    // A one-byte string of `length` zeroed characters, or nullptr. The caller fills the
    // characters before publishing it.
    static String* allocate_one_byte(Vm& vm, u32 length)
    {
        if (length > String::kMaxLength)
            return nullptr;
        auto* s = vm.try_allocate<String>(one_byte_size(length), CellKind::OneByteString);
        if (!s)
            return nullptr;
        s->m_length = length;
        s->header_word().fetch_or_relaxed(String::kOneByteFlag);
        return s;
    }

    static String* allocate_two_byte(Vm& vm, u32 length)
    {
        if (length > String::kMaxLength)
            return nullptr;
        auto* s = vm.try_allocate<String>(two_byte_size(length), CellKind::TwoByteString);
        if (!s)
            return nullptr;
        s->m_length = length;
        return s;
    }

    static u8* one_byte_chars(String* s) { return reinterpret_cast<u8*>(s) + sizeof(String); }
    static char16_t* two_byte_chars(String* s) { return reinterpret_cast<char16_t*>(reinterpret_cast<u8*>(s) + sizeof(String)); }

    static RopeString* allocate_rope(Vm& vm, String* left, String* right, u32 length, bool one_byte)
    {
        auto* rope = vm.try_allocate<RopeString>(sizeof(RopeString), CellKind::RopeString);
        if (!rope)
            return nullptr;
        rope->m_length = length;
        if (one_byte)
            rope->header_word().fetch_or_relaxed(String::kOneByteFlag);
        rope->m_left.store_relaxed(left);
        rope->m_right.store_relaxed(right);
        return rope;
    }
};

u8 const* String::latin1_chars() const
{
    WEFT_ASSERT(kind() == CellKind::OneByteString);
    return reinterpret_cast<u8 const*>(this) + sizeof(String);
}

char16_t const* String::utf16_chars() const
{
    WEFT_ASSERT(kind() == CellKind::TwoByteString);
    return reinterpret_cast<char16_t const*>(reinterpret_cast<u8 const*>(this) + sizeof(String));
}

// ---------------------------------------------------------------------------------------------
// Walking ropes without allocating in the heap

namespace {

// A run of flat code units.
struct Segment {
    void const* chars = nullptr;
    u32 length = 0;
    bool one_byte = true;

    u32 unit(u32 i) const { return one_byte ? static_cast<u8 const*>(chars)[i] : static_cast<char16_t const*>(chars)[i]; }
};

Segment segment_of_flat(String const* flat)
{
    WEFT_ASSERT(flat->is_flat());
    if (flat->kind() == CellKind::OneByteString)
        return { flat->latin1_chars(), flat->length(), true };
    return { flat->utf16_chars(), flat->length(), false };
}

// Yields the flat pieces of a string left to right, using published flattened forms where
// present. The explicit stack lives in the C++ heap, so rope depth never reaches the C++ stack.
class SegmentReader {
public:
    explicit SegmentReader(String const* root) { m_stack.push_back(root); }

    bool next(Segment& out)
    {
        while (!m_stack.empty()) {
            String const* s = m_stack.back();
            m_stack.pop_back();
            for (;;) {
                if (s->is_flat())
                    break;
                auto const* rope = static_cast<RopeString const*>(s);
                if (String* flat = rope->flattened_acquire()) {
                    s = flat;
                    break;
                }
                String* left = rope->left_acquire();
                String* right = rope->right_acquire();
                if (!left || !right) {
                    // Cleared after another thread published the flattened form.
                    s = rope->flattened_acquire();
                    WEFT_ASSERT(s);
                    break;
                }
                m_stack.push_back(right);
                s = left;
            }
            if (s->length() == 0)
                continue;
            out = segment_of_flat(s);
            return true;
        }
        return false;
    }

private:
    std::vector<String const*> m_stack;
};

// Compares the code units of a and b up to the shorter length; then by length.
int compare_units(String const* a, String const* b)
{
    SegmentReader ra(a);
    SegmentReader rb(b);
    Segment sa, sb;
    u32 ia = 0, ib = 0;
    bool has_a = ra.next(sa);
    bool has_b = rb.next(sb);
    while (has_a && has_b) {
        u32 n = std::min(sa.length - ia, sb.length - ib);
        if (sa.one_byte && sb.one_byte) {
            int c = std::memcmp(static_cast<u8 const*>(sa.chars) + ia, static_cast<u8 const*>(sb.chars) + ib, n);
            if (c != 0)
                return c;
        } else {
            for (u32 k = 0; k < n; ++k) {
                u32 ua = sa.unit(ia + k);
                u32 ub = sb.unit(ib + k);
                if (ua != ub)
                    return ua < ub ? -1 : 1;
            }
        }
        ia += n;
        ib += n;
        if (ia == sa.length) {
            has_a = ra.next(sa);
            ia = 0;
        }
        if (ib == sb.length) {
            has_b = rb.next(sb);
            ib = 0;
        }
    }
    if (a->length() == b->length())
        return 0;
    return a->length() < b->length() ? -1 : 1;
}

} // namespace

String* String::flat_or_null_concurrently()
{
    if (is_flat())
        return this;
    return static_cast<RopeString*>(this)->flattened_acquire();
}

String* String::flatten(Vm& vm)
{
    if (is_flat())
        return this;
    return static_cast<RopeString*>(this)->flatten(vm);
}

void String::copy_to(char16_t* out) const
{
    SegmentReader reader(this);
    Segment seg;
    while (reader.next(seg)) {
        if (seg.one_byte) {
            auto const* chars = static_cast<u8 const*>(seg.chars);
            for (u32 i = 0; i < seg.length; ++i)
                out[i] = chars[i];
        } else {
            std::memcpy(out, seg.chars, usize(seg.length) * 2);
        }
        out += seg.length;
    }
}

void String::copy_to(u8* out) const
{
    WEFT_ASSERT(is_one_byte());
    SegmentReader reader(this);
    Segment seg;
    while (reader.next(seg)) {
        WEFT_ASSERT(seg.one_byte);
        std::memcpy(out, seg.chars, seg.length);
        out += seg.length;
    }
}

// Rope flattening: build a fresh flat string outside any lock, publish it with one CAS.
String* RopeString::flatten(Vm& vm)
{
    if (String* flat = m_flattened.load_acquire())
        return flat;
    bool const one_byte = is_one_byte();
    // Allocation may collect; `this` stays alive (the caller holds it) and so do the children.
    String* flat = one_byte ? StringFactory::allocate_one_byte(vm, m_length) : StringFactory::allocate_two_byte(vm, m_length);
    if (!flat)
        return nullptr;
    if (String* winner = m_flattened.load_acquire())
        return winner; // another thread finished while we allocated; our copy is garbage
    if (one_byte)
        copy_to(StringFactory::one_byte_chars(flat));
    else
        copy_to(StringFactory::two_byte_chars(flat));
    if (u32 h = m_hash.load_relaxed())
        flat->m_hash.store_relaxed(h);
    String* expected = nullptr;
    race_amplify_point();
    if (!m_flattened.compare_exchange_acq_rel(expected, flat))
        return expected; // lost the race: use the published string
    // Readers that see these nulls re-read `flattened` (acquire), which the CAS published.
    m_left.store_release(nullptr);
    m_right.store_release(nullptr);
    return flat;
}

char16_t String::char_at(u32 index) const
{
    WEFT_ASSERT(index < m_length);
    String const* s = this;
    for (;;) {
        switch (s->kind()) {
        case CellKind::OneByteString:
            return s->latin1_chars()[index];
        case CellKind::TwoByteString:
            return s->utf16_chars()[index];
        default:
            break;
        }
        auto const* rope = static_cast<RopeString const*>(s);
        if (String* flat = rope->flattened_acquire()) {
            s = flat;
            continue;
        }
        String* left = rope->left_acquire();
        String* right = rope->right_acquire();
        if (!left || !right) {
            s = rope->flattened_acquire();
            continue;
        }
        if (index < left->length()) {
            s = left;
        } else {
            index -= left->length();
            s = right;
        }
    }
}

u32 String::hash() const
{
    if (u32 h = m_hash.load_relaxed())
        return h;
    u32 h;
    if (kind() == CellKind::OneByteString) {
        h = hash_units(latin1_chars(), m_length);
    } else if (kind() == CellKind::TwoByteString) {
        h = hash_units(utf16_chars(), m_length);
    } else if (String const* flat = flat_or_null_concurrently()) {
        h = flat->hash();
    } else {
        u32 state = kHashSeed;
        SegmentReader reader(this);
        Segment seg;
        while (reader.next(seg)) {
            for (u32 i = 0; i < seg.length; ++i)
                state = hash_step(state, seg.unit(i));
        }
        h = hash_finish(state);
    }
    m_hash.store_relaxed(h);
    return h;
}

std::string String::to_utf8() const
{
    std::string out;
    out.reserve(m_length);
    Utf16ToUtf8 encoder(out);
    SegmentReader reader(this);
    Segment seg;
    while (reader.next(seg)) {
        if (seg.one_byte) {
            auto const* chars = static_cast<u8 const*>(seg.chars);
            std::string_view view(reinterpret_cast<char const*>(chars), seg.length);
            if (is_ascii(view)) {
                encoder.finish(); // flush a pending high surrogate before plain text
                out.append(view);
            } else {
                encoder.feed_latin1(chars, seg.length);
            }
        } else {
            encoder.feed_utf16(static_cast<char16_t const*>(seg.chars), seg.length);
        }
    }
    encoder.finish();
    return out;
}

std::u16string String::to_utf16() const
{
    std::u16string out(m_length, u'\0');
    copy_to(out.data());
    return out;
}

// spec: https://tc39.es/ecma262/#array-index (CanonicalNumericIndexString restricted to 0 .. 2^32 - 2)
bool String::is_array_index(u32* index) const
{
    if (m_length == 0 || m_length > 10)
        return false;
    String const* s = flat_or_null_concurrently();
    if (!s || s->kind() != CellKind::OneByteString)
        return false; // ropes are longer than 10; digits are one-byte
    u8 const* c = s->latin1_chars();
    if (c[0] == '0')
        return m_length == 1 ? (*index = 0, true) : false;
    u64 value = 0;
    for (u32 i = 0; i < m_length; ++i) {
        if (c[i] < '0' || c[i] > '9')
            return false;
        value = value * 10 + (c[i] - '0');
    }
    if (value > 0xffff'fffeULL)
        return false;
    *index = static_cast<u32>(value);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Creating strings

String* string_from_latin1(Vm& vm, std::span<u8 const> chars)
{
    if (chars.size() > String::kMaxLength)
        return nullptr;
    String* s = StringFactory::allocate_one_byte(vm, static_cast<u32>(chars.size()));
    if (!s)
        return nullptr;
    if (!chars.empty())
        std::memcpy(StringFactory::one_byte_chars(s), chars.data(), chars.size());
    return s;
}

String* string_from_utf16(Vm& vm, std::u16string_view units)
{
    if (units.size() > String::kMaxLength)
        return nullptr;
    u32 const length = static_cast<u32>(units.size());
    bool latin1 = std::all_of(units.begin(), units.end(), [](char16_t u) { return u <= 0xFF; });
    if (latin1) {
        String* s = StringFactory::allocate_one_byte(vm, length);
        if (!s)
            return nullptr;
        u8* out = StringFactory::one_byte_chars(s);
        for (u32 i = 0; i < length; ++i)
            out[i] = static_cast<u8>(units[i]);
        return s;
    }
    String* s = StringFactory::allocate_two_byte(vm, length);
    if (!s)
        return nullptr;
    std::memcpy(StringFactory::two_byte_chars(s), units.data(), usize(length) * 2);
    return s;
}

String* string_from_utf8(Vm& vm, std::string_view utf8)
{
    // Fast path: ASCII is its own Latin-1.
    if (is_ascii(utf8))
        return string_from_latin1(vm, utf8);
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
    return string_from_utf16(vm, units);
}

String* string_from_code_unit(Vm& vm, char16_t unit)
{
    return string_from_utf16(vm, std::u16string_view(&unit, 1));
}

String* string_concat(Vm& vm, String* a, String* b)
{
    if (a->length() == 0)
        return b;
    if (b->length() == 0)
        return a;
    u64 total = u64(a->length()) + b->length();
    if (total > String::kMaxLength)
        return nullptr;
    u32 const length = static_cast<u32>(total);
    bool const one_byte = a->is_one_byte() && b->is_one_byte();
    if (length < String::kMinRopeLength) {
        // Both parts are shorter than a rope, hence flat.
        if (one_byte) {
            String* s = StringFactory::allocate_one_byte(vm, length);
            if (!s)
                return nullptr;
            a->copy_to(StringFactory::one_byte_chars(s));
            b->copy_to(StringFactory::one_byte_chars(s) + a->length());
            return s;
        }
        String* s = StringFactory::allocate_two_byte(vm, length);
        if (!s)
            return nullptr;
        a->copy_to(StringFactory::two_byte_chars(s));
        b->copy_to(StringFactory::two_byte_chars(s) + a->length());
        return s;
    }
    // Prefer flattened children: it keeps ropes shallow and lets the old tree die.
    if (String* flat = a->flat_or_null_concurrently())
        a = flat;
    if (String* flat = b->flat_or_null_concurrently())
        b = flat;
    return StringFactory::allocate_rope(vm, a, b, length, one_byte);
}

String* string_substring(Vm& vm, String* s, u32 start, u32 end)
{
    WEFT_ASSERT(start <= end && end <= s->length());
    if (start == 0 && end == s->length())
        return s;
    String* flat = s->flatten(vm);
    if (!flat)
        return nullptr;
    u32 const length = end - start;
    if (flat->kind() == CellKind::OneByteString)
        return string_from_latin1(vm, std::span<u8 const>(flat->latin1_chars() + start, length));
    // string_from_utf16 narrows to one-byte when the slice is Latin-1 (canonical form).
    return string_from_utf16(vm, std::u16string_view(flat->utf16_chars() + start, length));
}

// ---------------------------------------------------------------------------------------------
// Comparing

bool string_equals(String const* a, String const* b)
{
    if (a == b)
        return true;
    if (a->length() != b->length())
        return false;
    if (a->is_atom() && b->is_atom())
        return false; // atoms are unique per content
    if (a->is_one_byte() != b->is_one_byte())
        return false; // canonical representation
    u32 ha = a->hash_if_computed();
    u32 hb = b->hash_if_computed();
    if (ha && hb && ha != hb)
        return false;
    String const* fa = a->flat_or_null_concurrently();
    String const* fb = b->flat_or_null_concurrently();
    if (fa && fb) {
        usize bytes = fa->is_one_byte() ? fa->length() : usize(fa->length()) * 2;
        void const* ca = fa->is_one_byte() ? static_cast<void const*>(fa->latin1_chars()) : fa->utf16_chars();
        void const* cb = fb->is_one_byte() ? static_cast<void const*>(fb->latin1_chars()) : fb->utf16_chars();
        return std::memcmp(ca, cb, bytes) == 0;
    }
    return compare_units(a, b) == 0;
}

bool string_equals(String const* a, std::string_view latin1)
{
    if (a->length() != latin1.size() || !a->is_one_byte())
        return false;
    if (String const* flat = a->flat_or_null_concurrently())
        return std::memcmp(flat->latin1_chars(), latin1.data(), latin1.size()) == 0;
    std::string copy(latin1.size(), '\0');
    a->copy_to(reinterpret_cast<u8*>(copy.data()));
    return copy == latin1;
}

int string_compare(String const* a, String const* b)
{
    if (a == b)
        return 0;
    String const* fa = a->flat_or_null_concurrently();
    String const* fb = b->flat_or_null_concurrently();
    if (fa && fb && fa->is_one_byte() && fb->is_one_byte()) {
        u32 n = std::min(fa->length(), fb->length());
        if (int c = std::memcmp(fa->latin1_chars(), fb->latin1_chars(), n))
            return c < 0 ? -1 : 1;
        return fa->length() == fb->length() ? 0 : (fa->length() < fb->length() ? -1 : 1);
    }
    int c = compare_units(a, b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Heap registration

namespace {

void trace_flat_string(Cell*, Tracer&) { }

} // namespace

void trace_rope(Cell* cell, Tracer& tracer)
{
    auto* rope = static_cast<RopeString*>(cell);
    tracer.visit(rope->m_left.load_relaxed());
    tracer.visit(rope->m_right.load_relaxed());
    tracer.visit(rope->m_flattened.load_relaxed());
}

void register_string_cell_kinds()
{
    register_cell_kind(to_u8(CellKind::OneByteString), { "OneByteString", trace_flat_string, nullptr });
    register_cell_kind(to_u8(CellKind::TwoByteString), { "TwoByteString", trace_flat_string, nullptr });
    register_cell_kind(to_u8(CellKind::RopeString), { "RopeString", trace_rope, nullptr });
    register_symbol_cell_kind();
}

} // namespace weft
