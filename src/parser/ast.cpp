// AST names and the S-expression dump used by tests and tools.
#include "parser/ast.h"

#include "parser/parser.h"

#include <charconv>
#include <cmath>
#include <string>

namespace weft::parser {

char const* node_kind_name(NodeKind kind)
{
    switch (kind) {
#define WEFT_AST_NAME(name) case NodeKind::name: return #name;
        WEFT_AST_NODE_KINDS(WEFT_AST_NAME)
#undef WEFT_AST_NAME
    }
    return "?";
}

char const* declaration_kind_name(DeclarationKind kind)
{
    switch (kind) {
    case DeclarationKind::Var: return "var";
    case DeclarationKind::Let: return "let";
    case DeclarationKind::Const: return "const";
    case DeclarationKind::Using: return "using";
    case DeclarationKind::AwaitUsing: return "await using";
    }
    return "?";
}

#define WEFT_OPERATOR_CASE(name, text) case E::name: return text;
char const* operator_text(UnaryOperator op)
{
    using E = UnaryOperator;
    switch (op) { WEFT_UNARY_OPERATORS(WEFT_OPERATOR_CASE) }
    return "?";
}
char const* operator_text(BinaryOperator op)
{
    using E = BinaryOperator;
    switch (op) { WEFT_BINARY_OPERATORS(WEFT_OPERATOR_CASE) }
    return "?";
}
char const* operator_text(LogicalOperator op)
{
    using E = LogicalOperator;
    switch (op) { WEFT_LOGICAL_OPERATORS(WEFT_OPERATOR_CASE) }
    return "?";
}
char const* operator_text(AssignmentOperator op)
{
    using E = AssignmentOperator;
    switch (op) { WEFT_ASSIGNMENT_OPERATORS(WEFT_OPERATOR_CASE) }
    return "?";
}
#undef WEFT_OPERATOR_CASE

namespace {

class Dumper {
public:
    std::string out;

    void number(double v)
    {
        if (std::isnan(v)) {
            out += "NaN";
            return;
        }
        if (std::isinf(v)) {
            out += v < 0 ? "-Infinity" : "Infinity";
            return;
        }
        if (v == std::floor(v) && std::fabs(v) < 1e21) {
            char buf[32];
            auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
            out.append(buf, r.ptr);
            return;
        }
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    }

    void string(std::string_view s)
    {
        out += '"';
        for (unsigned char c : s) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
            }
        }
        out += '"';
    }

    void open(char const* name)
    {
        out += '(';
        out += name;
    }
    void word(std::string_view w)
    {
        out += ' ';
        out += w;
    }
    void child(Node const* n)
    {
        out += ' ';
        dump(n);
    }
    void opt(Node const* n)
    {
        if (n)
            child(n);
    }
    template<typename T>
    void list(List<T> const& items)
    {
        for (auto* n : items)
            child(n);
    }
    void key(Node const* k, bool computed)
    {
        out += ' ';
        if (computed)
            out += '[';
        dump(k);
        if (computed)
            out += ']';
    }
    void close() { out += ')'; }

    void function(FunctionNode const* f)
    {
        open(node_kind_name(f->kind));
        if (f->has(kFunctionAsync))
            word("async");
        if (f->has(kFunctionGenerator))
            word("generator");
        if (f->has(kFunctionStrict) && f->has(kFunctionHasUseStrict))
            word("use-strict");
        if (f->kind != NodeKind::ArrowFunctionExpression)
            word(f->id ? f->id->name : std::string_view("anonymous"));
        out += " (";
        bool first = true;
        for (auto* p : f->params) {
            if (!first)
                out += ' ';
            first = false;
            dump(p);
        }
        out += ')';
        child(f->body);
        close();
    }

