// RegExp literal early errors: flags and pattern syntax (Annex B in non-unicode mode, u and v modes).
// spec: https://tc39.es/ecma262/#sec-regexp-regular-expression-objects and
// https://tc39.es/ecma262/#sec-regular-expressions-patterns (Annex B: #sec-regular-expressions-patterns-compatibility)
//
// NOTE: property escapes (\p{...}) are checked for shape only (name and optional value made
// of word characters; properties of strings only with the v flag); their names and values
// are not checked against the Unicode property tables yet.
#include "parser/lexer.h"
#include "parser/parser.h"
#include "parser/source.h"

#include <string>
#include <vector>

namespace weft::parser {

namespace {

constexpr u32 kEnd = 0xffff'ffff;

struct RegExpAbort {
    u32 offset;
    std::string message;
};

bool is_syntax_character(u32 c)
{
    switch (c) {
    case '^': case '$': case '\\': case '.': case '*': case '+': case '?':
    case '(': case ')': case '[': case ']': case '{': case '}': case '|':
        return true;
    default:
        return false;
    }
}

bool is_hex(u32 c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
u32 hex_digit(u32 c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }
bool is_ascii_letter(u32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(u32 c) { return c >= '0' && c <= '9'; }

bool is_string_property(std::string_view name)
{
    return name == "Basic_Emoji" || name == "Emoji_Keycap_Sequence" || name == "RGI_Emoji_Modifier_Sequence"
        || name == "RGI_Emoji_Flag_Sequence" || name == "RGI_Emoji_Tag_Sequence" || name == "RGI_Emoji_ZWJ_Sequence"
        || name == "RGI_Emoji";
}

class RegExpValidator {
public:
    RegExpValidator(std::string_view pattern, bool unicode, bool vmode)
        : m_src(pattern)
        , m_unicode(unicode || vmode)
        , m_vmode(vmode)
    {
    }

    void run()
    {
        prescan();
        parse_disjunction();
        if (m_pos < m_src.size()) {
            if (peek() == ')')
                fail("unmatched ')'");
            fail("unexpected character");
        }
        for (auto const& [name, offset] : m_backreferences) {
            bool found = false;
            for (auto const& group : m_groups)
                found |= group.name == name;
            if (!found)
                fail_at(offset, "reference to undefined group name '" + name + "'");
        }
    }

private:
    struct Group {
        std::string name;
        std::vector<std::pair<u32, u32>> path; // (disjunction id, alternative index)
    };
    struct ClassAtom {
        bool is_char;
        u32 value;
    };

    [[noreturn]] void fail(std::string message) { throw RegExpAbort { m_pos, std::move(message) }; }
    [[noreturn]] void fail_at(u32 offset, std::string message) { throw RegExpAbort { offset, std::move(message) }; }

    u32 peek(u32 ahead = 0) const
    {
        u32 at = m_pos;
        for (u32 i = 0; i < ahead; ++i) {
            if (at >= m_src.size())
                return kEnd;
            u32 len;
            decode_utf8(m_src.data() + at, m_src.data() + m_src.size(), len);
            at += len;
        }
        if (at >= m_src.size())
            return kEnd;
        u32 len;
        return decode_utf8(m_src.data() + at, m_src.data() + m_src.size(), len);
    }
    u32 next()
    {
        if (m_pos >= m_src.size())
            return kEnd;
        u32 len;
        u32 c = decode_utf8(m_src.data() + m_pos, m_src.data() + m_src.size(), len);
        m_pos += len;
        return c;
    }
    bool eat(u32 c)
    {
        if (peek() != c)
            return false;
        next();
        return true;
    }

    // Counts capturing groups and notes whether any are named (for \k and backreferences).
    void prescan()
    {
        u32 depth = 0;
        for (usize i = 0; i < m_src.size(); ++i) {
            char c = m_src[i];
            if (c == '\\') {
                ++i;
                continue;
            }
            if (c == '[') {
                ++depth;
                continue;
            }
            if (c == ']' && depth > 0) {
                --depth;
                continue;
            }
            if (depth > 0) {
                if (!m_vmode)
                    continue;
                continue;
            }
            if (c == '(') {
                if (i + 1 < m_src.size() && m_src[i + 1] == '?') {
                    if (i + 2 < m_src.size() && m_src[i + 2] == '<' && i + 3 < m_src.size() && m_src[i + 3] != '=' && m_src[i + 3] != '!') {
                        ++m_group_count;
                        m_has_named_groups = true;
                    }
                } else {
                    ++m_group_count;
                }
            }
        }
        if (!m_vmode) {
            // Non-v classes do not nest: recount treating '[' inside a class as literal.
            m_group_count = 0;
            m_has_named_groups = false;
            bool in_class = false;
            for (usize i = 0; i < m_src.size(); ++i) {
                char c = m_src[i];
                if (c == '\\') {
                    ++i;
                    continue;
                }
                if (in_class) {
                    if (c == ']')
                        in_class = false;
                    continue;
                }
                if (c == '[') {
                    in_class = true;
                    continue;
                }
                if (c == '(') {
                    if (i + 1 < m_src.size() && m_src[i + 1] == '?') {
                        if (i + 2 < m_src.size() && m_src[i + 2] == '<' && i + 3 < m_src.size() && m_src[i + 3] != '=' && m_src[i + 3] != '!') {
                            ++m_group_count;
                            m_has_named_groups = true;
                        }
                    } else {
                        ++m_group_count;
                    }
                }
            }
        }
    }

    void parse_disjunction()
    {
        u32 id = m_next_disjunction++;
        m_path.push_back({ id, 0 });
        parse_alternative();
        while (eat('|')) {
            ++m_path.back().second;
            parse_alternative();
        }
        m_path.pop_back();
    }

    void parse_alternative()
    {
        while (m_pos < m_src.size() && peek() != '|' && peek() != ')')
            parse_term();
    }

    // Tries to read a braced quantifier {n}, {n,}, {n,m} at m_pos; restores on failure.
    bool try_braced_quantifier(bool consume)
    {
        u32 save = m_pos;
        if (!eat('{'))
            return false;
        auto read_number = [&](double& value) {
            bool any = false;
            value = 0;
            while (is_digit(peek())) {
                value = value * 10 + (next() - '0');
                any = true;
            }
            return any;
        };
        double min = 0;
        double max = 0;
        if (!read_number(min)) {
            m_pos = save;
            return false;
        }
        max = min;
        bool has_max = true;
        if (eat(',')) {
            if (!read_number(max))
                has_max = false;
        }
        if (!eat('}')) {
            m_pos = save;
            return false;
        }
        if (has_max && max < min)
            fail_at(save, "numbers out of order in {} quantifier");
        if (!consume)
            m_pos = save;
        return true;
    }

    void parse_quantifier(bool quantifiable)
    {
        u32 c = peek();
        u32 start = m_pos;
        if (c == '*' || c == '+' || c == '?') {
            if (!quantifiable)
                fail("nothing to repeat");
            next();
            eat('?');
            return;
        }
        if (c == '{') {
            if (try_braced_quantifier(true)) {
                if (!quantifiable)
                    fail_at(start, "nothing to repeat");
                eat('?');
                return;
            }
            if (m_unicode)
                fail("incomplete quantifier");
        }
    }

    void parse_term()
    {
        u32 start = m_pos;
        u32 c = peek();
        switch (c) {
        case '^':
        case '$':
            next();
            parse_quantifier(false);
            return;
        case '\\':
            if (peek(1) == 'b' || peek(1) == 'B') {
                next();
                next();
                parse_quantifier(false);
                return;
            }
            next();
            parse_atom_escape();
            parse_quantifier(true);
            return;
        case '(':
            parse_group();
            return;
        case '.':
            next();
            parse_quantifier(true);
            return;
        case '[':
            next();
            if (m_vmode)
                parse_class_set(start);
            else
                parse_class_ranges();
            parse_quantifier(true);
            return;
        case '*':
        case '+':
        case '?':
            fail("nothing to repeat");
        case '{':
            if (m_unicode)
                fail("lone quantifier brackets");
            if (try_braced_quantifier(false))
                fail("nothing to repeat");
            next();
            parse_quantifier(true);
            return;
        case '}':
        case ']':
            if (m_unicode)
                fail("lone quantifier brackets");
            next();
            parse_quantifier(true);
            return;
        default:
            next();
            parse_quantifier(true);
            return;
        }
    }

    void parse_group()
    {
        u32 start = m_pos;
        next(); // (
        bool quantifiable = true;
        if (eat('?')) {
            u32 c = peek();
            if (c == '=' || c == '!') {
                next();
                quantifiable = !m_unicode; // Annex B: QuantifiableAssertion
            } else if (c == '<' && (peek(1) == '=' || peek(1) == '!')) {
                next();
                next();
                quantifiable = false;
            } else if (c == '<') {
                next();
                u32 name_start = m_pos;
                std::string name = parse_group_name();
                for (auto const& group : m_groups) {
                    if (group.name == name && might_both_participate(group.path, m_path))
                        fail_at(name_start, "duplicate capture group name '" + name + "'");
                }
                m_groups.push_back({ name, m_path });
            } else if (c == ':') {
                next();
            } else {
                parse_modifiers();
            }
        }
        parse_disjunction();
        if (!eat(')'))
            fail_at(start, "unterminated group");
        parse_quantifier(quantifiable);
    }

    // https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors (modifiers)
    void parse_modifiers()
    {
        u32 start = m_pos;
        u32 seen = 0;
        auto read_flags = [&](u32& count) {
            count = 0;
            while (true) {
                u32 c = peek();
                u32 bit = c == 'i' ? 1 : c == 'm' ? 2 : c == 's' ? 4 : 0;
                if (!bit)
                    return;
                if (seen & bit)
                    fail("duplicate flag in modifier group");
                seen |= bit;
                next();
                ++count;
            }
        };
        u32 adding;
        read_flags(adding);
        u32 removing = 0;
        bool dash = eat('-');
        if (dash)
            read_flags(removing);
        if (!eat(':'))
            fail_at(start, "invalid group");
        if (dash && adding == 0 && removing == 0)
            fail_at(start, "a modifier group must add or remove a flag");
    }

    static bool might_both_participate(std::vector<std::pair<u32, u32>> const& a, std::vector<std::pair<u32, u32>> const& b)
    {
        usize n = a.size() < b.size() ? a.size() : b.size();
        for (usize i = 0; i < n; ++i) {
            if (a[i].first != b[i].first)
                return true;
            if (a[i].second != b[i].second)
                return false;
        }
        return true;
    }

    // RegExpUnicodeEscapeSequence in a group name (always with u-mode rules).
    u32 parse_name_escape()
    {
        if (!eat('u'))
            fail("invalid escape in group name");
        auto read4 = [&](u32& value) {
            value = 0;
            for (u32 i = 0; i < 4; ++i) {
                if (!is_hex(peek()))
                    return false;
                value = value * 16 + hex_digit(next());
            }
            return true;
        };
        if (eat('{')) {
            u32 value = 0;
            bool any = false;
            while (is_hex(peek())) {
                value = value * 16 + hex_digit(next());
                if (value > 0x10ffff)
                    fail("invalid Unicode escape in group name");
                any = true;
            }
            if (!any || !eat('}'))
                fail("invalid Unicode escape in group name");
            return value;
        }
        u32 value;
        if (!read4(value))
            fail("invalid Unicode escape in group name");
        if (value >= 0xd800 && value <= 0xdbff && peek() == '\\' && peek(1) == 'u') {
            u32 save = m_pos;
            next();
            next();
            u32 low;
            if (read4(low) && low >= 0xdc00 && low <= 0xdfff)
                return 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00);
            m_pos = save;
        }
        return value;
    }

    std::string parse_group_name()
    {
        std::string name;
        bool first = true;
        while (true) {
            u32 c = peek();
            if (c == '>') {
                if (first)
                    fail("empty group name");
                next();
                return name;
            }
            if (c == kEnd)
                fail("unterminated group name");
            next();
            if (c == '\\')
                c = parse_name_escape();
            bool ok = first ? is_identifier_start(c) : is_identifier_part(c);
            if (!ok)
                fail("invalid character in group name");
            append_utf8(name, c);
            first = false;
        }
    }

    void parse_property_escape()
    {
        // m_pos is after \p or \P
        u32 start = m_pos;
        if (!eat('{'))
            fail("invalid property name");
        std::string name;
        std::string value;
        bool has_value = false;
        while (true) {
            u32 c = peek();
            if (c == '}')
                break;
            if (c == '=' && !has_value) {
                has_value = true;
                next();
                continue;
            }
            if (!(is_ascii_letter(c) || is_digit(c) || c == '_'))
                fail_at(start, "invalid property name");
            (has_value ? value : name).push_back(static_cast<char>(c));
            next();
        }
        next();
        if (name.empty() || (has_value && value.empty()))
            fail_at(start, "invalid property name");
        if (!has_value && is_string_property(name)) {
            if (!m_vmode)
                fail_at(start, "properties of strings are only valid with the v flag");
            m_last_escape_has_strings = true;
        }
    }

    // After a backslash outside a class.
    void parse_atom_escape()
    {
        u32 start = m_pos - 1;
        u32 c = peek();
        if (c == kEnd)
            fail("\\ at end of pattern");
        if (c >= '1' && c <= '9') {
            u32 n = 0;
            u32 save = m_pos;
            while (is_digit(peek())) {
                n = n < 100000 ? n * 10 + (next() - '0') : n;
            }
            if (n > m_group_count) {
                if (m_unicode)
                    fail_at(start, "invalid backreference");
                m_pos = save; // Annex B: a legacy octal escape or an identity escape
                parse_legacy_octal_or_identity();
            }
            return;
        }
        if (c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W') {
            next();
            return;
        }
        if ((c == 'p' || c == 'P') && m_unicode) {
            next();
            parse_property_escape();
            if (c == 'P' && m_last_escape_has_strings)
                fail_at(start, "a property of strings cannot be negated");
            m_last_escape_has_strings = false;
            return;
        }
        if (c == 'k') {
            if (m_unicode || m_has_named_groups) {
                next();
                if (!eat('<'))
                    fail_at(start, "invalid named reference");
                u32 name_offset = m_pos;
                std::string name = parse_group_name();
                m_backreferences.push_back({ name, name_offset });
                return;
            }
            next();
            return;
        }
        parse_character_escape(false);
    }

    void parse_legacy_octal_or_identity()
    {
        u32 c = peek();
        if (c >= '0' && c <= '7') {
            u32 value = next() - '0';
            for (u32 i = 0; i < 2 && peek() >= '0' && peek() <= '7' && value * 8 + (peek() - '0') <= 0377; ++i)
                value = value * 8 + (next() - '0');
            return;
        }
        next(); // \8 or \9: identity escape
    }

    // CharacterEscape after a backslash; returns the character value.
    u32 parse_character_escape(bool in_class)
    {
        u32 start = m_pos - 1;
        u32 c = peek();
        switch (c) {
        case 'f': next(); return '\f';
        case 'n': next(); return '\n';
        case 'r': next(); return '\r';
        case 't': next(); return '\t';
        case 'v': next(); return '\v';
        case 'c': {
            u32 letter = peek(1);
            if (is_ascii_letter(letter) || (in_class && !m_unicode && (is_digit(letter) || letter == '_'))) {
                next();
                next();
                return letter % 32;
            }
            if (m_unicode)
                fail_at(start, "invalid control escape");
            return '\\'; // Annex B: the backslash is literal and `c` is read next
        }
        case '0':
            if (!is_digit(peek(1))) {
                next();
                return 0;
            }
            if (m_unicode)
                fail_at(start, "invalid decimal escape");
            {
                u32 value = 0;
                for (u32 i = 0; i < 3 && peek() >= '0' && peek() <= '7' && value * 8 + (peek() - '0') <= 0377; ++i)
                    value = value * 8 + (next() - '0');
                if (m_pos == start + 1)
                    next();
                return value;
            }
        case 'x': {
            next();
            if (is_hex(peek()) && is_hex(peek(1))) {
                u32 value = hex_digit(next()) * 16;
                return value + hex_digit(next());
            }
            if (m_unicode)
                fail_at(start, "invalid hexadecimal escape");
            return 'x';
        }
        case 'u': {
            next();
            if (m_unicode) {
                if (eat('{')) {
                    u32 value = 0;
                    bool any = false;
                    while (is_hex(peek())) {
                        value = value * 16 + hex_digit(next());
                        if (value > 0x10ffff)
                            fail_at(start, "invalid Unicode escape");
                        any = true;
                    }
                    if (!any || !eat('}'))
                        fail_at(start, "invalid Unicode escape");
                    return value;
                }
            }
            u32 value = 0;
            u32 save = m_pos;
            for (u32 i = 0; i < 4; ++i) {
                if (!is_hex(peek())) {
                    if (m_unicode)
                        fail_at(start, "invalid Unicode escape");
                    m_pos = save;
                    return 'u';
                }
                value = value * 16 + hex_digit(next());
            }
            if (m_unicode && value >= 0xd800 && value <= 0xdbff && peek() == '\\' && peek(1) == 'u') {
                u32 save2 = m_pos;
                next();
                next();
                u32 low = 0;
                bool ok = true;
                for (u32 i = 0; i < 4; ++i) {
                    if (!is_hex(peek())) {
                        ok = false;
                        break;
                    }
                    low = low * 16 + hex_digit(next());
                }
                if (ok && low >= 0xdc00 && low <= 0xdfff)
                    return 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00);
                m_pos = save2;
            }
            return value;
        }
        default:
            break;
        }
        if (c == kEnd)
            fail_at(start, "\\ at end of pattern");
        if (m_unicode) {
            if (is_syntax_character(c) || c == '/' || (in_class && c == '-')) {
                next();
                return c;
            }
            fail_at(start, "invalid escape");
        }
        if (c >= '1' && c <= '9' && in_class) {
            u32 value = 0;
            if (c <= '7') {
                for (u32 i = 0; i < 3 && peek() >= '0' && peek() <= '7' && value * 8 + (peek() - '0') <= 0377; ++i)
                    value = value * 8 + (next() - '0');
                return value;
            }
            next();
            return c;
        }
        if (c == 'k' && m_has_named_groups)
            fail_at(start, "invalid named reference");
        next();
        return c;
    }

    // A literal character of the pattern: in non-unicode mode a code point above U+FFFF is
    // two UTF-16 code units, and a class range sees them separately.
    u32 next_literal()
    {
        if (m_pending_low) {
            u32 low = m_pending_low;
            m_pending_low = 0;
            next();
            return low;
        }
        u32 c = peek();
        if (!m_unicode && c > 0xffff) {
            m_pending_low = 0xdc00 + ((c - 0x10000) & 0x3ff);
            return 0xd800 + ((c - 0x10000) >> 10);
        }
        return next();
    }

    ClassAtom parse_class_atom()
    {
        u32 start = m_pos;
        if (!m_pending_low && peek() == '\\') {
            next();
            u32 c = peek();
            if (c == 'b') {
                next();
                return { true, 8 };
            }
            if (c == '-' && m_unicode) {
                next();
                return { true, '-' };
            }
            if (c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W') {
                next();
                return { false, 0 };
            }
            if ((c == 'p' || c == 'P') && m_unicode) {
                next();
                parse_property_escape();
                m_last_escape_has_strings = false;
                return { false, 0 };
            }
            if (c == 'k' && (m_unicode || m_has_named_groups))
                fail_at(start, "invalid escape in character class");
            if (m_unicode && c >= '1' && c <= '9')
                fail_at(start, "invalid class escape");
            return { true, parse_character_escape(true) };
        }
        return { true, next_literal() };
    }

    void parse_class_ranges()
    {
        eat('^');
        while (true) {
            if (m_pos >= m_src.size())
                fail("unterminated character class");
            if (!m_pending_low && peek() == ']') {
                next();
                return;
            }
            u32 atom_start = m_pos;
            ClassAtom a = parse_class_atom();
            if (!m_pending_low && peek() == '-' && peek(1) != ']' && peek(1) != kEnd) {
                next();
                ClassAtom b = parse_class_atom();
                if (!a.is_char || !b.is_char) {
                    if (m_unicode)
                        fail_at(atom_start, "invalid character class range");
                    continue;
                }
                if (a.value > b.value)
                    fail_at(atom_start, "range out of order in character class");
            }
        }
    }

    // v-mode: https://tc39.es/ecma262/#prod-ClassSetExpression. Returns MayContainStrings.
    bool parse_class_set(u32 start)
    {
        bool negated = eat('^');
        bool strings = false;
        if (eat(']'))
            return false;
        bool first_strings = false;
        u32 operand_start = m_pos;
        bool single_char = false;
        u32 char_value = 0;
        first_strings = parse_class_set_operand(single_char, char_value);
        if (single_char && peek() == '-' && peek(1) != '-') {
            // ClassSetRange
            next();
            bool b_single = false;
            u32 b_value = 0;
            parse_class_set_operand(b_single, b_value);
            if (!b_single)
                fail_at(operand_start, "invalid character class range");
            if (char_value > b_value)
                fail_at(operand_start, "range out of order in character class");
            first_strings = false;
        }
        if (peek() == '&' && peek(1) == '&') {
            strings = first_strings;
            while (peek() == '&' && peek(1) == '&') {
                next();
                next();
                if (peek() == '&')
                    fail("invalid set operation in character class");
                bool s = false;
                u32 v = 0;
                strings = strings && parse_class_set_operand(s, v);
            }
            if (!eat(']'))
                fail("invalid set operation in character class");
        } else if (peek() == '-' && peek(1) == '-') {
            strings = first_strings;
            while (peek() == '-' && peek(1) == '-') {
                next();
                next();
                bool s = false;
                u32 v = 0;
                parse_class_set_operand(s, v);
            }
            if (!eat(']'))
                fail("invalid set operation in character class");
        } else {
            strings = first_strings;
            while (true) {
                if (m_pos >= m_src.size())
                    fail_at(start, "unterminated character class");
                if (eat(']'))
                    break;
                if ((peek() == '&' && peek(1) == '&') || (peek() == '-' && peek(1) == '-'))
                    fail("invalid set operation in character class");
                u32 op_start = m_pos;
                bool s = false;
                u32 v = 0;
                bool has_strings = parse_class_set_operand(s, v);
                if (s && peek() == '-' && peek(1) != '-') {
                    next();
                    bool b_single = false;
                    u32 b_value = 0;
                    parse_class_set_operand(b_single, b_value);
                    if (!b_single)
                        fail_at(op_start, "invalid character class range");
                    if (v > b_value)
                        fail_at(op_start, "range out of order in character class");
                    has_strings = false;
                }
                strings |= has_strings;
            }
        }
        if (negated && strings)
            fail_at(start, "a negated character class may not contain strings");
        return strings;
    }

    bool is_reserved_double_punctuator(u32 c) const
    {
        switch (c) {
        case '&': case '!': case '#': case '$': case '%': case '*': case '+': case ',': case '.':
        case ':': case ';': case '<': case '=': case '>': case '?': case '@': case '^': case '`': case '~':
            return peek(1) == c;
        default:
            return false;
        }
    }

    // One ClassSetOperand (or the first character of a range). Returns MayContainStrings.
    bool parse_class_set_operand(bool& single_char, u32& value)
    {
        single_char = false;
        u32 start = m_pos;
        u32 c = peek();
        if (c == kEnd)
            fail("unterminated character class");
        if (c == '[') {
            next();
            return parse_class_set(start);
        }
        if (c == '\\') {
            next();
            u32 e = peek();
            if (e == 'q') {
                next();
                if (!eat('{'))
                    fail_at(start, "invalid escape");
                bool strings = false;
                u32 length = 0;
                while (true) {
                    u32 d = peek();
                    if (d == kEnd)
                        fail_at(start, "unterminated \\q{...}");
                    if (d == '}') {
                        next();
                        strings |= length != 1;
                        return strings;
                    }
                    if (d == '|') {
                        next();
                        strings |= length != 1;
                        length = 0;
                        continue;
                    }
                    bool s;
                    u32 v;
                    parse_class_set_character(s, v);
                    ++length;
                }
            }
            if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
                next();
                return false;
            }
            if (e == 'p' || e == 'P') {
                next();
                parse_property_escape();
                bool strings = m_last_escape_has_strings;
                m_last_escape_has_strings = false;
                if (e == 'P' && strings)
                    fail_at(start, "a property of strings cannot be negated");
                return strings;
            }
            m_pos = start;
        }
        parse_class_set_character(single_char, value);
        return false;
    }

