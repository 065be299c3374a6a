// The bytecode compiler: expressions (the value ends in the accumulator).
#include "compiler/codegen_impl.h"

#include "base/number_format.h"
#include "objects/atom_table.h"
#include "objects/environment.h"
#include "objects/string.h"
#include "vm/vm.h"

#include <cmath>

namespace weft::compiler {

void Codegen::compile_literal_number(double d)
{
    i32 i;
    if (double_to_int32_exact(d, &i))
        emit(Opcode::LdaSmi, { i });
    else
        emit(Opcode::LdaConst, { constant(Value::from_number(d)) });
}

void Codegen::compile_to_register(Node const* node, u32 reg)
{
    compile_expression(node);
    emit(Opcode::Star, { reg });
}

static bool is_anonymous_function_definition(Node const* n)
{
    if (n->is(NodeKind::FunctionExpression) || n->is(NodeKind::ArrowFunctionExpression))
        return !n->as<FunctionNode>()->id;
    if (n->is(NodeKind::ClassExpression))
        return !n->as<ClassNode>()->id;
    return false;
}

void Codegen::compile_named_expression(Node const* node, std::string_view name)
{
    if (node->parenthesized() || !is_anonymous_function_definition(node)) {
        compile_expression(node);
        return;
    }
    at(node);
    if (node->is(NodeKind::ClassExpression))
        compile_class(node->as<ClassNode>(), name);
    else
        emit_closure(node->as<FunctionNode>(), name);
}

void Codegen::compile_expression(Node const* n)
{
    at(n);
    switch (n->kind) {
    case NodeKind::NumericLiteral:
        compile_literal_number(n->as<NumericLiteralNode>()->value);
        break;
    case NodeKind::StringLiteral:
        emit(Opcode::LdaConst, { constant_string(n->as<StringLiteralNode>()->value) });
        break;
    case NodeKind::BooleanLiteral:
        emit(n->as<BooleanLiteralNode>()->value ? Opcode::LdaTrue : Opcode::LdaFalse);
        break;
    case NodeKind::NullLiteral:
        emit(Opcode::LdaNull);
        break;
    case NodeKind::BigIntLiteral:
        emit(Opcode::ThrowTypeError, { constant_atom("BigInt is not supported yet") });
        break;
    case NodeKind::RegExpLiteral: {
        auto* r = n->as<RegExpLiteralNode>();
        emit(Opcode::CreateRegExp, { constant_string(r->pattern), constant_string(r->flags) });
        break;
    }
    case NodeKind::TemplateLiteral:
        compile_template(n->as<TemplateLiteralNode>());
        break;
    case NodeKind::TaggedTemplateExpression:
        compile_tagged_template(n->as<TaggedTemplateExpressionNode>());
        break;
    case NodeKind::Identifier:
        load_identifier(n->as<IdentifierNode>());
        break;
    case NodeKind::ThisExpression:
        load_this();
        break;
    case NodeKind::ArrayExpression:
        compile_array(n->as<ArrayExpressionNode>());
        break;
    case NodeKind::ObjectExpression:
        compile_object(n->as<ObjectExpressionNode>());
        break;
    case NodeKind::FunctionExpression:
    case NodeKind::ArrowFunctionExpression: {
        auto* f = n->as<FunctionNode>();
        emit_closure(f, f->id ? f->id->name : std::string_view());
        break;
    }
    case NodeKind::ClassExpression: {
        auto* c = n->as<ClassNode>();
        compile_class(c, c->id ? c->id->name : std::string_view());
        break;
    }
    case NodeKind::UnaryExpression:
        compile_unary(n->as<UnaryExpressionNode>());
        break;
    case NodeKind::UpdateExpression:
        compile_update(n->as<UpdateExpressionNode>());
        break;
    case NodeKind::BinaryExpression:
        compile_binary(n->as<BinaryExpressionNode>());
        break;
    case NodeKind::LogicalExpression:
        compile_logical(n->as<LogicalExpressionNode>());
        break;
    case NodeKind::AssignmentExpression:
        compile_assignment(n->as<AssignmentExpressionNode>());
        break;
    case NodeKind::ConditionalExpression:
        compile_conditional(n->as<ConditionalExpressionNode>());
        break;
    case NodeKind::CallExpression:
        compile_call(n->as<CallExpressionNode>());
        break;
    case NodeKind::NewExpression:
        compile_new(n->as<CallExpressionNode>());
        break;
    case NodeKind::MemberExpression: {
        RegisterScope rs(*this);
        compile_member(n->as<MemberExpressionNode>(), temp());
        break;
    }
    case NodeKind::ChainExpression:
        compile_chain(n->as<ChainExpressionNode>());
        break;
    case NodeKind::SequenceExpression:
        for (Node* e : n->as<SequenceExpressionNode>()->expressions)
            compile_expression(e);
        break;
    case NodeKind::YieldExpression:
        compile_yield(n->as<YieldExpressionNode>());
        break;
    case NodeKind::AwaitExpression:
        compile_expression(n->as<AwaitExpressionNode>()->argument);
        compile_await(n->as<AwaitExpressionNode>());
        break;
    case NodeKind::MetaProperty:
        if (n->as<MetaPropertyNode>()->meta == MetaPropertyKind::NewTarget)
            load_pseudo(this_provider()->new_target_var, Opcode::LdaNewTarget);
        else {
            RegisterScope rs(*this);
            u32 referrer = temp();
            emit(Opcode::LdaConst, { constant_atom(m_unit.file_name) });
            emit(Opcode::Star, { referrer });
            emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::ImportMeta), referrer, 1 });
        }
        break;
    case NodeKind::ImportCall: {
        auto* call = n->as<ImportCallNode>();
        RegisterScope rs(*this);
        u32 args = temps(3);
        emit(Opcode::LdaConst, { constant_atom(m_unit.file_name) });
        emit(Opcode::Star, { args });
        compile_expression(call->source);
        emit(Opcode::Star, { args + 1 });
        if (call->options)
            compile_expression(call->options);
        else
            emit(Opcode::LdaUndefined);
        emit(Opcode::Star, { args + 2 });
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::DynamicImport), args, 3 });
        break;
    }
    default:
        emit(Opcode::ThrowTypeError, { constant_atom(std::string("unsupported expression: ") + node_kind_name(n->kind)) });
        break;
    }
}

