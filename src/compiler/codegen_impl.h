// The Codegen class shared by the compiler's source files (internal to src/compiler).
//
// One Codegen compiles one function. Expressions leave their value in the accumulator;
// registers hold locals (fixed, from the scope analysis) and temporaries (a stack above them).
#pragma once

#include "compiler/codegen.h"
#include "compiler/compilation_unit.h"
#include "interpreter/bytecode.h"
#include "interpreter/thread_state.h"

#include <optional>
#include <unordered_map>

namespace weft::compiler {

using namespace parser;

struct Label {
    i64 target = -1;
    std::vector<u32> patches; // offsets of 4-byte label operands to fill in
};

// What a break / continue / return has to do on its way out of a statement.
struct Control {
    enum class Kind : u8 { Loop, Breakable, Finally, ForOf, Env };
    Kind kind;
    std::vector<std::string_view> labels;
    Label* break_label = nullptr;
    Label* continue_label = nullptr;
    u32 env_depth = 0;         // environments pushed when the statement began
    bool unlabeled_break = false; // switch statements take an unlabeled break
    // Finally
    u32 completion_register = 0;
    u32 value_register = 0;
    Label* finally_label = nullptr;
    struct PendingJump {
        u32 id;
        u32 target_control; // index into the control stack (or ~0u for return)
        bool is_continue;
    };
    std::vector<PendingJump> pending;
    // ForOf
    u32 iterator_register = 0;
    bool is_async = false;     // for await: AsyncIteratorClose
};

class Codegen {
public:
    Codegen(Vm&, SharedFunctionInfo*, CompilationUnit&);
    ThrowOr<CodeBlock*> compile();

    // --- Emission (codegen.cpp) --------------------------------------------------------------
    void emit(Opcode, std::initializer_list<i64> operands = {});
    void emit_jump(Opcode, Label&, std::initializer_list<i64> operands = {});
    void bind(Label&);
    void at(Node const*);
    u32 constant(Value);
    u32 constant_atom(std::string_view utf8);
    u32 constant_string(std::string_view wtf8);
    u32 ic() { return m_ic_count++; }
    u32 temp();
    u32 temps(u32 count);
    struct RegisterScope {
        explicit RegisterScope(Codegen& g) : g(g), saved(g.m_next_register) { }
        ~RegisterScope() { g.m_next_register = saved; }
        Codegen& g;
        u32 saved;
    };
    void fail_out_of_memory() { m_out_of_memory = true; }

    // --- Variables (codegen.cpp) ---------------------------------------------------------------
    u32 env_hops(Variable const*) const;
    bool needs_tdz_check(Variable const*, Node const* reference) const;
    void load_variable(Variable*, std::string_view name, Node const* reference, bool for_typeof = false);
    void store_variable(Variable*, std::string_view name, Node const* reference, bool initialize);
    void load_identifier(IdentifierNode const*, bool for_typeof = false);
    void store_identifier(IdentifierNode const*, bool initialize);
    FunctionInfo* this_provider() const;
    void load_this();
    void load_pseudo(Variable*, Opcode fallback);
    void enter_scope(Scope*);
    void exit_scope(Scope*);
    void initialize_lexicals(Scope*);
    void hoist_functions(List<Node> const& body);

    // --- Statements (codegen.cpp) ----------------------------------------------------------------
    void compile_statement(Node const*);
    void compile_statements(List<Node> const&);
    void compile_block(Node const* node, List<Node> const& body);
    void compile_variable_declaration(VariableDeclarationNode const*);
    void compile_if(IfStatementNode const*);
    void compile_for(ForStatementNode const*, std::vector<std::string_view> labels);
    void compile_for_in_of(ForInOfStatementNode const*, std::vector<std::string_view> labels);
    void compile_while(WhileStatementNode const*, std::vector<std::string_view> labels);
    void compile_switch(SwitchStatementNode const*, std::vector<std::string_view> labels);
    void compile_try(TryStatementNode const*);
    void compile_return(Node const* argument);
    void emit_return_of_accumulator();
    void compile_jump(JumpStatementNode const*);
    void emit_jump_to_control(u32 target_index, bool is_continue);
    void emit_pop_envs(u32 to_depth);
    void compile_labeled(LabeledStatementNode const*);
    void compile_loop_body(Node const* body, std::vector<std::string_view> labels, Label& break_label, Label& continue_label,
        u32 env_depth);

