// Lexer tests: every token kind, numeric values (checked bit for bit against Node), string
// and template escapes, regexp rescans, comments, positions and ASI line flags.
#include "parser/lexer.h"
#include "parser/source.h"
#include "parser/syntax_error.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

using namespace weft;
using namespace weft::parser;

namespace {

std::vector<Token> lex(std::string_view source, Arena& arena, Goal goal = Goal::Script)
{
    Lexer lexer(source, arena, goal);
    std::vector<Token> tokens;
    while (true) {
        Token t = lexer.next();
        if (t.kind == TokenKind::EndOfFile)
            break;
        tokens.push_back(t);
    }
    return tokens;
}

Token lex_one(std::string_view source, Arena& arena)
{
    auto tokens = lex(source, arena);
    EXPECT_EQ(tokens.size(), 1u) << source;
    return tokens.empty() ? Token {} : tokens[0];
}

bool lex_fails(std::string_view source)
{
    Arena arena;
    try {
        lex(source, arena);
    } catch (ParseAbort const&) {
        return true;
    }
    return false;
}

u64 bits(double d)
{
    u64 b;
    std::memcpy(&b, &d, sizeof b);
    return b;
}

} // namespace

TEST(Lexer, Punctuators)
{
    struct Case {
        char const* text;
        TokenKind kind;
    } cases[] = {
        { "{", TokenKind::LeftBrace }, { "}", TokenKind::RightBrace }, { "(", TokenKind::LeftParen },
        { ")", TokenKind::RightParen }, { "[", TokenKind::LeftBracket }, { "]", TokenKind::RightBracket },
        { ".", TokenKind::Dot }, { "...", TokenKind::Ellipsis }, { ";", TokenKind::Semicolon }, { ",", TokenKind::Comma },
        { "<", TokenKind::Less }, { ">", TokenKind::Greater }, { "<=", TokenKind::LessEqual }, { ">=", TokenKind::GreaterEqual },
        { "==", TokenKind::Equal }, { "!=", TokenKind::NotEqual }, { "===", TokenKind::StrictEqual },
        { "!==", TokenKind::StrictNotEqual }, { "+", TokenKind::Plus }, { "-", TokenKind::Minus }, { "*", TokenKind::Star },
        { "/", TokenKind::Slash }, { "%", TokenKind::Percent }, { "**", TokenKind::StarStar }, { "++", TokenKind::PlusPlus },
        { "--", TokenKind::MinusMinus }, { "<<", TokenKind::ShiftLeft }, { ">>", TokenKind::ShiftRight },
        { ">>>", TokenKind::UnsignedShiftRight }, { "&", TokenKind::Ampersand }, { "|", TokenKind::Pipe },
        { "^", TokenKind::Caret }, { "!", TokenKind::Bang }, { "~", TokenKind::Tilde }, { "&&", TokenKind::AmpersandAmpersand },
        { "||", TokenKind::PipePipe }, { "??", TokenKind::QuestionQuestion }, { "?", TokenKind::Question },
        { "?.", TokenKind::QuestionDot }, { ":", TokenKind::Colon }, { "=", TokenKind::Assign }, { "+=", TokenKind::PlusAssign },
        { "-=", TokenKind::MinusAssign }, { "*=", TokenKind::StarAssign }, { "/=", TokenKind::SlashAssign },
        { "%=", TokenKind::PercentAssign }, { "**=", TokenKind::StarStarAssign }, { "<<=", TokenKind::ShiftLeftAssign },
        { ">>=", TokenKind::ShiftRightAssign }, { ">>>=", TokenKind::UnsignedShiftRightAssign },
        { "&=", TokenKind::AmpersandAssign }, { "|=", TokenKind::PipeAssign }, { "^=", TokenKind::CaretAssign },
        { "&&=", TokenKind::AmpersandAmpersandAssign }, { "||=", TokenKind::PipePipeAssign },
        { "?" "?=", TokenKind::QuestionQuestionAssign }, { "=>", TokenKind::Arrow },
    };
    for (auto const& c : cases) {
        Arena arena;
        Token t = lex_one(c.text, arena);
        EXPECT_EQ(t.kind, c.kind) << c.text;
        EXPECT_EQ(t.end - t.start, std::strlen(c.text)) << c.text;
    }
}

TEST(Lexer, OptionalChainingIsNotConditionalBeforeDigit)
{
    Arena arena;
    auto tokens = lex("a?.5:b", arena);
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(tokens[1].kind, TokenKind::Question);
    EXPECT_EQ(tokens[2].kind, TokenKind::Number);
    EXPECT_EQ(tokens[2].number, 0.5);
}

