// Parser: program entry, statements, declarations, modules, scopes and their early errors.
// spec: https://tc39.es/ecma262/#sec-ecmascript-language-statements-and-declarations
#include "parser/parser_impl.h"

#include "parser/source.h"

#if defined(__linux__)
#include <pthread.h>
#endif

namespace weft::parser {

namespace {

std::string quoted(std::string_view name)
{
    std::string s = "'";
    s += name;
    s += "'";
    return s;
}

// IsStringWellFormedUnicode for module export names stored as WTF-8: no encoded surrogate.
bool is_well_formed_unicode(std::string_view s)
{
    for (usize i = 0; i + 1 < s.size(); ++i) {
        if (static_cast<u8>(s[i]) == 0xed && static_cast<u8>(s[i + 1]) >= 0xa0)
            return false;
    }
    return true;
}

} // namespace

// https://tc39.es/ecma262/#prod-ReservedWord
bool is_reserved_word(std::string_view name)
{
    return keyword_kind(name) != TokenKind::Identifier;
}

// https://tc39.es/ecma262/#sec-keywords-and-reserved-words (reserved in strict mode code)
bool is_strict_reserved_word(std::string_view name)
{
    return name == "implements" || name == "interface" || name == "let" || name == "package" || name == "private"
        || name == "protected" || name == "public" || name == "static" || name == "yield";
}

namespace {

// The lowest stack address this thread may use while parsing, leaving a margin for the
// code that runs after a nesting error (formatting, unwinding) and for sanitizers' larger
// frames; 0 when unknown (then only the depth counter limits recursion).
uptr stack_limit_for_current_thread()
{
#if defined(__linux__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 0;
    void* low = nullptr;
    size_t size = 0;
    int rc = pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
    if (rc != 0 || !low)
        return 0;
#if defined(WEFT_ASAN)
    constexpr uptr kMargin = 256 * KiB;
#else
    constexpr uptr kMargin = 64 * KiB;
#endif
    if (size <= 2 * kMargin)
        return reinterpret_cast<uptr>(low) + size / 2;
    return reinterpret_cast<uptr>(low) + kMargin;
#else
    return 0;
#endif
}

} // namespace

DepthGuard::DepthGuard(Parser& p, u32 offset)
    : parser(p)
{
    ++parser.m_depth;
    auto frame = reinterpret_cast<uptr>(__builtin_frame_address(0));
    if (parser.m_depth > parser.m_options.max_nesting_depth || frame < parser.m_stack_limit)
        fail_at(offset, "too much nesting: the program is nested too deeply");
}

Parser::Parser(std::string_view source, Arena& arena, ParseOptions const& options)
    : m_source(source)
    , m_arena(arena)
    , m_options(options)
    , m_lexer(source, arena, options.goal)
    , m_stack_limit(stack_limit_for_current_thread())
{
}

// Tokens ---------------------------------------------------------------------------------

void Parser::advance()
{
    m_prev_end = m_tok.end;
    m_tok = m_lexer.next();
}

Token Parser::peek()
{
    auto state = m_lexer.save();
    Token t = m_lexer.next();
    m_lexer.restore(state);
    return t;
}

bool Parser::eat(TokenKind k)
{
    if (m_tok.kind != k)
        return false;
    advance();
    return true;
}

void Parser::unexpected()
{
    if (m_tok.kind == TokenKind::EndOfFile)
        fail("unexpected end of input");
    if (m_tok.kind == TokenKind::Identifier || is_keyword(m_tok.kind))
        fail("unexpected token " + quoted(m_source.substr(m_tok.start, m_tok.end - m_tok.start)));
    if (m_tok.kind >= TokenKind::LeftBrace)
        fail(std::string("unexpected token ") + token_kind_name(m_tok.kind));
    fail(std::string("unexpected ") + token_kind_name(m_tok.kind));
}

void Parser::expect(TokenKind k)
{
    if (m_tok.kind != k) {
        if (m_tok.kind == TokenKind::EndOfFile)
            fail(std::string("unexpected end of input, expected ") + token_kind_name(k));
        fail(std::string("expected ") + token_kind_name(k) + " but found "
            + (m_tok.kind == TokenKind::Identifier ? quoted(m_tok.value) : std::string(token_kind_name(m_tok.kind))));
    }
    advance();
}

// https://tc39.es/ecma262/#sec-rules-of-automatic-semicolon-insertion
bool Parser::can_insert_semicolon() const
{
    return m_tok.kind == TokenKind::EndOfFile || m_tok.kind == TokenKind::RightBrace || m_tok.newline_before;
}

void Parser::consume_semicolon()
{
    if (eat(TokenKind::Semicolon))
        return;
    if (can_insert_semicolon())
        return;
    unexpected();
}

// Identifiers -------------------------------------------------------------------------------

// https://tc39.es/ecma262/#sec-identifiers-static-semantics-early-errors
void Parser::check_identifier_reference(std::string_view name, u32 offset, bool has_escape)
{
    if (is_reserved_word(name))
        fail_at(offset, "keyword " + quoted(name) + " must not contain escaped characters and is not an identifier");
    if (strict() && is_strict_reserved_word(name))
        fail_at(offset, "unexpected strict mode reserved word " + quoted(name));
    if (name == "yield") {
        if (yield_is_keyword() || strict())
            fail_at(offset, "'yield' is not a valid identifier here");
    } else if (name == "await") {
        if (await_is_keyword() || is_module() || m_fn->await_identifier_reserved)
            fail_at(offset, "'await' is not a valid identifier here");
        if (m_await_ident_pos == kNoOffset)
            m_await_ident_pos = offset;
    } else if (name == "arguments") {
        if (!m_fn->allow_arguments)
            fail_at(offset, "'arguments' is not allowed in class field initializers or static blocks");
    }
}

void Parser::check_strict_binding_name(std::string_view name, u32 offset)
{
    if (name == "eval" || name == "arguments")
        fail_at(offset, "unexpected " + quoted(name) + " as a binding name in strict mode");
    if (is_strict_reserved_word(name))
        fail_at(offset, "unexpected strict mode reserved word " + quoted(name));
}

void Parser::check_binding_identifier(std::string_view name, u32 offset, bool has_escape)
{
    if (name == "arguments" && !m_fn->allow_arguments) {
        // A binding named arguments is still an error in strict class code below.
    } else {
        check_identifier_reference(name, offset, has_escape);
    }
    if (strict())
        check_strict_binding_name(name, offset);
}

// Scopes ------------------------------------------------------------------------------------

// https://tc39.es/ecma262/#sec-block-static-semantics-early-errors and the similar rules
// for function bodies, scripts, modules, switch and catch.
void Parser::declare(std::string_view name, u32 offset, BindingKind kind)
{
    Scope* scope = m_scope;
    switch (kind) {
    case BindingKind::Lexical:
    case BindingKind::SloppyFunction: {
        auto it = scope->lexical.find(name);
        if (it != scope->lexical.end()) {
            if (kind == BindingKind::SloppyFunction && it->second)
                return;
            fail_at(offset, "redeclaration of " + quoted(name));
        }
        if (scope->vars.count(name))
            fail_at(offset, "redeclaration of " + quoted(name) + " (already declared with var)");
        if (scope->kind == ScopeKind::Function && scope->params.count(name))
            fail_at(offset, "redeclaration of parameter " + quoted(name));
        if (scope->is_catch_body && scope->parent && scope->parent->catch_params.count(name))
            fail_at(offset, "redeclaration of catch parameter " + quoted(name));
        scope->lexical.emplace(name, kind == BindingKind::SloppyFunction);
        return;
    }
    case BindingKind::Var:
    case BindingKind::VarForOf:
        for (Scope* s = scope; s; s = s->parent) {
            if (s->lexical.count(name))
                fail_at(offset, "redeclaration of " + quoted(name) + " (already declared lexically)");
            if (s->kind == ScopeKind::Catch && s->catch_params.count(name)) {
                // Annex B.3.4: `catch (e) { var e; }` (for-in/of heads included) is allowed
                // for a simple catch parameter, not for a pattern.
                if (!s->catch_param_is_simple)
                    fail_at(offset, "redeclaration of catch parameter " + quoted(name));
            }
            s->vars.insert(name);
            if (s->is_var_scope())
                break;
        }
        return;
    case BindingKind::Param:
        scope->params.insert(name);
        return;
    }
}

void Parser::collect_bound_names(Node* pattern, std::vector<IdentifierNode*>& out)
{
    if (!pattern)
        return;
    switch (pattern->kind) {
    case NodeKind::Identifier:
        out.push_back(pattern->as<IdentifierNode>());
        break;
    case NodeKind::ObjectPattern:
        for (Node* p : pattern->as<ObjectPatternNode>()->properties)
            collect_bound_names(p->is(NodeKind::Property) ? p->as<PropertyNode>()->value : p, out);
        break;
    case NodeKind::ArrayPattern:
        for (Node* e : pattern->as<ArrayPatternNode>()->elements)
            collect_bound_names(e, out);
        break;
    case NodeKind::AssignmentPattern:
        collect_bound_names(pattern->as<AssignmentPatternNode>()->target, out);
        break;
    case NodeKind::RestElement:
        collect_bound_names(pattern->as<RestElementNode>()->argument, out);
        break;
    default:
        break;
    }
}

void Parser::declare_pattern(Node* pattern, BindingKind kind)
{
    std::vector<IdentifierNode*> names;
    collect_bound_names(pattern, names);
    for (auto* id : names)
        declare(id->name, id->range.start, kind);
}

// https://tc39.es/ecma262/#sec-let-and-const-declarations-static-semantics-early-errors
void Parser::check_lexical_name(Node* pattern)
{
    std::vector<IdentifierNode*> names;
    collect_bound_names(pattern, names);
    for (auto* id : names) {
        if (id->name == "let")
            fail_at(id->range.start, "'let' is not allowed as a lexically bound name");
    }
}

// Program -----------------------------------------------------------------------------------

ProgramNode* Parser::parse_program()
{
    FunctionGuard function(*this);
    function.state.is_program = true;
    function.state.strict = m_options.strict || is_module();
    ScopeGuard scope(*this, is_module() ? ScopeKind::Module : ScopeKind::Script);
    ModuleExports exports;
    if (is_module())
        m_exports = &exports;

    advance();
    Token start;
    start.start = 0;
    start.line = 1;
    start.column = 1;
    auto* program = make<ProgramNode>(start);
    program->goal = is_module() ? ProgramGoal::Module : ProgramGoal::Script;
    std::vector<Node*> body;
    parse_directives_and_statements(body, TokenKind::EndOfFile, false, nullptr);
    program->body = make_list(body);
    program->strict = m_fn->strict;
    program->range.end = static_cast<u32>(m_source.size());

    if (is_module()) {
        // https://tc39.es/ecma262/#sec-module-semantics-static-semantics-early-errors
        for (auto const& [name, offset] : exports.local_references) {
            if (!scope.scope.lexical.count(name) && !scope.scope.vars.count(name))
                fail_at(offset, "export of undeclared name " + quoted(name));
        }
    }
    return program;
}

// Parses a directive prologue (https://tc39.es/ecma262/#sec-directive-prologues-and-the-use-strict-directive)
// and then the statements up to `end`. For a function body, the parameters are validated
// once the prologue has decided the function's strictness.
void Parser::parse_directives_and_statements(std::vector<Node*>& out, TokenKind end, bool function_body, FunctionNode* function)
{
    (void)function_body;
    parse_directive_prologue(out, function);
    parse_statement_list(out, end);
}

void Parser::parse_directive_prologue(std::vector<Node*>& out, FunctionNode* function)
{
    u32 octal_offset = kNoOffset;
    while (m_tok.kind == TokenKind::String) {
        Token token = m_tok;
        Node* statement = is_module() && m_fn->is_program ? parse_module_item() : parse_statement_list_item();
        out.push_back(statement);
        auto* expr_statement = statement->is(NodeKind::ExpressionStatement) ? statement->as<ExpressionStatementNode>() : nullptr;
        Node* expr = expr_statement ? expr_statement->expression : nullptr;
        if (!expr || !expr->is(NodeKind::StringLiteral) || expr->parenthesized() || expr->range.start != token.start
            || expr->range.end != token.end)
            return;
        expr_statement->is_directive = true;
        expr_statement->directive = m_source.substr(token.start + 1, token.end - token.start - 2);
        if ((token.flags & kTokenLegacyOctal) && octal_offset == kNoOffset)
            octal_offset = token.octal_offset;
        if (expr_statement->directive == "use strict") {
            if (function && !function->has(kFunctionSimpleParameters))
                fail_at(token.start, "\"use strict\" is not allowed in a function with non-simple parameters");
            m_fn->strict = true;
            if (function)
                function->function_flags |= kFunctionHasUseStrict | kFunctionStrict;
        }
        if (m_fn->strict && octal_offset != kNoOffset)
            fail_at(octal_offset, "octal escape sequences are not allowed in strict mode");
    }
}

void Parser::parse_statement_list(std::vector<Node*>& out, TokenKind end)
{
    while (m_tok.kind != end) {
        if (m_tok.kind == TokenKind::EndOfFile)
            unexpected();
        out.push_back(is_module() && m_fn->is_program ? parse_module_item() : parse_statement_list_item());
    }
}

// Statements --------------------------------------------------------------------------------

bool Parser::at_let_declaration()
{
    if (!at_contextual("let"))
        return false;
    Token next = peek();
    return next.kind == TokenKind::Identifier || next.kind == TokenKind::LeftBracket || next.kind == TokenKind::LeftBrace
        || (is_keyword(next.kind) && (next.kind == TokenKind::Enum || false));
}

// https://tc39.es/ecma262/#prod-UsingDeclaration: `using` [no LineTerminator here] BindingList
bool Parser::at_using_declaration(bool for_head)
{
    if (!at_contextual("using"))
        return false;
    Token next = peek();
    if (next.newline_before || next.kind != TokenKind::Identifier)
        return false;
    if (for_head && next.value == "of" && !next.has_escape()) {
        // `for (using of ...`: the ForDeclaration of for-of excludes `using of`, but
        // `for (using of = null;;)` declares a binding named `of`.
        auto state = m_lexer.save();
        m_lexer.next();
        Token third = m_lexer.next();
        m_lexer.restore(state);
        return third.kind == TokenKind::Assign || third.kind == TokenKind::Semicolon || third.kind == TokenKind::Comma;
    }
    return true;
}

bool Parser::at_await_using_declaration(bool for_head)
{
    if (!at_contextual("await") || !await_is_keyword())
        return false;
    auto state = m_lexer.save();
    Token second = m_lexer.next();
    Token third = m_lexer.next();
    m_lexer.restore(state);
    if (!second.is_contextual("using") || second.newline_before)
        return false;
    if (third.newline_before || third.kind != TokenKind::Identifier)
        return false;
    (void)for_head;
    return true;
}

Node* Parser::parse_statement_list_item()
{
    DepthGuard depth(*this, m_tok.start);
    Token start = m_tok;
    switch (m_tok.kind) {
    case TokenKind::Function:
        return parse_function(start, NodeKind::FunctionDeclaration, false, false);
    case TokenKind::Class:
        return parse_class(start, NodeKind::ClassDeclaration, false);
    case TokenKind::Const:
        return parse_variable_statement(DeclarationKind::Const, start, false, false);
    case TokenKind::Identifier:
        if (at_let_declaration())
            return parse_variable_statement(DeclarationKind::Let, start, false, false);
        if (at_contextual("async")) {
            Token next = peek();
            if (next.kind == TokenKind::Function && !next.newline_before) {
                advance();
                return parse_function(start, NodeKind::FunctionDeclaration, true, false);
            }
        }
        if (at_using_declaration(false)) {
            if (m_scope->kind == ScopeKind::Script)
                fail("'using' declarations are not allowed at the top level of a script");
            return parse_variable_statement(DeclarationKind::Using, start, false, false);
        }
        if (at_await_using_declaration(false)) {
            if (m_scope->kind == ScopeKind::Script)
                fail("'await using' declarations are not allowed at the top level of a script");
            return parse_variable_statement(DeclarationKind::AwaitUsing, start, false, false);
        }
        break;
    default:
        break;
    }
    return parse_statement(StatementContext::ListItem);
}

Node* Parser::parse_statement(StatementContext context)
{
    DepthGuard depth(*this, m_tok.start);
    u32 label_set = m_fn->label_set_begin;
    m_fn->label_set_begin = kNoOffset;
    auto mark_loop_labels = [&] {
        if (label_set != kNoOffset) {
            for (usize i = label_set; i < m_fn->labels.size(); ++i)
                m_fn->labels[i].is_loop = true;
        }
    };
    Token start = m_tok;
    switch (m_tok.kind) {
    case TokenKind::LeftBrace:
        return parse_block_statement();
    case TokenKind::Semicolon:
        advance();
        return finish(make<EmptyStatementNode>(start));
    case TokenKind::Var:
        return parse_variable_statement(DeclarationKind::Var, start, false, false);
    case TokenKind::If:
        return parse_if_statement();
    case TokenKind::For:
        mark_loop_labels();
        return parse_for_statement();
    case TokenKind::While:
        mark_loop_labels();
        return parse_while_statement();
    case TokenKind::Do:
        mark_loop_labels();
        return parse_do_while_statement();
    case TokenKind::Return:
        return parse_return_statement();
    case TokenKind::Break:
        return parse_jump_statement(true);
    case TokenKind::Continue:
        return parse_jump_statement(false);
    case TokenKind::Throw:
        return parse_throw_statement();
    case TokenKind::Try:
        return parse_try_statement();
    case TokenKind::Switch:
        return parse_switch_statement();
    case TokenKind::With:
        return parse_with_statement();
    case TokenKind::Debugger:
        advance();
        consume_semicolon();
        return finish(make<DebuggerStatementNode>(start));
    case TokenKind::Function:
        // Annex B.3.3: `if (x) function f() {}` in sloppy code.
        if (context == StatementContext::IfClause && !strict()) {
            Token next = peek();
            if (next.kind == TokenKind::Star)
                fail_at(next.start, "generator declarations are not allowed here");
            ScopeGuard scope(*this, ScopeKind::Block);
            return parse_function(start, NodeKind::FunctionDeclaration, false, false);
        }
        fail("function declarations are not allowed in this statement position");
    case TokenKind::Class:
        fail("class declarations are not allowed in this statement position");
    case TokenKind::Const:
        fail("lexical declarations are not allowed in this statement position");
    case TokenKind::Import: {
        Token next = peek();
        if (next.kind != TokenKind::LeftParen && next.kind != TokenKind::Dot)
            fail(is_module() ? "import declarations may only appear at the top level of a module"
                             : "import declarations may only appear in a module");
        break;
    }
    case TokenKind::Export:
        fail(is_module() ? "export declarations may only appear at the top level of a module"
                         : "export declarations may only appear in a module");
    case TokenKind::Identifier: {
        Token next = peek();
        if (next.kind == TokenKind::Colon)
            return parse_labelled_statement(context, label_set);
        if (at_contextual("let") && next.kind == TokenKind::LeftBracket)
            fail("lexical declarations are not allowed in this statement position");
        if (at_contextual("let") && context != StatementContext::ListItem && !next.newline_before
            && (next.kind == TokenKind::Identifier || next.kind == TokenKind::LeftBrace))
            fail("lexical declarations are not allowed in this statement position");
        if (at_contextual("async") && next.kind == TokenKind::Function && !next.newline_before)
            fail("async function declarations are not allowed in this statement position");
        if (context != StatementContext::ListItem && (at_using_declaration(false) || at_await_using_declaration(false)))
            fail("'using' declarations are not allowed in this statement position");
        break;
    }
    default:
        break;
    }
    return parse_expression_statement();
}

Node* Parser::parse_expression_statement()
{
    Token start = m_tok;
    auto* node = make<ExpressionStatementNode>(start);
    node->expression = parse_expression();
    consume_semicolon();
    return finish(node);
}

Node* Parser::parse_block_statement(bool new_scope)
{
    Token start = m_tok;
    expect(TokenKind::LeftBrace);
    auto* block = make<BlockStatementNode>(start);
    std::vector<Node*> body;
    auto parse_body = [&] {
        while (!at(TokenKind::RightBrace)) {
            if (at(TokenKind::EndOfFile))
                unexpected();
            body.push_back(parse_statement_list_item());
        }
    };
    if (new_scope) {
        ScopeGuard scope(*this, ScopeKind::Block);
        parse_body();
    } else {
        parse_body();
    }
    advance();
    block->body = make_list(body);
    return finish(block);
}

// https://tc39.es/ecma262/#sec-variable-statement, #sec-let-and-const-declarations,
// #sec-using-declarations (for_head: the declaration of a for statement's head)
Node* Parser::parse_variable_statement(DeclarationKind kind, Token const& start, bool for_head, bool no_in)
{
    auto* decl = make<VariableDeclarationNode>(start);
    decl->declaration_kind = kind;
    if (kind == DeclarationKind::AwaitUsing)
        advance();
    advance();
    std::vector<VariableDeclaratorNode*> declarators;
    bool lexical = kind != DeclarationKind::Var;
    while (true) {
        Token dstart = m_tok;
        auto* declarator = make<VariableDeclaratorNode>(dstart);
        if (kind == DeclarationKind::Using || kind == DeclarationKind::AwaitUsing) {
            if (!at(TokenKind::Identifier))
                fail("'using' declarations bind identifiers, not patterns");
        }
        declarator->target = parse_binding_target();
        if (lexical)
            check_lexical_name(declarator->target);
        if (eat(TokenKind::Assign)) {
            declarator->init = parse_assignment(no_in);
        } else if (!for_head || !(at(TokenKind::In) || at_contextual("of"))) {
            if (kind == DeclarationKind::Const || kind == DeclarationKind::Using || kind == DeclarationKind::AwaitUsing)
                fail_at(dstart.start, "missing initializer in " + std::string(declaration_kind_name(kind)) + " declaration");
            if (!declarator->target->is(NodeKind::Identifier))
                fail_at(dstart.start, "missing initializer in destructuring declaration");
        }
        declarators.push_back(finish(declarator));
        if (!eat(TokenKind::Comma))
            break;
    }
    // Declare after the initializers: `let x = x` refers to the same binding, which does
    // not change which names are declared, only their scope.
    for (auto* d : declarators)
        declare_pattern(d->target, lexical ? BindingKind::Lexical : BindingKind::Var);
    decl->declarations = make_list(declarators);
    if (!for_head)
        consume_semicolon();
    return finish(decl);
}

Node* Parser::parse_if_statement()
{
    Token start = m_tok;
    advance();
    auto* node = make<IfStatementNode>(start);
    expect(TokenKind::LeftParen);
    node->test = parse_expression();
    expect(TokenKind::RightParen);
    node->consequent = parse_statement(StatementContext::IfClause);
    if (eat(TokenKind::Else))
        node->alternate = parse_statement(StatementContext::IfClause);
    return finish(node);
}

Node* Parser::parse_loop_body()
{
    ++m_fn->loop_depth;
    ++m_fn->breakable_depth;
    Node* body = parse_statement(StatementContext::Statement);
    --m_fn->loop_depth;
    --m_fn->breakable_depth;
    return body;
}

// https://tc39.es/ecma262/#sec-for-statement, #sec-for-in-and-for-of-statements
Node* Parser::parse_for_statement()
{
    Token start = m_tok;
    advance();
    bool is_await = false;
    if (at_contextual("await")) {
        if (!await_is_keyword())
            fail("'for await' is only valid in async functions and modules");
        is_await = true;
        advance();
    }
    expect(TokenKind::LeftParen);
    ScopeGuard scope(*this, ScopeKind::Block);
    Node* init = nullptr;
    Node* left = nullptr;
    bool is_of = false;
    bool is_in = false;
    Token init_start = m_tok;
    if (at(TokenKind::Semicolon)) {
        // no init
    } else {
        DeclarationKind kind = DeclarationKind::Var;
        bool is_declaration = true;
        if (at(TokenKind::Var))
            kind = DeclarationKind::Var;
        else if (at(TokenKind::Const))
            kind = DeclarationKind::Const;
        else if (at_let_declaration())
            kind = DeclarationKind::Let;
        else if (at_using_declaration(true))
            kind = DeclarationKind::Using;
        else if (at_await_using_declaration(true))
            kind = DeclarationKind::AwaitUsing;
        else
            is_declaration = false;
        if (is_declaration) {
            auto* decl = parse_variable_statement(kind, init_start, true, true)->as<VariableDeclarationNode>();
            is_of = at_contextual("of");
            is_in = at(TokenKind::In);
            if (is_of || is_in) {
                if (decl->declarations.size != 1)
                    fail_at(decl->range.start, "only one binding is allowed in a for-in/for-of head");
                auto* d = decl->declarations[0];
                if (d->init) {
                    // Annex B.3.5: `for (var x = 1 in o)` in sloppy code.
                    if (!(is_in && kind == DeclarationKind::Var && !strict() && d->target->is(NodeKind::Identifier)))
                        fail_at(d->range.start, "for-in/for-of loop variable declaration may not have an initializer");
                }
                if (is_in && (kind == DeclarationKind::Using || kind == DeclarationKind::AwaitUsing))
                    fail_at(decl->range.start, "'using' declarations are not allowed in for-in");
                if (is_of && kind == DeclarationKind::Var) {
                    // Re-declare as for-of var for the catch-parameter rule (Annex B.3.4).
                    std::vector<IdentifierNode*> names;
                    collect_bound_names(d->target, names);
                    for (auto* id : names)
                        declare(id->name, id->range.start, BindingKind::VarForOf);
                }
                left = decl;
            } else {
                for (auto* d : decl->declarations) {
                    if (!d->init && (kind == DeclarationKind::Const || kind == DeclarationKind::Using || kind == DeclarationKind::AwaitUsing))
                        fail_at(d->range.start, "missing initializer in " + std::string(declaration_kind_name(kind)) + " declaration");
                    if (!d->init && !d->target->is(NodeKind::Identifier))
                        fail_at(d->range.start, "missing initializer in destructuring declaration");
                }
                init = decl;
            }
        } else {
            bool starts_with_let = at_contextual("let");
            bool starts_with_async = at_contextual("async");
            CoverErrors cover;
            u32 saved_await = m_await_ident_pos;
            Node* expr = parse_expression(true, &cover);
            m_await_ident_pos = saved_await;
            is_of = at_contextual("of");
            is_in = at(TokenKind::In);
            if (is_of || is_in) {
                if (is_of && starts_with_let)
                    fail_at(init_start.start, "the left-hand side of a for-of loop may not start with 'let'");
                if (is_of && !is_await && starts_with_async && expr->is(NodeKind::Identifier) && !expr->parenthesized()
                    && expr->as<IdentifierNode>()->name == "async" && !init_start.has_escape())
                    fail_at(init_start.start, "the left-hand side of a for-of loop may not be 'async'");
                left = to_assignable(expr, false);
            } else {
                check_cover_errors(cover);
                init = expr;
            }
        }
    }
    if (is_of || is_in) {
        auto* node = make<ForInOfStatementNode>(start, is_of ? NodeKind::ForOfStatement : NodeKind::ForInStatement);
        if (is_in && is_await)
            fail("'for await' requires 'of'");
        advance();
        node->left = left;
        node->right = is_of ? parse_assignment() : parse_expression();
        node->is_await = is_await;
        expect(TokenKind::RightParen);
        node->body = parse_loop_body();
        return finish(node);
    }
    if (is_await)
        fail("'for await' requires 'of'");
    auto* node = make<ForStatementNode>(start);
    node->init = init;
    expect(TokenKind::Semicolon);
    if (!at(TokenKind::Semicolon))
        node->test = parse_expression();
    expect(TokenKind::Semicolon);
    if (!at(TokenKind::RightParen))
        node->update = parse_expression();
    expect(TokenKind::RightParen);
    node->body = parse_loop_body();
    return finish(node);
}

Node* Parser::parse_while_statement()
{
    Token start = m_tok;
    advance();
    auto* node = make<WhileStatementNode>(start);
    expect(TokenKind::LeftParen);
    node->test = parse_expression();
    expect(TokenKind::RightParen);
    node->body = parse_loop_body();
    return finish(node);
}

Node* Parser::parse_do_while_statement()
{
    Token start = m_tok;
    advance();
    auto* node = make<WhileStatementNode>(start);
    node->kind = NodeKind::DoWhileStatement;
    node->body = parse_loop_body();
    expect(TokenKind::While);
    expect(TokenKind::LeftParen);
    node->test = parse_expression();
    expect(TokenKind::RightParen);
    // https://tc39.es/ecma262/#sec-rules-of-automatic-semicolon-insertion: a semicolon is
    // inserted after a do-while statement's `)` even without a line terminator.
    eat(TokenKind::Semicolon);
    return finish(node);
}

Node* Parser::parse_return_statement()
{
    Token start = m_tok;
    if (!m_fn->allow_return)
        fail("'return' outside of a function");
    advance();
    auto* node = make<ReturnStatementNode>(start);
    if (!at(TokenKind::Semicolon) && !can_insert_semicolon())
        node->argument = parse_expression();
    consume_semicolon();
    return finish(node);
}

Node* Parser::parse_jump_statement(bool is_break)
{
    Token start = m_tok;
    advance();
    auto* node = make<JumpStatementNode>(start, is_break ? NodeKind::BreakStatement : NodeKind::ContinueStatement);
    if (at(TokenKind::Identifier) && !m_tok.newline_before) {
        Token label = m_tok;
        check_identifier_reference(label.value, label.start, label.has_escape());
        auto* id = make<IdentifierNode>(label);
        id->name = label.value;
        advance();
        node->label = finish(id);
        bool found = false;
        for (auto it = m_fn->labels.rbegin(); it != m_fn->labels.rend(); ++it) {
            if (it->name == label.value) {
                if (!is_break && !it->is_loop)
                    fail_at(label.start, "'continue' target " + quoted(label.value) + " is not an iteration statement");
                found = true;
                break;
            }
        }
        if (!found)
            fail_at(label.start, "undefined label " + quoted(label.value));
    } else if (is_break) {
        if (m_fn->breakable_depth == 0)
            fail_at(start.start, "'break' outside of a loop or switch");
    } else if (m_fn->loop_depth == 0) {
        fail_at(start.start, "'continue' outside of a loop");
    }
    consume_semicolon();
    return finish(node);
}

Node* Parser::parse_throw_statement()
{
    Token start = m_tok;
    advance();
    if (m_tok.newline_before)
        fail("no line break is allowed after 'throw'");
    auto* node = make<ReturnStatementNode>(start);
    node->kind = NodeKind::ThrowStatement;
    node->argument = parse_expression();
    consume_semicolon();
    return finish(node);
}

// https://tc39.es/ecma262/#sec-try-statement
Node* Parser::parse_try_statement()
{
    Token start = m_tok;
    advance();
    auto* node = make<TryStatementNode>(start);
    node->block = parse_block_statement()->as<BlockStatementNode>();
    if (at(TokenKind::Catch)) {
        Token cstart = m_tok;
        advance();
        auto* handler = make<CatchClauseNode>(cstart);
        ScopeGuard catch_scope(*this, ScopeKind::Catch);
        if (eat(TokenKind::LeftParen)) {
            handler->param = parse_binding_target();
            std::vector<IdentifierNode*> names;
            collect_bound_names(handler->param, names);
            for (auto* id : names) {
                if (!catch_scope.scope.catch_params.insert(id->name).second)
                    fail_at(id->range.start, "duplicate catch parameter " + quoted(id->name));
            }
            catch_scope.scope.catch_param_is_simple = handler->param->is(NodeKind::Identifier);
            expect(TokenKind::RightParen);
        }
        {
            ScopeGuard body_scope(*this, ScopeKind::Block);
            body_scope.scope.is_catch_body = true;
            handler->body = parse_block_statement(false)->as<BlockStatementNode>();
        }
        node->handler = finish(handler);
    }
    if (eat(TokenKind::Finally))
        node->finalizer = parse_block_statement()->as<BlockStatementNode>();
    if (!node->handler && !node->finalizer)
        fail("missing catch or finally after try");
    return finish(node);
}

Node* Parser::parse_switch_statement()
{
    Token start = m_tok;
    advance();
    auto* node = make<SwitchStatementNode>(start);
    expect(TokenKind::LeftParen);
    node->discriminant = parse_expression();
    expect(TokenKind::RightParen);
    expect(TokenKind::LeftBrace);
    ScopeGuard scope(*this, ScopeKind::Block);
    ++m_fn->breakable_depth;
    std::vector<SwitchCaseNode*> cases;
    bool has_default = false;
    while (!eat(TokenKind::RightBrace)) {
        Token cstart = m_tok;
        auto* c = make<SwitchCaseNode>(cstart);
        if (eat(TokenKind::Case)) {
            c->test = parse_expression();
        } else if (eat(TokenKind::Default)) {
            if (has_default)
                fail_at(cstart.start, "more than one default clause in switch statement");
            has_default = true;
        } else {
            unexpected();
        }
        expect(TokenKind::Colon);
        std::vector<Node*> body;
        while (!at(TokenKind::Case) && !at(TokenKind::Default) && !at(TokenKind::RightBrace)) {
            if (at(TokenKind::EndOfFile))
                unexpected();
            // https://tc39.es/ecma262/#sec-let-const-using-and-await-using-declarations-static-semantics-early-errors
            if (at_using_declaration(false) || at_await_using_declaration(false))
                fail("'using' declarations are not allowed directly in a case or default clause");
            body.push_back(parse_statement_list_item());
        }
        c->consequent = make_list(body);
        cases.push_back(finish(c));
    }
    --m_fn->breakable_depth;
    node->cases = make_list(cases);
    return finish(node);
}

Node* Parser::parse_with_statement()
{
    Token start = m_tok;
    if (strict())
        fail("'with' is not allowed in strict mode");
    advance();
    auto* node = make<WithStatementNode>(start);
    expect(TokenKind::LeftParen);
    node->object = parse_expression();
    expect(TokenKind::RightParen);
    node->body = parse_statement(StatementContext::Statement);
    return finish(node);
}

// https://tc39.es/ecma262/#sec-labelled-statements
Node* Parser::parse_labelled_statement(StatementContext context, u32 label_set)
{
    Token start = m_tok;
    check_identifier_reference(start.value, start.start, start.has_escape());
    for (auto const& label : m_fn->labels) {
        if (label.name == start.value)
            fail("duplicate label " + quoted(start.value));
    }
    auto* node = make<LabeledStatementNode>(start);
    auto* id = make<IdentifierNode>(start);
    id->name = start.value;
    node->label = id;
    advance();
    expect(TokenKind::Colon);
    usize index = m_fn->labels.size();
    m_fn->labels.push_back({ start.value, false });
    if (at(TokenKind::Function)) {
        // Annex B.3.2: labelled function declarations in sloppy code, only where a
        // declaration could stand.
        if (strict())
            fail("labelled function declarations are not allowed in strict mode");
        if (context != StatementContext::ListItem && context != StatementContext::LabelledBody)
            fail("a labelled function declaration is not allowed here");
        Token fstart = m_tok;
        if (peek().kind == TokenKind::Star)
            fail("generator declarations cannot be labelled");
        node->body = parse_function(fstart, NodeKind::FunctionDeclaration, false, false);
    } else {
        // Labels directly on this statement form one label set with those before it.
        StatementContext body_context = context == StatementContext::ListItem ? StatementContext::LabelledBody : context;
        if (body_context == StatementContext::IfClause)
            body_context = StatementContext::Statement;
        m_fn->label_set_begin = label_set == kNoOffset ? static_cast<u32>(index) : label_set;
        node->body = parse_statement(body_context);
    }
    m_fn->labels.resize(index);
    return finish(node);
}

// Modules -----------------------------------------------------------------------------------

Node* Parser::parse_module_item()
{
    if (at(TokenKind::Import)) {
        Token next = peek();
        if (next.kind != TokenKind::LeftParen && next.kind != TokenKind::Dot)
            return parse_import_declaration();
    }
    if (at(TokenKind::Export))
        return parse_export_declaration();
    return parse_statement_list_item();
}

StringLiteralNode* Parser::parse_module_specifier()
{
    if (!at(TokenKind::String))
        fail("expected a module specifier string");
    auto* node = make<StringLiteralNode>(m_tok);
    node->value = m_tok.value;
    advance();
    return finish(node);
}

// https://tc39.es/ecma262/#prod-WithClause
List<ImportAttributeNode> Parser::parse_import_attributes()
{
    std::vector<ImportAttributeNode*> attributes;
    if (!at(TokenKind::With))
        return {};
    advance();
    expect(TokenKind::LeftBrace);
    std::vector<std::string_view> keys;
    while (!eat(TokenKind::RightBrace)) {
        Token kstart = m_tok;
        auto* attr = make<ImportAttributeNode>(kstart);
        if (at(TokenKind::String)) {
            auto* key = make<StringLiteralNode>(m_tok);
            key->value = m_tok.value;
            advance();
            attr->key = finish(key);
        } else {
            attr->key = parse_identifier_name();
        }
        std::string_view key_name = attr->key->is(NodeKind::StringLiteral) ? attr->key->as<StringLiteralNode>()->value
                                                                            : attr->key->as<IdentifierNode>()->name;
        for (auto k : keys) {
            if (k == key_name)
                fail_at(kstart.start, "duplicate import attribute " + quoted(key_name));
        }
        keys.push_back(key_name);
        expect(TokenKind::Colon);
        if (!at(TokenKind::String))
            fail("import attribute values must be strings");
        auto* value = make<StringLiteralNode>(m_tok);
        value->value = m_tok.value;
        advance();
        attr->value = finish(value);
        attributes.push_back(finish(attr));
        if (!at(TokenKind::RightBrace))
            expect(TokenKind::Comma);
    }
    return make_list(attributes);
}

// ModuleExportName: IdentifierName or StringLiteral.
Node* Parser::parse_module_export_name()
{
    if (at(TokenKind::String)) {
        if (!is_well_formed_unicode(m_tok.value))
            fail("module export names must be well-formed Unicode");
        auto* node = make<StringLiteralNode>(m_tok);
        node->value = m_tok.value;
        advance();
        return finish(node);
    }
    return parse_identifier_name();
}

// https://tc39.es/ecma262/#sec-imports
Node* Parser::parse_import_declaration()
{
    Token start = m_tok;
    advance();
    auto* node = make<ImportDeclarationNode>(start);
    std::vector<ImportSpecifierNode*> specifiers;
    auto bind_local = [&](IdentifierNode* local) {
        check_binding_identifier(local->name, local->range.start, false);
        declare(local->name, local->range.start, BindingKind::Lexical);
    };
    auto parse_local = [&]() {
        if (!at(TokenKind::Identifier))
            unexpected();
        Token t = m_tok;
        auto* id = make<IdentifierNode>(t);
        id->name = t.value;
        check_binding_identifier(t.value, t.start, t.has_escape());
        advance();
        return finish(id);
    };
    if (!at(TokenKind::String)) {
        if (at(TokenKind::Identifier)) {
            auto* spec = make<ImportSpecifierNode>(m_tok);
            spec->specifier_kind = ImportSpecifierKind::Default;
            spec->local = parse_local();
            bind_local(spec->local);
            specifiers.push_back(finish(spec));
            if (!eat(TokenKind::Comma))
                goto from_clause;
        }
        if (at(TokenKind::Star)) {
            auto* spec = make<ImportSpecifierNode>(m_tok);
            spec->specifier_kind = ImportSpecifierKind::Namespace;
            advance();
            if (!at_contextual("as"))
                fail("expected 'as' after 'import *'");
            advance();
            spec->local = parse_local();
            bind_local(spec->local);
            specifiers.push_back(finish(spec));
        } else if (eat(TokenKind::LeftBrace)) {
            while (!eat(TokenKind::RightBrace)) {
                Token sstart = m_tok;
                auto* spec = make<ImportSpecifierNode>(sstart);
                spec->imported = parse_module_export_name();
                if (at_contextual("as")) {
                    advance();
                    spec->local = parse_local();
                } else {
                    if (!spec->imported->is(NodeKind::Identifier))
                        fail("a string import name must be followed by 'as'");
                    auto* id = spec->imported->as<IdentifierNode>();
                    if (sstart.kind != TokenKind::Identifier)
                        fail_at(sstart.start, "unexpected reserved word " + quoted(id->name));
                    check_binding_identifier(id->name, id->range.start, sstart.has_escape());
                    spec->local = id;
                }
                bind_local(spec->local);
                specifiers.push_back(finish(spec));
                if (!at(TokenKind::RightBrace))
                    expect(TokenKind::Comma);
            }
        } else {
            unexpected();
        }
    from_clause:
        if (!at_contextual("from"))
            fail("expected 'from'");
        advance();
    }
    node->specifiers = make_list(specifiers);
    node->source = parse_module_specifier();
    node->attributes = parse_import_attributes();
    consume_semicolon();
    return finish(node);
}

// https://tc39.es/ecma262/#sec-exports
Node* Parser::parse_export_declaration()
{
    Token start = m_tok;
    advance();
    auto add_export = [&](std::string_view name, u32 offset) {
        if (!m_exports->exported_names.insert(name).second)
            fail_at(offset, "duplicate export of " + quoted(name));
    };
    auto export_name_of = [](Node* n) {
        return n->is(NodeKind::StringLiteral) ? n->as<StringLiteralNode>()->value : n->as<IdentifierNode>()->name;
    };
    if (at(TokenKind::Star)) {
        auto* node = make<ExportAllDeclarationNode>(start);
        advance();
        if (at_contextual("as")) {
            advance();
            node->exported = parse_module_export_name();
            add_export(export_name_of(node->exported), node->exported->range.start);
        }
        if (!at_contextual("from"))
            fail("expected 'from'");
        advance();
        node->source = parse_module_specifier();
        node->attributes = parse_import_attributes();
        consume_semicolon();
        return finish(node);
    }
    if (at(TokenKind::Default)) {
        Token dstart = m_tok;
        advance();
        auto* node = make<ExportDefaultDeclarationNode>(start);
        add_export("default", dstart.start);
        Token t = m_tok;
        if (at(TokenKind::Function)) {
            node->declaration = parse_function(t, NodeKind::FunctionDeclaration, false, true);
        } else if (at(TokenKind::Class)) {
            node->declaration = parse_class(t, NodeKind::ClassDeclaration, true);
        } else if (at_contextual("async") && peek().kind == TokenKind::Function && !peek().newline_before) {
            advance();
            node->declaration = parse_function(t, NodeKind::FunctionDeclaration, true, true);
        } else {
            node->declaration = parse_assignment();
            consume_semicolon();
        }
        return finish(node);
    }
    auto* node = make<ExportNamedDeclarationNode>(start);
    if (eat(TokenKind::LeftBrace)) {
        std::vector<ExportSpecifierNode*> specifiers;
        std::vector<std::pair<Token, ExportSpecifierNode*>> locals;
        while (!eat(TokenKind::RightBrace)) {
            Token sstart = m_tok;
            auto* spec = make<ExportSpecifierNode>(sstart);
            spec->local = parse_module_export_name();
            if (at_contextual("as")) {
                advance();
                spec->exported = parse_module_export_name();
            } else {
                spec->exported = spec->local;
            }
            add_export(export_name_of(spec->exported), spec->exported->range.start);
            specifiers.push_back(finish(spec));
            locals.push_back({ sstart, spec });
            if (!at(TokenKind::RightBrace))
                expect(TokenKind::Comma);
        }
        node->specifiers = make_list(specifiers);
        if (at_contextual("from")) {
            advance();
            node->source = parse_module_specifier();
            node->attributes = parse_import_attributes();
        } else {
            for (auto& [token, spec] : locals) {
                if (spec->local->is(NodeKind::StringLiteral))
                    fail_at(token.start, "a string export name requires 'from'");
                if (token.kind != TokenKind::Identifier)
                    fail_at(token.start, "unexpected reserved word " + quoted(export_name_of(spec->local)));
                check_identifier_reference(token.value, token.start, token.has_escape());
                m_exports->local_references.push_back({ token.value, token.start });
            }
        }
        consume_semicolon();
        return finish(node);
    }
    Token t = m_tok;
    Node* decl = nullptr;
    if (at(TokenKind::Var)) {
        decl = parse_variable_statement(DeclarationKind::Var, t, false, false);
    } else if (at(TokenKind::Const)) {
        decl = parse_variable_statement(DeclarationKind::Const, t, false, false);
    } else if (at_let_declaration()) {
        decl = parse_variable_statement(DeclarationKind::Let, t, false, false);
    } else if (at(TokenKind::Function)) {
        decl = parse_function(t, NodeKind::FunctionDeclaration, false, false);
    } else if (at(TokenKind::Class)) {
        decl = parse_class(t, NodeKind::ClassDeclaration, false);
    } else if (at_contextual("async") && peek().kind == TokenKind::Function && !peek().newline_before) {
        advance();
        decl = parse_function(t, NodeKind::FunctionDeclaration, true, false);
    } else {
        unexpected();
    }
    std::vector<IdentifierNode*> names;
    if (decl->is(NodeKind::VariableDeclaration)) {
        for (auto* d : decl->as<VariableDeclarationNode>()->declarations)
            collect_bound_names(d->target, names);
    } else if (decl->is(NodeKind::FunctionDeclaration)) {
        names.push_back(decl->as<FunctionNode>()->id);
    } else {
        names.push_back(decl->as<ClassNode>()->id);
    }
    for (auto* id : names)
        add_export(id->name, id->range.start);
    node->declaration = decl;
    return finish(node);
}

ParseResult parse_program(std::string_view source, ParseOptions const& options)
{
    ParseResult result;
    result.m_arena = std::make_unique<Arena>();
    auto fail_result = [&](u32 offset, std::string message) {
        SyntaxError error;
        error.file = options.file_name;
        auto pos = position_of(result.m_source, offset);
        error.offset = pos.offset;
        error.line = pos.line;
        error.column = pos.column;
        error.message = std::move(message);
        result.m_error = std::move(error);
        result.m_program = nullptr;
    };
    if (source.size() > kMaxSourceBytes) {
        SyntaxError error;
        error.file = options.file_name;
        error.message = "source text is too large";
        result.m_error = std::move(error);
        return result;
    }
    result.m_source = result.m_arena->copy_string(source);
    if (auto bad = find_invalid_utf8(result.m_source)) {
        fail_result(*bad, "invalid UTF-8 in source text");
        return result;
    }
    try {
        Parser parser(result.m_source, *result.m_arena, options);
        result.m_program = parser.parse_program();
    } catch (ParseAbort& abort) {
        fail_result(abort.offset, std::move(abort.message));
    }
    return result;
}

} // namespace weft::parser
