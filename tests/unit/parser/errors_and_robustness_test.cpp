// Error positions and formatting, nesting limits, random/mutated inputs (never a crash), and
// parsing on several threads at once.
#include "parser_test_util.h"

#include <pthread.h>
#include <random>
#include <thread>

using namespace weft;
using namespace weft::parser;
using namespace weft::parser::test;

TEST(Errors, PositionAndCaretFormatting)
{
    ParseOptions options;
    options.file_name = "input.js";
    auto result = parse_program("let a = 1;\nlet b = ;\n", options);
    ASSERT_FALSE(result.ok());
    auto const& e = result.error();
    EXPECT_EQ(e.file, "input.js");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.column, 9u);
    EXPECT_EQ(e.offset, 19u);
    EXPECT_EQ(format_syntax_error(e, result.source()),
        "input.js:2:9: SyntaxError: unexpected token ';'\n"
        "let b = ;\n"
        "        ^\n");
}

TEST(Errors, ColumnsCountUtf16UnitsAndCaretCountsCodePoints)
{
    // U+1D4D0 is two UTF-16 code units: the column counts 2, the caret line one space.
    auto result = parse_program("x = '\xF0\x9D\x93\x90' @");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().line, 1u);
    EXPECT_EQ(result.error().column, 10u);
    std::string formatted = format_syntax_error(result.error(), result.source());
    EXPECT_NE(formatted.find("<input>:1:10: SyntaxError:"), std::string::npos);
    EXPECT_NE(formatted.find("\n        ^\n"), std::string::npos);
}

TEST(Errors, TabsAreKeptInTheCaretLine)
{
    auto result = parse_program("\tfoo bar");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().column, 6u);
    EXPECT_EQ(format_syntax_error(result.error(), result.source()), "<input>:1:6: SyntaxError: unexpected token 'bar'\n\tfoo bar\n\t    ^\n");
}

TEST(Errors, LineTerminatorsCount)
{
    auto crlf = parse_program("a\r\nb\rc\xE2\x80\xA8" "d\xE2\x80\xA9" "e\n)");
    ASSERT_FALSE(crlf.ok());
    EXPECT_EQ(crlf.error().line, 6u);
    EXPECT_EQ(crlf.error().column, 1u);
}

TEST(Errors, InvalidUtf8IsASyntaxErrorWithPosition)
{
    auto result = parse_program("var a = 1;\nvar \xC3\x28 = 2;");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().line, 2u);
    EXPECT_EQ(result.error().column, 5u);
    EXPECT_NE(result.error().message.find("UTF-8"), std::string::npos);
}

TEST(Errors, UnterminatedConstructsPointAtTheirStart)
{
    auto s = parse_program("x;\n  'abc");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().line, 2u);
    EXPECT_EQ(s.error().column, 3u);
    auto c = parse_program("/* never\nclosed");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().line, 1u);
    EXPECT_EQ(c.error().column, 1u);
}

TEST(Robustness, DeepNestingIsASyntaxErrorNotACrash)
{
    for (char const* open_close : { "()", "[]", "{}" }) {
        std::string source;
        if (open_close[0] == '{') {
            for (int i = 0; i < 100000; ++i)
                source += "{";
        } else {
            source = "x = ";
            for (int i = 0; i < 100000; ++i)
                source += open_close[0];
            source += "1";
            for (int i = 0; i < 100000; ++i)
                source += open_close[1];
        }
        auto result = parse_program(source);
        ASSERT_FALSE(result.ok());
        EXPECT_NE(result.error().message.find("nesting"), std::string::npos) << open_close;
    }
    std::string unary = "x = ";
    for (int i = 0; i < 100000; ++i)
        unary += "!";
    EXPECT_FALSE(parse_program(unary + "1").ok());
    std::string functions;
    for (int i = 0; i < 20000; ++i)
        functions += "function f() {";
    EXPECT_FALSE(parse_program(functions).ok());
    // Moderate nesting is fine.
    std::string ok = "x = ";
    for (int i = 0; i < 100; ++i)
        ok += "[(";
    ok += "1";
    for (int i = 0; i < 100; ++i)
        ok += ")]";
    EXPECT_TRUE(parse_program(ok).ok());
}

namespace {

void* parse_deep_on_this_thread(void* out)
{
    std::string source = "x = ";
    for (int i = 0; i < 100000; ++i)
        source += "[";
    auto result = parse_program(source);
    *static_cast<std::string*>(out) = result.ok() ? "ok" : result.error().message;
    return nullptr;
}

} // namespace