TEST(Lexer, KeywordsAndIdentifiers)
{
    Arena arena;
    auto tokens = lex("if iff yield await let static async of \\u0069f caf\xC3\xA9 $_x1 \\u{1d4d0}", arena);
    ASSERT_EQ(tokens.size(), 12u);
    EXPECT_EQ(tokens[0].kind, TokenKind::If);
    EXPECT_EQ(tokens[1].kind, TokenKind::Identifier);
    for (int i = 2; i <= 7; ++i)
        EXPECT_EQ(tokens[i].kind, TokenKind::Identifier) << i;
    // An escaped reserved word is an identifier token flagged as such.
    EXPECT_EQ(tokens[8].kind, TokenKind::Identifier);
    EXPECT_EQ(tokens[8].value, "if");
    EXPECT_TRUE(tokens[8].flags & kTokenEscapedKeyword);
    EXPECT_EQ(tokens[9].value, "caf\xC3\xA9");
    EXPECT_EQ(tokens[10].value, "$_x1");
    EXPECT_EQ(tokens[11].value, "\xF0\x9D\x93\x90"); // U+1D4D0 MATHEMATICAL BOLD SCRIPT CAPITAL A
    EXPECT_TRUE(tokens[11].has_escape());
}

TEST(Lexer, UnicodeIdentifierTables)
{
    EXPECT_TRUE(is_identifier_start(0x00e9));  // é
    EXPECT_TRUE(is_identifier_start(0x4e00));  // CJK
    EXPECT_FALSE(is_identifier_start(0x0660)); // ARABIC-INDIC DIGIT ZERO: ID_Continue only
    EXPECT_TRUE(is_identifier_part(0x0660));
    EXPECT_TRUE(is_identifier_part(0x200c)); // ZWNJ
    EXPECT_FALSE(is_identifier_start(0x200c));
    EXPECT_FALSE(is_identifier_part(0x2028));
    EXPECT_TRUE(lex_fails("\\u0030abc"));  // escape of a digit cannot start an identifier
    EXPECT_TRUE(lex_fails("a\\u002e"));    // '.' is not an identifier part
    EXPECT_TRUE(lex_fails("\\u{110000}")); // out of range
}

TEST(Lexer, PrivateNames)
{
    Arena arena;
    Token t = lex_one("#secret", arena);
    EXPECT_EQ(t.kind, TokenKind::PrivateName);
    EXPECT_EQ(t.value, "secret");
    EXPECT_TRUE(lex_fails("# x"));
}

TEST(Lexer, NumericValuesMatchNode)
{
    // Expected bit patterns were computed with Node: new Float64Array([eval(text)]).
    struct Case {
        char const* text;
        u64 bits;
    } cases[] = {
        { "0", 0x0000000000000000ull }, { "1_000_000", 0x412e848000000000ull }, { "0x1F", 0x403f000000000000ull },
        { "0o777", 0x407ff00000000000ull }, { "0b1010_1010", 0x4065400000000000ull }, { "010", 0x4020000000000000ull },
        { "08", 0x4020000000000000ull }, { "09.5", 0x4023000000000000ull }, { "1e3", 0x408f400000000000ull },
        { ".5e-3", 0x3f40624dd2f1a9fcull }, { "123.456", 0x405edd2f1a9fbe77ull },
        { "0x20000000000001", 0x4340000000000000ull }, { "0x20000000000003", 0x4340000000000002ull },
        { "0x1fffffffffffff7ff", 0x43ffffffffffffffull }, { "0x1fffffffffffff800", 0x4400000000000000ull },
        { "0x1fffffffffffff801", 0x4400000000000000ull },
        { "0b111111111111111111111111111111111111111111111111111111111111", 0x43b0000000000000ull },
        { "9007199254740993", 0x4340000000000000ull }, { "1e400", 0x7ff0000000000000ull },
        { "5e-324", 0x0000000000000001ull }, { "2e-324", 0x0000000000000000ull }, { "3e-324", 0x0000000000000001ull },
        { "0.1", 0x3fb999999999999aull }, { "1.7976931348623157e308", 0x7fefffffffffffffull },
        { "1.7976931348623158e308", 0x7fefffffffffffffull }, { "0777777777777777777777", 0x43e0000000000000ull },
        { "4.9406564584124654e-324", 0x0000000000000001ull },
        { "123456789012345678901234567890", 0x45f8ee90ff6c373eull },
    };
    for (auto const& c : cases) {
        Arena arena;
        Token t = lex_one(c.text, arena);
        EXPECT_EQ(t.kind, TokenKind::Number) << c.text;
        EXPECT_EQ(bits(t.number), c.bits) << c.text;
    }
}

