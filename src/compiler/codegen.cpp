// The bytecode compiler: entry points, emission, variables and statements.
#include "compiler/codegen_impl.h"

#include "base/utf8.h"
#include "interpreter/operations.h"
#include "objects/atom_table.h"
#include "objects/environment.h"
#include "objects/string.h"
#include "vm/vm.h"

#include <cstring>

namespace weft {

using namespace compiler;
using namespace parser;

String* string_from_wtf8(Vm& vm, std::string_view text)
{
    if (is_ascii(text))
        return string_from_latin1(vm, text);
    std::u16string units;
    units.reserve(text.size());
    usize i = 0;
    while (i < text.size()) {
        auto b0 = static_cast<u8>(text[i]);
        u32 cp;
        usize len;
        if (b0 < 0x80) {
            cp = b0;
            len = 1;
        } else if (b0 < 0xe0 && i + 1 < text.size()) {
            cp = ((b0 & 0x1fu) << 6) | (static_cast<u8>(text[i + 1]) & 0x3fu);
            len = 2;
        } else if (b0 < 0xf0 && i + 2 < text.size()) {
            cp = ((b0 & 0x0fu) << 12) | ((static_cast<u8>(text[i + 1]) & 0x3fu) << 6) | (static_cast<u8>(text[i + 2]) & 0x3fu);
            len = 3;
        } else if (i + 3 < text.size()) {
            cp = ((b0 & 0x07u) << 18) | ((static_cast<u8>(text[i + 1]) & 0x3fu) << 12) | ((static_cast<u8>(text[i + 2]) & 0x3fu) << 6)
                | (static_cast<u8>(text[i + 3]) & 0x3fu);
            len = 4;
        } else {
            cp = 0xfffd;
            len = 1;
        }
        if (cp > 0xffff) {
            cp -= 0x10000;
            units.push_back(static_cast<char16_t>(0xd800 + (cp >> 10)));
            units.push_back(static_cast<char16_t>(0xdc00 + (cp & 0x3ff)));
        } else {
            units.push_back(static_cast<char16_t>(cp));
        }
        i += len;
    }
    return string_from_utf16(vm, units);
}

namespace compiler {

Codegen::Codegen(Vm& vm, SharedFunctionInfo* shared, CompilationUnit& unit)
    : m_vm(vm)
    , m_shared(shared)
    , m_unit(unit)
    , m_constants(vm)
{
}

bool Codegen::is_generator() const
{
    auto k = m_shared->kind();
    return k == FunctionKind::Generator || k == FunctionKind::AsyncGenerator;
}

bool Codegen::is_async() const
{
    auto k = m_shared->kind();
    return k == FunctionKind::Async || k == FunctionKind::AsyncArrow || k == FunctionKind::AsyncGenerator;
}

// --- Emission -------------------------------------------------------------------------------------

void Codegen::at(Node const* node)
{
    if (!node)
        return;
    m_position = node->range;
    m_position_valid = true;
}

void Codegen::emit(Opcode op, std::initializer_list<i64> operands)
{
    if (m_position_valid) {
        u32 offset = static_cast<u32>(m_code.size());
        if (m_positions.empty() || m_positions.back().line != m_position.line || m_positions.back().column != m_position.column) {
            if (!m_positions.empty() && m_positions.back().offset == offset)
                m_positions.back() = { offset, m_position.line, m_position.column, m_position.start };
            else
                m_positions.push_back({ offset, m_position.line, m_position.column, m_position.start });
        }
    }
    char const* format = opcode_format(op);
    // Pick the operand scale: every scaled operand of the instruction shares it.
    unsigned scale = 1;
    usize i = 0;
    for (char const* f = format; *f && i < operands.size(); ++f) {
        if (*f == 'L')
            continue;
        i64 v = operands.begin()[i++];
        if (*f == 'S') {
            if (v < -128 || v > 127)
                scale = std::max(scale, (v < -32768 || v > 32767) ? 4u : 2u);
        } else if (v > 255) {
            scale = std::max(scale, v > 65535 ? 4u : 2u);
        }
    }
    if (scale == 2)
        m_code.push_back(static_cast<u8>(Opcode::Wide));
    else if (scale == 4)
        m_code.push_back(static_cast<u8>(Opcode::ExtraWide));
    m_code.push_back(static_cast<u8>(op));
    i = 0;
    for (char const* f = format; *f; ++f) {
        if (*f == 'L')
            continue;
        WEFT_VERIFY(i < operands.size());
        u64 v = static_cast<u64>(operands.begin()[i++]);
        for (unsigned b = 0; b < scale; ++b)
            m_code.push_back(static_cast<u8>(v >> (8 * b)));
    }
}

void Codegen::emit_jump(Opcode op, Label& label, std::initializer_list<i64> operands)
{
    // A jump to a label already bound goes backwards: a loop back-edge (a `continue` of a
    // `while` jumps to the loop's test), which must poll the safepoint (JumpLoop) so that a
    // spinning thread lets collections and, in the locked mode, other threads run.
    if (op == Opcode::Jump && label.target >= 0)
        op = Opcode::JumpLoop;
    emit(op, operands);
    u32 site = static_cast<u32>(m_code.size());
    u32 target = label.target >= 0 ? static_cast<u32>(label.target) : 0;
    if (label.target < 0)
        label.patches.push_back(site);
    for (unsigned b = 0; b < 4; ++b)
        m_code.push_back(static_cast<u8>(target >> (8 * b)));
}

void Codegen::bind(Label& label)
{
    label.target = static_cast<i64>(m_code.size());
    u32 target = static_cast<u32>(label.target);
    for (u32 site : label.patches)
        std::memcpy(&m_code[site], &target, 4);
    label.patches.clear();
}

u32 Codegen::constant(Value v)
{
    auto [it, inserted] = m_constant_index.emplace(v.bits(), static_cast<u32>(m_constants.size()));
    if (inserted)
        m_constants.push(v);
    return it->second;
}

u32 Codegen::constant_atom(std::string_view text)
{
    String* s = string_from_wtf8(m_vm, text);
    if (s)
        s = m_vm.runtime().atoms().intern(m_vm, s);
    if (!s) {
        fail_out_of_memory();
        return constant(Value::undefined());
    }
    return constant(Value::from_cell(s));
}

u32 Codegen::constant_string(std::string_view text) { return constant_atom(text); }

u32 Codegen::temp()
{
    u32 r = m_next_register++;
    m_max_register = std::max(m_max_register, m_next_register);
    return r;
}

u32 Codegen::temps(u32 count)
{
    u32 r = m_next_register;
    m_next_register += count;
    m_max_register = std::max(m_max_register, m_next_register);
    return r;
}

// --- Variables ------------------------------------------------------------------------------------

u32 Codegen::env_hops(Variable const* v) const
{
    u32 hops = 0;
    for (Scope* s = m_scope; s && s != v->scope; s = s->parent) {
        if (s->has_env())
            ++hops;
    }
    return hops;
}

bool Codegen::needs_tdz_check(Variable const* v, Node const* reference) const
{
    if (!v->is_lexical())
        return false;
    if (reference && v->scope->function == m_function && v->decl_end != ~0u && v->decl_end != 0
        && reference->range.start >= v->decl_end)
        return false;
    return true;
}

void Codegen::load_variable(Variable* v, std::string_view name, Node const* reference, bool for_typeof)
{
    if (!v) {
        emit(for_typeof ? Opcode::LdaGlobalOrUndefined : Opcode::LdaGlobal, { constant_atom(name), ic() });
        return;
    }
    if (v->kind == VarKind::Import) {
        // A live import binding: a property of the imported module's namespace, whose getter
        // reads the exporting module's environment slot (ReferenceError in its TDZ).
        RegisterScope rs(*this);
        u32 holder = temp();
        load_variable(v->import_holder, v->import_holder->name, nullptr);
        emit(Opcode::Star, { holder });
        emit(Opcode::GetNamed, { holder, constant_atom(v->import_name), ic() });
        return;
    }
    switch (v->location) {
    case VarLocation::Register:
        emit(Opcode::Ldar, { v->index });
        if (needs_tdz_check(v, reference))
            emit(Opcode::ThrowIfEmpty, { constant_atom(name) });
        break;
    case VarLocation::Environment:
        if (needs_tdz_check(v, reference))
            emit(Opcode::LdaEnvChecked, { env_hops(v), v->index, constant_atom(name) });
        else
            emit(Opcode::LdaEnv, { env_hops(v), v->index });
        break;
    case VarLocation::GlobalObject:
    case VarLocation::GlobalLexical:
    case VarLocation::Unassigned:
        emit(for_typeof ? Opcode::LdaGlobalOrUndefined : Opcode::LdaGlobal, { constant_atom(name), ic() });
        break;
    }
}

void Codegen::store_variable(Variable* v, std::string_view name, Node const* reference, bool initialize)
{
    if (!v) {
        emit(Opcode::StaGlobal, { constant_atom(name), ic() });
        return;
    }
    if (!initialize && v->is_read_only()) {
        if (v->kind == VarKind::FunctionSelf && !strict())
            return; // assignment to a named function expression's own name is ignored (sloppy)
        if (needs_tdz_check(v, reference)) {
            RegisterScope rs(*this);
            u32 t = temp();
            emit(Opcode::Star, { t });
            load_variable(v, name, reference);
        }
        emit(Opcode::ThrowConstAssign, { constant_atom(name) });
        return;
    }
    switch (v->location) {
    case VarLocation::Register:
        if (!initialize && needs_tdz_check(v, reference)) {
            RegisterScope rs(*this);
            u32 t = temp();
            emit(Opcode::Star, { t });
            emit(Opcode::Ldar, { v->index });
            emit(Opcode::ThrowIfEmpty, { constant_atom(name) });
            emit(Opcode::Ldar, { t });
        }
        emit(Opcode::Star, { v->index });
        break;
    case VarLocation::Environment:
        if (!initialize && needs_tdz_check(v, reference))
            emit(Opcode::StaEnvChecked, { env_hops(v), v->index, constant_atom(name) });
        else
            emit(Opcode::StaEnv, { env_hops(v), v->index });
        break;
    case VarLocation::GlobalLexical:
        if (initialize)
            emit(Opcode::InitGlobalLexical, { constant_atom(name) });
        else
            emit(Opcode::StaGlobal, { constant_atom(name), ic() });
        break;
    case VarLocation::GlobalObject:
    case VarLocation::Unassigned:
        emit(Opcode::StaGlobal, { constant_atom(name), ic() });
        break;
    }
}

void Codegen::load_identifier(IdentifierNode const* id, bool for_typeof)
{
    at(id);
    if (id->name == "undefined" && !m_unit.scopes.resolution_of(id)) {
        emit(Opcode::LdaUndefined);
        return;
    }
    load_variable(m_unit.scopes.resolution_of(id), id->name, id, for_typeof);
}

void Codegen::store_identifier(IdentifierNode const* id, bool initialize)
{
    at(id);
    store_variable(m_unit.scopes.resolution_of(id), id->name, id, initialize);
}

FunctionInfo* Codegen::this_provider() const
{
    FunctionInfo* f = m_function;
    while (f->is_arrow && f->parent)
        f = f->parent;
    return f;
}

void Codegen::load_this()
{
    FunctionInfo* provider = this_provider();
    Variable* v = provider->this_var;
    if (!v) {
        emit(Opcode::Ldar, { 0 });
        return;
    }
    if (v->location == VarLocation::Register)
        emit(Opcode::Ldar, { v->index });
    else
        emit(Opcode::LdaEnv, { env_hops(v), v->index });
    if (provider->derived_constructor)
        emit(Opcode::ThrowIfThisEmpty);
}

void Codegen::load_pseudo(Variable* v, Opcode fallback)
{
    if (!v) {
        emit(fallback);
        return;
    }
    if (v->location == VarLocation::Register)
        emit(Opcode::Ldar, { v->index });
    else
        emit(Opcode::LdaEnv, { env_hops(v), v->index });
}

void Codegen::initialize_lexicals(Scope* scope)
{
    for (Variable* v : scope->vars) {
        if (!v->is_lexical())
            continue;
        if (v->location == VarLocation::Register) {
            emit(Opcode::LdaEmpty);
            emit(Opcode::Star, { v->index });
        } else if (v->location == VarLocation::Environment) {
            emit(Opcode::LdaEmpty);
            emit(Opcode::StaEnv, { 0, v->index });
        }
    }
}

void Codegen::enter_scope(Scope* scope)
{
    if (!scope)
        return;
    if (scope->has_env()) {
        emit(Opcode::PushEnv, { scope->env_slots });
        ++m_env_depth;
    }
    m_scope = scope;
    initialize_lexicals(scope);
}

void Codegen::exit_scope(Scope* scope)
{
    if (!scope)
        return;
    if (scope->has_env()) {
        emit(Opcode::PopEnv);
        --m_env_depth;
    }
    m_scope = scope->parent;
}

void Codegen::hoist_functions(List<Node> const& body)
{
    for (Node* s : body) {
        Node const* d = s;
        while (d->is(NodeKind::LabeledStatement))
            d = d->as<LabeledStatementNode>()->body;
        if (!d->is(NodeKind::FunctionDeclaration))
            continue;
        auto* f = d->as<FunctionNode>();
        if (!f->id)
            continue;
        at(f);
        emit_closure(f, f->id->name);
        Variable* v = m_scope->find(f->id->name);
        if (v && v->location == VarLocation::GlobalObject) {
            // Eval code: the binding was created (configurable) before the code ran.
            if (m_unit.scopes.is_eval_code())
                emit(Opcode::StaGlobal, { constant_atom(f->id->name), ic() });
            else
                emit(Opcode::DeclareGlobalFunction, { constant_atom(f->id->name) });
            continue;
        }
        store_variable(v, f->id->name, nullptr, true);
    }
}

// --- Statements -----------------------------------------------------------------------------------

void Codegen::compile_statements(List<Node> const& list)
{
    for (Node* s : list)
        compile_statement(s);
}

void Codegen::compile_block(Node const* node, List<Node> const& body)
{
    Scope* scope = m_unit.scopes.scope_of(node);
    enter_scope(scope);
    if (scope)
        hoist_functions(body);
    compile_statements(body);
    exit_scope(scope);
}

void Codegen::compile_statement(Node const* s)
{
    if (!s)
        return;
    at(s);
    switch (s->kind) {
    case NodeKind::ExpressionStatement:
        compile_expression(s->as<ExpressionStatementNode>()->expression);
        if (m_is_script && m_function->is_program)
            emit(Opcode::Star, { m_completion_register });
        break;
    case NodeKind::BlockStatement:
        compile_block(s, s->as<BlockStatementNode>()->body);
        break;
    case NodeKind::EmptyStatement:
        break;
    case NodeKind::DebuggerStatement:
        emit(Opcode::Debugger);
        break;
    case NodeKind::VariableDeclaration:
        compile_variable_declaration(s->as<VariableDeclarationNode>());
        break;
    case NodeKind::FunctionDeclaration: {
        // Hoisted; Annex B.3.3: in a sloppy block, the declaration also assigns the var.
        auto* f = s->as<FunctionNode>();
        if (f->id && m_scope != m_function->scope && !strict()) {
            Variable* block_binding = m_scope->find(f->id->name);
            Variable* var = m_function->scope->find(f->id->name);
            if (block_binding && var && var != block_binding && var->kind == VarKind::Var) {
                load_variable(block_binding, f->id->name, nullptr);
                Scope* saved = m_scope;
                store_variable(var, f->id->name, nullptr, true);
                m_scope = saved;
            }
        }
        break;
    }
    case NodeKind::ClassDeclaration: {
        auto* c = s->as<ClassNode>();
        compile_class(c, c->id ? c->id->name : std::string_view());
        if (c->id)
            store_identifier(c->id, true);
        break;
    }
    case NodeKind::ImportDeclaration:
    case NodeKind::ExportAllDeclaration:
        break;
    case NodeKind::ExportNamedDeclaration:
        compile_statement(s->as<ExportNamedDeclarationNode>()->declaration);
        break;
    case NodeKind::ExportDefaultDeclaration: {
        Node const* d = s->as<ExportDefaultDeclarationNode>()->declaration;
        if (d->is(NodeKind::FunctionDeclaration))
            break; // hoisted by compile_module_body
        if (d->is(NodeKind::ClassDeclaration) && d->as<ClassNode>()->id) {
            compile_statement(d);
            break;
        }
        if (d->is(NodeKind::ClassDeclaration) || (d->is(NodeKind::ClassExpression) && !d->as<ClassNode>()->id))
            compile_class(d->as<ClassNode>(), "default");
        else if ((d->is(NodeKind::FunctionExpression) || d->is(NodeKind::ArrowFunctionExpression)) && !d->as<FunctionNode>()->id)
            emit_closure(d->as<FunctionNode>(), "default");
        else
            compile_expression(d);
        store_variable(m_scope->find("*default*"), "*default*", nullptr, true);
        break;
    }
    case NodeKind::IfStatement:
        compile_if(s->as<IfStatementNode>());
        break;
    case NodeKind::ForStatement:
        compile_for(s->as<ForStatementNode>(), {});
        break;
    case NodeKind::ForInStatement:
    case NodeKind::ForOfStatement:
        compile_for_in_of(s->as<ForInOfStatementNode>(), {});
        break;
    case NodeKind::WhileStatement:
    case NodeKind::DoWhileStatement:
        compile_while(s->as<WhileStatementNode>(), {});
        break;
    case NodeKind::ReturnStatement:
        compile_return(s->as<ReturnStatementNode>()->argument);
        break;
    case NodeKind::ThrowStatement:
        compile_expression(s->as<ReturnStatementNode>()->argument);
        at(s);
        emit(Opcode::Throw);
        break;
    case NodeKind::BreakStatement:
    case NodeKind::ContinueStatement:
        compile_jump(s->as<JumpStatementNode>());
        break;
    case NodeKind::TryStatement:
        compile_try(s->as<TryStatementNode>());
        break;
    case NodeKind::SwitchStatement:
        compile_switch(s->as<SwitchStatementNode>(), {});
        break;
    case NodeKind::LabeledStatement:
        compile_labeled(s->as<LabeledStatementNode>());
        break;
    case NodeKind::WithStatement:
        emit(Opcode::ThrowTypeError, { constant_atom("'with' statements are not supported yet") });
        break;
    default:
        emit(Opcode::ThrowTypeError, { constant_atom(std::string("unsupported statement: ") + node_kind_name(s->kind)) });
        break;
    }
}

void Codegen::compile_variable_declaration(VariableDeclarationNode const* d)
{
    bool lexical = d->declaration_kind != DeclarationKind::Var;
    for (auto* decl : d->declarations) {
        at(decl);
        if (decl->init) {
            if (decl->target->is(NodeKind::Identifier))
                compile_named_expression(decl->init, decl->target->as<IdentifierNode>()->name);
            else
                compile_expression(decl->init);
            bind_pattern(decl->target, true);
        } else if (lexical) {
            emit(Opcode::LdaUndefined);
            bind_pattern(decl->target, true);
        }
    }
}

void Codegen::compile_if(IfStatementNode const* s)
{
    Label& else_label = new_label();
    Label& end = new_label();
    compile_expression(s->test);
    emit_jump(Opcode::JumpIfFalse, else_label);
    compile_statement(s->consequent);
    if (s->alternate) {
        emit_jump(Opcode::Jump, end);
        bind(else_label);
        compile_statement(s->alternate);
        bind(end);
    } else {
        bind(else_label);
    }
}

void Codegen::compile_loop_body(Node const* body, std::vector<std::string_view> labels, Label& break_label, Label& continue_label,
    u32 env_depth)
{
    Control c { Control::Kind::Loop };
    c.labels = std::move(labels);
    c.break_label = &break_label;
    c.continue_label = &continue_label;
    c.env_depth = env_depth;
    m_controls.push_back(std::move(c));
    compile_statement(body);
    m_controls.pop_back();
}

void Codegen::compile_while(WhileStatementNode const* s, std::vector<std::string_view> labels)
{
    Label& top = new_label();
    Label& cont = new_label();
    Label& end = new_label();
    if (s->is(NodeKind::WhileStatement)) {
        bind(top);
        bind(cont);
        compile_expression(s->test);
        emit_jump(Opcode::JumpIfFalse, end);
        compile_loop_body(s->body, std::move(labels), end, cont, m_env_depth);
        emit_jump(Opcode::JumpLoop, top);
    } else {
        bind(top);
        compile_loop_body(s->body, std::move(labels), end, cont, m_env_depth);
        bind(cont);
        compile_expression(s->test);
        emit_jump(Opcode::JumpIfFalse, end);
        emit_jump(Opcode::JumpLoop, top);
    }
    bind(end);
}

void Codegen::compile_for(ForStatementNode const* s, std::vector<std::string_view> labels)
{
    Scope* head = m_unit.scopes.scope_of(s);
    enter_scope(head);
    if (s->init) {
        if (s->init->is(NodeKind::VariableDeclaration))
            compile_variable_declaration(s->init->as<VariableDeclarationNode>());
        else
            compile_expression(s->init);
    }
    Label& top = new_label();
    Label& cont = new_label();
    Label& end = new_label();
    bind(top);
    if (s->test) {
        compile_expression(s->test);
        emit_jump(Opcode::JumpIfFalse, end);
    }
    compile_loop_body(s->body, std::move(labels), end, cont, m_env_depth);
    bind(cont);
    if (head && head->has_env())
        emit(Opcode::CopyEnv); // CreatePerIterationEnvironment
    if (s->update)
        compile_expression(s->update);
    emit_jump(Opcode::JumpLoop, top);
    bind(end);
    exit_scope(head);
}

void Codegen::compile_for_in_of(ForInOfStatementNode const* s, std::vector<std::string_view> labels)
{
    RegisterScope rs(*this);
    Scope* head = m_unit.scopes.scope_of(s);
    bool is_of = s->is(NodeKind::ForOfStatement);
    // The right-hand side sees the head's bindings in their TDZ.
    if (head) {
        enter_scope(head);
        compile_expression(s->right);
        exit_scope(head);
    } else {
        compile_expression(s->right);
    }
    u32 iter = temps(3);
    at(s);
    if (is_of) {
        if (s->is_await) {
            emit(Opcode::GetAsyncIterator, { iter });
        } else {
            emit(Opcode::GetIterator, { iter });
        }
    } else {
        emit(Opcode::ForInPrepare, { iter });
    }
    u32 saved_env = temp();
    emit(Opcode::SaveEnv, { saved_env });
    u32 outer_depth = m_env_depth;
    Label& top = new_label();
    Label& cont = new_label();
    Label& end = new_label();
    Label& break_close = new_label();
    bind(top);
    at(s);
    if (is_of && s->is_await) {
        // nextResult = Await(Call(next, iterator)); done -> end; else its value.
        u32 result = temp();
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::AsyncIteratorNext), iter, 2 });
        compile_await(nullptr);
        emit(Opcode::Star, { result });
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorResultCheck), result, 1 });
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorComplete), result, 1 });
        emit_jump(Opcode::JumpIfTrue, end);
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorValue), result, 1 });
    } else {
        emit_jump(is_of ? Opcode::IteratorStep : Opcode::ForInNext, end, { iter });
    }
    u32 handler_start = static_cast<u32>(m_code.size());
    if (is_of) {
        Control c { Control::Kind::ForOf };
        c.iterator_register = iter;
        c.is_async = s->is_await;
        c.env_depth = outer_depth;
        m_controls.push_back(std::move(c));
    }
    u32 value = temp();
    emit(Opcode::Star, { value });
    enter_scope(head);
    emit(Opcode::Ldar, { value });
    Node const* target = s->left;
    if (target->is(NodeKind::VariableDeclaration))
        target = target->as<VariableDeclarationNode>()->declarations[0]->target;
    bind_pattern(target, s->left->is(NodeKind::VariableDeclaration));
    compile_loop_body(s->body, std::move(labels), is_of ? break_close : end, cont, outer_depth);
    exit_scope(head);
    if (is_of)
        m_controls.pop_back();
    u32 handler_end = static_cast<u32>(m_code.size());
    bind(cont);
    emit_jump(Opcode::JumpLoop, top);
    if (is_of) {
        // An abrupt throw out of the body closes the iterator, then rethrows.
        Label& handler = new_label();
        bind(handler);
        m_handlers.push_back({ handler_start, handler_end, static_cast<u32>(handler.target), saved_env });
        u32 exception = temp();
        emit(Opcode::Star, { exception });
        if (s->is_await) {
            // AsyncIteratorClose with a throw completion: call return() and await its result,
            // ignoring any error, then rethrow.
            u32 method = temp();
            Label& rethrow = new_label();
            Label& quiet = new_label();
            u32 close_start = static_cast<u32>(m_code.size());
            emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::GetIteratorReturn), iter, 1 });
            emit(Opcode::Star, { method });
            emit_jump(Opcode::JumpIfUndefined, rethrow);
            emit(Opcode::Call, { method, iter, iter, 0 });
            emit(Opcode::Await);
            u32 close_end = static_cast<u32>(m_code.size());
            emit_jump(Opcode::Jump, rethrow);
            bind(quiet);
            m_handlers.push_back({ close_start, close_end, static_cast<u32>(quiet.target), saved_env });
            bind(rethrow);
        } else {
            emit(Opcode::IteratorCloseQuiet, { iter });
        }
        emit(Opcode::Ldar, { exception });
        emit(Opcode::Throw);
        // `break` out of the loop closes the iterator.
        bind(break_close);
        emit_iterator_close(iter, s->is_await);
    }
    bind(end);
}

