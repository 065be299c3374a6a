// AST shape tests: each statement and expression form parses to the expected tree.
#include "parser_test_util.h"

using namespace weft::parser;
using namespace weft::parser::test;

TEST(Ast, Literals)
{
    EXPECT_EQ(expr("1"), "1");
    EXPECT_EQ(expr("0x10"), "16");
    EXPECT_EQ(expr("1.5"), "1.5");
    EXPECT_EQ(expr("12n"), "12n");
    EXPECT_EQ(expr("('a\\x62')"), "\"ab\"");
    EXPECT_EQ(expr("true"), "true");
    EXPECT_EQ(expr("null"), "null");
    EXPECT_EQ(expr("this"), "this");
    EXPECT_EQ(expr("/a+/gi"), "(RegExp \"a+\" \"gi\")");
    EXPECT_EQ(expr("`a${b}c`"), "(Template \"a\" b \"c\")");
    EXPECT_EQ(expr("t`\\unicode`"), "(TaggedTemplate t (Template undefined))");
    EXPECT_EQ(expr("[1, , ...a]"), "(Array 1 hole (Spread a))");
}

TEST(Ast, ObjectLiterals)
{
    EXPECT_EQ(expr("({a, b: 1, [c]: 2, 'd': 3, 4: 5, ...e})"),
        "(Object (Property shorthand a a) (Property b 1) (Property [c] 2) (Property \"d\" 3) (Property 4 5) (Spread e))");
    EXPECT_EQ(expr("({get x() {}, set x(v) {}, m() {}, async *g() {}})"),
        "(Object (Property get x (FunctionExpression anonymous () (Block))) (Property set x (FunctionExpression anonymous (v) (Block)))"
        " (Property method m (FunctionExpression anonymous () (Block))) (Property method g (FunctionExpression async generator anonymous () (Block))))");
    EXPECT_EQ(expr("({get, set, async})"), "(Object (Property shorthand get get) (Property shorthand set set) (Property shorthand async async))");
}

TEST(Ast, OperatorsAndPrecedence)
{
    EXPECT_EQ(expr("a + b * c"), "(Binary + a (Binary * b c))");
    EXPECT_EQ(expr("a - b - c"), "(Binary - (Binary - a b) c)");
    EXPECT_EQ(expr("a ** b ** c"), "(Binary ** a (Binary ** b c))");
    EXPECT_EQ(expr("(-a) ** b"), "(Binary ** (Unary - a) b)");
    EXPECT_EQ(expr("a || b && c"), "(Logical || a (Logical && b c))");
    EXPECT_EQ(expr("a ?? b"), "(Logical ?? a b)");
    EXPECT_EQ(expr("(a || b) ?? c"), "(Logical ?? (Logical || a b) c)");
    EXPECT_EQ(expr("a ? b : c ? d : e"), "(Conditional a b (Conditional c d e))");
    EXPECT_EQ(expr("a = b += c"), "(Assign = a (Assign += b c))");
    EXPECT_EQ(expr("a ||= b"), "(Assign ||= a b)");
    EXPECT_EQ(expr("a &&= b"), "(Assign &&= a b)");
    EXPECT_EQ(expr("a ?" "?= b"), "(Assign ?" "?= a b)");
    EXPECT_EQ(expr("a >>>= 1"), "(Assign >>>= a 1)");
    EXPECT_EQ(expr("typeof void delete a.b"), "(Unary typeof (Unary void (Unary delete (Member a b))))");
    EXPECT_EQ(expr("!~-+a"), "(Unary ! (Unary ~ (Unary - (Unary + a))))");
    EXPECT_EQ(expr("++a"), "(Prefix ++ a)");
    EXPECT_EQ(expr("a--"), "(Postfix -- a)");
    EXPECT_EQ(expr("a, b, c"), "(Sequence a b c)");
    EXPECT_EQ(expr("a instanceof B in c"), "(Binary in (Binary instanceof a B) c)");
    EXPECT_EQ(expr("a << b >> c >>> d"), "(Binary >>> (Binary >> (Binary << a b) c) d)");
    EXPECT_EQ(expr("a == b != c === d !== e"), "(Binary !== (Binary === (Binary != (Binary == a b) c) d) e)");
    EXPECT_EQ(expr("a & b | c ^ d"), "(Binary | (Binary & a b) (Binary ^ c d))");
    EXPECT_EQ(expr("a < b <= c > d >= e"), "(Binary >= (Binary > (Binary <= (Binary < a b) c) d) e)");
    EXPECT_EQ(expr("a % b / c"), "(Binary / (Binary % a b) c)");
}

