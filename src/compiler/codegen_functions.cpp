// The bytecode compiler: function bodies and prologues, closures, classes and patterns.
#include "compiler/codegen_impl.h"

#include "interpreter/operations.h"
#include "objects/string.h"
#include "vm/vm.h"

namespace weft::compiler {

// --- Entry: one function ----------------------------------------------------------------------------

ThrowOr<CodeBlock*> Codegen::compile()
{
    FunctionInfo default_constructor_info;
    void const* node = m_shared->node();
    auto kind = m_shared->kind();
    if (kind == FunctionKind::Script || static_cast<Node const*>(node)->is(NodeKind::Program)) {
        m_function = m_unit.scopes.function_of(static_cast<Node const*>(node));
        m_is_script = true;
    } else if (static_cast<Node const*>(node)->is(NodeKind::ClassDeclaration) || static_cast<Node const*>(node)->is(NodeKind::ClassExpression)) {
        auto* c = static_cast<ClassNode const*>(node);
        if (kind == FunctionKind::FieldInitializer) {
            m_function = m_unit.scopes.field_initializer_of(c);
        } else if (kind == FunctionKind::StaticInitializer) {
            m_function = m_unit.scopes.static_initializer_of(c);
        } else {
            default_constructor_info.node = c;
            default_constructor_info.class_node = c;
            default_constructor_info.strict = true;
            default_constructor_info.derived_constructor = kind == FunctionKind::DerivedConstructor;
            default_constructor_info.scope = m_unit.scopes.scope_of(c);
            m_function = &default_constructor_info;
        }
    } else {
        m_function = m_unit.scopes.function_of(static_cast<Node const*>(node));
    }
    WEFT_VERIFY(m_function);
    m_next_register = m_function->register_count;
    m_max_register = m_next_register;
    m_scope = m_function->scope;

    if (kind == FunctionKind::Script)
        compile_program_body();
    else if (static_cast<Node const*>(node)->is(NodeKind::Program))
        compile_module_body();
    else if (kind == FunctionKind::FieldInitializer || kind == FunctionKind::StaticInitializer)
        compile_synthetic_initializer();
    else if (m_function == &default_constructor_info)
        compile_default_constructor();
    else
        compile_function_body();

    if (m_out_of_memory)
        return throw_out_of_memory(m_vm);
    auto data = std::make_unique<CodeData>();
    data->bytecode = std::move(m_code);
    data->constants = m_constants.values();
    data->handlers = std::move(m_handlers);
    data->positions = std::move(m_positions);
    data->ic_count = m_ic_count;
    data->ics = std::make_unique<Atomic<u64>[]>(std::max<u32>(m_ic_count, 1));
    data->register_count = m_max_register;
    data->shared = m_shared;
    if (m_function->node && FunctionNode::matches(m_function->node->kind))
        data->parameter_count = static_cast<FunctionNode const*>(m_function->node)->params.size;
    CodeBlock* code = CodeBlock::try_create(m_vm, std::move(data));
    if (!code)
        return throw_out_of_memory(m_vm);
    return code;
}

static void store_pseudo_initial(Codegen& g, Variable* v, Opcode load)
{
    if (!v)
        return;
    g.emit(load);
    if (v->location == VarLocation::Register)
        g.emit(Opcode::Star, { v->index });
    else
        g.emit(Opcode::StaEnv, { 0, v->index });
}

void Codegen::compile_program_body()
{
    auto* program = static_cast<ProgramNode const*>(m_function->node);
    m_completion_register = temp();
    if (m_scope->has_env()) {
        emit(Opcode::PushEnv, { m_scope->env_slots });
        ++m_env_depth;
    }
    initialize_lexicals(m_scope); // eval code's local lexicals (script ones are global cells)
    if (m_function->this_var && m_function->this_var->location == VarLocation::Environment) {
        emit(Opcode::Ldar, { 0 });
        emit(Opcode::StaEnv, { 0, m_function->this_var->index });
    }
    for (Variable* v : m_scope->vars) {
        if (v->location == VarLocation::GlobalObject && v->kind == VarKind::Var)
            emit(Opcode::DeclareGlobalVar, { constant_atom(v->name) });
        else if (v->location == VarLocation::GlobalLexical)
            emit(Opcode::DeclareGlobalLexical, { constant_atom(v->name), v->kind == VarKind::Const ? 1 : 0 });
    }
    hoist_functions(program->body);
    emit(Opcode::LdaUndefined);
    emit(Opcode::Star, { m_completion_register });
    compile_statements(program->body);
    emit(Opcode::Ldar, { m_completion_register });
    emit(Opcode::Return);
}

// A module's top-level code runs as an async function (top-level await) whose environment, the
// module environment, was created and partly filled (imports) when the module was linked.
void Codegen::compile_module_body()
{
    auto* program = static_cast<ProgramNode const*>(m_function->node);
    m_completion_register = temp();
    emit(Opcode::AsyncStart);
    // Function declarations, including those inside export statements, are instantiated when the
    // module is linked (modules.cpp creates the closures from the SharedFunctionInfos in this
    // code's constant pool), so that a module in a cycle can call them before this code runs.
    // The code below only puts those SharedFunctionInfos in the pool: it is jumped over.
    Label& after_declarations = new_label();
    emit_jump(Opcode::Jump, after_declarations);
    hoist_functions(program->body);
    for (Node* s : program->body) {
        Node const* d = nullptr;
        if (s->is(NodeKind::ExportNamedDeclaration))
            d = s->as<ExportNamedDeclarationNode>()->declaration;
        else if (s->is(NodeKind::ExportDefaultDeclaration))
            d = s->as<ExportDefaultDeclarationNode>()->declaration;
        if (!d || !d->is(NodeKind::FunctionDeclaration))
            continue;
        auto* f = d->as<FunctionNode>();
        at(f);
        emit_closure(f, f->id ? f->id->name : std::string_view("default"));
        std::string_view binding = f->id ? f->id->name : std::string_view("*default*");
        store_variable(m_scope->find(binding), binding, nullptr, true);
    }
    bind(after_declarations);
    emit(Opcode::LdaUndefined);
    emit(Opcode::Star, { m_completion_register });
    compile_statements(program->body);
    emit(Opcode::LdaUndefined);
    emit_return_of_accumulator();
}

void Codegen::compile_function_body()
{
    auto* f = static_cast<FunctionNode const*>(m_function->node);
    at(f);
    if (m_shared->kind() == FunctionKind::Async || m_shared->kind() == FunctionKind::AsyncArrow)
        emit(Opcode::AsyncStart);
    if (m_scope->has_env()) {
        emit(Opcode::PushEnv, { m_scope->env_slots });
        ++m_env_depth;
    }
    initialize_lexicals(m_scope);
    if (m_function->this_var && m_function->this_var->location == VarLocation::Environment) {
        emit(Opcode::Ldar, { 0 });
        emit(Opcode::StaEnv, { 0, m_function->this_var->index });
    }
    store_pseudo_initial(*this, m_function->new_target_var, Opcode::LdaNewTarget);
    store_pseudo_initial(*this, m_function->home_object_var, Opcode::LdaHomeObject);
    store_pseudo_initial(*this, m_function->callee_var, Opcode::LdaCallee);
    store_pseudo_initial(*this, m_function->self_var, Opcode::LdaCallee);
    store_pseudo_initial(*this, m_function->arguments_var, Opcode::CreateArguments);
    // Parameters: argument i arrives in register 1 + i.
    for (u32 i = 0; i < f->params.size; ++i) {
        Node const* p = f->params[i];
        u32 arg = 1 + i;
        at(p);
        if (p->is(NodeKind::Identifier)) {
            Variable* v = m_unit.scopes.resolution_of(p);
            if (v && v->location == VarLocation::Register && v->index == arg)
                continue;
            emit(Opcode::Ldar, { arg });
            store_identifier(p->as<IdentifierNode>(), true);
            continue;
        }
        if (p->is(NodeKind::RestElement)) {
            emit(Opcode::CreateRestParameter, { i });
            bind_pattern(p->as<RestElementNode>()->argument, true);
            continue;
        }
        emit(Opcode::Ldar, { arg });
        bind_pattern(p, true);
    }
    if (f->body->is(NodeKind::BlockStatement))
        hoist_functions(f->body->as<BlockStatementNode>()->body);
    if (m_shared->kind() == FunctionKind::ClassConstructor && m_function->class_node
        && m_unit.scopes.field_initializer_of(m_function->class_node))
        emit(Opcode::InitFields);
    if (m_shared->kind() == FunctionKind::Generator || m_shared->kind() == FunctionKind::AsyncGenerator) {
        emit(Opcode::InitialYield);
        emit_resume_dispatch(true);
    }
    if (f->has(kFunctionExpressionBody)) {
        compile_expression(f->body);
        emit(Opcode::Return);
        return;
    }
    compile_statements(f->body->as<BlockStatementNode>()->body);
    emit(Opcode::LdaUndefined);
    emit_return_of_accumulator();
}

void Codegen::compile_default_constructor()
{
    auto* c = static_cast<ClassNode const*>(m_function->node);
    if (!m_function->derived_constructor) {
        if (m_unit.scopes.field_initializer_of(c))
            emit(Opcode::InitFields);
        emit(Opcode::LdaUndefined);
        emit(Opcode::Return);
        return;
    }
    u32 function = temps(2);
    emit(Opcode::LdaCallee);
    emit(Opcode::Star, { function });
    emit(Opcode::LdaNewTarget);
    emit(Opcode::Star, { function + 1 });
    u32 args = temp();
    emit(Opcode::CreateRestParameter, { 0 });
    emit(Opcode::Star, { args });
    emit(Opcode::SuperCallSpread, { function, args });
    emit(Opcode::Return);
}

void Codegen::compile_synthetic_initializer()
{
    auto* c = m_function->class_node;
    bool is_static = m_function->is_static_initializer;
    if (m_scope->has_env()) {
        emit(Opcode::PushEnv, { m_scope->env_slots });
        ++m_env_depth;
    }
    if (m_function->this_var && m_function->this_var->location == VarLocation::Environment) {
        emit(Opcode::Ldar, { 0 });
        emit(Opcode::StaEnv, { 0, m_function->this_var->index });
    }
    store_pseudo_initial(*this, m_function->home_object_var, Opcode::LdaHomeObject);
    for (Node* e : c->body) {
        at(e);
        if (e->is(NodeKind::PropertyDefinition)) {
            auto* p = e->as<PropertyDefinitionNode>();
            if (p->is_static != is_static)
                continue;
            RegisterScope rs(*this);
            u32 key = temp();
            std::string storage;
            std::string_view name;
            bool is_private = p->key->is(NodeKind::PrivateIdentifier);
            if (is_private) {
                auto* id = p->key->as<PrivateIdentifierNode>();
                std::string private_name = "#" + std::string(id->name);
                load_variable(m_scope->parent->find(private_name), private_name, nullptr);
                emit(Opcode::Star, { key });
            } else if (p->computed && !static_key_name(p->key, true, storage)) {
                Variable* hidden = m_unit.scopes.computed_key_of(e);
                load_variable(hidden, hidden->name, nullptr);
                emit(Opcode::Star, { key });
            } else {
                compile_property_key(p->key, p->computed, key);
                if (auto n = static_key_name(p->key, p->computed, storage))
                    name = *n;
            }
            if (p->value)
                compile_named_expression(p->value, name);
            else
                emit(Opcode::LdaUndefined);
            at(e);
            emit(is_private ? Opcode::DefinePrivate : Opcode::DefineKeyed, { 0, key });
        } else if (is_static && e->is(NodeKind::StaticBlock)) {
            auto* b = e->as<StaticBlockNode>();
            Scope* scope = m_unit.scopes.scope_of(b);
            enter_scope(scope);
            hoist_functions(b->body);
            compile_statements(b->body);
            exit_scope(scope);
        }
    }
    emit(Opcode::LdaUndefined);
    emit(Opcode::Return);
}

// --- Closures -----------------------------------------------------------------------------------------

SharedFunctionInfo* Codegen::make_shared_info(void const* node, FunctionKind kind, u16 flags, std::string_view name, u32 length)
{
    String* name_string = string_from_wtf8(m_vm, name);
    if (name_string)
        name_string = m_vm.runtime().atoms().intern(m_vm, name_string);
    SharedFunctionInfo* shared = name_string ? SharedFunctionInfo::try_create(m_vm, m_shared->unit_ref(), node, kind, flags, name_string, length) : nullptr;
    if (!shared)
        fail_out_of_memory();
    return shared;
}

static u32 expected_argument_count(FunctionNode const* f)
{
    u32 n = 0;
    for (Node* p : f->params) {
        if (p->is(NodeKind::AssignmentPattern) || p->is(NodeKind::RestElement))
            break;
        ++n;
    }
    return n;
}

void Codegen::emit_closure(FunctionNode const* f, std::string_view name)
{
    FunctionKind kind = FunctionKind::Normal;
    bool async = f->has(kFunctionAsync);
    bool generator = f->has(kFunctionGenerator);
    if (f->has(kFunctionArrow))
        kind = async ? FunctionKind::AsyncArrow : FunctionKind::Arrow;
    else if (async && generator)
        kind = FunctionKind::AsyncGenerator;
    else if (generator)
        kind = FunctionKind::Generator;
    else if (async)
        kind = FunctionKind::Async;
    else if (f->has(kFunctionMethod) || f->has(kFunctionGetter) || f->has(kFunctionSetter))
        kind = FunctionKind::Method;
    u16 flags = 0;
    if (f->has(kFunctionStrict))
        flags |= SharedFunctionInfo::kStrict;
    if (f->has(kFunctionSimpleParameters))
        flags |= SharedFunctionInfo::kHasSimpleParameters;
    if (f->has(kFunctionGetter) || f->has(kFunctionSetter))
        flags |= SharedFunctionInfo::kIsGetterOrSetter;
    SharedFunctionInfo* shared = make_shared_info(f, kind, flags, name, expected_argument_count(f));
    if (!shared)
        return;
    at(f);
    emit(Opcode::CreateClosure, { constant(Value::from_cell(shared)) });
}

// --- Classes --------------------------------------------------------------------------------------------

void Codegen::compile_class(ClassNode const* c, std::string_view name)
{
    RegisterScope rs(*this);
    Scope* scope = m_unit.scopes.scope_of(c);
    enter_scope(scope);
    for (Variable* v : scope->vars) {
        if (v->kind != VarKind::PrivateName)
            continue;
        emit(Opcode::CreatePrivateName, { constant_atom(v->name) });
        store_variable(v, v->name, nullptr, true);
    }
    u32 super_register = temp();
    u32 proto_register = temp();
    u32 ctor_register = temp();
    if (c->super_class) {
        compile_expression(c->super_class);
        emit(Opcode::Star, { super_register });
    }
    bool derived = c->super_class != nullptr;
    SharedFunctionInfo* ctor;
    FunctionKind ctor_kind = derived ? FunctionKind::DerivedConstructor : FunctionKind::ClassConstructor;
    if (c->constructor) {
        auto* f = c->constructor->value;
        ctor = make_shared_info(f, ctor_kind, SharedFunctionInfo::kStrict, name, expected_argument_count(f));
    } else {
        ctor = make_shared_info(c, ctor_kind, SharedFunctionInfo::kStrict, name, 0);
    }
    if (!ctor)
        return;
    at(c);
    emit(Opcode::CreateClass, { constant(Value::from_cell(ctor)), super_register, proto_register, derived ? 1 : 0 });
    emit(Opcode::Star, { ctor_register });
    for (Node* e : c->body) {
        at(e);
        if (e->is(NodeKind::MethodDefinition)) {
            auto* m = e->as<MethodDefinitionNode>();
            if (m->method_kind == MethodKind::Constructor)
                continue;
            RegisterScope inner(*this);
            u32 target = m->is_static ? ctor_register : proto_register;
            u32 key = temp();
            std::string storage;
            std::optional<std::string_view> key_name;
            if (m->key->is(NodeKind::PrivateIdentifier)) {
                auto* id = m->key->as<PrivateIdentifierNode>();
                std::string private_name = "#" + std::string(id->name);
                load_variable(scope->find(private_name), private_name, nullptr);
                emit(Opcode::Star, { key });
                storage = private_name;
                key_name = storage;
            } else {
                compile_property_key(m->key, m->computed, key);
                key_name = static_key_name(m->key, m->computed, storage);
            }
            std::string fname = key_name ? std::string(*key_name) : std::string();
            if (m->method_kind == MethodKind::Get)
                fname = "get " + fname;
            else if (m->method_kind == MethodKind::Set)
                fname = "set " + fname;
            emit_closure(m->value, fname);
            emit(Opcode::SetHomeObject, { target });
            if (!key_name) {
                RegisterScope args_scope(*this);
                u32 args = temps(2);
                emit(Opcode::Star, { args });
                emit(Opcode::Mov, { key, args + 1 });
                emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::SetFunctionName), args, 2 });
                emit(Opcode::Ldar, { args });
            }
            if (m->method_kind == MethodKind::Get)
                emit(Opcode::DefineGetter, { target, key, 1 });
            else if (m->method_kind == MethodKind::Set)
                emit(Opcode::DefineSetter, { target, key, 1 });
            else
                emit(Opcode::DefineMethodKeyed, { target, key });
        } else if (e->is(NodeKind::PropertyDefinition)) {
            auto* p = e->as<PropertyDefinitionNode>();
            std::string storage;
            if (p->computed && !static_key_name(p->key, true, storage)) {
                compile_expression(p->key);
                emit(Opcode::ToPropertyKey);
                Variable* hidden = m_unit.scopes.computed_key_of(e);
                store_variable(hidden, hidden->name, nullptr, true);
            }
        }
    }
    if (m_unit.scopes.field_initializer_of(c)) {
        SharedFunctionInfo* init = make_shared_info(c, FunctionKind::FieldInitializer, SharedFunctionInfo::kStrict, "<instance_members_initializer>", 0);
        if (!init)
            return;
        emit(Opcode::CreateClosure, { constant(Value::from_cell(init)) });
        emit(Opcode::SetHomeObject, { proto_register });
        emit(Opcode::SetClassFields, { ctor_register });
    }
    if (c->id) {
        if (Variable* self = scope->find(c->id->name); self && self->kind == VarKind::ClassSelf) {
            emit(Opcode::Ldar, { ctor_register });
            store_variable(self, self->name, nullptr, true);
        }
    }
    if (m_unit.scopes.static_initializer_of(c)) {
        SharedFunctionInfo* init = make_shared_info(c, FunctionKind::StaticInitializer, SharedFunctionInfo::kStrict, "<static_initializer>", 0);
        if (!init)
            return;
        RegisterScope inner(*this);
        u32 callee = temp();
        emit(Opcode::CreateClosure, { constant(Value::from_cell(init)) });
        emit(Opcode::SetHomeObject, { ctor_register });
        emit(Opcode::Star, { callee });
        emit(Opcode::Call, { callee, ctor_register, callee, 0 });
    }
    exit_scope(scope);
    emit(Opcode::Ldar, { ctor_register });
}

