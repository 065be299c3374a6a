// The abstract syntax tree: arena-allocated nodes, each with a source range.
//
// Shape: close to ESTree, so that readers who know acorn/esprima feel at home. Every node
// starts with `Node` (kind, flags, range). Concrete node structs are plain aggregates of
// pointers, string views and `List`s; all of them live in the parse's Arena and are freed
// together with it. Strings (names, cooked values) are WTF-8 views into the source text or
// into the arena. A compiler walks the tree by switching on `node->kind` and using
// `node->as<T>()`.
#pragma once

#include "base/assert.h"
#include "base/types.h"

#include <string_view>

namespace weft::parser {

#define WEFT_AST_NODE_KINDS(X)                                                                      \
    X(Program)                                                                                      \
    /* Statements and declarations */                                                               \
    X(ExpressionStatement) X(BlockStatement) X(EmptyStatement) X(DebuggerStatement)                 \
    X(VariableDeclaration) X(VariableDeclarator) X(FunctionDeclaration) X(ClassDeclaration)         \
    X(IfStatement) X(ForStatement) X(ForInStatement) X(ForOfStatement) X(WhileStatement)            \
    X(DoWhileStatement) X(ReturnStatement) X(BreakStatement) X(ContinueStatement)                   \
    X(ThrowStatement) X(TryStatement) X(CatchClause) X(SwitchStatement) X(SwitchCase)               \
    X(LabeledStatement) X(WithStatement)                                                            \
    /* Modules */                                                                                   \
    X(ImportDeclaration) X(ImportSpecifier) X(ImportAttribute) X(ExportNamedDeclaration)            \
    X(ExportSpecifier) X(ExportDefaultDeclaration) X(ExportAllDeclaration)                          \
    /* Expressions */                                                                               \
    X(Identifier) X(PrivateIdentifier) X(NumericLiteral) X(BigIntLiteral) X(StringLiteral)          \
    X(BooleanLiteral) X(NullLiteral) X(RegExpLiteral) X(TemplateLiteral) X(TemplateElement)         \
    X(TaggedTemplateExpression) X(ThisExpression) X(Super) X(ArrayExpression) X(ObjectExpression)   \
    X(Property) X(FunctionExpression) X(ArrowFunctionExpression) X(ClassExpression)                 \
    X(UnaryExpression) X(UpdateExpression) X(BinaryExpression) X(LogicalExpression)                 \
    X(AssignmentExpression) X(ConditionalExpression) X(CallExpression) X(NewExpression)             \
    X(MemberExpression) X(ChainExpression) X(SequenceExpression) X(SpreadElement)                   \
    X(YieldExpression) X(AwaitExpression) X(MetaProperty) X(ImportCall)                             \
    /* Patterns (binding and assignment targets) */                                                 \
    X(ObjectPattern) X(ArrayPattern) X(AssignmentPattern) X(RestElement)                            \
    /* Class elements */                                                                            \
    X(MethodDefinition) X(PropertyDefinition) X(StaticBlock)

enum class NodeKind : u8 {
#define WEFT_AST_ENUM(name) name,
    WEFT_AST_NODE_KINDS(WEFT_AST_ENUM)
#undef WEFT_AST_ENUM
};

char const* node_kind_name(NodeKind);

// Byte offsets [start, end) and the 1-based line and column (UTF-16 units) of `start`.
struct SourceRange {
    u32 start { 0 };
    u32 end { 0 };
    u32 line { 1 };
    u32 column { 1 };
};

enum NodeFlags : u8 {
    kNodeParenthesized = 1 << 0, // written inside ( ) (matters for assignment targets)
};

struct Node {
    NodeKind kind;
    u8 flags { 0 };
    SourceRange range;