void Codegen::compile_switch(SwitchStatementNode const* s, std::vector<std::string_view> labels)
{
    RegisterScope rs(*this);
    compile_expression(s->discriminant);
    u32 d = temp();
    emit(Opcode::Star, { d });
    Scope* scope = m_unit.scopes.scope_of(s);
    enter_scope(scope);
    if (scope) {
        std::vector<Node*> all;
        for (auto* c : s->cases)
            for (Node* x : c->consequent)
                all.push_back(x);
        hoist_functions(List<Node> { all.data(), static_cast<u32>(all.size()) });
    }
    std::vector<Label*> case_labels;
    Label* default_label = nullptr;
    Label& end = new_label();
    for (auto* c : s->cases) {
        Label& l = new_label();
        case_labels.push_back(&l);
        if (!c->test) {
            default_label = &l;
            continue;
        }
        compile_expression(c->test);
        emit(Opcode::StrictEq, { d });
        emit_jump(Opcode::JumpIfTrue, l);
    }
    emit_jump(Opcode::Jump, default_label ? *default_label : end);
    Control control { Control::Kind::Breakable };
    control.labels = std::move(labels);
    control.break_label = &end;
    control.env_depth = m_env_depth;
    control.unlabeled_break = true;
    m_controls.push_back(std::move(control));
    for (u32 i = 0; i < s->cases.size; ++i) {
        bind(*case_labels[i]);
        compile_statements(s->cases[i]->consequent);
    }
    m_controls.pop_back();
    bind(end);
    exit_scope(scope);
}

