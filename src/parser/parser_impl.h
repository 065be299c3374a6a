// The recursive-descent Parser behind parse_program(): state, scopes and helpers shared by
// parser.cpp (statements, modules, scopes), parser_expressions.cpp and parser_functions.cpp.
#pragma once

#include "parser/parser.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace weft::parser {

constexpr u32 kNoOffset = 0xffff'ffff;

// Node flag used only while parsing: an array/object literal whose spread element is
// followed by a trailing comma (valid as an expression, not as a pattern).
constexpr u8 kNodeTrailingCommaAfterSpread = 1 << 1;

// Early-error bookkeeping for the cover grammars (an expression that may turn out to be a
// pattern). Positions are byte offsets, kNoOffset when absent.
struct CoverErrors {
    u32 shorthand_assign { kNoOffset }; // `{ a = 1 }`: valid only as a pattern
    u32 double_proto { kNoOffset };     // duplicate __proto__: valid only as a pattern
    u32 trailing_comma { kNoOffset };   // `[...a, ]` / `{...a, }`: valid only as an expression
};

enum class ScopeKind : u8 { Script, Module, Function, Block, Catch, StaticBlock };

enum class BindingKind : u8 {
    Var,
    VarForOf,        // a var declared by `for (var x of ...)`: conflicts with catch parameters
    Lexical,
    SloppyFunction,  // a plain function declaration in a block in sloppy code (Annex B duplicates)
    Param,
};

struct Scope {
    ScopeKind kind;
    Scope* parent;
    // Lexically declared names of this scope, with whether each was bound only by sloppy
    // block-level function declarations.
    std::unordered_map<std::string_view, bool> lexical;
    std::unordered_set<std::string_view> vars; // var names declared in or hoisted through
    std::unordered_set<std::string_view> params;
    std::unordered_set<std::string_view> catch_params;
    bool catch_param_is_simple { false };
    bool is_catch_body { false }; // the block of a catch clause (checks its parent's params)
    bool is_function_body { false };

    bool is_var_scope() const
    {
        return kind == ScopeKind::Script || kind == ScopeKind::Module || kind == ScopeKind::Function || kind == ScopeKind::StaticBlock;
    }
};

struct Label {
    std::string_view name;
    bool is_loop;
};

// Per-function parsing context ([Yield], [Await], [Return] and what `super`, `new.target`
// and `arguments` may do). Arrow functions copy what they inherit from their parent.
struct FunctionState {
    FunctionState* parent { nullptr };
    bool is_program { false };
    bool is_async { false };
    bool is_generator { false };
    bool is_arrow { false };
    bool is_static_block { false };
    bool is_field_initializer { false };
    bool strict { false };
    bool in_parameters { false };
    bool allow_return { false };
    bool allow_super_property { false };
    bool allow_super_call { false };
    bool allow_new_target { false };
    bool allow_arguments { true };
    bool await_identifier_reserved { false }; // static blocks (and what they contain up to a function)
    std::vector<Label> labels;
    u32 label_set_begin { kNoOffset };
    u32 breakable_depth { 0 };
    u32 loop_depth { 0 };
};

// Private names declared by one class body.
struct ClassScope {
    ClassScope* parent { nullptr };
    // name -> kind bits: 1 field/method, 2 getter, 4 setter, 8 static
    std::unordered_map<std::string_view, u8> declared;
    std::vector<std::pair<std::string_view, u32>> referenced;
};

struct ModuleExports {
    std::unordered_set<std::string_view> exported_names;
    std::vector<std::pair<std::string_view, u32>> local_references; // export { a } checks
    std::unordered_set<std::string_view> top_level_declared;
};

class Parser {
public:
    Parser(std::string_view source, Arena& arena, ParseOptions const& options);
    ProgramNode* parse_program();

private:
    friend struct DepthGuard;
    friend struct ScopeGuard;
    friend struct FunctionGuard;

    // Tokens -----------------------------------------------------------------------------
    void advance();
    Token peek();
    bool at(TokenKind k) const { return m_tok.kind == k; }
    bool at_contextual(std::string_view word) const { return m_tok.is_contextual(word); }
    bool eat(TokenKind k);
    void expect(TokenKind k);
    void consume_semicolon();
    bool can_insert_semicolon() const;
    [[noreturn]] void fail(std::string message) { fail_at(m_tok.start, std::move(message)); }
    [[noreturn]] void unexpected();

