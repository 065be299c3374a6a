// Lexer: identifiers, keywords, punctuators, numeric/string/template/regexp literals, comments.
// spec: https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar
#include "parser/lexer.h"

#include "parser/source.h"
#include "parser/syntax_error.h"
#include "parser/unicode_tables.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace weft::parser {

namespace {

constexpr u32 kEnd = 0xffff'ffff;

bool is_ascii_id_start(u32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_'; }
bool is_decimal_digit(u32 c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(u32 c) { return is_decimal_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
u32 hex_value(u32 c)
{
    if (c <= '9')
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}
bool is_radix_digit(u32 c, u32 radix)
{
    if (radix == 16)
        return is_hex_digit(c);
    return c >= '0' && c < '0' + radix;
}

// Appends one UTF-16 code unit or code point; a low surrogate right after a high surrogate
// is merged into the supplementary code point so that escaped pairs become valid UTF-8.
void append_code_point(std::string& out, u32 cp)
{
    if (cp >= 0xdc00 && cp <= 0xdfff && out.size() >= 3) {
        auto b0 = static_cast<u8>(out[out.size() - 3]);
        auto b1 = static_cast<u8>(out[out.size() - 2]);
        auto b2 = static_cast<u8>(out[out.size() - 1]);
        if (b0 == 0xed && b1 >= 0xa0 && b1 <= 0xaf) {
            u32 high = 0xd000 | ((b1 & 0x3fu) << 6) | (b2 & 0x3fu);
            out.resize(out.size() - 3);
            append_utf8(out, 0x10000 + ((high - 0xd800) << 10) + (cp - 0xdc00));
            return;
        }
    }
    append_utf8(out, cp);
}

struct KeywordEntry {
    std::string_view text;
    TokenKind kind;
};
constexpr KeywordEntry kKeywords[] = {
#define WEFT_KEYWORD_ENTRY(name, text) { text, TokenKind::name },
    WEFT_KEYWORDS(WEFT_KEYWORD_ENTRY)
#undef WEFT_KEYWORD_ENTRY
};

} // namespace

char const* token_kind_name(TokenKind kind)
{
    switch (kind) {
    case TokenKind::EndOfFile: return "end of input";
    case TokenKind::Identifier: return "identifier";
    case TokenKind::PrivateName: return "private name";
    case TokenKind::Number: return "number";
    case TokenKind::BigInt: return "bigint";
    case TokenKind::String: return "string";
    case TokenKind::NoSubstitutionTemplate:
    case TokenKind::TemplateHead:
    case TokenKind::TemplateMiddle:
    case TokenKind::TemplateTail: return "template";
    case TokenKind::RegExp: return "regular expression";
#define WEFT_TOKEN_NAME(name, text) case TokenKind::name: return "'" text "'";
        WEFT_PUNCTUATORS(WEFT_TOKEN_NAME)
        WEFT_KEYWORDS(WEFT_TOKEN_NAME)
#undef WEFT_TOKEN_NAME
    }
    return "token";
}

TokenKind keyword_kind(std::string_view name)
{
    if (name.size() < 2 || name.size() > 10 || name[0] < 'b' || name[0] > 'w')
        return TokenKind::Identifier;
    for (auto const& entry : kKeywords) {
        if (entry.text == name)
            return entry.kind;
    }
    return TokenKind::Identifier;
}

// https://tc39.es/ecma262/#prod-IdentifierStartChar
bool is_identifier_start(u32 cp)
{
    if (cp < 0x80)
        return is_ascii_id_start(cp);
    return is_unicode_id_start(cp);
}

// https://tc39.es/ecma262/#prod-IdentifierPartChar
bool is_identifier_part(u32 cp)
{
    if (cp < 0x80)
        return is_ascii_id_start(cp) || is_decimal_digit(cp);
    return cp == 0x200c || cp == 0x200d || is_unicode_id_continue(cp);
}

double power_of_two_radix_to_double(std::string_view digits, u32 radix)
{
    u32 bits_per_digit = radix == 16 ? 4 : radix == 8 ? 3 : 1;
    u64 top = 0;      // the first (up to) 64 significant bits
    u32 top_bits = 0; // how many of them
    i64 extra = 0;    // significant bits beyond the first 64
    bool sticky = false;
    for (char c : digits) {
        u32 d = hex_value(static_cast<u8>(c));
        for (i32 b = static_cast<i32>(bits_per_digit) - 1; b >= 0; --b) {
            u32 bit = (d >> b) & 1;
            if (top_bits == 0 && bit == 0)
                continue;
            if (top_bits < 64) {
                top = (top << 1) | bit;
                ++top_bits;
            } else {
                ++extra;
                sticky |= bit != 0;
            }
        }
    }
    if (top_bits <= 53)
        return static_cast<double>(top);
    u32 shift = top_bits - 53;
    u64 mantissa = top >> shift;
    u64 rest = top & ((u64(1) << shift) - 1);
    u64 half = u64(1) << (shift - 1);
    if (rest > half || (rest == half && (sticky || (mantissa & 1))))
        ++mantissa;
    return std::ldexp(static_cast<double>(mantissa), static_cast<int>(shift + extra));
}

double decimal_to_double(std::string_view integer_digits, std::string_view fraction_digits, i64 exponent)
{
    std::string text;
    text.reserve(integer_digits.size() + fraction_digits.size() + 24);
    text.append(integer_digits);
    text.append(fraction_digits);
    // Strip leading zeros so that the digit string stays short where it can.
    usize first = text.find_first_not_of('0');
    if (first == std::string::npos)
        return 0;
    text.erase(0, first);
    i64 exp = exponent - static_cast<i64>(fraction_digits.size());
    if (exp > 100000000)
        exp = 100000000;
    if (exp < -100000000)
        exp = -100000000;
    text += 'e';
    text += std::to_string(exp);
    double value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
        // Overflow gives infinity and underflow zero; strtod reports them that way, and
        // the text has no decimal point, so the C locale does not matter.
        value = std::strtod(text.c_str(), nullptr);
    }
    return value;
}

Lexer::Lexer(std::string_view source, Arena& arena, Goal goal)
    : m_source(source)
    , m_arena(arena)
    , m_goal(goal)
{
    // https://tc39.es/ecma262/#sec-hashbang
    if (m_source.size() >= 2 && m_source[0] == '#' && m_source[1] == '!')
        skip_line_comment();
}

u32 Lexer::code_point_at(u32 at, u32& length) const
{
    if (at >= m_source.size()) {
        length = 0;
        return kEnd;
    }
    return decode_utf8(m_source.data() + at, m_source.data() + m_source.size(), length);
}

u32 Lexer::column_at(u32 offset)
{
    if (offset < m_state.column_offset || m_state.column_offset < m_state.line_start) {
        m_state.column_offset = m_state.line_start;
        m_state.column_units = 0;
    }
    u32 i = m_state.column_offset;
    u32 units = m_state.column_units;
    while (i < offset) {
        auto c = static_cast<u8>(m_source[i]);
        if (c < 0x80) {
            ++i;
            ++units;
            continue;
        }
        u32 len;
        u32 cp = code_point_at(i, len);
        units += utf16_length(cp);
        i += len;
    }
    m_state.column_offset = offset;
    m_state.column_units = units;
    return units + 1;
}

void Lexer::begin_line(u32 offset)
{
    ++m_state.line;
    m_state.line_start = offset;
    m_state.column_offset = offset;
    m_state.column_units = 0;
    m_state.at_line_start = true;
}

void Lexer::skip_line_comment()
{
    u32& pos = m_state.pos;
    while (pos < m_source.size()) {
        auto c = static_cast<u8>(m_source[pos]);
        if (c == '\n' || c == '\r')
            return;
        if (c >= 0x80) {
            u32 len;
            u32 cp = code_point_at(pos, len);
            if (cp == 0x2028 || cp == 0x2029)
                return;
            pos += len;
            continue;
        }
        ++pos;
    }
}

void Lexer::skip_block_comment()
{
    u32& pos = m_state.pos;
    u32 start = pos;
    pos += 2;
    while (true) {
        if (pos >= m_source.size())
            fail_at(start, "unterminated comment");
        auto c = static_cast<u8>(m_source[pos]);
        if (c == '*' && peek_char(pos + 1) == '/') {
            pos += 2;
            return;
        }
        if (c == '\n') {
            ++pos;
            begin_line(pos);
        } else if (c == '\r') {
            ++pos;
            if (peek_char(pos) == '\n')
                ++pos;
            begin_line(pos);
        } else if (c >= 0x80) {
            u32 len;
            u32 cp = code_point_at(pos, len);
            pos += len;
            if (cp == 0x2028 || cp == 0x2029)
                begin_line(pos);
        } else {
            ++pos;
        }
    }
}

// Skips white space, line terminators and comments. Returns whether a line terminator was
// crossed (a multi-line comment containing one counts, per the ASI rules).
bool Lexer::skip_trivia()
{
    u32& pos = m_state.pos;
    bool newline = false;
    while (pos < m_source.size()) {
        auto c = static_cast<u8>(m_source[pos]);
        switch (c) {
        case ' ': case '\t': case '\v': case '\f':
            ++pos;
            continue;
        case '\n':
            ++pos;
            begin_line(pos);
            newline = true;
            continue;
        case '\r':
            ++pos;
            if (peek_char(pos) == '\n')
                ++pos;
            begin_line(pos);
            newline = true;
            continue;
        case '/': {
            u32 next = peek_char(pos + 1);
            if (next == '/') {
                skip_line_comment();
                continue;
            }
            if (next == '*') {
                u32 line = m_state.line;
                skip_block_comment();
                if (m_state.line != line)
                    newline = true;
                continue;
            }
            return newline;
        }
        case '<':
            // https://tc39.es/ecma262/#sec-html-like-comments (Annex B, scripts only)
            if (m_goal == Goal::Script && peek_char(pos + 1) == '!' && peek_char(pos + 2) == '-' && peek_char(pos + 3) == '-') {
                skip_line_comment();
                continue;
            }
            return newline;
        case '-':
            if (m_goal == Goal::Script && m_state.at_line_start && peek_char(pos + 1) == '-' && peek_char(pos + 2) == '>') {
                skip_line_comment();
                continue;
            }
            return newline;
        default:
            if (c < 0x80)
                return newline;
            u32 len;
            u32 cp = code_point_at(pos, len);
            if (cp == 0x2028 || cp == 0x2029) {
                pos += len;
                begin_line(pos);
                newline = true;
                continue;
            }
            if (is_whitespace(cp)) {
                pos += len;
                continue;
            }
            return newline;
        }
    }
    return newline;
}

void Lexer::start_token(Token& token)
{
    token.start = m_state.pos;
    token.line = m_state.line;
    token.column = column_at(m_state.pos);
}

Token Lexer::next()
{
    Token token;
    token.newline_before = skip_trivia();
    m_state.at_line_start = false;
    start_token(token);
    u32 pos = m_state.pos;
    if (pos >= m_source.size()) {
        token.kind = TokenKind::EndOfFile;
        token.end = pos;
        return token;
    }
    auto c = static_cast<u8>(m_source[pos]);
    if (is_ascii_id_start(c) || c == '\\' || c >= 0x80) {
        scan_identifier_or_keyword(token, false);
    } else if (is_decimal_digit(c) || (c == '.' && is_decimal_digit(peek_char(pos + 1)))) {
        scan_number(token);
    } else if (c == '"' || c == '\'') {
        scan_string(token, static_cast<char>(c));
    } else if (c == '`') {
        scan_template(token, false);
    } else if (c == '#') {
        ++m_state.pos;
        u32 len;
        u32 next = code_point_at(m_state.pos, len);
        if (next != '\\' && (next == kEnd || !is_identifier_start(next)))
            fail_at(pos, "invalid or unexpected token '#'");
        scan_identifier_or_keyword(token, true);
    } else {
        scan_punctuator(token);
    }
    token.end = m_state.pos;
    return token;
}

bool Lexer::scan_hex_digits(u32 count, u32& value)
{
    value = 0;
    for (u32 i = 0; i < count; ++i) {
        u32 c = peek_char(m_state.pos + i);
        if (!is_hex_digit(c))
            return false;
        value = value * 16 + hex_value(c);
    }
    m_state.pos += count;
    return true;
}

// \uXXXX or \u{X...} after a backslash in an identifier; m_state.pos is at the backslash.
bool Lexer::scan_identifier_escape(u32& cp)
{
    if (peek_char(m_state.pos + 1) != 'u')
        return false;
    m_state.pos += 2;
    if (peek_char(m_state.pos) == '{') {
        ++m_state.pos;
        u32 value = 0;
        u32 digits = 0;
        while (is_hex_digit(peek_char(m_state.pos))) {
            value = value * 16 + hex_value(peek_char(m_state.pos));
            if (value > 0x10ffff)
                return false;
            ++digits;
            ++m_state.pos;
        }
        if (digits == 0 || peek_char(m_state.pos) != '}')
            return false;
        ++m_state.pos;
        cp = value;
        return true;
    }
    return scan_hex_digits(4, cp);
}

void Lexer::scan_identifier_or_keyword(Token& token, bool private_name)
{
    u32 start = m_state.pos;
    // Fast path: plain ASCII identifier.
    u32 pos = start;
    while (pos < m_source.size()) {
        auto c = static_cast<u8>(m_source[pos]);
        if (is_ascii_id_start(c) || (is_decimal_digit(c) && pos != start))
            ++pos;
        else
            break;
    }
    u32 stop_char = peek_char(pos);
    if (pos > start && stop_char != '\\' && (stop_char == kEnd || stop_char < 0x80)) {
        m_state.pos = pos;
        token.value = m_source.substr(start, pos - start);
        token.kind = private_name ? TokenKind::PrivateName : keyword_kind(token.value);
        return;
    }
    // General path: escapes and non-ASCII code points.
    std::string name;
    bool escaped = false;
    bool first = true;
    while (true) {
        u32 at = m_state.pos;
        u32 len;
        u32 cp = code_point_at(at, len);
        if (cp == kEnd)
            break;
        if (cp == '\\') {
            u32 value;
            if (!scan_identifier_escape(value))
                fail_at(at, "invalid Unicode escape sequence in identifier");
            if (first ? !is_identifier_start(value) : !is_identifier_part(value))
                fail_at(at, "invalid identifier character in escape sequence");
            escaped = true;
            append_utf8(name, value);
        } else {
            if (first ? !is_identifier_start(cp) : !is_identifier_part(cp)) {
                if (first)
                    fail_at(at, "invalid or unexpected token");
                break;
            }
            m_state.pos += len;
            append_utf8(name, cp);
        }
        first = false;
    }
    if (!escaped) {
        token.value = m_source.substr(start, m_state.pos - start);
    } else {
        token.value = m_arena.copy_string(name);
        token.flags |= kTokenHasEscape;
    }
    if (private_name) {
        token.kind = TokenKind::PrivateName;
        return;
    }
    TokenKind kind = keyword_kind(token.value);
    if (kind != TokenKind::Identifier && escaped) {
        // https://tc39.es/ecma262/#sec-keywords-and-reserved-words: an escaped reserved
        // word is not the keyword; the parser rejects it wherever it is used as one.
        token.flags |= kTokenEscapedKeyword;
        kind = TokenKind::Identifier;
    }
    token.kind = kind;
}

// Digits of `radix` with numeric separators between digits.
// https://tc39.es/ecma262/#sec-literals-numeric-literals
void Lexer::scan_digits(std::string& out, u32 radix, bool allow_separators)
{
    bool last_was_digit = false;
    while (true) {
        u32 c = peek_char(m_state.pos);
        if (c == '_') {
            if (!allow_separators)
                fail_at(m_state.pos, "numeric separator is not allowed here");
            if (!last_was_digit || !is_radix_digit(peek_char(m_state.pos + 1), radix))
                fail_at(m_state.pos, "numeric separators must be between digits");
            ++m_state.pos;
            last_was_digit = false;
            continue;
        }
        if (!is_radix_digit(c, radix))
            return;
        out.push_back(static_cast<char>(c));
        ++m_state.pos;
        last_was_digit = true;
    }
}

void Lexer::scan_number(Token& token)
{
    u32 start = m_state.pos;
    token.kind = TokenKind::Number;
    u32 c0 = peek_char(start);
    u32 c1 = peek_char(start + 1) | 0x20;
    bool bigint_allowed = true;
    std::string digits;
    if (c0 == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) {
        u32 radix = c1 == 'x' ? 16 : c1 == 'o' ? 8 : 2;
        m_state.pos += 2;
        scan_digits(digits, radix, true);
        if (digits.empty())
            fail_at(m_state.pos, "missing digits after radix prefix");
        if (peek_char(m_state.pos) == 'n') {
            ++m_state.pos;
            token.kind = TokenKind::BigInt;
            std::string text(m_source.substr(start, 2));
            text[1] = static_cast<char>(c1);
            text += digits;
            token.value = m_arena.copy_string(text);
        } else {
            token.number = power_of_two_radix_to_double(digits, radix);
        }
    } else if (c0 == '0' && is_decimal_digit(peek_char(start + 1))) {
        // LegacyOctalIntegerLiteral or NonOctalDecimalIntegerLiteral (Annex B, sloppy only).
        token.flags |= kTokenLegacyOctal;
        token.octal_offset = start;
        ++m_state.pos;
        scan_digits(digits, 10, false);
        if (digits.find_first_of("89") == std::string::npos) {
            token.number = power_of_two_radix_to_double(digits, 8);
            bigint_allowed = false;
        } else {
            std::string fraction;
            i64 exponent = 0;
            if (peek_char(m_state.pos) == '.') {
                ++m_state.pos;
                scan_digits(fraction, 10, true);
            }
            if ((peek_char(m_state.pos) | 0x20) == 'e') {
                u32 save = m_state.pos;
                ++m_state.pos;
                bool negative = false;
                if (peek_char(m_state.pos) == '+' || peek_char(m_state.pos) == '-')
                    negative = peek_char(m_state.pos++) == '-';
                std::string exp_digits;
                scan_digits(exp_digits, 10, true);
                if (exp_digits.empty())
                    fail_at(save, "missing exponent digits");
                for (char d : exp_digits)
                    exponent = exponent < 1000000000 ? exponent * 10 + (d - '0') : exponent;
                if (negative)
                    exponent = -exponent;
            }
            token.number = decimal_to_double(digits, fraction, exponent);
            bigint_allowed = false;
        }
        if (peek_char(m_state.pos) == 'n')
            fail_at(m_state.pos, "invalid BigInt literal");
    } else {
        std::string fraction;
        bool has_fraction = false;
        i64 exponent = 0;
        bool has_exponent = false;
        if (c0 == '0' && peek_char(start + 1) == '_')
            fail_at(start + 1, "numeric separators are not allowed after a leading 0");
        if (c0 != '.')
            scan_digits(digits, 10, true);
        if (peek_char(m_state.pos) == '.') {
            has_fraction = true;
            ++m_state.pos;
            if (peek_char(m_state.pos) == '_')
                fail_at(m_state.pos, "numeric separators must be between digits");
            scan_digits(fraction, 10, true);
        }
        if ((peek_char(m_state.pos) | 0x20) == 'e') {
            has_exponent = true;
            u32 save = m_state.pos;
            ++m_state.pos;
            bool negative = false;
            if (peek_char(m_state.pos) == '+' || peek_char(m_state.pos) == '-')
                negative = peek_char(m_state.pos++) == '-';
            std::string exp_digits;
            scan_digits(exp_digits, 10, true);
            if (exp_digits.empty())
                fail_at(save, "missing exponent digits");
            for (char d : exp_digits)
                exponent = exponent < 1000000000 ? exponent * 10 + (d - '0') : exponent;
            if (negative)
                exponent = -exponent;
        }
        if (peek_char(m_state.pos) == 'n') {
            if (has_fraction || has_exponent)
                fail_at(m_state.pos, "invalid BigInt literal");
            ++m_state.pos;
            token.kind = TokenKind::BigInt;
            token.value = m_arena.copy_string(digits);
        } else {
            token.number = decimal_to_double(digits, fraction, exponent);
        }
    }
    (void)bigint_allowed;
    // https://tc39.es/ecma262/#sec-literals-numeric-literals: "The SourceCharacter
    // immediately following a NumericLiteral must not be an IdentifierStart or DecimalDigit."
    u32 len;
    u32 next = code_point_at(m_state.pos, len);
    if (next != kEnd && (next == '\\' || is_decimal_digit(next) || is_identifier_start(next)))
        fail_at(m_state.pos, "identifier starts immediately after numeric literal");
}

// https://tc39.es/ecma262/#prod-EscapeSequence, #prod-TemplateEscapeSequence
bool Lexer::scan_escape(std::string& out, Token& token, bool in_template)
{
    u32 backslash = m_state.pos;
    u32& pos = m_state.pos;
    ++pos;
    u32 len;
    u32 c = code_point_at(pos, len);
    if (c == kEnd)
        fail_at(backslash, in_template ? "unterminated template literal" : "unterminated string literal");
    switch (c) {
    case 'b': out += '\b'; ++pos; return true;
    case 't': out += '\t'; ++pos; return true;
    case 'n': out += '\n'; ++pos; return true;
    case 'v': out += '\v'; ++pos; return true;
    case 'f': out += '\f'; ++pos; return true;
    case 'r': out += '\r'; ++pos; return true;
    case '\n':
        ++pos;
        begin_line(pos);
        return true;
    case '\r':
        ++pos;
        if (peek_char(pos) == '\n')
            ++pos;
        begin_line(pos);
        return true;
    case 0x2028:
    case 0x2029:
        pos += len;
        begin_line(pos);
        return true;
    case 'x': {
        ++pos;
        u32 value;
        if (!scan_hex_digits(2, value)) {
            if (in_template)
                return false;
            fail_at(backslash, "invalid hexadecimal escape sequence");
        }
        append_code_point(out, value);
        return true;
    }
    case 'u': {
        ++pos;
        u32 value = 0;
        if (peek_char(pos) == '{') {
            ++pos;
            u32 digits = 0;
            bool ok = true;
            while (is_hex_digit(peek_char(pos))) {
                value = value * 16 + hex_value(peek_char(pos));
                if (value > 0x10ffff) {
                    ok = false;
                    break;
                }
                ++digits;
                ++pos;
            }
            if (!ok || digits == 0 || peek_char(pos) != '}') {
                if (in_template)
                    return false;
                fail_at(backslash, "invalid Unicode escape sequence");
            }
            ++pos;
        } else if (!scan_hex_digits(4, value)) {
            if (in_template)
                return false;
            fail_at(backslash, "invalid Unicode escape sequence");
        }
        append_code_point(out, value);
        return true;
    }
    default:
        break;
    }
    if (c >= '0' && c <= '7') {
        if (c == '0' && !is_decimal_digit(peek_char(pos + 1))) {
            ++pos;
            out += '\0';
            return true;
        }
        if (in_template)
            return false;
        // LegacyOctalEscapeSequence: up to three digits, the first 0-3 for three.
        if (!(token.flags & kTokenLegacyOctal))
            token.octal_offset = backslash;
        token.flags |= kTokenLegacyOctal;
        u32 value = c - '0';
        ++pos;
        u32 max_digits = c <= '3' ? 3 : 2;
        for (u32 i = 1; i < max_digits && peek_char(pos) >= '0' && peek_char(pos) <= '7'; ++i)
            value = value * 8 + (peek_char(pos++) - '0');
        append_code_point(out, value);
        return true;
    }
    if (c == '8' || c == '9') {
        if (in_template)
            return false;
        // NonOctalDecimalEscapeSequence (Annex B; an early error in strict code).
        if (!(token.flags & kTokenLegacyOctal))
            token.octal_offset = backslash;
        token.flags |= kTokenLegacyOctal;
        ++pos;
        out += static_cast<char>(c);
        return true;
    }
    // CharacterEscapeSequence :: NonEscapeCharacter
    pos += len;
    append_utf8(out, c);
    return true;
}

void Lexer::scan_string(Token& token, char quote)
{
    u32 start = m_state.pos;
    token.kind = TokenKind::String;
    u32& pos = m_state.pos;
    ++pos;
    u32 content_start = pos;
    // Fast path: no escapes.
    while (pos < m_source.size()) {
        char c = m_source[pos];
        if (c == quote) {
            token.value = m_source.substr(content_start, pos - content_start);
            ++pos;
            return;
        }
        if (c == '\\' || c == '\n' || c == '\r')
            break;
        ++pos;
    }
    std::string value(m_source.substr(content_start, pos - content_start));
    while (true) {
        if (pos >= m_source.size())
            fail_at(start, "unterminated string literal");
        char c = m_source[pos];
        if (c == quote) {
            ++pos;
            break;
        }
        if (c == '\n' || c == '\r')
            fail_at(start, "unterminated string literal");
        if (c == '\\') {
            token.flags |= kTokenHasEscape;
            scan_escape(value, token, false);
            continue;
        }
        value += c;
        ++pos;
    }
    token.value = m_arena.copy_string(value);
}

// https://tc39.es/ecma262/#sec-template-literal-lexical-components
void Lexer::scan_template(Token& token, bool from_brace)
{
    u32 start = m_state.pos;
    u32& pos = m_state.pos;
    ++pos; // ` or }
    u32 raw_start = pos;
    std::string cooked;
    bool valid = true;
    bool has_cr = false;
    bool copied = false;
    while (true) {
        if (pos >= m_source.size())
            fail_at(start, "unterminated template literal");
        auto c = static_cast<u8>(m_source[pos]);
        if (c == '`' || (c == '$' && peek_char(pos + 1) == '{')) {
            u32 raw_end = pos;
            bool tail = c == '`';
            pos += tail ? 1 : 2;
            if (from_brace)
                token.kind = tail ? TokenKind::TemplateTail : TokenKind::TemplateMiddle;
            else
                token.kind = tail ? TokenKind::NoSubstitutionTemplate : TokenKind::TemplateHead;
            std::string_view raw = m_source.substr(raw_start, raw_end - raw_start);
            if (has_cr) {
                std::string normalized;
                for (usize i = 0; i < raw.size(); ++i) {
                    if (raw[i] == '\r') {
                        normalized += '\n';
                        if (i + 1 < raw.size() && raw[i + 1] == '\n')
                            ++i;
                    } else {
                        normalized += raw[i];
                    }
                }
                token.raw = m_arena.copy_string(normalized);
            } else {
                token.raw = raw;
            }
            if (!valid)
                token.flags |= kTokenInvalidEscape;
            else if (copied)
                token.value = m_arena.copy_string(cooked);
            else
                token.value = raw;
            return;
        }
        if (c == '\\') {
            if (!copied) {
                cooked.assign(m_source.substr(raw_start, pos - raw_start));
                copied = true;
            }
            if (peek_char(pos + 1) == '\r')
                has_cr = true;
            u32 before = pos;
            if (!scan_escape(cooked, token, true)) {
                valid = false;
                // Skip the backslash and one character; the cooked value is discarded.
                pos = before + 1;
                u32 len;
                u32 next = code_point_at(pos, len);
                if (next != '`' && next != '$' && next != '\\' && !is_line_terminator(next))
                    pos += len;
            }
            continue;
        }
        if (c == '\r') {
            has_cr = true;
            if (!copied) {
                cooked.assign(m_source.substr(raw_start, pos - raw_start));
                copied = true;
            }
            cooked += '\n';
            ++pos;
            if (peek_char(pos) == '\n')
                ++pos;
            begin_line(pos);
            continue;
        }
        if (c == '\n') {
            if (copied)
                cooked += '\n';
            ++pos;
            begin_line(pos);
            continue;
        }
        if (c >= 0x80) {
            u32 len;
            u32 cp = code_point_at(pos, len);
            if (copied)
                cooked.append(m_source.substr(pos, len));
            pos += len;
            if (cp == 0x2028 || cp == 0x2029)
                begin_line(pos);
            continue;
        }
        if (copied)
            cooked += static_cast<char>(c);
        ++pos;
    }
}

Token Lexer::rescan_template_continuation(Token const& right_brace)
{
    m_state.pos = right_brace.start;
    Token token;
    token.newline_before = right_brace.newline_before;
    token.start = right_brace.start;
    token.line = right_brace.line;
    token.column = right_brace.column;
    scan_template(token, true);
    token.end = m_state.pos;
    return token;
}

// https://tc39.es/ecma262/#sec-literals-regular-expression-literals
Token Lexer::rescan_as_regexp(Token const& slash)
{
    Token token;
    token.kind = TokenKind::RegExp;
    token.newline_before = slash.newline_before;
    token.start = slash.start;
    token.line = slash.line;
    token.column = slash.column;
    u32& pos = m_state.pos;
    pos = slash.start + 1;
    u32 body_start = pos;
    bool in_class = false;
    while (true) {
        u32 len;
        u32 c = code_point_at(pos, len);
        if (c == kEnd || is_line_terminator(c))
            fail_at(slash.start, "unterminated regular expression literal");
        if (c == '\\') {
            pos += 1;
            c = code_point_at(pos, len);
            if (c == kEnd || is_line_terminator(c))
                fail_at(slash.start, "unterminated regular expression literal");
            pos += len;
            continue;
        }
        if (c == '[')
            in_class = true;
        else if (c == ']')
            in_class = false;
        else if (c == '/' && !in_class)
            break;
        pos += len;
    }
    token.value = m_source.substr(body_start, pos - body_start);
    ++pos;
    u32 flags_start = pos;
    while (true) {
        u32 len;
        u32 c = code_point_at(pos, len);
        if (c == '\\')
            fail_at(pos, "invalid regular expression flags");
        if (c == kEnd || !is_identifier_part(c))
            break;
        pos += len;
    }
    token.raw = m_source.substr(flags_start, pos - flags_start);
    token.end = pos;
    return token;
}

void Lexer::scan_punctuator(Token& token)
{
    u32& pos = m_state.pos;
    u32 start = pos;
    auto at = [&](u32 i) { return peek_char(start + i); };
    auto set = [&](TokenKind kind, u32 length) {
        token.kind = kind;
        pos = start + length;
    };
    switch (at(0)) {
    case '{': return set(TokenKind::LeftBrace, 1);
    case '}': return set(TokenKind::RightBrace, 1);
    case '(': return set(TokenKind::LeftParen, 1);
    case ')': return set(TokenKind::RightParen, 1);
    case '[': return set(TokenKind::LeftBracket, 1);
    case ']': return set(TokenKind::RightBracket, 1);
    case ';': return set(TokenKind::Semicolon, 1);
    case ',': return set(TokenKind::Comma, 1);
    case ':': return set(TokenKind::Colon, 1);
    case '~': return set(TokenKind::Tilde, 1);
    case '.':
        if (at(1) == '.' && at(2) == '.')
            return set(TokenKind::Ellipsis, 3);
        return set(TokenKind::Dot, 1);
    case '<':
        if (at(1) == '<')
            return at(2) == '=' ? set(TokenKind::ShiftLeftAssign, 3) : set(TokenKind::ShiftLeft, 2);
        return at(1) == '=' ? set(TokenKind::LessEqual, 2) : set(TokenKind::Less, 1);
    case '>':
        if (at(1) == '>') {
            if (at(2) == '>')
                return at(3) == '=' ? set(TokenKind::UnsignedShiftRightAssign, 4) : set(TokenKind::UnsignedShiftRight, 3);
            return at(2) == '=' ? set(TokenKind::ShiftRightAssign, 3) : set(TokenKind::ShiftRight, 2);
        }
        return at(1) == '=' ? set(TokenKind::GreaterEqual, 2) : set(TokenKind::Greater, 1);
    case '=':
        if (at(1) == '=')
            return at(2) == '=' ? set(TokenKind::StrictEqual, 3) : set(TokenKind::Equal, 2);
        return at(1) == '>' ? set(TokenKind::Arrow, 2) : set(TokenKind::Assign, 1);
    case '!':
        if (at(1) == '=')
            return at(2) == '=' ? set(TokenKind::StrictNotEqual, 3) : set(TokenKind::NotEqual, 2);
        return set(TokenKind::Bang, 1);
    case '+':
        if (at(1) == '+')
            return set(TokenKind::PlusPlus, 2);
        return at(1) == '=' ? set(TokenKind::PlusAssign, 2) : set(TokenKind::Plus, 1);
    case '-':
        if (at(1) == '-')
            return set(TokenKind::MinusMinus, 2);
        return at(1) == '=' ? set(TokenKind::MinusAssign, 2) : set(TokenKind::Minus, 1);
    case '*':
        if (at(1) == '*')
            return at(2) == '=' ? set(TokenKind::StarStarAssign, 3) : set(TokenKind::StarStar, 2);
        return at(1) == '=' ? set(TokenKind::StarAssign, 2) : set(TokenKind::Star, 1);
    case '/': return at(1) == '=' ? set(TokenKind::SlashAssign, 2) : set(TokenKind::Slash, 1);
    case '%': return at(1) == '=' ? set(TokenKind::PercentAssign, 2) : set(TokenKind::Percent, 1);
    case '&':
        if (at(1) == '&')
            return at(2) == '=' ? set(TokenKind::AmpersandAmpersandAssign, 3) : set(TokenKind::AmpersandAmpersand, 2);
        return at(1) == '=' ? set(TokenKind::AmpersandAssign, 2) : set(TokenKind::Ampersand, 1);
    case '|':
        if (at(1) == '|')
            return at(2) == '=' ? set(TokenKind::PipePipeAssign, 3) : set(TokenKind::PipePipe, 2);
        return at(1) == '=' ? set(TokenKind::PipeAssign, 2) : set(TokenKind::Pipe, 1);
    case '^': return at(1) == '=' ? set(TokenKind::CaretAssign, 2) : set(TokenKind::Caret, 1);
    case '?':
        if (at(1) == '?')
            return at(2) == '=' ? set(TokenKind::QuestionQuestionAssign, 3) : set(TokenKind::QuestionQuestion, 2);
        // `?.` is not optional chaining when a digit follows (`a?.5:b`).
        if (at(1) == '.' && !is_decimal_digit(at(2)))
            return set(TokenKind::QuestionDot, 2);
        return set(TokenKind::Question, 1);
    default:
        fail_at(start, "invalid or unexpected token");
    }
}

} // namespace weft::parser