void Codegen::compile_labeled(LabeledStatementNode const* s)
{
    std::vector<std::string_view> labels;
    Node const* body = s;
    while (body->is(NodeKind::LabeledStatement)) {
        labels.push_back(body->as<LabeledStatementNode>()->label->name);
        body = body->as<LabeledStatementNode>()->body;
    }
    at(body);
    switch (body->kind) {
    case NodeKind::ForStatement:
        compile_for(body->as<ForStatementNode>(), labels);
        return;
    case NodeKind::ForInStatement:
    case NodeKind::ForOfStatement:
        compile_for_in_of(body->as<ForInOfStatementNode>(), labels);
        return;
    case NodeKind::WhileStatement:
    case NodeKind::DoWhileStatement:
        compile_while(body->as<WhileStatementNode>(), labels);
        return;
    case NodeKind::SwitchStatement:
        compile_switch(body->as<SwitchStatementNode>(), labels);
        return;
    default:
        break;
    }
    Label& end = new_label();
    Control c { Control::Kind::Breakable };
    c.labels = std::move(labels);
    c.break_label = &end;
    c.env_depth = m_env_depth;
    m_controls.push_back(std::move(c));
    compile_statement(body);
    m_controls.pop_back();
    bind(end);
}

// IteratorClose / AsyncIteratorClose with a normal completion (clobbers the accumulator).
void Codegen::emit_iterator_close(u32 iter, bool is_async)
{
    if (!is_async) {
        emit(Opcode::IteratorClose, { iter });
        return;
    }
    RegisterScope rs(*this);
    u32 method = temp();
    Label& skip = new_label();
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::GetIteratorReturn), iter, 1 });
    emit(Opcode::Star, { method });
    emit_jump(Opcode::JumpIfUndefined, skip);
    emit(Opcode::Call, { method, iter, iter, 0 });
    compile_await(nullptr);
    emit(Opcode::Star, { method });
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorResultCheck), method, 1 });
    bind(skip);
}