TEST(Lexer, LegacyOctalIsFlagged)
{
    Arena arena;
    EXPECT_TRUE(lex_one("010", arena).flags & kTokenLegacyOctal);
    EXPECT_TRUE(lex_one("08", arena).flags & kTokenLegacyOctal);
    EXPECT_FALSE(lex_one("0o10", arena).flags & kTokenLegacyOctal);
    EXPECT_FALSE(lex_one("0", arena).flags & kTokenLegacyOctal);
}

TEST(Lexer, NumericSeparatorRules)
{
    EXPECT_FALSE(lex_fails("1_0"));
    EXPECT_TRUE(lex_fails("0x_1")); // a separator right after the prefix
    EXPECT_TRUE(lex_fails("1__0"));
    EXPECT_TRUE(lex_fails("1_"));
    EXPECT_TRUE(lex_fails("0_1"));
    EXPECT_TRUE(lex_fails("1._5"));
    EXPECT_TRUE(lex_fails("1_.5"));
    EXPECT_TRUE(lex_fails("1e_1"));
    EXPECT_TRUE(lex_fails("01_1"));
    EXPECT_TRUE(lex_fails("3in x"));   // identifier start right after a number
    EXPECT_TRUE(lex_fails("0x"));
    EXPECT_FALSE(lex_fails("1e+1_0"));
}

TEST(Lexer, BigInt)
{
    Arena arena;
    Token t = lex_one("1_000n", arena);
    EXPECT_EQ(t.kind, TokenKind::BigInt);
    EXPECT_EQ(t.value, "1000");
    Token h = lex_one("0XFFn", arena);
    EXPECT_EQ(h.kind, TokenKind::BigInt);
    EXPECT_EQ(h.value, "0xFF");
    EXPECT_TRUE(lex_fails("1.5n"));
    EXPECT_TRUE(lex_fails("1e3n"));
    EXPECT_TRUE(lex_fails("01n"));
    EXPECT_TRUE(lex_fails("08n"));
}

TEST(Lexer, StringEscapes)
{
    Arena arena;
    EXPECT_EQ(lex_one(R"("a\tb\n\x41\u0042\u{43}\'\"\\")", arena).value, "a\tb\nABC'\"\\");
    EXPECT_EQ(lex_one("'line\\\ncontinued'", arena).value, "linecontinued");
    EXPECT_EQ(lex_one(R"('\0')", arena).value, std::string_view("\0", 1));
    // Surrogate pair escapes combine into one code point (UTF-8).
    EXPECT_EQ(lex_one(R"("\uD83D\uDE00")", arena).value, "\xF0\x9F\x98\x80");
    // A lone surrogate is kept (WTF-8).
    EXPECT_EQ(lex_one(R"("\uD800")", arena).value, "\xED\xA0\x80");
    Token octal = lex_one(R"("\101")", arena);
    EXPECT_EQ(octal.value, "A");
    EXPECT_TRUE(octal.flags & kTokenLegacyOctal);
    EXPECT_TRUE(lex_one(R"("\8")", arena).flags & kTokenLegacyOctal);
    EXPECT_EQ(lex_one("'\xE2\x80\xA8'", arena).value, "\xE2\x80\xA8"); // U+2028 allowed in strings
    EXPECT_TRUE(lex_fails("'unterminated"));
    EXPECT_TRUE(lex_fails("'a\nb'"));
    EXPECT_TRUE(lex_fails(R"("\x4")"));
    EXPECT_TRUE(lex_fails(R"("\u{110000}")"));
}

TEST(Lexer, Templates)
{
    Arena arena;
    Token t = lex_one("`a\\x41\r\nb`", arena);
    EXPECT_EQ(t.kind, TokenKind::NoSubstitutionTemplate);
    EXPECT_EQ(t.value, "aA\nb");       // cooked: escapes applied, CRLF normalized
    EXPECT_EQ(t.raw, "a\\x41\nb");     // raw: escapes kept, CRLF normalized
    Token bad = lex_one("`\\unicode`", arena);
    EXPECT_TRUE(bad.flags & kTokenInvalidEscape);
    EXPECT_EQ(bad.raw, "\\unicode");
    Lexer lexer("`a${x}b${y}c`", arena, Goal::Script);
    Token head = lexer.next();
    EXPECT_EQ(head.kind, TokenKind::TemplateHead);
    EXPECT_EQ(head.value, "a");
    EXPECT_EQ(lexer.next().value, "x");
    Token brace = lexer.next();
    EXPECT_EQ(brace.kind, TokenKind::RightBrace);
    Token middle = lexer.rescan_template_continuation(brace);
    EXPECT_EQ(middle.kind, TokenKind::TemplateMiddle);
    EXPECT_EQ(middle.value, "b");
    EXPECT_EQ(lexer.next().value, "y");
    Token tail = lexer.rescan_template_continuation(lexer.next());
    EXPECT_EQ(tail.kind, TokenKind::TemplateTail);
    EXPECT_EQ(tail.value, "c");
}

TEST(Lexer, RegExpRescan)
{
    Arena arena;
    Lexer lexer("/[/]\\/x/gu.y", arena, Goal::Script);
    Token slash = lexer.next();
    EXPECT_EQ(slash.kind, TokenKind::Slash);
    Token re = lexer.rescan_as_regexp(slash);
    EXPECT_EQ(re.kind, TokenKind::RegExp);
    EXPECT_EQ(re.value, "[/]\\/x");
    EXPECT_EQ(re.raw, "gu");
    EXPECT_EQ(lexer.next().kind, TokenKind::Dot);
    Lexer bad("/abc\n/", arena, Goal::Script);
    Token s = bad.next();
    EXPECT_THROW(bad.rescan_as_regexp(s), ParseAbort);
}

TEST(Lexer, CommentsHashbangAndHtmlComments)
{
    Arena arena;
    auto tokens = lex("#!/usr/bin/env weft\na // line\n/* block */ b <!-- html\n--> also a comment\nc", arena);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[0].value, "a");
    EXPECT_EQ(tokens[1].value, "b");
    EXPECT_EQ(tokens[2].value, "c");
    // Modules have no HTML-like comments.
    auto module_tokens = lex("a <!-- b", arena, Goal::Module);
    EXPECT_EQ(module_tokens.size(), 5u);
    // `-->` is a comment only at the start of a line.
    auto arrow = lex("x --> y", arena);
    EXPECT_EQ(arrow.size(), 4u);
    EXPECT_TRUE(lex_fails("/* unterminated"));
}