    explicit Node(NodeKind k)
        : kind(k)
    {
    }
    bool is(NodeKind k) const { return kind == k; }
    bool parenthesized() const { return flags & kNodeParenthesized; }
    template<typename T>
    T* as()
    {
        WEFT_ASSERT(T::matches(kind));
        return static_cast<T*>(this);
    }
    template<typename T>
    T const* as() const
    {
        WEFT_ASSERT(T::matches(kind));
        return static_cast<T const*>(this);
    }
};

// An immutable array of node pointers in the arena. Elements may be null where the
// grammar has holes (array literal and array pattern elisions).
template<typename T>
struct List {
    T* const* items { nullptr };
    u32 size { 0 };

    T* operator[](u32 i) const
    {
        WEFT_ASSERT(i < size);
        return items[i];
    }
    T* const* begin() const { return items; }
    T* const* end() const { return items + size; }
    bool empty() const { return size == 0; }
};

#define WEFT_NODE(name, ...)                                                       \
    static bool matches(NodeKind k) { return k == NodeKind::name __VA_ARGS__; }    \
    name##Node()                                                                   \
        : Node(NodeKind::name)                                                     \
    {                                                                              \
    }

// ---------------------------------------------------------------------------------------
// Program and statements

enum class ProgramGoal : u8 { Script, Module };

struct ProgramNode : Node {
    WEFT_NODE(Program)
    List<Node> body;
    ProgramGoal goal { ProgramGoal::Script };
    bool strict { false };
};

struct ExpressionStatementNode : Node {
    WEFT_NODE(ExpressionStatement)
    Node* expression { nullptr };
    // For a statement of a directive prologue: the string's source text without quotes.
    std::string_view directive;
    bool is_directive { false };
};

struct BlockStatementNode : Node {
    WEFT_NODE(BlockStatement)
    List<Node> body;
};

struct EmptyStatementNode : Node {
    WEFT_NODE(EmptyStatement)
};

struct DebuggerStatementNode : Node {
    WEFT_NODE(DebuggerStatement)
};

enum class DeclarationKind : u8 { Var, Let, Const, Using, AwaitUsing };
char const* declaration_kind_name(DeclarationKind);

struct VariableDeclaratorNode : Node {
    WEFT_NODE(VariableDeclarator)
    Node* target { nullptr }; // Identifier, ObjectPattern or ArrayPattern
    Node* init { nullptr };   // may be null
};

struct VariableDeclarationNode : Node {
    WEFT_NODE(VariableDeclaration)
    DeclarationKind declaration_kind { DeclarationKind::Var };
    List<VariableDeclaratorNode> declarations;
};

struct IfStatementNode : Node {
    WEFT_NODE(IfStatement)
    Node* test { nullptr };
    Node* consequent { nullptr };
    Node* alternate { nullptr }; // may be null
};

struct ForStatementNode : Node {
    WEFT_NODE(ForStatement)
    Node* init { nullptr };   // VariableDeclaration, expression or null
    Node* test { nullptr };   // may be null
    Node* update { nullptr }; // may be null
    Node* body { nullptr };
};

// for (left in right) body / for [await] (left of right) body
struct ForInOfStatementNode : Node {
    static bool matches(NodeKind k) { return k == NodeKind::ForInStatement || k == NodeKind::ForOfStatement; }
    explicit ForInOfStatementNode(NodeKind k)
        : Node(k)
    {
    }
    Node* left { nullptr };  // VariableDeclaration (one declarator, no init except Annex B
                             // `for (var x = 1 in o)`) or an assignment target
    Node* right { nullptr };
    Node* body { nullptr };
    bool is_await { false }; // for await (... of ...)
};

struct WhileStatementNode : Node {
    WEFT_NODE(WhileStatement, || k == NodeKind::DoWhileStatement)
    Node* test { nullptr };
    Node* body { nullptr };
};

struct ReturnStatementNode : Node {
    WEFT_NODE(ReturnStatement, || k == NodeKind::ThrowStatement)
    Node* argument { nullptr }; // may be null for return
};

struct IdentifierNode;

struct JumpStatementNode : Node {
    static bool matches(NodeKind k) { return k == NodeKind::BreakStatement || k == NodeKind::ContinueStatement; }
    explicit JumpStatementNode(NodeKind k)
        : Node(k)
    {
    }
    IdentifierNode* label { nullptr }; // may be null
};

struct CatchClauseNode : Node {
    WEFT_NODE(CatchClause)
    Node* param { nullptr }; // may be null (optional catch binding)
    struct BlockStatementNode* body { nullptr };
};

struct TryStatementNode : Node {
    WEFT_NODE(TryStatement)
    BlockStatementNode* block { nullptr };
    CatchClauseNode* handler { nullptr };     // may be null
    BlockStatementNode* finalizer { nullptr }; // may be null
};

struct SwitchCaseNode : Node {
    WEFT_NODE(SwitchCase)
    Node* test { nullptr }; // null for default
    List<Node> consequent;
};

struct SwitchStatementNode : Node {
    WEFT_NODE(SwitchStatement)
    Node* discriminant { nullptr };
    List<SwitchCaseNode> cases;
};

struct LabeledStatementNode : Node {
    WEFT_NODE(LabeledStatement)
    IdentifierNode* label { nullptr };
    Node* body { nullptr };
};

struct WithStatementNode : Node {
    WEFT_NODE(WithStatement)
    Node* object { nullptr };
    Node* body { nullptr };
};

// ---------------------------------------------------------------------------------------
// Modules

struct StringLiteralNode;

struct ImportAttributeNode : Node {
    WEFT_NODE(ImportAttribute)
    Node* key { nullptr };                // Identifier or StringLiteral
    StringLiteralNode* value { nullptr };
};

enum class ImportSpecifierKind : u8 { Named, Default, Namespace };

struct ImportSpecifierNode : Node {
    WEFT_NODE(ImportSpecifier)
    ImportSpecifierKind specifier_kind { ImportSpecifierKind::Named };
    Node* imported { nullptr };       // Identifier or StringLiteral for Named; null otherwise
    IdentifierNode* local { nullptr };
};

struct ImportDeclarationNode : Node {
    WEFT_NODE(ImportDeclaration)
    List<ImportSpecifierNode> specifiers; // empty for `import "m"`
    StringLiteralNode* source { nullptr };
    List<ImportAttributeNode> attributes;
};

struct ExportSpecifierNode : Node {
    WEFT_NODE(ExportSpecifier)
    Node* local { nullptr };    // Identifier, or StringLiteral in `export { "a" } from "m"`
    Node* exported { nullptr }; // Identifier or StringLiteral
};

struct ExportNamedDeclarationNode : Node {
    WEFT_NODE(ExportNamedDeclaration)
    Node* declaration { nullptr }; // VariableDeclaration, FunctionDeclaration or ClassDeclaration
    List<ExportSpecifierNode> specifiers;
    StringLiteralNode* source { nullptr }; // may be null
    List<ImportAttributeNode> attributes;
};

struct ExportDefaultDeclarationNode : Node {
    WEFT_NODE(ExportDefaultDeclaration)
    // FunctionDeclaration or ClassDeclaration (their id may be null), or an expression.
    Node* declaration { nullptr };
};

struct ExportAllDeclarationNode : Node {
    WEFT_NODE(ExportAllDeclaration)
    Node* exported { nullptr }; // `export * as name from`: Identifier or StringLiteral; may be null
    StringLiteralNode* source { nullptr };
    List<ImportAttributeNode> attributes;
};

// ---------------------------------------------------------------------------------------
// Expressions

struct IdentifierNode : Node {
    WEFT_NODE(Identifier)
    std::string_view name; // escapes decoded
};

struct PrivateIdentifierNode : Node {
    WEFT_NODE(PrivateIdentifier)
    std::string_view name; // without the '#'
};

struct NumericLiteralNode : Node {
    WEFT_NODE(NumericLiteral)
    double value { 0 };
};

struct BigIntLiteralNode : Node {
    WEFT_NODE(BigIntLiteral)
    // Digits without separators or the `n` suffix; hex/octal/binary keep their 0x/0o/0b prefix.
    std::string_view digits;
};

struct StringLiteralNode : Node {
    WEFT_NODE(StringLiteral)
    std::string_view value; // cooked, WTF-8
};

struct BooleanLiteralNode : Node {
    WEFT_NODE(BooleanLiteral)
    bool value { false };
};

struct NullLiteralNode : Node {
    WEFT_NODE(NullLiteral)
};

struct RegExpLiteralNode : Node {
    WEFT_NODE(RegExpLiteral)
    std::string_view pattern; // source text between the slashes
    std::string_view flags;
};

struct TemplateElementNode : Node {
    WEFT_NODE(TemplateElement)
    std::string_view cooked; // meaningless when !cooked_valid
    std::string_view raw;
    bool cooked_valid { true }; // false: the cooked value is undefined (tagged templates only)
};

struct TemplateLiteralNode : Node {
    WEFT_NODE(TemplateLiteral)
    List<TemplateElementNode> quasis; // quasis.size == expressions.size + 1
    List<Node> expressions;
};

struct TaggedTemplateExpressionNode : Node {
    WEFT_NODE(TaggedTemplateExpression)
    Node* tag { nullptr };
    TemplateLiteralNode* quasi { nullptr };
};

struct ThisExpressionNode : Node {
    WEFT_NODE(ThisExpression)
};

// `super` as the callee of a call or the object of a member expression.
struct SuperNode : Node {
    WEFT_NODE(Super)
};

struct ArrayExpressionNode : Node {
    WEFT_NODE(ArrayExpression)
    List<Node> elements; // null entries are holes; SpreadElement for ...x
};

enum class PropertyKind : u8 { Init, Get, Set };

struct PropertyNode : Node {
    WEFT_NODE(Property)
    Node* key { nullptr };   // Identifier, StringLiteral, NumericLiteral, BigIntLiteral or a computed expression
    Node* value { nullptr }; // expression, FunctionExpression (methods/accessors) or a pattern
    PropertyKind property_kind { PropertyKind::Init };
    bool computed { false };
    bool shorthand { false };
    bool method { false };
};

struct ObjectExpressionNode : Node {
    WEFT_NODE(ObjectExpression)
    List<Node> properties; // PropertyNode or SpreadElement
};

enum FunctionFlags : u16 {
    kFunctionAsync = 1 << 0,
    kFunctionGenerator = 1 << 1,
    kFunctionArrow = 1 << 2,
    kFunctionExpressionBody = 1 << 3, // concise arrow body: `body` is an expression
    kFunctionStrict = 1 << 4,         // the function's code is strict
    kFunctionSimpleParameters = 1 << 5, // IsSimpleParameterList
    kFunctionMethod = 1 << 6,         // object/class method, getter or setter (has [[HomeObject]])
    kFunctionGetter = 1 << 7,
    kFunctionSetter = 1 << 8,
    kFunctionClassConstructor = 1 << 9,
    kFunctionDerivedConstructor = 1 << 10,
    kFunctionHasUseStrict = 1 << 11,  // its own body has a "use strict" directive
    kFunctionClassFieldInitializer = 1 << 12, // synthetic: never set by the parser today
};

// FunctionDeclaration, FunctionExpression and ArrowFunctionExpression.
struct FunctionNode : Node {
    static bool matches(NodeKind k)
    {
        return k == NodeKind::FunctionDeclaration || k == NodeKind::FunctionExpression || k == NodeKind::ArrowFunctionExpression;
    }
    explicit FunctionNode(NodeKind k)
        : Node(k)
    {
    }
    IdentifierNode* id { nullptr }; // may be null
    List<Node> params;              // Identifier, patterns, AssignmentPattern, RestElement (last)
    Node* body { nullptr };         // BlockStatement, or an expression (kFunctionExpressionBody)
    u16 function_flags { 0 };
    bool has(FunctionFlags f) const { return function_flags & f; }
};

#define WEFT_UNARY_OPERATORS(X) X(Minus, "-") X(Plus, "+") X(Not, "!") X(BitwiseNot, "~") X(Typeof, "typeof") X(Void, "void") X(Delete, "delete")
#define WEFT_BINARY_OPERATORS(X)                                                                   \
    X(Add, "+") X(Subtract, "-") X(Multiply, "*") X(Divide, "/") X(Modulo, "%") X(Exponent, "**")  \
    X(LeftShift, "<<") X(RightShift, ">>") X(UnsignedRightShift, ">>>") X(BitwiseAnd, "&")        \
    X(BitwiseOr, "|") X(BitwiseXor, "^") X(Equal, "==") X(NotEqual, "!=") X(StrictEqual, "===")   \
    X(StrictNotEqual, "!==") X(LessThan, "<") X(LessThanOrEqual, "<=") X(GreaterThan, ">")       \
    X(GreaterThanOrEqual, ">=") X(In, "in") X(Instanceof, "instanceof")
#define WEFT_LOGICAL_OPERATORS(X) X(And, "&&") X(Or, "||") X(Coalesce, "??")
#define WEFT_ASSIGNMENT_OPERATORS(X)                                                               \
    X(Assign, "=") X(Add, "+=") X(Subtract, "-=") X(Multiply, "*=") X(Divide, "/=")               \
    X(Modulo, "%=") X(Exponent, "**=") X(LeftShift, "<<=") X(RightShift, ">>=")                  \
    X(UnsignedRightShift, ">>>=") X(BitwiseAnd, "&=") X(BitwiseOr, "|=") X(BitwiseXor, "^=")     \
    X(And, "&&=") X(Or, "||=") X(Coalesce, "?" "?=")

#define WEFT_OPERATOR_ENUM(name, text) name,
enum class UnaryOperator : u8 { WEFT_UNARY_OPERATORS(WEFT_OPERATOR_ENUM) };
enum class BinaryOperator : u8 { WEFT_BINARY_OPERATORS(WEFT_OPERATOR_ENUM) };
enum class LogicalOperator : u8 { WEFT_LOGICAL_OPERATORS(WEFT_OPERATOR_ENUM) };
enum class AssignmentOperator : u8 { WEFT_ASSIGNMENT_OPERATORS(WEFT_OPERATOR_ENUM) };
#undef WEFT_OPERATOR_ENUM

char const* operator_text(UnaryOperator);
char const* operator_text(BinaryOperator);
char const* operator_text(LogicalOperator);
char const* operator_text(AssignmentOperator);

struct UnaryExpressionNode : Node {
    WEFT_NODE(UnaryExpression)
    UnaryOperator op { UnaryOperator::Minus };
    Node* argument { nullptr };
};

struct UpdateExpressionNode : Node {
    WEFT_NODE(UpdateExpression)
    bool increment { true }; // ++ or --
    bool prefix { false };
    Node* argument { nullptr }; // Identifier or MemberExpression
};

struct BinaryExpressionNode : Node {
    WEFT_NODE(BinaryExpression)
    BinaryOperator op { BinaryOperator::Add };
    Node* left { nullptr }; // PrivateIdentifier for `#x in obj`
    Node* right { nullptr };
};

struct LogicalExpressionNode : Node {
    WEFT_NODE(LogicalExpression)
    LogicalOperator op { LogicalOperator::And };
    Node* left { nullptr };
    Node* right { nullptr };
};

struct AssignmentExpressionNode : Node {
    WEFT_NODE(AssignmentExpression)
    AssignmentOperator op { AssignmentOperator::Assign };
    Node* target { nullptr }; // Identifier, MemberExpression, or a pattern (only for `=`)
    Node* value { nullptr };
};

struct ConditionalExpressionNode : Node {
    WEFT_NODE(ConditionalExpression)
    Node* test { nullptr };
    Node* consequent { nullptr };
    Node* alternate { nullptr };
};

// CallExpression (callee may be Super) and NewExpression.
struct CallExpressionNode : Node {
    WEFT_NODE(CallExpression, || k == NodeKind::NewExpression)
    Node* callee { nullptr };
    List<Node> arguments; // SpreadElement for ...x
    bool optional { false }; // f?.()
};

struct MemberExpressionNode : Node {
    WEFT_NODE(MemberExpression)
    Node* object { nullptr };   // may be Super
    Node* property { nullptr }; // Identifier (dot access), PrivateIdentifier, or expression (computed)
    bool computed { false };
    bool optional { false };    // a?.b: this link starts short-circuiting
};

// Wraps the outermost node of an optional chain (a?.b.c): short-circuiting stops here.
struct ChainExpressionNode : Node {
    WEFT_NODE(ChainExpression)
    Node* expression { nullptr };
};

struct SequenceExpressionNode : Node {
    WEFT_NODE(SequenceExpression)
    List<Node> expressions;
};

struct SpreadElementNode : Node {
    WEFT_NODE(SpreadElement)
    Node* argument { nullptr };
};

struct YieldExpressionNode : Node {
    WEFT_NODE(YieldExpression)
    Node* argument { nullptr }; // may be null
    bool delegate { false };    // yield*
};

struct AwaitExpressionNode : Node {
    WEFT_NODE(AwaitExpression)
    Node* argument { nullptr };
};

enum class MetaPropertyKind : u8 { NewTarget, ImportMeta };

struct MetaPropertyNode : Node {
    WEFT_NODE(MetaProperty)
    MetaPropertyKind meta { MetaPropertyKind::NewTarget };
};

// import(source [, options])
struct ImportCallNode : Node {
    WEFT_NODE(ImportCall)
    Node* source { nullptr };
    Node* options { nullptr }; // may be null
};

// ---------------------------------------------------------------------------------------
// Patterns

struct ObjectPatternNode : Node {
    WEFT_NODE(ObjectPattern)
    List<Node> properties; // PropertyNode (value is the target, possibly an AssignmentPattern) or RestElement (last)
};

struct ArrayPatternNode : Node {
    WEFT_NODE(ArrayPattern)
    List<Node> elements; // null entries are elisions; RestElement last
};

// target = default_value (inside patterns and parameter lists)
struct AssignmentPatternNode : Node {
    WEFT_NODE(AssignmentPattern)
    Node* target { nullptr };
    Node* default_value { nullptr };
};

struct RestElementNode : Node {
    WEFT_NODE(RestElement)
    Node* argument { nullptr };
};

// ---------------------------------------------------------------------------------------
// Classes

enum class MethodKind : u8 { Method, Get, Set, Constructor };

struct MethodDefinitionNode : Node {
    WEFT_NODE(MethodDefinition)
    Node* key { nullptr }; // property key, PrivateIdentifier, or computed expression
    FunctionNode* value { nullptr };
    MethodKind method_kind { MethodKind::Method };
    bool is_static { false };
    bool computed { false };
};

struct PropertyDefinitionNode : Node {
    WEFT_NODE(PropertyDefinition)
    Node* key { nullptr };
    Node* value { nullptr }; // initializer; may be null
    bool is_static { false };
    bool computed { false };
};

struct StaticBlockNode : Node {
    WEFT_NODE(StaticBlock)
    List<Node> body;
};

// ClassDeclaration and ClassExpression. Class code is always strict.
struct ClassNode : Node {
    static bool matches(NodeKind k) { return k == NodeKind::ClassDeclaration || k == NodeKind::ClassExpression; }
    explicit ClassNode(NodeKind k)
        : Node(k)
    {
    }
    IdentifierNode* id { nullptr };    // may be null
    Node* super_class { nullptr };     // may be null
    List<Node> body;                   // MethodDefinition, PropertyDefinition, StaticBlock
    MethodDefinitionNode* constructor { nullptr }; // the explicit constructor, if any (also in body)
};

#undef WEFT_NODE

} // namespace weft::parser