// A thread with a small stack hits the stack guard before the depth limit; it must still
// get a SyntaxError rather than overflow its stack.
TEST(Robustness, DeepNestingOnASmallThreadStack)
{
    pthread_attr_t attr;
    ASSERT_EQ(pthread_attr_init(&attr), 0);
    ASSERT_EQ(pthread_attr_setstacksize(&attr, 512 * 1024), 0);
    std::string message;
    pthread_t thread;
    ASSERT_EQ(pthread_create(&thread, &attr, parse_deep_on_this_thread, &message), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    EXPECT_NE(message.find("nesting"), std::string::npos) << message;
}

namespace {

char const* const kSeeds[] = {
    "function f(a, b = 1, ...c) { 'use strict'; return a ** b?.c ?? d; }",
    "class A extends B { #x = 1; static { this.y = 2; } get z() { return #x in this; } constructor() { super(); } }",
    "let {a, b: [c = 1, ...d], ...e} = o; for (const [k, v] of m) { if (k) continue; else break; }",
    "async function* g() { for await (const x of y) yield* x; await using r = s; label: while (1) break label; }",
    "var re = /[a-z]+(?<n>\\d)\\k<n>/giu, t = tag`a${b}c\\u{41}`, n = 0x1_F + 1e-3 + 10n;",
    "import a, {b as c} from 'm' with { type: 'json' }; export default class {}; export * as ns from 'n';",
    "switch (x) { case 1: try { throw e } catch ({message}) { } finally { } default: debugger; }",
    "x = a ? (b, c) => d : async e => f; y ||= z &&= w ?" "?= v; o = {__proto__: p, async *[k]() {}, get g() {}};",
};

std::string mutate(std::string const& seed, std::mt19937& rng)
{
    static char const* const kFragments[] = { "(", ")", "{", "}", "[", "]", "=>", "`", "${", "/", "'", "\"", "\\", "\\u",
        "#", "?.", "...", ",", ";", "\n", "yield", "await", "async", "let", "new", "super", "class", "function", "*", "=",
        "0x", "_", "\xE2\x80\xA8", "\xF0\x9F\x98\x80", "\xC3", "\xFF", "<!--", "-->", "/*", "*/", "//", "import", "export" };
    std::string s = seed;
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < edits; ++i) {
        usize pos = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 4) {
        case 0: // delete a span
            if (!s.empty() && pos < s.size())
                s.erase(pos, 1 + rng() % 8);
            break;
        case 1: // insert a fragment
            s.insert(pos, kFragments[rng() % (sizeof kFragments / sizeof kFragments[0])]);
            break;
        case 2: // random byte
            s.insert(s.begin() + static_cast<long>(pos), static_cast<char>(rng() % 256));
            break;
        default: // duplicate a span elsewhere
            if (!s.empty()) {
                usize from = rng() % s.size();
                s.insert(pos, s.substr(from, 1 + rng() % 16));
            }
            break;
        }
    }
    return s;
}

} // namespace

// Every input gives either an AST or a SyntaxError with a position inside the source;
// run under ASan/UBSan this also checks that nothing reads out of bounds.
TEST(Robustness, MutatedAndRandomInputs)
{
    std::mt19937 rng(12345);
    int ok = 0;
    int errors = 0;
    for (int i = 0; i < 6000; ++i) {
        std::string source;
        if (i % 5 == 4) {
            usize length = rng() % 64;
            for (usize k = 0; k < length; ++k)
                source += static_cast<char>(i % 10 == 4 ? rng() % 256 : 32 + rng() % 95);
        } else {
            source = mutate(kSeeds[rng() % (sizeof kSeeds / sizeof kSeeds[0])], rng);
        }
        ParseOptions options;
        options.goal = (i & 1) ? Goal::Module : Goal::Script;
        auto result = parse_program(source, options);
        if (result.ok()) {
            ++ok;
            EXPECT_FALSE(dump_ast(result.program()).empty());
        } else {
            ++errors;
            EXPECT_LE(result.error().offset, source.size()) << source;
            EXPECT_GE(result.error().line, 1u);
            EXPECT_FALSE(result.error().message.empty());
            EXPECT_FALSE(format_syntax_error(result.error(), result.source()).empty());
        }
    }
    // Both outcomes must occur, or the mutations are not exercising the parser.
    EXPECT_GT(ok, 50);
    EXPECT_GT(errors, 1000);
}

namespace {

std::string large_source(int variant)
{
    std::string s;
    for (int i = 0; i < 400; ++i) {
        s += "function f" + std::to_string(i) + "(a, {b, c: [d = " + std::to_string(i + variant) + "]}) {\n";
        s += "  const x = a ** 2 + b?.c ?? `t${d}`;\n";
        s += variant ? "  for (let k of d) { if (k) continue; }\n" : "  class K extends Object { #p = 1; get q() { return this.#p; } }\n";
        s += "  return async () => await x;\n}\n";
    }
    return s;
}

} // namespace

// Two threads parse different large sources at the same time; their ASTs must equal the
// ones parsed serially (the parser has no shared mutable state).
TEST(ThreadSafety, ConcurrentParsesMatchSerialParses)
{
    std::string const sources[2] = { large_source(0), large_source(1) };
    std::string expected[2];
    for (int i = 0; i < 2; ++i) {
        auto result = parse_program(sources[i]);
        ASSERT_TRUE(result.ok()) << result.error().message;
        expected[i] = dump_ast(result.program());
    }
    ASSERT_NE(expected[0], expected[1]);
    std::string got[2][5];
    std::thread threads[2];
    for (int t = 0; t < 2; ++t) {
        threads[t] = std::thread([&, t] {
            for (int round = 0; round < 5; ++round) {
                auto result = parse_program(sources[t]);
                got[t][round] = result.ok() ? dump_ast(result.program()) : result.error().message;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (int t = 0; t < 2; ++t) {
        for (int round = 0; round < 5; ++round)
            EXPECT_EQ(got[t][round], expected[t]) << "thread " << t << " round " << round;
    }
}
