// Early errors: each source must be rejected with a message naming the problem; each valid
// counterpart must be accepted. Expectations follow ECMA-262's "Static Semantics: Early
// Errors" and were cross-checked with Node (node --check), except where Node deviates from
// the specification or predates ES2025 (noted; Node 20 lacks RegExp modifiers, duplicate
// named groups and `using`, and parses scripts as CommonJS function bodies under --check).
#include "parser_test_util.h"

using namespace weft::parser;
using namespace weft::parser::test;

namespace {

struct ErrorCase {
    char const* source;
    char const* message_part; // a substring the message must contain
    bool module;
};

ErrorCase const kErrors[] = {
    // Declarations and scopes
    { "let a; let a;", "redeclaration", false },
    { "let a; var a;", "redeclaration", false },
    { "var a; let a;", "redeclaration", false },
    { "{ var a; } let a;", "redeclaration", false },
    { "const a;", "missing initializer", false },
    { "let [a];", "missing initializer", false },
    { "let let = 1;", "'let' is not allowed", false },
    { "function f(a) { let a; }", "parameter", false },
    { "try {} catch (e) { let e; }", "catch parameter", false },
    { "try {} catch ([e]) { var e; }", "catch parameter", false },
    { "function f() {} let f;", "redeclaration", false },
    { "{ function f() {} let f; }", "redeclaration", false },
    { "'use strict'; { function f() {} function f() {} }", "redeclaration", false },
    { "function f() {} var f; let f;", "redeclaration", false },
    { "switch (0) { case 1: let a; case 2: let a; }", "redeclaration", false },
    { "for (let a of []) { var a; }", "redeclaration", false },
    { "{ using x = 1; }; using y = 2;", "top level of a script", false },
    { "{ using x; }", "missing initializer", false },
    { "for (using x in y);", "for-in", false },
    { "function f(a, a) { 'use strict'; }", "duplicate parameter", false },
    { "(a, a) => 1", "duplicate parameter", false },
    { "function f(a, [a]) {}", "duplicate parameter", false },
    // Strict mode
    { "'use strict'; var eval;", "eval", false },
    { "'use strict'; arguments = 1;", "arguments", false },
    { "'use strict'; with (a) {}", "'with'", false },
    { "'use strict'; delete x;", "unqualified identifier", false },
    { "'use strict'; 010", "octal", false },
    { "'use strict'; '\\07'", "octal", false },
    { "'\\07'; 'use strict';", "octal", false },
    { "function f() { 'use strict'; 08 }", "octal", false },
    { "'use strict'; var implements;", "reserved word", false },
    { "'use strict'; var yield;", "yield", false },
    { "'use strict'; var static;", "reserved word", false },
    { "function eval() { 'use strict'; }", "eval", false },
    { "function f(eval) { 'use strict'; }", "eval", false },
    { "function f(a = 1) { 'use strict'; }", "non-simple parameters", false },
    { "class A { m() { var package; } }", "reserved word", false },
    { "`\\07`", "invalid escape", false },
    // Keywords and contexts
    { "var \\u0069f;", "escaped", false },
    { "function* g() { var yield; }", "yield", false },
    { "function* g(x = yield) {}", "formal parameters", false },
    { "async function f() { var await; }", "await", false },
    { "async function f(x = await 1) {}", "formal parameters", false },
    { "async (await) => 1", "await", false },
    { "async (x = await) => 1", "yield or await", false },
    { "function* g() { (x = yield) => 1; }", "yield or await", false },
    { "await: ;", "await", true },
    { "class C { static { await; } }", "await", false },
    { "class C { static { arguments; } }", "arguments", false },
    { "class C { x = arguments; }", "arguments", false },
    { "for await (x of y);", "async", false },
    // Assignment targets
    { "1 = 2", "invalid assignment target", false },
    { "a + b = c", "invalid assignment target", false },
    { "f() = 1", "invalid assignment target", false },
    { "++a.b()", "invalid update target", false },
    { "a?.b = 1", "invalid assignment target", false },
    { "({a}) = 1", "invalid assignment target", false },
    { "[...a, b] = c", "rest element must be last", false },
    { "[...a,] = c", "rest element must be last", false },
    { "({a = 1})", "shorthand property initializer", false },
    { "({__proto__: 1, __proto__: 2})", "__proto__", false },
    { "() => {}()", "arrow function", false },
    { "a + () => b", "arrow function", false },
    { "(a,)", "trailing comma", false },
    { "(...a)", "rest element", false },
    { "-a ** b", "'**'", false },
    { "a ?? b || c", "cannot be mixed", false },
    { "a || b ?? c", "cannot be mixed", false },
    { "new a?.b()", "optional chaining", false },
    { "a?.b`c`", "tagged template", false },
    // Labels and control flow
    { "break;", "'break' outside", false },
    { "continue;", "'continue' outside", false },
    { "a: { continue a; }", "not an iteration statement", false },
    { "while (1) { break b; }", "undefined label", false },
    { "a: a: ;", "duplicate label", false },
    { "a: { function f() { break a; } }", "undefined label", false },
    { "return;", "'return' outside", false },
    { "while (0) a: function f() {}", "labelled function", false },
    { "if (0) class C {}", "class declarations are not allowed", false },
    { "while (0) let x = 1;", "lexical declarations are not allowed", false },
    { "if (0) let [a] = b;", "lexical declarations are not allowed", false },
    { "switch (0) { default: default: }", "more than one default", false },
    { "try {}", "missing catch or finally", false },
    // super, new.target, classes and private names
    { "super.x;", "'super' property", false },
    { "function f() { super.x; }", "'super' property", false },
    { "class A { constructor() { super(); } }", "derived class", false },
    { "({ m() { super(); } })", "derived class", false },
    { "new.target", "new.target", false },
    { "class A { constructor() {} constructor() {} }", "one constructor", false },
    { "class A { get constructor() {} }", "getter or setter", false },
    { "class A { *constructor() {} }", "generator or async", false },
    { "class A { constructor = 1; }", "named 'constructor'", false },
    { "class A { static prototype() {} }", "'prototype'", false },
    { "class A { #x; #x; }", "duplicate private name", false },
    { "class A { get #x() {} get #x() {} }", "duplicate private name", false },
    { "class A { m() { this.#y; } }", "undeclared private name", false },
    { "this.#x", "outside of a class", false },
    { "class A { #constructor() {} }", "#constructor", false },
    { "class A { #x; m() { delete this.#x; } }", "deleted", false },
    { "class A extends B { m() { super.#x; } #x; }", "private names cannot be accessed on 'super'", false },
    { "class let {}", "reserved word", false },
    // Modules
    { "export { a };", "undeclared", true },
    { "var a; export { a }; export { a };", "duplicate export", true },
    { "export default 1; export default 2;", "duplicate export", true },
    { "import a from 'm'; let a;", "redeclaration", true },
    { "import { a, a } from 'm';", "redeclaration", true },
    { "function f() {} var f;", "redeclaration", true },
    { "export { x as y } ; import x from 'm'; export { z as y } from 'n';", "duplicate export", true },
    { "import x from 'm' with { type: 'json', type: 'json' };", "duplicate import attribute", true },
    { "export { 'a' };", "requires 'from'", true },
    { "import.meta", "only valid in modules", false },
    { "import x from 'm';", "only appear in a module", false },
    { "{ import x from 'm'; }", "top level of a module", true },
    { "<!-- x", "unexpected", true },
    // Regular expressions
    { "/a/gg", "duplicate flag", false },
    { "/a/x", "unknown flag", false },
    { "/a/uv", "cannot be combined", false },
    { "/(/", "unterminated group", false },
    { "/a**/", "nothing to repeat", false },
    { "/{1}/", "nothing to repeat", false },
    { "/a{2,1}/", "out of order", false },
    { "/[b-a]/", "out of order", false },
    { "/\\p{L/u", "property", false },
    { "/\\1/u", "backreference", false },
    { "/(?<n>a)(?<n>b)/", "duplicate capture group name", false },
    { "/\\k<m>(?<n>a)/", "undefined group name", false },
    { "/(?ii:a)/", "duplicate flag", false },
    { "/(?-:a)/", "must add or remove", false },
    { "/[\\d-z]/u", "invalid character class range", false },
    { "/]/u", "lone quantifier", false },
    { "/[^\\q{ab}]/v", "negated character class", false },
    // Lexical errors surface as SyntaxErrors
    { "'unterminated", "unterminated string", false },
    { "3in []", "immediately after numeric literal", false },
    { "a\\u{110000}", "escape", false },
    { "@", "unexpected", false },
};

char const* const kValid[] = {
    "var a; var a;",
    "function f() {} function f() {}",
    "{ function f() {} function f() {} }",          // Annex B.3.3 in sloppy code
    "try {} catch (e) { var e; }",                  // Annex B.3.4
    "try {} catch (e) { for (var e of []); }",      // Annex B.3.4 (since ES2020)
    "{ using [a] = b; }",                           // a computed member assignment, not a declaration
    "let a; { let a; }",
    "function f(a, a) {}",
    "var yield; var await; var let; var static;",
    "function* g() { (function yield() {}); }",
    "async function f() { () => await; }",           // `await` is an identifier in a non-async arrow
    "class C { static { (() => ({ await })); } }",
    "({__proto__: a, __proto__: b} = {});",        // duplicate __proto__ is fine in a pattern (Node disagrees)
    "({a = 1} = {});",
    "[(a), b.c] = d;",
    "a: b: while (0) continue a;",
    "if (0) function f() {}",
    "a: function f() {}",
    "for (var i = 0 in {});",                        // Annex B.3.5
    "for (let in {});",
    "for (async of => 1;;);",
    "class A extends B { constructor() { (() => super())(); } }",
    "class A { #x; static has(o) { return #x in o; } }",
    "class A { get #x() {} set #x(v) {} }",
    "class A { static async *#m() {} }",
    "class A { 'constructor'() {} static constructor() {} }",
    "({ async *[Symbol.iterator]() {} })",
    "/(?<n>a)|(?<n>b)/",                             // duplicate named groups in alternatives
    "/(?i:a)(?-m:b)(?s-i:c)/",
    "/[\\p{L}--\\p{Lu}]/v",
    "/\\p{Script=Greek}/u",
    "/]{}/",                                         // Annex B literal brackets
    "/\\c/",
    "/a{/",
    "-->comment at start\nx",
    "a\n-->comment after newline",
    "x = {get: 1, set: 2, async: 3, static: 4, await: 5}",
    "a?.b?.[c]?.(d)",
    "1 ? function f() { new.target; } : 0",
    "label: { break label; }",
};

} // namespace