// --- Patterns -------------------------------------------------------------------------------------------

void Codegen::bind_pattern(Node const* target, bool initialize)
{
    at(target);
    switch (target->kind) {
    case NodeKind::Identifier:
        store_identifier(target->as<IdentifierNode>(), initialize);
        return;
    case NodeKind::MemberExpression:
        assign_to_target(target, initialize);
        return;
    case NodeKind::AssignmentPattern: {
        auto* a = target->as<AssignmentPatternNode>();
        Label& has_value = new_label();
        emit_jump(Opcode::JumpIfNotUndefined, has_value);
        if (a->target->is(NodeKind::Identifier))
            compile_named_expression(a->default_value, a->target->as<IdentifierNode>()->name);
        else
            compile_expression(a->default_value);
        bind(has_value);
        bind_pattern(a->target, initialize);
        return;
    }
    case NodeKind::ObjectPattern: {
        RegisterScope rs(*this);
        u32 value = temp();
        emit(Opcode::Star, { value });
        bind_object_pattern(target->as<ObjectPatternNode>(), value, initialize);
        return;
    }
    case NodeKind::ArrayPattern: {
        RegisterScope rs(*this);
        u32 value = temp();
        emit(Opcode::Star, { value });
        bind_array_pattern(target->as<ArrayPatternNode>(), value, initialize);
        return;
    }
    default:
        emit(Opcode::ThrowTypeError, { constant_atom("invalid destructuring target") });
        return;
    }
}