void Codegen::compile_template(TemplateLiteralNode const* t)
{
    RegisterScope rs(*this);
    emit(Opcode::LdaConst, { constant_string(t->quasis[0]->cooked) });
    if (t->expressions.empty())
        return;
    u32 acc = temp();
    emit(Opcode::Star, { acc });
    for (u32 i = 0; i < t->expressions.size; ++i) {
        compile_expression(t->expressions[i]);
        emit(Opcode::ToString);
        emit(Opcode::Add, { acc });
        emit(Opcode::Star, { acc });
        std::string_view cooked = t->quasis[i + 1]->cooked;
        if (!cooked.empty()) {
            emit(Opcode::LdaConst, { constant_string(cooked) });
            emit(Opcode::Add, { acc });
            emit(Opcode::Star, { acc });
        }
    }
    emit(Opcode::Ldar, { acc });
}

void Codegen::compile_tagged_template(TaggedTemplateExpressionNode const* t)
{
    RegisterScope rs(*this);
    u32 callee = temp();
    u32 this_register = temp();
    if (t->tag->is(NodeKind::MemberExpression)) {
        compile_member(t->tag->as<MemberExpressionNode>(), this_register);
    } else {
        compile_expression(t->tag);
        emit(Opcode::LdaUndefined);
        emit(Opcode::Star, { this_register });
        compile_expression(t->tag);
    }
    emit(Opcode::Star, { callee });
    // The strings: a ValueArray [cooked..., raw...] in the constant pool.
    u32 count = t->quasi->quasis.size;
    ValueArray* strings = ValueArray::try_create(m_vm, count * 2);
    if (!strings) {
        fail_out_of_memory();
        return;
    }
    u32 strings_index = constant(Value::from_cell(strings));
    for (u32 i = 0; i < count; ++i) {
        auto* q = t->quasi->quasis[i];
        String* cooked = q->cooked_valid ? string_from_wtf8(m_vm, q->cooked) : nullptr;
        String* raw = string_from_wtf8(m_vm, q->raw);
        if ((q->cooked_valid && !cooked) || !raw) {
            fail_out_of_memory();
            return;
        }
        strings->set(i, cooked ? Value::from_cell(cooked) : Value::undefined());
        strings->set(count + i, Value::from_cell(raw));
    }
    u32 args = temps(1 + t->quasi->expressions.size);
    at(t);
    emit(Opcode::GetTemplateObject, { strings_index, ic() });
    emit(Opcode::Star, { args });
    for (u32 i = 0; i < t->quasi->expressions.size; ++i)
        compile_to_register(t->quasi->expressions[i], args + 1 + i);
    at(t);
    emit(Opcode::Call, { callee, this_register, args, 1 + t->quasi->expressions.size });
}

void Codegen::compile_array(ArrayExpressionNode const* a)
{
    RegisterScope rs(*this);
    u32 array = temp();
    emit(Opcode::CreateArray);
    emit(Opcode::Star, { array });
    for (Node* e : a->elements) {
        if (!e) {
            emit(Opcode::ArrayPushHole, { array });
        } else if (e->is(NodeKind::SpreadElement)) {
            compile_expression(e->as<SpreadElementNode>()->argument);
            at(e);
            emit(Opcode::ArraySpread, { array });
        } else {
            compile_expression(e);
            emit(Opcode::ArrayPush, { array });
        }
    }
    emit(Opcode::Ldar, { array });
}

std::optional<std::string_view> Codegen::static_key_name(Node const* key, bool computed, std::string& storage)
{
    if (computed) {
        if (key->is(NodeKind::StringLiteral))
            return key->as<StringLiteralNode>()->value;
        if (key->is(NodeKind::NumericLiteral)) {
            char buffer[kMaxNumberChars];
            storage.assign(buffer, number_to_chars(key->as<NumericLiteralNode>()->value, buffer));
            return std::string_view(storage);
        }
        return std::nullopt;
    }
    switch (key->kind) {
    case NodeKind::Identifier:
        return key->as<IdentifierNode>()->name;
    case NodeKind::StringLiteral:
        return key->as<StringLiteralNode>()->value;
    case NodeKind::NumericLiteral: {
        char buffer[kMaxNumberChars];
        storage.assign(buffer, number_to_chars(key->as<NumericLiteralNode>()->value, buffer));
        return std::string_view(storage);
    }
    case NodeKind::BigIntLiteral:
        storage = std::string(key->as<BigIntLiteralNode>()->digits);
        return std::string_view(storage);
    default:
        return std::nullopt;
    }
}