    void parse_class_set_character(bool& single_char, u32& value)
    {
        u32 start = m_pos;
        u32 c = peek();
        if (c == '\\') {
            next();
            u32 e = peek();
            if (e == 'b') {
                next();
                single_char = true;
                value = 8;
                return;
            }
            switch (e) {
            case '&': case '-': case '!': case '#': case '%': case ',': case ':': case ';': case '<':
            case '=': case '>': case '@': case '`': case '~':
                next();
                single_char = true;
                value = e;
                return;
            default:
                break;
            }
            value = parse_character_escape(true);
            single_char = true;
            return;
        }
        switch (c) {
        case '(': case ')': case '[': case ']': case '{': case '}': case '/': case '-': case '|':
            fail_at(start, "invalid character in character class");
        default:
            break;
        }
        if (is_reserved_double_punctuator(c))
            fail_at(start, "invalid set operation in character class");
        next();
        single_char = true;
        value = c;
    }

    std::string_view m_src;
    u32 m_pos { 0 };
    bool m_unicode;
    bool m_vmode;
    bool m_has_named_groups { false };
    bool m_last_escape_has_strings { false };
    u32 m_group_count { 0 };
    u32 m_next_disjunction { 0 };
    u32 m_pending_low { 0 };
    std::vector<std::pair<u32, u32>> m_path;
    std::vector<Group> m_groups;
    std::vector<std::pair<std::string, u32>> m_backreferences;
};

} // namespace