    void dump(Node const* n)
    {
        if (!n) {
            out += "null";
            return;
        }
        switch (n->kind) {
        case NodeKind::Program: {
            auto const* p = n->as<ProgramNode>();
            open(p->goal == ProgramGoal::Module ? "Module" : "Script");
            list(p->body);
            return close();
        }
        case NodeKind::ExpressionStatement: {
            auto const* s = n->as<ExpressionStatementNode>();
            if (s->is_directive) {
                open("Directive");
                out += ' ';
                string(s->directive);
                return close();
            }
            open("ExpressionStatement");
            child(s->expression);
            return close();
        }
        case NodeKind::BlockStatement:
            open("Block");
            list(n->as<BlockStatementNode>()->body);
            return close();
        case NodeKind::EmptyStatement:
            out += "(Empty)";
            return;
        case NodeKind::DebuggerStatement:
            out += "(Debugger)";
            return;
        case NodeKind::VariableDeclaration: {
            auto const* d = n->as<VariableDeclarationNode>();
            out += '(';
            out += declaration_kind_name(d->declaration_kind);
            for (auto* decl : d->declarations) {
                out += " (";
                dump(decl->target);
                if (decl->init) {
                    out += ' ';
                    dump(decl->init);
                }
                out += ')';
            }
            return close();
        }
        case NodeKind::VariableDeclarator: {
            auto const* d = n->as<VariableDeclaratorNode>();
            open("VariableDeclarator");
            child(d->target);
            opt(d->init);
            return close();
        }
        case NodeKind::FunctionDeclaration:
        case NodeKind::FunctionExpression:
        case NodeKind::ArrowFunctionExpression:
            return function(n->as<FunctionNode>());
        case NodeKind::ClassDeclaration:
        case NodeKind::ClassExpression: {
            auto const* c = n->as<ClassNode>();
            open(node_kind_name(n->kind));
            word(c->id ? c->id->name : std::string_view("anonymous"));
            if (c->super_class) {
                out += " (extends ";
                dump(c->super_class);
                out += ')';
            }
            list(c->body);
            return close();
        }
        case NodeKind::IfStatement: {
            auto const* s = n->as<IfStatementNode>();
            open("If");
            child(s->test);
            child(s->consequent);
            opt(s->alternate);
            return close();
        }
        case NodeKind::ForStatement: {
            auto const* s = n->as<ForStatementNode>();
            open("For");
            child(s->init);
            child(s->test);
            child(s->update);
            child(s->body);
            return close();
        }
        case NodeKind::ForInStatement:
        case NodeKind::ForOfStatement: {
            auto const* s = n->as<ForInOfStatementNode>();
            open(n->kind == NodeKind::ForInStatement ? "ForIn" : "ForOf");
            if (s->is_await)
                word("await");
            child(s->left);
            child(s->right);
            child(s->body);
            return close();
        }
        case NodeKind::WhileStatement:
        case NodeKind::DoWhileStatement: {
            auto const* s = n->as<WhileStatementNode>();
            if (n->kind == NodeKind::WhileStatement) {
                open("While");
                child(s->test);
                child(s->body);
            } else {
                open("DoWhile");
                child(s->body);
                child(s->test);
            }
            return close();
        }
        case NodeKind::ReturnStatement:
        case NodeKind::ThrowStatement:
            open(n->kind == NodeKind::ReturnStatement ? "Return" : "Throw");
            opt(n->as<ReturnStatementNode>()->argument);
            return close();
        case NodeKind::BreakStatement:
        case NodeKind::ContinueStatement:
            open(n->kind == NodeKind::BreakStatement ? "Break" : "Continue");
            opt(n->as<JumpStatementNode>()->label);
            return close();
        case NodeKind::TryStatement: {
            auto const* s = n->as<TryStatementNode>();
            open("Try");
            child(s->block);
            child(s->handler);
            opt(s->finalizer);
            return close();
        }
        case NodeKind::CatchClause: {
            auto const* c = n->as<CatchClauseNode>();
            open("Catch");
            child(c->param);
            child(c->body);
            return close();
        }
        case NodeKind::SwitchStatement: {
            auto const* s = n->as<SwitchStatementNode>();
            open("Switch");
            child(s->discriminant);
            list(s->cases);
            return close();
        }
        case NodeKind::SwitchCase: {
            auto const* c = n->as<SwitchCaseNode>();
            open(c->test ? "Case" : "Default");
            opt(c->test);
            list(c->consequent);
            return close();
        }
        case NodeKind::LabeledStatement: {
            auto const* s = n->as<LabeledStatementNode>();
            open("Labeled");
            child(s->label);
            child(s->body);
            return close();
        }
        case NodeKind::WithStatement: {
            auto const* s = n->as<WithStatementNode>();
            open("With");
            child(s->object);
            child(s->body);
            return close();
        }
        case NodeKind::ImportDeclaration: {
            auto const* d = n->as<ImportDeclarationNode>();
            open("Import");
            list(d->specifiers);
            child(d->source);
            list(d->attributes);
            return close();
        }
        case NodeKind::ImportSpecifier: {
            auto const* s = n->as<ImportSpecifierNode>();
            switch (s->specifier_kind) {
            case ImportSpecifierKind::Default: open("ImportDefault"); break;
            case ImportSpecifierKind::Namespace: open("ImportNamespace"); break;
            case ImportSpecifierKind::Named: open("ImportSpecifier"); child(s->imported); break;
            }
            child(s->local);
            return close();
        }
        case NodeKind::ImportAttribute: {
            auto const* a = n->as<ImportAttributeNode>();
            open("With");
            child(a->key);
            child(a->value);
            return close();
        }
        case NodeKind::ExportNamedDeclaration: {
            auto const* d = n->as<ExportNamedDeclarationNode>();
            open("Export");
            opt(d->declaration);
            list(d->specifiers);
            if (d->source) {
                word("from");
                child(d->source);
            }
            list(d->attributes);
            return close();
        }
        case NodeKind::ExportSpecifier: {
            auto const* s = n->as<ExportSpecifierNode>();
            open("ExportSpecifier");
            child(s->local);
            child(s->exported);
            return close();
        }
        case NodeKind::ExportDefaultDeclaration:
            open("ExportDefault");
            child(n->as<ExportDefaultDeclarationNode>()->declaration);
            return close();
        case NodeKind::ExportAllDeclaration: {
            auto const* d = n->as<ExportAllDeclarationNode>();
            open("ExportAll");
            opt(d->exported);
            word("from");
            child(d->source);
            list(d->attributes);
            return close();
        }
        case NodeKind::Identifier:
            out += n->as<IdentifierNode>()->name;
            return;
        case NodeKind::PrivateIdentifier:
            out += '#';
            out += n->as<PrivateIdentifierNode>()->name;
            return;
        case NodeKind::NumericLiteral:
            return number(n->as<NumericLiteralNode>()->value);
        case NodeKind::BigIntLiteral:
            out += n->as<BigIntLiteralNode>()->digits;
            out += 'n';
            return;
        case NodeKind::StringLiteral:
            return string(n->as<StringLiteralNode>()->value);
        case NodeKind::BooleanLiteral:
            out += n->as<BooleanLiteralNode>()->value ? "true" : "false";
            return;
        case NodeKind::NullLiteral:
            out += "null";
            return;
        case NodeKind::RegExpLiteral: {
            auto const* r = n->as<RegExpLiteralNode>();
            out += "(RegExp ";
            string(r->pattern);
            out += ' ';
            string(r->flags);
            return close();
        }
        case NodeKind::TemplateLiteral: {
            auto const* t = n->as<TemplateLiteralNode>();
            open("Template");
            for (u32 i = 0; i < t->quasis.size; ++i) {
                auto const* q = t->quasis[i];
                out += ' ';
                if (q->cooked_valid)
                    string(q->cooked);
                else
                    out += "undefined";
                if (i < t->expressions.size)
                    child(t->expressions[i]);
            }
            return close();
        }
        case NodeKind::TemplateElement:
            return string(n->as<TemplateElementNode>()->raw);
        case NodeKind::TaggedTemplateExpression: {
            auto const* t = n->as<TaggedTemplateExpressionNode>();
            open("TaggedTemplate");
            child(t->tag);
            child(t->quasi);
            return close();
        }
        case NodeKind::ThisExpression:
            out += "this";
            return;
        case NodeKind::Super:
            out += "super";
            return;
        case NodeKind::ArrayExpression:
        case NodeKind::ArrayPattern: {
            auto const& elements = n->kind == NodeKind::ArrayExpression ? n->as<ArrayExpressionNode>()->elements
                                                                        : n->as<ArrayPatternNode>()->elements;
            open(n->kind == NodeKind::ArrayExpression ? "Array" : "ArrayPattern");
            for (auto* e : elements) {
                if (e)
                    child(e);
                else
                    word("hole");
            }
            return close();
        }
        case NodeKind::ObjectExpression:
            open("Object");
            list(n->as<ObjectExpressionNode>()->properties);
            return close();
        case NodeKind::ObjectPattern:
            open("ObjectPattern");
            list(n->as<ObjectPatternNode>()->properties);
            return close();
        case NodeKind::Property: {
            auto const* p = n->as<PropertyNode>();
            open("Property");
            if (p->property_kind == PropertyKind::Get)
                word("get");
            else if (p->property_kind == PropertyKind::Set)
                word("set");
            else if (p->method)
                word("method");
            else if (p->shorthand)
                word("shorthand");
            key(p->key, p->computed);
            child(p->value);
            return close();
        }
        case NodeKind::UnaryExpression: {
            auto const* u = n->as<UnaryExpressionNode>();
            open("Unary");
            word(operator_text(u->op));
            child(u->argument);
            return close();
        }
        case NodeKind::UpdateExpression: {
            auto const* u = n->as<UpdateExpressionNode>();
            open(u->prefix ? "Prefix" : "Postfix");
            word(u->increment ? "++" : "--");
            child(u->argument);
            return close();
        }
        case NodeKind::BinaryExpression: {
            auto const* b = n->as<BinaryExpressionNode>();
            open("Binary");
            word(operator_text(b->op));
            child(b->left);
            child(b->right);
            return close();
        }
        case NodeKind::LogicalExpression: {
            auto const* b = n->as<LogicalExpressionNode>();
            open("Logical");
            word(operator_text(b->op));
            child(b->left);
            child(b->right);
            return close();
        }
        case NodeKind::AssignmentExpression: {
            auto const* a = n->as<AssignmentExpressionNode>();
            open("Assign");
            word(operator_text(a->op));
            child(a->target);
            child(a->value);
            return close();
        }
        case NodeKind::ConditionalExpression: {
            auto const* c = n->as<ConditionalExpressionNode>();
            open("Conditional");
            child(c->test);
            child(c->consequent);
            child(c->alternate);
            return close();
        }
        case NodeKind::CallExpression:
        case NodeKind::NewExpression: {
            auto const* c = n->as<CallExpressionNode>();
            open(n->kind == NodeKind::CallExpression ? "Call" : "New");
            if (c->optional)
                word("optional");
            child(c->callee);
            list(c->arguments);
            return close();
        }
        case NodeKind::MemberExpression: {
            auto const* m = n->as<MemberExpressionNode>();
            open("Member");
            if (m->optional)
                word("optional");
            child(m->object);
            key(m->property, m->computed);
            return close();
        }
        case NodeKind::ChainExpression:
            open("Chain");
            child(n->as<ChainExpressionNode>()->expression);
            return close();
        case NodeKind::SequenceExpression:
            open("Sequence");
            list(n->as<SequenceExpressionNode>()->expressions);
            return close();
        case NodeKind::SpreadElement:
            open("Spread");
            child(n->as<SpreadElementNode>()->argument);
            return close();
        case NodeKind::YieldExpression: {
            auto const* y = n->as<YieldExpressionNode>();
            open("Yield");
            if (y->delegate)
                word("*");
            opt(y->argument);
            return close();
        }
        case NodeKind::AwaitExpression:
            open("Await");
            child(n->as<AwaitExpressionNode>()->argument);
            return close();
        case NodeKind::MetaProperty:
            out += n->as<MetaPropertyNode>()->meta == MetaPropertyKind::NewTarget ? "new.target" : "import.meta";
            return;
        case NodeKind::ImportCall: {
            auto const* c = n->as<ImportCallNode>();
            open("ImportCall");
            child(c->source);
            opt(c->options);
            return close();
        }
        case NodeKind::AssignmentPattern: {
            auto const* a = n->as<AssignmentPatternNode>();
            open("Default");
            child(a->target);
            child(a->default_value);
            return close();
        }
        case NodeKind::RestElement:
            open("Rest");
            child(n->as<RestElementNode>()->argument);
            return close();
        case NodeKind::MethodDefinition: {
            auto const* m = n->as<MethodDefinitionNode>();
            open("Method");
            if (m->is_static)
                word("static");
            switch (m->method_kind) {
            case MethodKind::Get: word("get"); break;
            case MethodKind::Set: word("set"); break;
            case MethodKind::Constructor: word("constructor"); break;
            case MethodKind::Method: break;
            }
            key(m->key, m->computed);
            child(m->value);
            return close();
        }
        case NodeKind::PropertyDefinition: {
            auto const* f = n->as<PropertyDefinitionNode>();
            open("Field");
            if (f->is_static)
                word("static");
            key(f->key, f->computed);
            opt(f->value);
            return close();
        }
        case NodeKind::StaticBlock:
            open("StaticBlock");
            list(n->as<StaticBlockNode>()->body);
            return close();
        }
    }
};

} // namespace

std::string dump_ast(Node const* node)
{
    Dumper dumper;
    dumper.dump(node);
    return dumper.out;
}

} // namespace weft::parser