// The key of a property definition into `reg` (an atom constant, or ToPropertyKey of a computed key).
void Codegen::compile_property_key(Node const* key, bool computed, u32 reg)
{
    std::string storage;
    if (auto name = static_key_name(key, computed, storage)) {
        u32 index;
        if (parse_array_index(*name, &index) && index <= 0x7fffffff)
            emit(Opcode::LdaSmi, { static_cast<i64>(index) });
        else
            emit(Opcode::LdaConst, { constant_atom(*name) });
        emit(Opcode::Star, { reg });
        return;
    }
    compile_expression(key);
    emit(Opcode::ToPropertyKey);
    emit(Opcode::Star, { reg });
}

void Codegen::compile_object(ObjectExpressionNode const* o)
{
    RegisterScope rs(*this);
    u32 object = temp();
    emit(Opcode::CreateObject);
    emit(Opcode::Star, { object });
    for (Node* p : o->properties) {
        at(p);
        if (p->is(NodeKind::SpreadElement)) {
            compile_expression(p->as<SpreadElementNode>()->argument);
            emit(Opcode::CopyDataProperties, { object });
            continue;
        }
        auto* prop = p->as<PropertyNode>();
        std::string storage;
        auto name = static_key_name(prop->key, prop->computed, storage);
        if (prop->property_kind == PropertyKind::Init && !prop->computed && !prop->shorthand && !prop->method && name && *name == "__proto__") {
            RegisterScope inner(*this);
            u32 args = temps(2);
            emit(Opcode::Mov, { object, args });
            compile_to_register(prop->value, args + 1);
            emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::SetPrototypeOfLiteral), args, 2 });
            continue;
        }
        if (prop->property_kind == PropertyKind::Init && !prop->method) {
            u32 index;
            if (name && !(parse_array_index(*name, &index))) {
                compile_named_expression(prop->value, *name);
                at(p);
                emit(Opcode::DefineNamed, { object, constant_atom(*name) });
                continue;
            }
            RegisterScope inner(*this);
            u32 key = temp();
            compile_property_key(prop->key, prop->computed, key);
            if (name)
                compile_named_expression(prop->value, *name);
            else
                compile_expression(prop->value);
            at(p);
            emit(Opcode::DefineKeyed, { object, key });
            continue;
        }
        // Methods, getters, setters: closures with [[HomeObject]] = the object.
        RegisterScope inner(*this);
        u32 key = temp();
        compile_property_key(prop->key, prop->computed, key);
        auto* fn = prop->value->as<FunctionNode>();
        std::string fname = name ? std::string(*name) : std::string();
        if (prop->property_kind == PropertyKind::Get)
            fname = "get " + fname;
        else if (prop->property_kind == PropertyKind::Set)
            fname = "set " + fname;
        emit_closure(fn, fname);
        emit(Opcode::SetHomeObject, { object });
        if (!name) {
            RegisterScope args_scope(*this);
            u32 args = temps(2);
            emit(Opcode::Star, { args });
            emit(Opcode::Mov, { key, args + 1 });
            emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::SetFunctionName), args, 2 });
            emit(Opcode::Ldar, { args });
        }
        if (prop->property_kind == PropertyKind::Get)
            emit(Opcode::DefineGetter, { object, key, 0 });
        else if (prop->property_kind == PropertyKind::Set)
            emit(Opcode::DefineSetter, { object, key, 0 });
        else
            emit(Opcode::DefineKeyed, { object, key });
    }
    emit(Opcode::Ldar, { object });
}

void Codegen::compile_unary(UnaryExpressionNode const* u)
{
    switch (u->op) {
    case UnaryOperator::Typeof:
        if (u->argument->is(NodeKind::Identifier))
            load_identifier(u->argument->as<IdentifierNode>(), true);
        else
            compile_expression(u->argument);
        emit(Opcode::Typeof);
        return;
    case UnaryOperator::Delete: {
        Node const* arg = u->argument;
        while (arg->is(NodeKind::ChainExpression))
            arg = arg->as<ChainExpressionNode>()->expression;
        if (arg->is(NodeKind::MemberExpression)) {
            auto* m = arg->as<MemberExpressionNode>();
            if (m->object->is(NodeKind::Super)) {
                emit(Opcode::ThrowTypeError, { constant_atom("Unsupported reference to 'super'") });
                return;
            }
            RegisterScope rs(*this);
            u32 object = temp();
            compile_to_register(m->object, object);
            compile_member_load_key(m);
            at(u);
            emit(Opcode::DeleteKeyed, { object });
            return;
        }
        if (arg->is(NodeKind::Identifier)) {
            // Sloppy mode: deleting a binding. Only configurable global properties go away.
            Variable* v = m_unit.scopes.resolution_of(arg);
            if (v && v->location != VarLocation::GlobalObject) {
                emit(Opcode::LdaFalse);
                return;
            }
            RegisterScope rs(*this);
            u32 object = temp();
            emit(Opcode::LdaGlobalOrUndefined, { constant_atom("globalThis"), ic() });
            emit(Opcode::Star, { object });
            emit(Opcode::LdaConst, { constant_atom(arg->as<IdentifierNode>()->name) });
            emit(Opcode::DeleteKeyed, { object });
            return;
        }
        compile_expression(arg);
        emit(Opcode::LdaTrue);
        return;
    }
    default:
        break;
    }
    compile_expression(u->argument);
    at(u);
    switch (u->op) {
    case UnaryOperator::Minus: emit(Opcode::Negate); break;
    case UnaryOperator::Plus: emit(Opcode::ToNumeric); break;
    case UnaryOperator::Not: emit(Opcode::Not); break;
    case UnaryOperator::BitwiseNot: emit(Opcode::BitNot); break;
    case UnaryOperator::Void: emit(Opcode::LdaUndefined); break;
    default: break;
    }
}