std::optional<RegExpSyntaxError> validate_regexp(std::string_view pattern, std::string_view flags)
{
    // https://tc39.es/ecma262/#sec-regexp-literals-static-semantics-early-errors
    u32 seen = 0;
    for (usize i = 0; i < flags.size(); ++i) {
        char const* known = "dgimsuvy";
        u32 bit = 0;
        for (u32 k = 0; known[k]; ++k) {
            if (flags[i] == known[k])
                bit = 1u << k;
        }
        u32 offset = static_cast<u32>(pattern.size() + 1 + i);
        if (!bit)
            return RegExpSyntaxError { offset, std::string("unknown flag '") + flags[i] + "'" };
        if (seen & bit)
            return RegExpSyntaxError { offset, std::string("duplicate flag '") + flags[i] + "'" };
        seen |= bit;
    }
    bool unicode = seen & (1u << 5);
    bool vmode = seen & (1u << 6);
    if (unicode && vmode)
        return RegExpSyntaxError { static_cast<u32>(pattern.size() + 1), "flags 'u' and 'v' cannot be combined" };
    try {
        RegExpValidator validator(pattern, unicode, vmode);
        validator.run();
    } catch (RegExpAbort& abort) {
        return RegExpSyntaxError { abort.offset, std::move(abort.message) };
    }
    return std::nullopt;
}

} // namespace weft::parser
