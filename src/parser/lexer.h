// Lexer: turns UTF-8 source text into ECMAScript tokens on demand, driven by the parser.
// spec: https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar
#pragma once

#include "parser/arena.h"
#include "parser/token.h"

#include <string>
#include <string_view>

namespace weft::parser {

enum class Goal : u8 { Script, Module };

// The lexer does not know whether `/` starts a regular expression or whether `}` resumes
// a template: it scans `/` and `}` as punctuators, and the parser, which knows the
// grammar context, asks for a rescan (the goal symbols InputElementRegExp and
// InputElementTemplateTail). Strict-mode rules are also left to the parser: the lexer
// flags legacy octal literals and escapes on the token instead of rejecting them.
//
// Invariants:
//  - The source is well-formed UTF-8 (checked before the lexer is made).
//  - Errors throw ParseAbort with a byte offset; the lexer never reads past the end.
class Lexer {
public:
    struct State {
        u32 pos { 0 };
        u32 line { 1 };
        u32 line_start { 0 };
        u32 column_offset { 0 };  // a position on the current line whose column is known
        u32 column_units { 0 };   // UTF-16 units from line_start to column_offset
        bool at_line_start { true }; // only trivia since the last line terminator (for -->)
    };

    Lexer(std::string_view source, Arena& arena, Goal goal);

    // The next token, with `/` and `/=` as division punctuators.
    Token next();
    // Rescans a `/` or `/=` token as a regular expression literal.
    Token rescan_as_regexp(Token const& slash);
    // Rescans a `}` token as the TemplateMiddle or TemplateTail it starts.
    Token rescan_template_continuation(Token const& right_brace);

    State save() const { return m_state; }
    void restore(State const& state) { m_state = state; }

    std::string_view source() const { return m_source; }

private:
    u32 peek_char(u32 at) const { return at < m_source.size() ? static_cast<u8>(m_source[at]) : 0xffff'ffff; }
    u32 code_point_at(u32 at, u32& length) const;
    u32 column_at(u32 offset);
    void begin_line(u32 offset);
    bool skip_trivia();
    void skip_line_comment();
    void skip_block_comment();
    void start_token(Token& token);

    void scan_identifier_or_keyword(Token& token, bool private_name);
    bool scan_identifier_escape(u32& cp);
    void scan_number(Token& token);
    void scan_digits(std::string& out, u32 radix, bool allow_separators);
    void scan_string(Token& token, char quote);
    void scan_template(Token& token, bool from_brace);
    // Scans the escape after a backslash at m_state.pos into `out`. Returns false for a
    // malformed escape when `in_template` (the caller marks the template's cooked value
    // undefined); in a string literal a malformed escape throws.
    bool scan_escape(std::string& out, Token& token, bool in_template);
    bool scan_hex_digits(u32 count, u32& value);
    void scan_punctuator(Token& token);

    std::string_view m_source;
    Arena& m_arena;
    Goal m_goal;
    State m_state;
    std::string m_buffer;
};

// Correctly rounded value of `digits` (no prefix, no separators) in radix 2, 8 or 16.
double power_of_two_radix_to_double(std::string_view digits, u32 radix);
// Correctly rounded value of a decimal literal given its pieces (no separators).
double decimal_to_double(std::string_view integer_digits, std::string_view fraction_digits, i64 exponent);

bool is_identifier_start(u32 cp);
bool is_identifier_part(u32 cp);

// The keyword kind for `name`, or Identifier.
TokenKind keyword_kind(std::string_view name);

} // namespace weft::parser