void Codegen::compile_member_load_key(MemberExpressionNode const* m)
{
    if (m->computed) {
        compile_expression(m->property);
    } else if (m->property->is(NodeKind::PrivateIdentifier)) {
        auto* id = m->property->as<PrivateIdentifierNode>();
        Variable* v = m_unit.scopes.resolution_of(id);
        std::string name = "#" + std::string(id->name);
        load_variable(v, name, nullptr);
    } else {
        emit(Opcode::LdaConst, { constant_atom(m->property->as<IdentifierNode>()->name) });
    }
}

// obj.x / obj[k] / obj.#x / super.x: the object in `object_register`, the value in acc.
void Codegen::compile_member(MemberExpressionNode const* m, u32 object_register)
{
    if (m->object->is(NodeKind::Super)) {
        RegisterScope rs(*this);
        u32 home = temp();
        load_pseudo(this_provider()->home_object_var, Opcode::LdaHomeObject);
        emit(Opcode::Star, { home });
        load_this();
        emit(Opcode::Star, { object_register });
        compile_member_load_key(m);
        at(m);
        emit(Opcode::GetSuper, { home, object_register });
        return;
    }
    compile_expression(m->object);
    emit(Opcode::Star, { object_register });
    if (m->optional && m_optional_chain_end)
        emit_jump(Opcode::JumpIfNullish, *m_optional_chain_end);
    if (m->property->is(NodeKind::PrivateIdentifier)) {
        compile_member_load_key(m);
        at(m);
        emit(Opcode::GetPrivate, { object_register });
        return;
    }
    if (!m->computed) {
        at(m);
        emit(Opcode::GetNamed, { object_register, constant_atom(m->property->as<IdentifierNode>()->name), ic() });
        return;
    }
    compile_expression(m->property);
    at(m);
    emit(Opcode::GetKeyed, { object_register });
}

void Codegen::compile_chain(ChainExpressionNode const* c)
{
    Label* saved = m_optional_chain_end;
    Label& nullish = new_label();
    Label& end = new_label();
    m_optional_chain_end = &nullish;
    compile_expression(c->expression);
    m_optional_chain_end = saved;
    emit_jump(Opcode::Jump, end);
    bind(nullish);
    emit(Opcode::LdaUndefined);
    bind(end);
}

void Codegen::emit_binary_op(BinaryOperator op, u32 left)
{
    switch (op) {
    case BinaryOperator::Add: emit(Opcode::Add, { left }); break;
    case BinaryOperator::Subtract: emit(Opcode::Sub, { left }); break;
    case BinaryOperator::Multiply: emit(Opcode::Mul, { left }); break;
    case BinaryOperator::Divide: emit(Opcode::Div, { left }); break;
    case BinaryOperator::Modulo: emit(Opcode::Mod, { left }); break;
    case BinaryOperator::Exponent: emit(Opcode::Exp, { left }); break;
    case BinaryOperator::LeftShift: emit(Opcode::Shl, { left }); break;
    case BinaryOperator::RightShift: emit(Opcode::Shr, { left }); break;
    case BinaryOperator::UnsignedRightShift: emit(Opcode::Ushr, { left }); break;
    case BinaryOperator::BitwiseAnd: emit(Opcode::BitAnd, { left }); break;
    case BinaryOperator::BitwiseOr: emit(Opcode::BitOr, { left }); break;
    case BinaryOperator::BitwiseXor: emit(Opcode::BitXor, { left }); break;
    case BinaryOperator::Equal: emit(Opcode::Eq, { left }); break;
    case BinaryOperator::NotEqual: emit(Opcode::Ne, { left }); break;
    case BinaryOperator::StrictEqual: emit(Opcode::StrictEq, { left }); break;
    case BinaryOperator::StrictNotEqual: emit(Opcode::StrictNe, { left }); break;
    case BinaryOperator::LessThan: emit(Opcode::Lt, { left }); break;
    case BinaryOperator::LessThanOrEqual: emit(Opcode::Le, { left }); break;
    case BinaryOperator::GreaterThan: emit(Opcode::Gt, { left }); break;
    case BinaryOperator::GreaterThanOrEqual: emit(Opcode::Ge, { left }); break;
    case BinaryOperator::In: emit(Opcode::In, { left }); break;
    case BinaryOperator::Instanceof: emit(Opcode::InstanceOf, { left }); break;
    }
}