TEST(Lexer, NewlineBeforeAndPositions)
{
    Arena arena;
    auto tokens = lex("a\nb /*\n*/ c d\r\ne\xE2\x80\xA8" "f\r g", arena);
    ASSERT_EQ(tokens.size(), 7u);
    EXPECT_FALSE(tokens[0].newline_before);
    EXPECT_TRUE(tokens[1].newline_before);
    EXPECT_TRUE(tokens[2].newline_before); // a multi-line comment counts as a line terminator
    EXPECT_FALSE(tokens[3].newline_before);
    EXPECT_TRUE(tokens[4].newline_before); // CRLF
    EXPECT_TRUE(tokens[5].newline_before); // U+2028
    EXPECT_TRUE(tokens[6].newline_before); // CR
    EXPECT_EQ(tokens[0].line, 1u);
    EXPECT_EQ(tokens[1].line, 2u);
    EXPECT_EQ(tokens[2].line, 3u);
    EXPECT_EQ(tokens[2].column, 4u);
    EXPECT_EQ(tokens[3].column, 6u);
    EXPECT_EQ(tokens[4].line, 4u);
    EXPECT_EQ(tokens[5].line, 5u);
    EXPECT_EQ(tokens[6].line, 6u);
    EXPECT_EQ(tokens[6].column, 2u);
}

TEST(Lexer, ColumnsCountUtf16Units)
{
    Arena arena;
    // "é" is one UTF-16 unit (2 bytes); U+1F600 is two units (4 bytes).
    auto tokens = lex("'\xC3\xA9' '\xF0\x9F\x98\x80' x", arena);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[1].column, 5u);
    EXPECT_EQ(tokens[2].column, 10u);
    EXPECT_EQ(tokens[2].start, 12u);
}

TEST(Source, Utf8Validation)
{
    EXPECT_FALSE(find_invalid_utf8("plain ascii").has_value());
    EXPECT_FALSE(find_invalid_utf8("\xC3\xA9\xF0\x9F\x98\x80").has_value());
    EXPECT_EQ(find_invalid_utf8("ab\xFF").value(), 2u);
    EXPECT_EQ(find_invalid_utf8("a\xC0\x80").value(), 1u);      // overlong NUL
    EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80").value(), 0u);   // encoded surrogate
    EXPECT_EQ(find_invalid_utf8("x\xF4\x90\x80\x80").value(), 1u); // above U+10FFFF
    EXPECT_EQ(find_invalid_utf8("xy\xE2\x82").value(), 2u);    // truncated
    auto pos = position_of("a\r\nb\n\xE2\x80\xA8" "cd", 11);
    EXPECT_EQ(pos.line, 4u);
    EXPECT_EQ(pos.column, 3u);
}