    template<typename T, typename... Args>
    T* make(Token const& start, Args&&... args)
    {
        T* node = m_arena.make<T>(std::forward<Args>(args)...);
        node->range.start = start.start;
        node->range.line = start.line;
        node->range.column = start.column;
        node->range.end = start.end;
        return node;
    }
    template<typename T, typename... Args>
    T* make_at(Node const* start, Args&&... args)
    {
        T* node = m_arena.make<T>(std::forward<Args>(args)...);
        node->range = start->range;
        return node;
    }
    template<typename T>
    T* finish(T* node)
    {
        node->range.end = m_prev_end;
        return node;
    }
    template<typename T>
    List<T> make_list(std::vector<T*> const& items)
    {
        List<T> list;
        list.size = static_cast<u32>(items.size());
        if (!items.empty()) {
            auto** array = static_cast<T**>(m_arena.allocate(sizeof(T*) * items.size(), alignof(T*)));
            for (usize i = 0; i < items.size(); ++i)
                array[i] = items[i];
            list.items = array;
        }
        return list;
    }

    bool strict() const { return m_fn->strict; }
    bool is_module() const { return m_options.goal == Goal::Module; }
    bool await_is_keyword() const { return m_fn->is_async || (is_module() && m_fn->is_program); }
    bool yield_is_keyword() const { return m_fn->is_generator; }

    // Statements (parser.cpp) ----------------------------------------------------------------
    enum class StatementContext : u8 { ListItem, Statement, IfClause, LabelledBody };
    void parse_directives_and_statements(std::vector<Node*>& out, TokenKind end, bool function_body, FunctionNode* function);
    void parse_directive_prologue(std::vector<Node*>& out, FunctionNode* function);
    void parse_statement_list(std::vector<Node*>& out, TokenKind end);
    Node* parse_statement_list_item();
    Node* parse_module_item();
    Node* parse_statement(StatementContext context);
    Node* parse_block_statement(bool new_scope = true);
    Node* parse_variable_statement(DeclarationKind kind, Token const& start, bool for_head, bool no_in);
    Node* parse_if_statement();
    Node* parse_for_statement();
    Node* parse_while_statement();
    Node* parse_do_while_statement();
    Node* parse_return_statement();
    Node* parse_jump_statement(bool is_break);
    Node* parse_throw_statement();
    Node* parse_try_statement();
    Node* parse_switch_statement();
    Node* parse_with_statement();
    Node* parse_labelled_statement(StatementContext context, u32 label_set);
    Node* parse_expression_statement();
    Node* parse_import_declaration();
    Node* parse_export_declaration();
    Node* parse_module_export_name();
    StringLiteralNode* parse_module_specifier();
    List<ImportAttributeNode> parse_import_attributes();
    bool at_let_declaration();
    bool at_using_declaration(bool for_head);
    bool at_await_using_declaration(bool for_head);
    Node* parse_loop_body();

    // Scopes and declarations -----------------------------------------------------------------
    void declare(std::string_view name, u32 offset, BindingKind kind);
    void declare_pattern(Node* pattern, BindingKind kind);
    void check_lexical_name(Node* pattern);
    void collect_bound_names(Node* pattern, std::vector<IdentifierNode*>& out);
    void check_binding_identifier(std::string_view name, u32 offset, bool has_escape);
    void check_identifier_reference(std::string_view name, u32 offset, bool has_escape);
    void check_strict_binding_name(std::string_view name, u32 offset);