void Codegen::compile_binary(BinaryExpressionNode const* b)
{
    RegisterScope rs(*this);
    u32 left = temp();
    if (b->left->is(NodeKind::PrivateIdentifier)) {
        auto* id = b->left->as<PrivateIdentifierNode>();
        load_variable(m_unit.scopes.resolution_of(id), "#" + std::string(id->name), nullptr);
        emit(Opcode::Star, { left });
        compile_expression(b->right);
        at(b);
        emit(Opcode::HasPrivate, { left });
        return;
    }
    compile_to_register(b->left, left);
    compile_expression(b->right);
    at(b);
    emit_binary_op(b->op, left);
}

void Codegen::compile_logical(LogicalExpressionNode const* l)
{
    Label& end = new_label();
    compile_expression(l->left);
    switch (l->op) {
    case LogicalOperator::And: emit_jump(Opcode::JumpIfFalse, end); break;
    case LogicalOperator::Or: emit_jump(Opcode::JumpIfTrue, end); break;
    case LogicalOperator::Coalesce: emit_jump(Opcode::JumpIfNotNullish, end); break;
    }
    compile_expression(l->right);
    bind(end);
}

void Codegen::compile_conditional(ConditionalExpressionNode const* c)
{
    Label& else_label = new_label();
    Label& end = new_label();
    compile_expression(c->test);
    emit_jump(Opcode::JumpIfFalse, else_label);
    compile_expression(c->consequent);
    emit_jump(Opcode::Jump, end);
    bind(else_label);
    compile_expression(c->alternate);
    bind(end);
}

static BinaryOperator binary_for(AssignmentOperator op)
{
    switch (op) {
    case AssignmentOperator::Add: return BinaryOperator::Add;
    case AssignmentOperator::Subtract: return BinaryOperator::Subtract;
    case AssignmentOperator::Multiply: return BinaryOperator::Multiply;
    case AssignmentOperator::Divide: return BinaryOperator::Divide;
    case AssignmentOperator::Modulo: return BinaryOperator::Modulo;
    case AssignmentOperator::Exponent: return BinaryOperator::Exponent;
    case AssignmentOperator::LeftShift: return BinaryOperator::LeftShift;
    case AssignmentOperator::RightShift: return BinaryOperator::RightShift;
    case AssignmentOperator::UnsignedRightShift: return BinaryOperator::UnsignedRightShift;
    case AssignmentOperator::BitwiseAnd: return BinaryOperator::BitwiseAnd;
    case AssignmentOperator::BitwiseOr: return BinaryOperator::BitwiseOr;
    case AssignmentOperator::BitwiseXor: return BinaryOperator::BitwiseXor;
    default: return BinaryOperator::Add;
    }
}

// A reference evaluated once for read-modify-write: identifiers, or an object and a key.
struct Reference {
    enum class Kind : u8 { Identifier, Named, Keyed, Private, Super } kind;
    IdentifierNode const* identifier = nullptr;
    u32 object = 0;
    u32 key = 0;
    u32 home = 0;
    std::string_view name;
};

static Reference prepare_reference(Codegen& g, Node const* target)
{
    Reference r {};
    if (target->is(NodeKind::Identifier)) {
        r.kind = Reference::Kind::Identifier;
        r.identifier = target->as<IdentifierNode>();
        return r;
    }
    auto* m = target->as<MemberExpressionNode>();
    if (m->object->is(NodeKind::Super)) {
        r.kind = Reference::Kind::Super;
        r.home = g.temp();
        r.object = g.temp();
        r.key = g.temp();
        g.load_pseudo(g.this_provider()->home_object_var, Opcode::LdaHomeObject);
        g.emit(Opcode::Star, { r.home });
        g.load_this();
        g.emit(Opcode::Star, { r.object });
        g.compile_member_load_key(m);
        g.emit(Opcode::ToPropertyKey);
        g.emit(Opcode::Star, { r.key });
        return r;
    }
    r.object = g.temp();
    g.compile_to_register(m->object, r.object);
    if (m->property->is(NodeKind::PrivateIdentifier)) {
        r.kind = Reference::Kind::Private;
        r.key = g.temp();
        g.compile_member_load_key(m);
        g.emit(Opcode::Star, { r.key });
    } else if (!m->computed) {
        r.kind = Reference::Kind::Named;
        r.name = m->property->as<IdentifierNode>()->name;
    } else {
        r.kind = Reference::Kind::Keyed;
        r.key = g.temp();
        g.compile_expression(m->property);
        g.emit(Opcode::ToPropertyKey);
        g.emit(Opcode::Star, { r.key });
    }
    return r;
}

