// UTF-8 decoding (with U+FFFD replacement) and encoding, UTF-16 surrogate helpers.
#pragma once

#include "base/types.h"

#include <string>
#include <string_view>

namespace weft {

constexpr u32 kReplacementCharacter = 0xFFFD;

constexpr bool is_high_surrogate(u32 unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
constexpr bool is_low_surrogate(u32 unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }
constexpr u32 combine_surrogates(u32 high, u32 low) { return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00); }

// True when every byte is below 0x80 (the text is then also Latin-1 with the same units).
bool is_ascii(std::string_view bytes);

// Calls emit(u32 code_point) for each code point of `bytes`, replacing every maximal ill-formed
// subsequence with U+FFFD (the "substitution of maximal subparts" practice of Unicode §3.9,
// which TextDecoder and Node's Buffer.toString use). Never emits a surrogate code point.
template<typename Emit>
void decode_utf8(std::string_view bytes, Emit&& emit)
{
    auto const* s = reinterpret_cast<u8 const*>(bytes.data());
    usize const n = bytes.size();
    usize i = 0;
    while (i < n) {
        u32 b0 = s[i];
        if (b0 < 0x80) {
            emit(b0);
            ++i;
            continue;
        }
        int need;
        u32 lower = 0x80;
        u32 upper = 0xBF;
        u32 code_point;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            code_point = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            code_point = b0 & 0x0F;
            if (b0 == 0xE0)
                lower = 0xA0;
            else if (b0 == 0xED)
                upper = 0x9F; // excludes surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            code_point = b0 & 0x07;
            if (b0 == 0xF0)
                lower = 0x90;
            else if (b0 == 0xF4)
                upper = 0x8F; // excludes > U+10FFFF
        } else {
            emit(kReplacementCharacter);
            ++i;
            continue;
        }
        ++i;
        bool ok = true;
        for (int k = 0; k < need; ++k) {
            if (i >= n || s[i] < lower || s[i] > upper) {
                ok = false;
                break;
            }
            code_point = (code_point << 6) | (s[i] & 0x3F);
            ++i;
            lower = 0x80;
            upper = 0xBF;
        }
        emit(ok ? code_point : kReplacementCharacter);
    }
}

// Appends the UTF-8 encoding of `code_point` (<= 0x10FFFF; surrogates become U+FFFD).
void append_utf8(std::string& out, u32 code_point);

// Streams UTF-16 code units (possibly split across several buffers) into UTF-8; a lone
// surrogate becomes U+FFFD.
class Utf16ToUtf8 {
public:
    explicit Utf16ToUtf8(std::string& out) : m_out(out) { }
    void feed(char16_t unit);
    void feed_latin1(u8 const* chars, usize count);
    void feed_utf16(char16_t const* units, usize count);
    // Flushes a trailing high surrogate as U+FFFD.
    void finish();

private:
    std::string& m_out;
    u32 m_pending_high = 0;
};

} // namespace weft
