// Source text handling: UTF-8 validation and decoding, line terminators, line/column positions.
//
// Positions: `offset` is a byte offset into the UTF-8 source. `line` is 1-based and counts
// LF, CR, CRLF (one terminator), U+2028 and U+2029. `column` is 1-based and counts UTF-16
// code units from the start of the line, as JavaScript stack traces do (a code point above
// U+FFFF counts two).
#pragma once

#include "base/types.h"

#include <optional>
#include <string>
#include <string_view>

namespace weft::parser {

struct SourcePosition {
    u32 offset { 0 };
    u32 line { 1 };
    u32 column { 1 };
};

// Largest source the parser accepts: offsets are 32-bit.
constexpr usize kMaxSourceBytes = 0x7fff'ffff;

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates, code points past U+10FFFF and truncated sequences are ill-formed), or
// nullopt when the whole text is well-formed.
std::optional<u32> find_invalid_utf8(std::string_view text);

// Decodes the code point at `p` (which must be < end). Assumes well-formed UTF-8 (checked
// once by find_invalid_utf8 before lexing); stores the sequence length in `length`.
inline u32 decode_utf8(char const* p, char const* end, u32& length)
{
    auto b0 = static_cast<u8>(p[0]);
    if (b0 < 0x80) {
        length = 1;
        return b0;
    }
    auto cont = [&](usize i) -> u32 { return (p + i < end) ? (static_cast<u8>(p[i]) & 0x3f) : 0; };
    if (b0 < 0xe0) {
        length = 2;
        return ((b0 & 0x1fu) << 6) | cont(1);
    }
    if (b0 < 0xf0) {
        length = 3;
        return ((b0 & 0x0fu) << 12) | (cont(1) << 6) | cont(2);
    }
    length = 4;
    return ((b0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
}

// Appends `cp` to `out` as UTF-8. Lone surrogates (from \uD800 escapes) are encoded as
// 3-byte sequences (WTF-8), so string values keep every UTF-16 code unit.
void append_utf8(std::string& out, u32 cp);

// Number of UTF-16 code units `cp` occupies.
inline u32 utf16_length(u32 cp) { return cp > 0xffff ? 2 : 1; }

// https://tc39.es/ecma262/#sec-line-terminators
inline bool is_line_terminator(u32 cp) { return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029; }

// https://tc39.es/ecma262/#sec-white-space (TAB, VT, FF, ZWNBSP and category Zs)
bool is_whitespace(u32 cp);

// Line and column of a byte offset, scanning from the start of the text. Offsets past the
// end clamp to the end.
SourcePosition position_of(std::string_view text, u32 offset);

// The text of the line holding `offset`, without its terminator.
std::string_view line_text_at(std::string_view text, u32 offset);

} // namespace weft::parser