static void load_reference(Codegen& g, Reference const& r)
{
    switch (r.kind) {
    case Reference::Kind::Identifier:
        g.load_identifier(r.identifier);
        break;
    case Reference::Kind::Named:
        g.emit(Opcode::GetNamed, { r.object, g.constant_atom(r.name), g.ic() });
        break;
    case Reference::Kind::Keyed:
        g.emit(Opcode::Ldar, { r.key });
        g.emit(Opcode::GetKeyed, { r.object });
        break;
    case Reference::Kind::Private:
        g.emit(Opcode::Ldar, { r.key });
        g.emit(Opcode::GetPrivate, { r.object });
        break;
    case Reference::Kind::Super:
        g.emit(Opcode::Ldar, { r.key });
        g.emit(Opcode::GetSuper, { r.home, r.object });
        break;
    }
}

static void store_reference(Codegen& g, Reference const& r)
{
    switch (r.kind) {
    case Reference::Kind::Identifier:
        g.store_identifier(r.identifier, false);
        break;
    case Reference::Kind::Named:
        g.emit(Opcode::SetNamed, { r.object, g.constant_atom(r.name), g.ic() });
        break;
    case Reference::Kind::Keyed:
        g.emit(Opcode::SetKeyed, { r.object, r.key });
        break;
    case Reference::Kind::Private:
        g.emit(Opcode::SetPrivate, { r.object, r.key });
        break;
    case Reference::Kind::Super:
        g.emit(Opcode::SetSuper, { r.home, r.object, r.key });
        break;
    }
}

void Codegen::compile_update(UpdateExpressionNode const* u)
{
    RegisterScope rs(*this);
    Reference r = prepare_reference(*this, u->argument);
    at(u);
    load_reference(*this, r);
    emit(Opcode::ToNumeric);
    u32 old_value = 0;
    if (!u->prefix) {
        old_value = temp();
        emit(Opcode::Star, { old_value });
    }
    emit(u->increment ? Opcode::Inc : Opcode::Dec);
    at(u);
    store_reference(*this, r);
    if (!u->prefix)
        emit(Opcode::Ldar, { old_value });
}

void Codegen::assign_to_target(Node const* target, bool initialize)
{
    if (target->is(NodeKind::Identifier)) {
        store_identifier(target->as<IdentifierNode>(), initialize);
        return;
    }
    if (target->is(NodeKind::MemberExpression)) {
        RegisterScope rs(*this);
        u32 value = temp();
        emit(Opcode::Star, { value });
        Reference r = prepare_reference(*this, target);
        emit(Opcode::Ldar, { value });
        at(target);
        store_reference(*this, r);
        return;
    }
    bind_pattern(target, initialize);
}

void Codegen::compile_assignment(AssignmentExpressionNode const* a)
{
    if (a->op == AssignmentOperator::Assign) {
        if (a->target->is(NodeKind::ObjectPattern) || a->target->is(NodeKind::ArrayPattern)) {
            RegisterScope rs(*this);
            u32 value = temp();
            compile_to_register(a->value, value);
            bind_pattern(a->target, false);
            emit(Opcode::Ldar, { value });
            return;
        }
        RegisterScope rs(*this);
        Reference r = prepare_reference(*this, a->target);
        if (a->target->is(NodeKind::Identifier))
            compile_named_expression(a->value, a->target->as<IdentifierNode>()->name);
        else
            compile_expression(a->value);
        at(a);
        store_reference(*this, r);
        return;
    }
    RegisterScope rs(*this);
    Reference r = prepare_reference(*this, a->target);
    at(a);
    load_reference(*this, r);
    if (a->op == AssignmentOperator::And || a->op == AssignmentOperator::Or || a->op == AssignmentOperator::Coalesce) {
        Label& end = new_label();
        if (a->op == AssignmentOperator::And)
            emit_jump(Opcode::JumpIfFalse, end);
        else if (a->op == AssignmentOperator::Or)
            emit_jump(Opcode::JumpIfTrue, end);
        else
            emit_jump(Opcode::JumpIfNotNullish, end);
        if (a->target->is(NodeKind::Identifier))
            compile_named_expression(a->value, a->target->as<IdentifierNode>()->name);
        else
            compile_expression(a->value);
        at(a);
        store_reference(*this, r);
        bind(end);
        return;
    }
    u32 left = temp();
    emit(Opcode::Star, { left });
    compile_expression(a->value);
    at(a);
    emit_binary_op(binary_for(a->op), left);
    store_reference(*this, r);
}

u32 Codegen::compile_arguments(List<Node> const& arguments, u32* count, bool* spread)
{
    *spread = false;
    for (Node* a : arguments)
        if (a->is(NodeKind::SpreadElement))
            *spread = true;
    if (*spread) {
        u32 array = temp();
        emit(Opcode::CreateArray);
        emit(Opcode::Star, { array });
        for (Node* a : arguments) {
            if (a->is(NodeKind::SpreadElement)) {
                compile_expression(a->as<SpreadElementNode>()->argument);
                at(a);
                emit(Opcode::ArraySpread, { array });
            } else {
                compile_expression(a);
                emit(Opcode::ArrayPush, { array });
            }
        }
        *count = 0;
        return array;
    }
    u32 first = temps(arguments.size);
    for (u32 i = 0; i < arguments.size; ++i)
        compile_to_register(arguments[i], first + i);
    *count = arguments.size;
    return first;
}