void Codegen::emit_pop_envs(u32 to_depth)
{
    for (u32 d = m_env_depth; d > to_depth; --d)
        emit(Opcode::PopEnv);
}

// Jumps to the break or continue label of m_controls[target], closing iterators and running
// finally blocks on the way.
void Codegen::emit_jump_to_control(u32 target, bool is_continue)
{
    for (u32 i = static_cast<u32>(m_controls.size()); i-- > target + 1;) {
        Control& c = m_controls[i];
        if (c.kind == Control::Kind::ForOf) {
            emit_pop_envs(c.env_depth);
            emit_iterator_close(c.iterator_register, c.is_async);
        } else if (c.kind == Control::Kind::Finally) {
            emit_pop_envs(c.env_depth);
            u32 id = 3 + static_cast<u32>(c.pending.size());
            c.pending.push_back({ id, target, is_continue });
            emit(Opcode::LdaSmi, { id });
            emit(Opcode::Star, { c.completion_register });
            emit_jump(Opcode::Jump, *c.finally_label);
            return;
        }
    }
    Control& t = m_controls[target];
    u32 saved_depth = m_env_depth;
    emit_pop_envs(t.env_depth);
    m_env_depth = saved_depth;
    emit_jump(Opcode::Jump, is_continue ? *t.continue_label : *t.break_label);
}