TEST(EarlyErrors, AreSyntaxErrorsWithMessages)
{
    for (auto const& c : kErrors) {
        auto result = parse_program(c.source, c.module ? module_options() : script_options());
        ASSERT_FALSE(result.ok()) << "should fail: " << c.source;
        EXPECT_NE(result.error().message.find(c.message_part), std::string::npos)
            << "source: " << c.source << "\nmessage: " << result.error().message << "\nexpected to mention: " << c.message_part;
    }
}

TEST(EarlyErrors, ValidCounterparts)
{
    for (char const* source : kValid) {
        auto result = parse_program(source);
        EXPECT_TRUE(result.ok()) << source << "\n" << (result.ok() ? "" : result.error().message);
    }
}

TEST(EarlyErrors, ModuleCodeIsStrictAndReservesAwait)
{
    EXPECT_FALSE(parses("with (a) {}", module_options()));
    EXPECT_FALSE(parses("var await;", module_options()));
    EXPECT_TRUE(parses("var await;"));
    EXPECT_TRUE(parses("export default class {}", module_options()));
    EXPECT_TRUE(parses("export { x as default }; var x;", module_options()));
    EXPECT_TRUE(parses("export { default } from 'm'; export * as default2 from 'n';", module_options()));
}

TEST(EarlyErrors, StrictOption)
{
    ParseOptions strict;
    strict.strict = true;
    EXPECT_FALSE(parses("with (a) {}", strict));
    EXPECT_TRUE(parses("with (a) {}"));
}