void Codegen::compile_call(CallExpressionNode const* c)
{
    if (c->callee->is(NodeKind::Super)) {
        compile_super_call(c);
        return;
    }
    RegisterScope rs(*this);
    u32 callee = temp();
    u32 this_register = temp();
    Node const* callee_node = c->callee;
    if (callee_node->is(NodeKind::MemberExpression) && !callee_node->parenthesized()) {
        compile_member(callee_node->as<MemberExpressionNode>(), this_register);
        emit(Opcode::Star, { callee });
    } else if (callee_node->is(NodeKind::MemberExpression)) {
        compile_member(callee_node->as<MemberExpressionNode>(), this_register);
        emit(Opcode::Star, { callee });
    } else {
        compile_expression(callee_node);
        emit(Opcode::Star, { callee });
        emit(Opcode::LdaUndefined);
        emit(Opcode::Star, { this_register });
    }
    if (c->optional && m_optional_chain_end) {
        emit(Opcode::Ldar, { callee });
        emit_jump(Opcode::JumpIfNullish, *m_optional_chain_end);
    }
    u32 count;
    bool spread;
    u32 args = compile_arguments(c->arguments, &count, &spread);
    at(c);
    if (spread)
        emit(Opcode::CallSpread, { callee, this_register, args });
    else
        emit(Opcode::Call, { callee, this_register, args, count });
}

void Codegen::compile_new(CallExpressionNode const* c)
{
    RegisterScope rs(*this);
    u32 callee = temp();
    compile_to_register(c->callee, callee);
    u32 count;
    bool spread;
    u32 args = compile_arguments(c->arguments, &count, &spread);
    at(c);
    if (spread)
        emit(Opcode::NewSpread, { callee, args });
    else
        emit(Opcode::New, { callee, args, count });
}

void Codegen::compile_super_call(CallExpressionNode const* c)
{
    RegisterScope rs(*this);
    FunctionInfo* provider = this_provider();
    u32 function = temps(2);
    load_pseudo(provider->callee_var, Opcode::LdaCallee);
    emit(Opcode::Star, { function });
    load_pseudo(provider->new_target_var, Opcode::LdaNewTarget);
    emit(Opcode::Star, { function + 1 });
    u32 count;
    bool spread;
    u32 args = compile_arguments(c->arguments, &count, &spread);
    at(c);
    if (spread)
        emit(Opcode::SuperCallSpread, { function, args });
    else
        emit(Opcode::SuperCall, { function, args, count });
    // BindThisValue: a second super() throws (after the call, as the spec orders it).
    u32 result = temp();
    emit(Opcode::Star, { result });
    Variable* this_var = provider->this_var;
    if (this_var && this_var->location == VarLocation::Environment)
        emit(Opcode::LdaEnv, { env_hops(this_var), this_var->index });
    else
        emit(Opcode::Ldar, { 0 });
    emit(Opcode::ThrowIfSuperCalled);
    emit(Opcode::Ldar, { result });
    if (this_var && this_var->location == VarLocation::Environment)
        emit(Opcode::StaEnv, { env_hops(this_var), this_var->index });
    else
        emit(Opcode::Star, { 0 });
}

void Codegen::emit_resume_dispatch(bool generator)
{
    // After a resume: acc = the sent value; YieldResumeKind says next (0), throw (1), return (2).
    RegisterScope rs(*this);
    u32 value = temp();
    u32 kind = temp();
    emit(Opcode::Star, { value });
    emit(Opcode::YieldResumeKind);
    Label& next = new_label();
    emit_jump(Opcode::JumpIfFalse, next);
    emit(Opcode::Star, { kind });
    Label& is_return = new_label();
    emit(Opcode::LdaSmi, { 2 });
    emit(Opcode::StrictEq, { kind });
    emit_jump(Opcode::JumpIfTrue, is_return);
    emit(Opcode::Ldar, { value });
    emit(Opcode::Throw);
    bind(is_return);
    emit(Opcode::Ldar, { value });
    if (generator) {
        // AsyncGeneratorUnwrapYieldResumption: a return request awaits its value first.
        if (is_async()) {
            emit(Opcode::Await);
            emit_resume_dispatch(false);
        }
        emit_return_of_accumulator();
    } else {
        emit(Opcode::Throw);
    }
    bind(next);
    emit(Opcode::Ldar, { value });
}