void Codegen::compile_jump(JumpStatementNode const* s)
{
    bool is_continue = s->is(NodeKind::ContinueStatement);
    for (u32 i = static_cast<u32>(m_controls.size()); i-- > 0;) {
        Control& c = m_controls[i];
        bool matches;
        if (s->label) {
            matches = std::find(c.labels.begin(), c.labels.end(), s->label->name) != c.labels.end();
            if (matches && is_continue && c.kind != Control::Kind::Loop)
                matches = false;
        } else {
            matches = is_continue ? c.kind == Control::Kind::Loop : (c.kind == Control::Kind::Loop || c.unlabeled_break);
        }
        if (matches && (c.kind == Control::Kind::Loop || c.kind == Control::Kind::Breakable)) {
            emit_jump_to_control(i, is_continue);
            return;
        }
    }
}

void Codegen::emit_return_of_accumulator()
{
    // Leave through every enclosing for-of (close) and finally (run it first).
    RegisterScope rs(*this);
    bool saved = false;
    u32 value = 0;
    for (u32 i = static_cast<u32>(m_controls.size()); i-- > 0;) {
        Control& c = m_controls[i];
        if (c.kind == Control::Kind::ForOf) {
            if (!saved) {
                value = temp();
                emit(Opcode::Star, { value });
                saved = true;
            }
            emit_iterator_close(c.iterator_register, c.is_async);
        } else if (c.kind == Control::Kind::Finally) {
            if (saved)
                emit(Opcode::Ldar, { value });
            emit(Opcode::Star, { c.value_register });
            emit(Opcode::LdaSmi, { 2 });
            emit(Opcode::Star, { c.completion_register });
            u32 depth = m_env_depth;
            emit_pop_envs(c.env_depth);
            m_env_depth = depth;
            emit_jump(Opcode::Jump, *c.finally_label);
            return;
        }
    }
    if (saved)
        emit(Opcode::Ldar, { value });
    if (m_function->derived_constructor && !m_function->is_arrow) {
        RegisterScope inner(*this);
        u32 result = temp();
        emit(Opcode::Star, { result });
        Variable* this_var = m_function->this_var;
        u32 this_register = temp();
        if (this_var && this_var->location == VarLocation::Environment)
            emit(Opcode::LdaEnv, { env_hops(this_var), this_var->index });
        else
            emit(Opcode::Ldar, { 0 });
        emit(Opcode::Star, { this_register });
        emit(Opcode::Ldar, { result });
        emit(Opcode::CheckDerivedReturn, { this_register });
    }
    emit(Opcode::Return);
}

