// Token kinds and the Token the lexer hands to the parser.
#pragma once

#include "base/types.h"

#include <string_view>

namespace weft::parser {

// Punctuators: kind name, spelling.
#define WEFT_PUNCTUATORS(X)                                                        \
    X(LeftBrace, "{") X(RightBrace, "}") X(LeftParen, "(") X(RightParen, ")")      \
    X(LeftBracket, "[") X(RightBracket, "]") X(Dot, ".") X(Ellipsis, "...")        \
    X(Semicolon, ";") X(Comma, ",") X(Less, "<") X(Greater, ">")                   \
    X(LessEqual, "<=") X(GreaterEqual, ">=") X(Equal, "==") X(NotEqual, "!=")      \
    X(StrictEqual, "===") X(StrictNotEqual, "!==") X(Plus, "+") X(Minus, "-")      \
    X(Star, "*") X(Slash, "/") X(Percent, "%") X(StarStar, "**")                   \
    X(PlusPlus, "++") X(MinusMinus, "--") X(ShiftLeft, "<<") X(ShiftRight, ">>")   \
    X(UnsignedShiftRight, ">>>") X(Ampersand, "&") X(Pipe, "|") X(Caret, "^")      \
    X(Bang, "!") X(Tilde, "~") X(AmpersandAmpersand, "&&") X(PipePipe, "||")       \
    X(QuestionQuestion, "??") X(Question, "?") X(QuestionDot, "?.") X(Colon, ":")  \
    X(Assign, "=") X(PlusAssign, "+=") X(MinusAssign, "-=") X(StarAssign, "*=")    \
    X(SlashAssign, "/=") X(PercentAssign, "%=") X(StarStarAssign, "**=")           \
    X(ShiftLeftAssign, "<<=") X(ShiftRightAssign, ">>=")                           \
    X(UnsignedShiftRightAssign, ">>>=") X(AmpersandAssign, "&=")                   \
    X(PipeAssign, "|=") X(CaretAssign, "^=") X(AmpersandAmpersandAssign, "&&=")    \
    X(PipePipeAssign, "||=") X(QuestionQuestionAssign, "?" "?=") X(Arrow, "=>")

// Reserved words (https://tc39.es/ecma262/#prod-ReservedWord) other than `await` and
// `yield`, which are identifiers or keywords depending on context and so are lexed as
// Identifier. Contextual words (let, static, async, of, get, set, ...) are Identifier too.
#define WEFT_KEYWORDS(X)                                                           \
    X(Break, "break") X(Case, "case") X(Catch, "catch") X(Class, "class")          \
    X(Const, "const") X(Continue, "continue") X(Debugger, "debugger")              \
    X(Default, "default") X(Delete, "delete") X(Do, "do") X(Else, "else")          \
    X(Enum, "enum") X(Export, "export") X(Extends, "extends") X(False, "false")    \
    X(Finally, "finally") X(For, "for") X(Function, "function") X(If, "if")        \
    X(Import, "import") X(In, "in") X(Instanceof, "instanceof") X(New, "new")      \
    X(Null, "null") X(Return, "return") X(Super, "super") X(Switch, "switch")      \
    X(This, "this") X(Throw, "throw") X(True, "true") X(Try, "try")                \
    X(Typeof, "typeof") X(Var, "var") X(Void, "void") X(While, "while")            \
    X(With, "with")

enum class TokenKind : u8 {
    EndOfFile,
    Identifier,        // value: the name with escapes decoded
    PrivateName,       // value: the name after '#'
    Number,            // number: the value
    BigInt,            // value: the digits with prefix, separators removed, no 'n'
    String,            // value: the cooked string (WTF-8)
    NoSubstitutionTemplate, // `...`      value: cooked, raw: raw
    TemplateHead,      // `...${       value: cooked, raw: raw
    TemplateMiddle,    // }...${       value: cooked, raw: raw
    TemplateTail,      // }...`        value: cooked, raw: raw
    RegExp,            // value: body, raw: flags
#define WEFT_TOKEN_ENUM(name, text) name,
    WEFT_PUNCTUATORS(WEFT_TOKEN_ENUM)
    WEFT_KEYWORDS(WEFT_TOKEN_ENUM)
#undef WEFT_TOKEN_ENUM
};

char const* token_kind_name(TokenKind);

inline bool is_keyword(TokenKind k) { return k >= TokenKind::Break && k <= TokenKind::With; }

enum TokenFlags : u8 {
    kTokenHasEscape = 1 << 0,       // an identifier or string written with a \ escape
    kTokenLegacyOctal = 1 << 1,     // 010, 08, "\07", "\8": strict-mode early errors
    kTokenInvalidEscape = 1 << 2,   // a template with a malformed escape: cooked is undefined
    kTokenEscapedKeyword = 1 << 3,  // an identifier whose escaped spelling is a reserved word
};

struct Token {
    TokenKind kind { TokenKind::EndOfFile };
    bool newline_before { false };  // a line terminator precedes this token (ASI)
    u8 flags { 0 };
    u32 start { 0 };                // byte offsets [start, end)
    u32 end { 0 };
    u32 line { 1 };
    u32 column { 1 };               // UTF-16 code units, 1-based
    double number { 0 };
    std::string_view value;
    std::string_view raw;
    // Offset of the first legacy octal / \8 \9 escape in a string (for error positions).
    u32 octal_offset { 0 };

    bool is(TokenKind k) const { return kind == k; }
    bool has_escape() const { return flags & kTokenHasEscape; }
    // An Identifier token spelled exactly `word` without escapes (contextual keywords).
    bool is_contextual(std::string_view word) const
    {
        return kind == TokenKind::Identifier && !(flags & kTokenHasEscape) && value == word;
    }
};

} // namespace weft::parser