    // --- Expressions (codegen_expressions.cpp) -----------------------------------------------------
    void compile_expression(Node const*);
    void compile_named_expression(Node const*, std::string_view name);
    void compile_to_register(Node const*, u32 reg);
    void compile_literal_number(double);
    void compile_template(TemplateLiteralNode const*);
    void compile_array(ArrayExpressionNode const*);
    void compile_object(ObjectExpressionNode const*);
    void compile_unary(UnaryExpressionNode const*);
    void compile_update(UpdateExpressionNode const*);
    void compile_binary(BinaryExpressionNode const*);
    void emit_binary_op(BinaryOperator, u32 left_register);
    void compile_logical(LogicalExpressionNode const*);
    void compile_assignment(AssignmentExpressionNode const*);
    void compile_conditional(ConditionalExpressionNode const*);
    void compile_call(CallExpressionNode const*);
    void compile_new(CallExpressionNode const*);
    void compile_super_call(CallExpressionNode const*);
    // Arguments into consecutive registers; returns the first register and count, or sets
    // *spread_array to a register holding an array when any argument is a spread.
    u32 compile_arguments(List<Node> const&, u32* count, bool* spread);
    void compile_member(MemberExpressionNode const*, u32 object_register);
    void compile_member_load_key(MemberExpressionNode const*);
    void compile_tagged_template(TaggedTemplateExpressionNode const*);
    void compile_chain(ChainExpressionNode const*);
    void compile_yield(YieldExpressionNode const*);
    void compile_async_yield_star(YieldExpressionNode const*);
    void emit_iterator_close(u32 iterator, bool is_async);
    void compile_await(AwaitExpressionNode const*);
    void emit_resume_dispatch(bool generator);
    void compile_property_key(Node const* key, bool computed, u32 reg);
    std::optional<std::string_view> static_key_name(Node const* key, bool computed, std::string& storage);

    // --- Functions, classes, patterns (codegen_functions.cpp) -----------------------------------
    void compile_function_body();
    void compile_program_body();
    void compile_synthetic_initializer();
    void compile_default_constructor();
    void emit_closure(FunctionNode const*, std::string_view name);
    void compile_module_body();
    SharedFunctionInfo* make_shared_info(void const* node, FunctionKind, u16 flags, std::string_view name, u32 length);
    void compile_class(ClassNode const*, std::string_view name);
    // Binds the value in the accumulator to a pattern or target (declaration when `initialize`).
    void bind_pattern(Node const* target, bool initialize);
    void bind_object_pattern(ObjectPatternNode const*, u32 value_register, bool initialize);
    void bind_array_pattern(ArrayPatternNode const*, u32 value_register, bool initialize);
    // Assignment to a simple target (identifier or member) of the value in the accumulator.
    void assign_to_target(Node const* target, bool initialize);

    Vm& m_vm;
    SharedFunctionInfo* m_shared;
    CompilationUnit& m_unit;
    FunctionInfo* m_function = nullptr;
    Scope* m_scope = nullptr;
    std::vector<u8> m_code;
    RootedValues m_constants;
    std::unordered_map<u64, u32> m_constant_index;
    std::vector<HandlerEntry> m_handlers;
    std::vector<PositionEntry> m_positions;
    u32 m_ic_count = 0;
    u32 m_next_register = 0;
    u32 m_max_register = 0;
    u32 m_env_depth = 0;
    std::vector<Control> m_controls;
    std::deque<Label> m_label_storage;
    Label* m_optional_chain_end = nullptr;
    u32 m_completion_register = 0; // scripts: the completion value
    bool m_is_script = false;
    bool m_out_of_memory = false;
    SourceRange m_position {};
    bool m_position_valid = false;

    Label& new_label() { return m_label_storage.emplace_back(); }
    bool strict() const { return m_function->strict; }
    bool is_generator() const;
    bool is_async() const;
};

} // namespace weft::compiler