    // Expressions (parser_expressions.cpp) ----------------------------------------------------
    Node* parse_expression(bool no_in = false, CoverErrors* cover = nullptr);
    Node* parse_assignment(bool no_in = false, CoverErrors* cover = nullptr);
    Node* parse_conditional(bool no_in, CoverErrors* cover);
    Node* parse_binary(u32 min_precedence, bool no_in, CoverErrors* cover);
    Node* parse_unary(CoverErrors* cover);
    Node* parse_postfix(CoverErrors* cover);
    Node* parse_lhs(CoverErrors* cover);
    Node* parse_subscripts(Node* base, Token const& start, bool no_call);
    Node* parse_new_expression();
    Node* parse_primary(CoverErrors* cover);
    Node* parse_paren_expression(CoverErrors* cover);
    Node* parse_array_literal(CoverErrors* cover);
    Node* parse_object_literal(CoverErrors* cover);
    Node* parse_template_literal(bool tagged);
    Node* parse_yield_expression(bool no_in);
    Node* parse_await_expression();
    Node* parse_import_expression(Token const& start);
    Node* parse_identifier_reference();
    IdentifierNode* parse_identifier_name(); // any IdentifierName, keywords included
    Node* parse_property_name(bool& computed, bool allow_private);
    void parse_arguments(std::vector<Node*>& out, CoverErrors* cover, u32* spread_trailing_comma = nullptr);
    Node* parse_regexp_literal();
    void check_cover_errors(CoverErrors const& cover);
    void check_not_bare_arrow(Node* node);
    void check_simple_assignment_target(Node* node, bool for_update);
    void use_private_name(std::string_view name, u32 offset);

    // Patterns, functions and classes (parser_functions.cpp) ----------------------------------
    Node* to_assignable(Node* node, bool binding);
    Node* parse_binding_target();
    Node* parse_binding_element();
    Node* parse_binding_pattern();
    Node* parse_arrow_function(Token const& start, std::vector<Node*> const& params, bool is_async, bool no_in, u32 yield_await_pos);
    FunctionNode* parse_function(Token const& start, NodeKind kind, bool is_async, bool allow_anonymous);
    FunctionNode* parse_method(Token const& start, bool is_async, bool is_generator, u16 method_flags, bool is_class_member, bool is_static);
    void parse_function_params_and_body(FunctionNode* fn, FunctionState& state);
    void parse_function_body(FunctionNode* fn, FunctionState& state, std::vector<IdentifierNode*> const& param_names, bool simple_params);
    void validate_params(FunctionNode* fn, std::vector<IdentifierNode*> const& names, bool strict, bool allow_duplicates);
    ClassNode* parse_class(Token const& start, NodeKind kind, bool allow_anonymous);
    Node* parse_class_element(ClassNode* cls, bool& has_constructor);
    Node* parse_field_initializer(bool is_static);
    Node* parse_static_block(Token const& start);

    std::string_view m_source;
    Arena& m_arena;
    ParseOptions const& m_options;
    Lexer m_lexer;
    Token m_tok;
    u32 m_prev_end { 0 };
    FunctionState* m_fn { nullptr };
    Scope* m_scope { nullptr };
    ClassScope* m_class { nullptr };
    ModuleExports* m_exports { nullptr };
    u32 m_depth { 0 };
    uptr m_stack_limit { 0 }; // recursion stops before the frame address falls below this
    // First YieldExpression/AwaitExpression (or `await` identifier) position since the
    // innermost parenthesized cover began: arrow parameters may not contain them.
    u32 m_yield_await_pos { kNoOffset };
    // First `await` used as an identifier since the innermost async-arrow cover began.
    u32 m_await_ident_pos { kNoOffset };
    std::vector<Node*> m_scratch_unused;
};

// RAII: counts nesting and fails past the limit.
struct DepthGuard {
    Parser& parser;
    explicit DepthGuard(Parser& p, u32 offset);
    ~DepthGuard() { --parser.m_depth; }
};

struct ScopeGuard {
    Parser& parser;
    Scope scope;
    ScopeGuard(Parser& p, ScopeKind kind)
        : parser(p)
        , scope { kind, p.m_scope, {}, {}, {}, {} }
    {
        p.m_scope = &scope;
    }
    ~ScopeGuard() { parser.m_scope = scope.parent; }
};

struct FunctionGuard {
    Parser& parser;
    FunctionState state;
    explicit FunctionGuard(Parser& p)
        : parser(p)
    {
        state.parent = p.m_fn;
        state.strict = p.m_fn ? p.m_fn->strict : false;
        p.m_fn = &state;
    }
    ~FunctionGuard() { parser.m_fn = state.parent; }
};

bool is_strict_reserved_word(std::string_view name);
bool is_reserved_word(std::string_view name);

} // namespace weft::parser