void Codegen::compile_return(Node const* argument)
{
    if (argument)
        compile_expression(argument);
    else
        emit(Opcode::LdaUndefined);
    // `return expr;` in an async generator awaits the value; a bare `return;` does not.
    if (argument && is_async() && is_generator())
        compile_await(nullptr);
    emit_return_of_accumulator();
}

void Codegen::compile_try(TryStatementNode const* s)
{
    RegisterScope rs(*this);
    u32 saved_env = temp();
    emit(Opcode::SaveEnv, { saved_env });
    Control* finally_control = nullptr;
    Label* finally_label = nullptr;
    u32 completion = 0, value = 0;
    if (s->finalizer) {
        completion = temp();
        value = temp();
        finally_label = &new_label();
        Control c { Control::Kind::Finally };
        c.completion_register = completion;
        c.value_register = value;
        c.finally_label = finally_label;
        c.env_depth = m_env_depth;
        m_controls.push_back(std::move(c));
    }
    u32 outer_start = static_cast<u32>(m_code.size());
    // try { block } catch (e) { handler }
    u32 start = static_cast<u32>(m_code.size());
    compile_block(s->block, s->block->body);
    u32 end = static_cast<u32>(m_code.size());
    if (s->handler) {
        Label& after = new_label();
        emit_jump(Opcode::Jump, after);
        Label& catch_label = new_label();
        bind(catch_label);
        m_handlers.push_back({ start, end, static_cast<u32>(catch_label.target), saved_env });
        Scope* scope = m_unit.scopes.scope_of(s->handler);
        enter_scope(scope);
        if (s->handler->param)
            bind_pattern(s->handler->param, true);
        compile_block(s->handler->body, s->handler->body->body);
        exit_scope(scope);
        bind(after);
    }
    if (!s->finalizer)
        return;
    u32 outer_end = static_cast<u32>(m_code.size());
    Control finally_copy = std::move(m_controls.back());
    m_controls.pop_back();
    finally_control = &finally_copy;
    // Normal completion.
    emit(Opcode::LdaSmi, { 0 });
    emit(Opcode::Star, { completion });
    emit_jump(Opcode::Jump, *finally_label);
    // Throw completion.
    Label& throw_handler = new_label();
    bind(throw_handler);
    m_handlers.push_back({ outer_start, outer_end, static_cast<u32>(throw_handler.target), saved_env });
    emit(Opcode::Star, { value });
    emit(Opcode::LdaSmi, { 1 });
    emit(Opcode::Star, { completion });
    bind(*finally_label);
    compile_block(s->finalizer, s->finalizer->body);
    // Dispatch on the completion.
    Label& done = new_label();
    u32 scratch = temp();
    emit(Opcode::Ldar, { completion });
    emit_jump(Opcode::JumpIfFalse, done); // 0: normal
    {
        Label& not_throw = new_label();
        emit(Opcode::LdaSmi, { 1 });
        emit(Opcode::StrictEq, { completion });
        emit_jump(Opcode::JumpIfFalse, not_throw);
        emit(Opcode::Ldar, { value });
        emit(Opcode::Throw);
        bind(not_throw);
    }
    {
        Label& not_return = new_label();
        emit(Opcode::LdaSmi, { 2 });
        emit(Opcode::StrictEq, { completion });
        emit_jump(Opcode::JumpIfFalse, not_return);
        emit(Opcode::Ldar, { value });
        emit_return_of_accumulator();
        bind(not_return);
    }
    for (auto const& jump : finally_control->pending) {
        Label& next = new_label();
        emit(Opcode::LdaSmi, { jump.id });
        emit(Opcode::StrictEq, { completion });
        emit_jump(Opcode::JumpIfFalse, next);
        emit_jump_to_control(jump.target_control, jump.is_continue);
        bind(next);
    }
    (void)scratch;
    bind(done);
}

} // namespace compiler

