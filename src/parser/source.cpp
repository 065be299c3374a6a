// Source text handling: UTF-8 validation, line terminators and line/column computation.
#include "parser/source.h"

namespace weft::parser {

std::optional<u32> find_invalid_utf8(std::string_view text)
{
    auto const* s = reinterpret_cast<u8 const*>(text.data());
    usize n = text.size();
    usize i = 0;
    while (i < n) {
        u8 b0 = s[i];
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        usize len;
        u32 min;
        u32 cp;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            len = 2;
            min = 0x80;
            cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            len = 3;
            min = 0x800;
            cp = b0 & 0x0f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            len = 4;
            min = 0x10000;
            cp = b0 & 0x07;
        } else {
            return static_cast<u32>(i);
        }
        if (i + len > n)
            return static_cast<u32>(i);
        for (usize k = 1; k < len; ++k) {
            if ((s[i + k] & 0xc0) != 0x80)
                return static_cast<u32>(i);
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return static_cast<u32>(i);
        i += len;
    }
    return std::nullopt;
}

void append_utf8(std::string& out, u32 cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

bool is_whitespace(u32 cp)
{
    switch (cp) {
    case 0x09: case 0x0b: case 0x0c: case 0x20: case 0xa0: case 0xfeff:
    case 0x1680: case 0x202f: case 0x205f: case 0x3000:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200a;
    }
}

SourcePosition position_of(std::string_view text, u32 offset)
{
    if (offset > text.size())
        offset = static_cast<u32>(text.size());
    SourcePosition pos;
    u32 line_start = 0;
    char const* begin = text.data();
    char const* end = begin + text.size();
    u32 i = 0;
    while (i < offset) {
        u32 len;
        u32 cp = decode_utf8(begin + i, end, len);
        if (cp == '\r' && i + 1 < text.size() && begin[i + 1] == '\n' && i + 1 < offset) {
            i += 2;
            ++pos.line;
            line_start = i;
            continue;
        }
        i += len;
        if (is_line_terminator(cp)) {
            ++pos.line;
            line_start = i;
        }
    }
    u32 column = 1;
    for (u32 j = line_start; j < offset;) {
        u32 len;
        u32 cp = decode_utf8(begin + j, end, len);
        column += utf16_length(cp);
        j += len;
    }
    pos.offset = offset;
    pos.column = column;
    return pos;
}

std::string_view line_text_at(std::string_view text, u32 offset)
{
    if (offset > text.size())
        offset = static_cast<u32>(text.size());
    char const* begin = text.data();
    char const* end = begin + text.size();
    // Find the line start: the position after the last terminator before `offset`.
    u32 start = 0;
    for (u32 i = 0; i < offset;) {
        u32 len;
        u32 cp = decode_utf8(begin + i, end, len);
        i += len;
        if (is_line_terminator(cp) && i <= offset)
            start = i;
    }
    u32 stop = start;
    while (stop < text.size()) {
        u32 len;
        u32 cp = decode_utf8(begin + stop, end, len);
        if (is_line_terminator(cp))
            break;
        stop += len;
    }
    return text.substr(start, stop - start);
}

} // namespace weft::parser