TEST(Ast, CallsMembersAndChains)
{
    EXPECT_EQ(expr("a.b[c](d, ...e)"), "(Call (Member (Member a b) [c]) d (Spread e))");
    EXPECT_EQ(expr("new A(1).b"), "(Member (New A 1) b)");
    EXPECT_EQ(expr("new new A()()"), "(New (New A))");
    EXPECT_EQ(expr("new A"), "(New A)");
    EXPECT_EQ(expr("a?.b.c"), "(Chain (Member (Member optional a b) c))");
    EXPECT_EQ(expr("a?.[b]?.(c)"), "(Chain (Call optional (Member optional a [b]) c))");
    EXPECT_EQ(expr("a.if.class"), "(Member (Member a if) class)");
    EXPECT_EQ(expr("import('m')"), "(ImportCall \"m\")");
    EXPECT_EQ(expr("import('m', { with: { type: 'json' } })"),
        "(ImportCall \"m\" (Object (Property with (Object (Property type \"json\")))))");
    EXPECT_EQ(expr("async(a)"), "(Call async a)");
    EXPECT_EQ(expr("tag`x`.y"), "(Member (TaggedTemplate tag (Template \"x\")) y)");
}

TEST(Ast, Functions)
{
    EXPECT_EQ(dump("function f(a, b = 1, ...c) { return a; }"),
        "(Script (FunctionDeclaration f (a (Default b 1) (Rest c)) (Block (Return a))))");
    EXPECT_EQ(dump("async function* g() { yield* x; await y; }"),
        "(Script (FunctionDeclaration async generator g () (Block (ExpressionStatement (Yield * x)) (ExpressionStatement (Await y)))))");
    EXPECT_EQ(dump("function* g() { yield; yield\na; }"),
        "(Script (FunctionDeclaration generator g () (Block (ExpressionStatement (Yield)) (ExpressionStatement (Yield)) (ExpressionStatement a))))");
    EXPECT_EQ(expr("(a, {b}) => a"), "(ArrowFunctionExpression (a (ObjectPattern (Property shorthand b b))) a)");
    EXPECT_EQ(expr("x => { return x; }"), "(ArrowFunctionExpression (x) (Block (Return x)))");
    EXPECT_EQ(expr("async x => x"), "(ArrowFunctionExpression async (x) x)");
    EXPECT_EQ(expr("async (x, ...y) => 0"), "(ArrowFunctionExpression async (x (Rest y)) 0)");
    EXPECT_EQ(expr("() => () => 1"), "(ArrowFunctionExpression () (ArrowFunctionExpression () 1))");
    EXPECT_EQ(expr("(function named() {})"), "(FunctionExpression named () (Block))");
    EXPECT_EQ(dump("function f() { 'use strict'; }"), "(Script (FunctionDeclaration use-strict f () (Block (Directive \"use strict\"))))");
}

TEST(Ast, Classes)
{
    EXPECT_EQ(dump("class A extends B { constructor() { super(); } static m() { return super.m(); } }"),
        "(Script (ClassDeclaration A (extends B) (Method constructor constructor (FunctionExpression anonymous () (Block (ExpressionStatement (Call super)))))"
        " (Method static m (FunctionExpression anonymous () (Block (Return (Call (Member super m))))))))");
    EXPECT_EQ(dump("class C { #x = 1; static y; get #z() { return this.#x; } static { } has(o) { return #x in o; } }"),
        "(Script (ClassDeclaration C (Field #x 1) (Field static y) (Method get #z (FunctionExpression anonymous () (Block (Return (Member this #x)))))"
        " (StaticBlock) (Method has (FunctionExpression anonymous (o) (Block (Return (Binary in #x o)))))))");
    EXPECT_EQ(expr("(class { [k] = 1; 'constructor'() {} })"),
        "(ClassExpression anonymous (Field [k] 1) (Method constructor \"constructor\" (FunctionExpression anonymous () (Block))))");
    EXPECT_EQ(dump("class A { static async *#m() {} }"),
        "(Script (ClassDeclaration A (Method static #m (FunctionExpression async generator anonymous () (Block)))))");
    EXPECT_EQ(dump("function f() { new.target; }"), "(Script (FunctionDeclaration f () (Block (ExpressionStatement new.target))))");
}