// yield* in an async generator.
// spec: https://tc39.es/ecma262/#sec-generator-function-definitions-runtime-semantics-evaluation
void Codegen::compile_async_yield_star(YieldExpressionNode const* y)
{
    RegisterScope rs(*this);
    compile_expression(y->argument);
    u32 iter = temps(2);
    u32 kind = temp();
    u32 received = temp();
    u32 method = temp();
    u32 result = temp();
    at(y);
    emit(Opcode::GetAsyncIterator, { iter });
    emit(Opcode::LdaSmi, { 0 });
    emit(Opcode::Star, { kind });
    emit(Opcode::LdaUndefined);
    emit(Opcode::Star, { received });
    Label& top = new_label();
    Label& not_next = new_label();
    Label& call_method = new_label();
    Label& have_result = new_label();
    Label& is_return = new_label();
    Label& done = new_label();
    Label& end = new_label();
    bind(top);
    emit(Opcode::Ldar, { kind });
    emit_jump(Opcode::JumpIfTrue, not_next);
    // next: innerResult = Call(next, iterator, « received »)
    emit(Opcode::Ldar, { iter + 1 });
    emit(Opcode::Star, { method });
    emit_jump(Opcode::Jump, call_method);
    bind(not_next);
    emit(Opcode::LdaSmi, { 2 });
    emit(Opcode::StrictEq, { kind });
    emit_jump(Opcode::JumpIfTrue, is_return);
    // throw: the iterator's throw method, or close it and throw a TypeError.
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::GetIteratorThrow), iter, 1 });
    emit(Opcode::Star, { method });
    emit_jump(Opcode::JumpIfNotUndefined, call_method);
    {
        Label& closed = new_label();
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::GetIteratorReturn), iter, 1 });
        emit(Opcode::Star, { method });
        emit_jump(Opcode::JumpIfUndefined, closed);
        emit(Opcode::Call, { method, iter, iter, 0 });
        emit(Opcode::Await);
        emit_resume_dispatch(false);
        emit(Opcode::Star, { result });
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorResultCheck), result, 1 });
        bind(closed);
        emit(Opcode::ThrowTypeError, { constant_atom("The iterator does not provide a 'throw' method") });
    }
    bind(is_return);
    {
        // return: the iterator's return method, or finish the generator with the value.
        Label& has_return = new_label();
        emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::GetIteratorReturn), iter, 1 });
        emit(Opcode::Star, { method });
        emit_jump(Opcode::JumpIfNotUndefined, has_return);
        emit(Opcode::Ldar, { received });
        emit(Opcode::Await);
        emit_resume_dispatch(false);
        emit_return_of_accumulator();
        bind(has_return);
    }
    bind(call_method);
    emit(Opcode::Call, { method, iter, received, 1 });
    emit(Opcode::Await);
    emit_resume_dispatch(false);
    bind(have_result);
    emit(Opcode::Star, { result });
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorResultCheck), result, 1 });
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorComplete), result, 1 });
    emit_jump(Opcode::JumpIfTrue, done);
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorValue), result, 1 });
    emit(Opcode::Yield);
    // The resumption: next / throw go to the inner iterator; a return request awaits its value
    // first (AsyncGeneratorUnwrapYieldResumption), a rejection making it a throw.
    emit(Opcode::Star, { received });
    emit(Opcode::YieldResumeKind);
    emit(Opcode::Star, { kind });
    emit(Opcode::LdaSmi, { 2 });
    emit(Opcode::StrictEq, { kind });
    emit_jump(Opcode::JumpIfFalse, top);
    emit(Opcode::Ldar, { received });
    emit(Opcode::Await);
    emit(Opcode::Star, { received });
    emit(Opcode::YieldResumeKind);
    emit_jump(Opcode::JumpIfFalse, top);
    emit(Opcode::LdaSmi, { 1 });
    emit(Opcode::Star, { kind });
    emit_jump(Opcode::Jump, top);
    bind(done);
    emit(Opcode::CallRuntime, { static_cast<i64>(RuntimeFunction::IteratorValue), result, 1 });
    emit(Opcode::Star, { received });
    emit(Opcode::LdaSmi, { 2 });
    emit(Opcode::StrictEq, { kind });
    emit_jump(Opcode::JumpIfFalse, end);
    emit(Opcode::Ldar, { received });
    emit_return_of_accumulator();
    bind(end);
    emit(Opcode::Ldar, { received });
}

void Codegen::compile_yield(YieldExpressionNode const* y)
{
    if (y->delegate && is_async()) {
        compile_async_yield_star(y);
        return;
    }
    if (y->delegate) {
        // yield* iterable: forwards next() values; throw/return close the inner iterator.
        RegisterScope rs(*this);
        compile_expression(y->argument);
        u32 iter = temps(2);
        at(y);
        emit(Opcode::GetIterator, { iter });
        Label& top = new_label();
        Label& end = new_label();
        bind(top);
        emit_jump(Opcode::IteratorStep, end, { iter });
        emit(Opcode::Yield);
        {
            RegisterScope inner(*this);
            u32 value = temp();
            u32 kind = temp();
            emit(Opcode::Star, { value });
            emit(Opcode::YieldResumeKind);
            emit_jump(Opcode::JumpIfFalse, top);
            emit(Opcode::Star, { kind });
            emit(Opcode::IteratorCloseQuiet, { iter });
            Label& is_return = new_label();
            emit(Opcode::LdaSmi, { 2 });
            emit(Opcode::StrictEq, { kind });
            emit_jump(Opcode::JumpIfTrue, is_return);
            emit(Opcode::Ldar, { value });
            emit(Opcode::Throw);
            bind(is_return);
            emit(Opcode::Ldar, { value });
            emit_return_of_accumulator();
        }
        bind(end);
        emit(Opcode::LdaUndefined);
        return;
    }
    if (y->argument)
        compile_expression(y->argument);
    else
        emit(Opcode::LdaUndefined);
    at(y);
    if (is_async())
        compile_await(nullptr);
    emit(Opcode::Yield);
    emit_resume_dispatch(true);
}

void Codegen::compile_await(AwaitExpressionNode const* a)
{
    if (a)
        at(a);
    emit(Opcode::Await);
    emit_resume_dispatch(false);
}

} // namespace weft::compiler