// --- Entry points ---------------------------------------------------------------------------------

ThrowOr<SharedFunctionInfo*> compile_script(Vm& vm, ScriptSource const& source, std::string* syntax_error)
{
    auto unit = std::make_shared<CompilationUnit>();
    unit->file_name = source.file_name;
    ParseOptions options;
    options.file_name = source.file_name;
    unit->parse = parse_program(source.text, options);
    if (!unit->parse.ok()) {
        std::string text = format_syntax_error(unit->parse.error(), unit->parse.source());
        if (syntax_error)
            *syntax_error = text;
        return throw_error(vm, ErrorType::SyntaxError, unit->parse.error().message);
    }
    unit->scopes.analyze(unit->parse.program(), source.eval_code);
    String* name = vm.runtime().atoms().intern(vm, "");
    if (!name)
        return throw_out_of_memory(vm);
    u16 flags = unit->parse.program()->strict ? SharedFunctionInfo::kStrict : 0;
    SharedFunctionInfo* shared = SharedFunctionInfo::try_create(vm, unit, unit->parse.program(), FunctionKind::Script, flags, name, 0);
    if (!shared)
        return throw_out_of_memory(vm);
    return shared;
}

ThrowOr<CodeBlock*> compile_function(Vm& vm, SharedFunctionInfo* shared)
{
    compiler::Codegen codegen(vm, shared, *shared->unit());
    return codegen.compile();
}

} // namespace weft