TEST(Ast, Destructuring)
{
    EXPECT_EQ(dump("let {a, b: [c = 1, ...d], ...e} = o;"),
        "(Script (let ((ObjectPattern (Property shorthand a a) (Property b (ArrayPattern (Default c 1) (Rest d))) (Rest e)) o)))");
    EXPECT_EQ(expr("[a, , b.c, ...d[0]] = e"), "(Assign = (ArrayPattern a hole (Member b c) (Rest (Member d [0]))) e)");
    EXPECT_EQ(expr("({a = 1, b: {c} = {}} = o)"),
        "(Assign = (ObjectPattern (Property shorthand a (Default a 1)) (Property b (Default (ObjectPattern (Property shorthand c c)) (Object)))) o)");
    EXPECT_EQ(expr("[(a)] = b"), "(Assign = (ArrayPattern a) b)");
}

TEST(Ast, Statements)
{
    EXPECT_EQ(dump("var a = 1, b; let c; const d = 2;"), "(Script (var (a 1) (b)) (let (c)) (const (d 2)))");
    EXPECT_EQ(dump("if (a) b; else { c }"), "(Script (If a (ExpressionStatement b) (Block (ExpressionStatement c))))");
    EXPECT_EQ(dump("for (let i = 0; i < n; i++) ;"), "(Script (For (let (i 0)) (Binary < i n) (Postfix ++ i) (Empty)))");
    EXPECT_EQ(dump("for (;;) {}"), "(Script (For null null null (Block)))");
    EXPECT_EQ(dump("for (const k in o) ;"), "(Script (ForIn (const (k)) o (Empty)))");
    EXPECT_EQ(dump("for (x of y) ;"), "(Script (ForOf x y (Empty)))");
    EXPECT_EQ(dump("async function f() { for await (const x of y) ; }"),
        "(Script (FunctionDeclaration async f () (Block (ForOf await (const (x)) y (Empty)))))");
    EXPECT_EQ(dump("while (a) break;"), "(Script (While a (Break)))");
    EXPECT_EQ(dump("do continue; while (a)"), "(Script (DoWhile (Continue) a))");
    EXPECT_EQ(dump("l: for (;;) { break l; }"), "(Script (Labeled l (For null null null (Block (Break l)))))");
    EXPECT_EQ(dump("try {} catch {} finally {}"), "(Script (Try (Block) (Catch null (Block)) (Block)))");
    EXPECT_EQ(dump("try {} catch ([e]) {}"), "(Script (Try (Block) (Catch (ArrayPattern e) (Block))))");
    EXPECT_EQ(dump("switch (x) { case 1: a; default: }"), "(Script (Switch x (Case 1 (ExpressionStatement a)) (Default)))");
    EXPECT_EQ(dump("with (o) f();"), "(Script (With o (ExpressionStatement (Call f))))");
    EXPECT_EQ(dump("debugger; ;"), "(Script (Debugger) (Empty))");
    EXPECT_EQ(dump("throw e;"), "(Script (Throw e))");
    EXPECT_EQ(dump("{ using x = r; }"), "(Script (Block (using (x r))))");
    EXPECT_EQ(dump("async function f() { await using x = r; }"),
        "(Script (FunctionDeclaration async f () (Block (await using (x r)))))");
    EXPECT_EQ(dump("if (a) function f() {}"), "(Script (If a (FunctionDeclaration f () (Block))))");
}

