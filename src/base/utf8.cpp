// UTF-8 encoding and UTF-16 -> UTF-8 streaming.
#include "base/utf8.h"

#include <cstring>

namespace weft {

bool is_ascii(std::string_view bytes)
{
    auto const* s = reinterpret_cast<u8 const*>(bytes.data());
    usize n = bytes.size();
    usize i = 0;
    // Eight bytes at a time: any byte with its top bit set shows in the mask.
    for (; i + 8 <= n; i += 8) {
        u64 word;
        std::memcpy(&word, s + i, 8);
        if (word & 0x8080808080808080ULL)
            return false;
    }
    for (; i < n; ++i) {
        if (s[i] & 0x80)
            return false;
    }
    return true;
}

void append_utf8(std::string& out, u32 c)
{
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        if (is_high_surrogate(c) || is_low_surrogate(c))
            c = kReplacementCharacter;
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c <= 0x10FFFF) {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        append_utf8(out, kReplacementCharacter);
    }
}

void Utf16ToUtf8::feed(char16_t unit)
{
    if (m_pending_high) {
        if (is_low_surrogate(unit)) {
            append_utf8(m_out, combine_surrogates(m_pending_high, unit));
            m_pending_high = 0;
            return;
        }
        append_utf8(m_out, kReplacementCharacter);
        m_pending_high = 0;
    }
    if (is_high_surrogate(unit)) {
        m_pending_high = unit;
        return;
    }
    append_utf8(m_out, unit); // a lone low surrogate becomes U+FFFD there
}

void Utf16ToUtf8::feed_latin1(u8 const* chars, usize count)
{
    for (usize i = 0; i < count; ++i)
        feed(chars[i]);
}

void Utf16ToUtf8::feed_utf16(char16_t const* units, usize count)
{
    for (usize i = 0; i < count; ++i)
        feed(units[i]);
}

void Utf16ToUtf8::finish()
{
    if (m_pending_high) {
        append_utf8(m_out, kReplacementCharacter);
        m_pending_high = 0;
    }
}

} // namespace weft