void Codegen::bind_object_pattern(ObjectPatternNode const* p, u32 value, bool initialize)
{
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::CheckObjectCoercible), value, 1 });
    u32 key_count = p->properties.size;
    u32 keys = temps(std::max<u32>(key_count, 1));
    for (u32 i = 0; i < p->properties.size; ++i) {
        Node* e = p->properties[i];
        at(e);
        if (e->is(NodeKind::RestElement)) {
            RegisterScope rs(*this);
            u32 rest = temp();
            emit(Opcode::CreateObject);
            emit(Opcode::Star, { rest });
            emit(Opcode::Ldar, { value });
            emit(Opcode::CopyDataPropertiesExcluding, { rest, keys, i });
            emit(Opcode::Ldar, { rest });
            bind_pattern(e->as<RestElementNode>()->argument, initialize);
            continue;
        }
        auto* prop = e->as<PropertyNode>();
        compile_property_key(prop->key, prop->computed, keys + i);
        emit(Opcode::Ldar, { keys + i });
        emit(Opcode::GetKeyed, { value });
        bind_pattern(prop->value, initialize);
    }
}

void Codegen::bind_array_pattern(ArrayPatternNode const* p, u32 value, bool initialize)
{
    u32 iter = temps(2);
    u32 done = temp();
    emit(Opcode::Ldar, { value });
    emit(Opcode::GetIterator, { iter });
    emit(Opcode::LdaFalse);
    emit(Opcode::Star, { done });
    for (Node* e : p->elements) {
        if (e && e->is(NodeKind::RestElement)) {
            RegisterScope rs(*this);
            u32 array = temp();
            emit(Opcode::CreateArray);
            emit(Opcode::Star, { array });
            Label& skip = new_label();
            Label& loop = new_label();
            Label& end = new_label();
            emit(Opcode::Ldar, { done });
            emit_jump(Opcode::JumpIfTrue, skip);
            bind(loop);
            emit_jump(Opcode::IteratorStep, end, { iter });
            emit(Opcode::ArrayPush, { array });
            emit_jump(Opcode::JumpLoop, loop);
            bind(end);
            emit(Opcode::LdaTrue);
            emit(Opcode::Star, { done });
            bind(skip);
            emit(Opcode::Ldar, { array });
            bind_pattern(e->as<RestElementNode>()->argument, initialize);
            continue;
        }
        Label& exhausted = new_label();
        Label& use_undefined = new_label();
        Label& got = new_label();
        emit(Opcode::Ldar, { done });
        emit_jump(Opcode::JumpIfTrue, use_undefined);
        emit_jump(Opcode::IteratorStep, exhausted, { iter });
        emit_jump(Opcode::Jump, got);
        bind(exhausted);
        emit(Opcode::LdaTrue);
        emit(Opcode::Star, { done });
        bind(use_undefined);
        emit(Opcode::LdaUndefined);
        bind(got);
        if (e)
            bind_pattern(e, initialize);
    }
    Label& skip_close = new_label();
    emit(Opcode::Ldar, { done });
    emit_jump(Opcode::JumpIfTrue, skip_close);
    emit(Opcode::IteratorClose, { iter });
    bind(skip_close);
}

} // namespace weft::compiler