TEST(Ast, Modules)
{
    EXPECT_EQ(dump_module("import a, {b, c as d, 'e f' as g} from 'm';"),
        "(Module (Import (ImportDefault a) (ImportSpecifier b b) (ImportSpecifier c d) (ImportSpecifier \"e f\" g) \"m\"))");
    EXPECT_EQ(dump_module("import * as ns from 'm' with { type: 'json' };"),
        "(Module (Import (ImportNamespace ns) \"m\" (With type \"json\")))");
    EXPECT_EQ(dump_module("import 'side';"), "(Module (Import \"side\"))");
    EXPECT_EQ(dump_module("let x; export { x as y, x as 'z' };"),
        "(Module (let (x)) (Export (ExportSpecifier x y) (ExportSpecifier x \"z\")))");
    EXPECT_EQ(dump_module("export * from 'm'; export * as n from 'm';"),
        "(Module (ExportAll from \"m\") (ExportAll n from \"m\"))");
    EXPECT_EQ(dump_module("export default function () {}"), "(Module (ExportDefault (FunctionDeclaration anonymous () (Block))))");
    EXPECT_EQ(dump_module("export default 1 + 2;"), "(Module (ExportDefault (Binary + 1 2)))");
    EXPECT_EQ(dump_module("export const a = 1; export class B {}"),
        "(Module (Export (const (a 1))) (Export (ClassDeclaration B)))");
    EXPECT_EQ(dump_module("await x; import.meta;"), "(Module (ExpressionStatement (Await x)) (ExpressionStatement import.meta))");
    EXPECT_EQ(dump_module("export { default as x } from 'm';"), "(Module (Export (ExportSpecifier default x) from \"m\"))");
}

TEST(Ast, SourceRanges)
{
    auto result = parse_program("let a;\n  x + \xF0\x9D\x93\x90y;");
    ASSERT_TRUE(result.ok());
    auto const* program = result.program();
    ASSERT_EQ(program->body.size, 2u);
    auto const* statement = program->body[1];
    EXPECT_EQ(statement->range.line, 2u);
    EXPECT_EQ(statement->range.column, 3u);
    EXPECT_EQ(statement->range.start, 9u);
    auto const* binary = statement->as<ExpressionStatementNode>()->expression->as<BinaryExpressionNode>();
    EXPECT_EQ(binary->range.start, 9u);
    EXPECT_EQ(binary->range.end, 18u);
    EXPECT_EQ(binary->right->range.column, 7u);
}

// https://tc39.es/ecma262/#sec-rules-of-automatic-semicolon-insertion
TEST(Asi, Rules)
{
    EXPECT_EQ(dump("a\nb"), "(Script (ExpressionStatement a) (ExpressionStatement b))");
    EXPECT_EQ(dump("a\n(b)"), "(Script (ExpressionStatement (Call a b)))"); // no ASI before (
    EXPECT_EQ(dump("a\n++b"), "(Script (ExpressionStatement a) (ExpressionStatement (Prefix ++ b)))");
    EXPECT_EQ(dump("function f() { return\na; }"), "(Script (FunctionDeclaration f () (Block (Return) (ExpressionStatement a))))");
    EXPECT_EQ(dump("l: for (;;) { break\nl; }"), "(Script (Labeled l (For null null null (Block (Break) (ExpressionStatement l)))))");
    EXPECT_EQ(dump("do x; while (0) y"), "(Script (DoWhile (ExpressionStatement x) 0) (ExpressionStatement y))");
    EXPECT_EQ(dump("{ a } b"), "(Script (Block (ExpressionStatement a)) (ExpressionStatement b))");
    EXPECT_EQ(dump("var a = 1\nvar b"), "(Script (var (a 1)) (var (b)))");
    EXPECT_EQ(dump("async\nfunction f() {}"), "(Script (ExpressionStatement async) (FunctionDeclaration f () (Block)))");
    EXPECT_EQ(dump("a = b\n/c/g.exec(d)"), "(Script (ExpressionStatement (Assign = a (Binary / (Binary / b c) (Call (Member g exec) d)))))");
    EXPECT_EQ(dump("let \n x = 1"), "(Script (let (x 1)))");
    EXPECT_EQ(dump("if (0) let \n x = 1"), "(Script (If 0 (ExpressionStatement let)) (ExpressionStatement (Assign = x 1)))");
    EXPECT_EQ(dump("class A { x\n y }"), "(Script (ClassDeclaration A (Field x) (Field y)))");
    EXPECT_FALSE(parses("a b"));
    EXPECT_FALSE(parses("throw\ne"));
    EXPECT_FALSE(parses("x\n=>1"));
    EXPECT_FALSE(parses("for (a\nb) ;"));
}
