// Parser: patterns (binding and assignment), functions, arrow functions, methods and classes.
// spec: https://tc39.es/ecma262/#sec-ecmascript-language-functions-and-classes
#include "parser/parser_impl.h"

namespace weft::parser {

// Reinterprets an expression parsed under a cover grammar as a pattern.
// https://tc39.es/ecma262/#sec-destructuring-assignment (binding: arrow parameters)
Node* Parser::to_assignable(Node* node, bool binding)
{
    switch (node->kind) {
    case NodeKind::Identifier: {
        if (binding && node->parenthesized())
            fail_at(node->range.start, "invalid destructuring target");
        auto name = node->as<IdentifierNode>()->name;
        if (strict() && (name == "eval" || name == "arguments"))
            fail_at(node->range.start, "cannot assign to " + std::string(name) + " in strict mode");
        return node;
    }
    case NodeKind::MemberExpression:
        if (binding)
            fail_at(node->range.start, "invalid destructuring target");
        return node;
    case NodeKind::ObjectExpression: {
        if (node->parenthesized())
            fail_at(node->range.start, "invalid destructuring target");
        auto* object = node->as<ObjectExpressionNode>();
        auto* pattern = make_at<ObjectPatternNode>(node);
        std::vector<Node*> properties;
        for (u32 i = 0; i < object->properties.size; ++i) {
            Node* p = object->properties[i];
            if (p->is(NodeKind::SpreadElement)) {
                if (i + 1 != object->properties.size || (node->flags & kNodeTrailingCommaAfterSpread))
                    fail_at(p->range.start, "a rest element must be last in an object pattern");
                Node* arg = p->as<SpreadElementNode>()->argument;
                if (!arg->is(NodeKind::Identifier) && !(arg->is(NodeKind::MemberExpression) && !binding))
                    fail_at(arg->range.start, "invalid rest element target");
                auto* rest = make_at<RestElementNode>(p);
                rest->argument = to_assignable(arg, binding);
                properties.push_back(rest);
                continue;
            }
            auto* prop = p->as<PropertyNode>();
            if (prop->method || prop->property_kind != PropertyKind::Init)
                fail_at(prop->range.start, "invalid destructuring target");
            prop->value = to_assignable(prop->value, binding);
            properties.push_back(prop);
        }
        pattern->properties = make_list(properties);
        return pattern;
    }
    case NodeKind::ArrayExpression: {
        if (node->parenthesized())
            fail_at(node->range.start, "invalid destructuring target");
        auto* array = node->as<ArrayExpressionNode>();
        auto* pattern = make_at<ArrayPatternNode>(node);
        std::vector<Node*> elements;
        for (u32 i = 0; i < array->elements.size; ++i) {
            Node* e = array->elements[i];
            if (!e) {
                elements.push_back(nullptr);
                continue;
            }
            if (e->is(NodeKind::SpreadElement)) {
                if (i + 1 != array->elements.size || (node->flags & kNodeTrailingCommaAfterSpread))
                    fail_at(e->range.start, "a rest element must be last in an array pattern");
                Node* arg = e->as<SpreadElementNode>()->argument;
                if (arg->is(NodeKind::AssignmentExpression) && !arg->parenthesized())
                    fail_at(arg->range.start, "a rest element may not have a default value");
                auto* rest = make_at<RestElementNode>(e);
                rest->argument = to_assignable(arg, binding);
                elements.push_back(rest);
                continue;
            }
            elements.push_back(to_assignable(e, binding));
        }
        pattern->elements = make_list(elements);
        return pattern;
    }
    case NodeKind::AssignmentExpression: {
        auto* assign = node->as<AssignmentExpressionNode>();
        if (assign->op != AssignmentOperator::Assign || node->parenthesized())
            fail_at(node->range.start, "invalid destructuring target");
        auto* pattern = make_at<AssignmentPatternNode>(node);
        pattern->target = to_assignable(assign->target, binding);
        pattern->default_value = assign->value;
        return pattern;
    }
    case NodeKind::AssignmentPattern: {
        auto* pattern = node->as<AssignmentPatternNode>();
        pattern->target = to_assignable(pattern->target, binding);
        return node;
    }
    case NodeKind::ObjectPattern:
        if (node->parenthesized())
            fail_at(node->range.start, "invalid destructuring target");
        for (Node* p : node->as<ObjectPatternNode>()->properties) {
            if (p->is(NodeKind::RestElement))
                p->as<RestElementNode>()->argument = to_assignable(p->as<RestElementNode>()->argument, binding);
            else
                p->as<PropertyNode>()->value = to_assignable(p->as<PropertyNode>()->value, binding);
        }
        return node;
    case NodeKind::ArrayPattern:
        if (node->parenthesized())
            fail_at(node->range.start, "invalid destructuring target");
        for (Node* e : node->as<ArrayPatternNode>()->elements) {
            if (e)
                to_assignable(e, binding);
        }
        return node;
    case NodeKind::RestElement: {
        auto* rest = node->as<RestElementNode>();
        rest->argument = to_assignable(rest->argument, binding);
        return node;
    }
    default:
        fail_at(node->range.start, binding ? "invalid destructuring target" : "invalid assignment target");
    }
}

// BindingIdentifier or BindingPattern.
Node* Parser::parse_binding_target()
{
    DepthGuard depth(*this, m_tok.start);
    if (at(TokenKind::LeftBracket) || at(TokenKind::LeftBrace))
        return parse_binding_pattern();
    if (!at(TokenKind::Identifier))
        unexpected();
    Token t = m_tok;
    check_binding_identifier(t.value, t.start, t.has_escape());
    auto* id = make<IdentifierNode>(t);
    id->name = t.value;
    advance();
    return finish(id);
}

// BindingElement: a target with an optional default.
Node* Parser::parse_binding_element()
{
    Token start = m_tok;
    Node* target = parse_binding_target();
    if (!at(TokenKind::Assign))
        return target;
    advance();
    auto* pattern = make<AssignmentPatternNode>(start);
    pattern->target = target;
    pattern->default_value = parse_assignment();
    return finish(pattern);
}

// https://tc39.es/ecma262/#prod-BindingPattern
Node* Parser::parse_binding_pattern()
{
    Token start = m_tok;
    if (eat(TokenKind::LeftBracket)) {
        auto* pattern = make<ArrayPatternNode>(start);
        std::vector<Node*> elements;
        while (!at(TokenKind::RightBracket)) {
            if (eat(TokenKind::Comma)) {
                elements.push_back(nullptr);
                continue;
            }
            if (at(TokenKind::Ellipsis)) {
                Token s = m_tok;
                advance();
                auto* rest = make<RestElementNode>(s);
                rest->argument = parse_binding_target();
                elements.push_back(finish(rest));
                if (!at(TokenKind::RightBracket))
                    fail("a rest element must be last in an array pattern");
                break;
            }
            elements.push_back(parse_binding_element());
            if (!at(TokenKind::RightBracket))
                expect(TokenKind::Comma);
        }
        advance();
        pattern->elements = make_list(elements);
        return finish(pattern);
    }
    expect(TokenKind::LeftBrace);
    auto* pattern = make<ObjectPatternNode>(start);
    std::vector<Node*> properties;
    while (!at(TokenKind::RightBrace)) {
        Token pstart = m_tok;
        if (at(TokenKind::Ellipsis)) {
            advance();
            auto* rest = make<RestElementNode>(pstart);
            if (!at(TokenKind::Identifier))
                fail("a rest element in an object pattern must be an identifier");
            rest->argument = parse_binding_target();
            properties.push_back(finish(rest));
            if (!at(TokenKind::RightBrace))
                fail("a rest element must be last in an object pattern");
            break;
        }
        auto* prop = make<PropertyNode>(pstart);
        Token key_token = m_tok;
        prop->key = parse_property_name(prop->computed, false);
        if (eat(TokenKind::Colon)) {
            prop->value = parse_binding_element();
        } else {
            if (key_token.kind != TokenKind::Identifier || prop->computed)
                fail_at(key_token.start, "unexpected token in object pattern");
            auto* key = prop->key->as<IdentifierNode>();
            check_binding_identifier(key->name, key_token.start, key_token.has_escape());
            auto* value = make_at<IdentifierNode>(key);
            value->name = key->name;
            prop->shorthand = true;
            if (at(TokenKind::Assign)) {
                advance();
                auto* def = make_at<AssignmentPatternNode>(key);
                def->target = value;
                def->default_value = parse_assignment();
                prop->value = finish(def);
            } else {
                prop->value = value;
            }
        }
        properties.push_back(finish(prop));
        if (!at(TokenKind::RightBrace))
            expect(TokenKind::Comma);
    }
    advance();
    pattern->properties = make_list(properties);
    return finish(pattern);
}

void Parser::validate_params(FunctionNode* fn, std::vector<IdentifierNode*> const& names, bool strict_code, bool allow_duplicates)
{
    (void)fn;
    for (usize i = 0; i < names.size(); ++i) {
        auto* id = names[i];
        if (strict_code)
            check_strict_binding_name(id->name, id->range.start);
        if (!allow_duplicates) {
            for (usize j = 0; j < i; ++j) {
                if (names[j]->name == id->name)
                    fail_at(id->range.start, "duplicate parameter name '" + std::string(id->name) + "'");
            }
        }
    }
}

// FunctionBody in braces, after the parameters; the current FunctionState and Scope are the function's.
void Parser::parse_function_body(FunctionNode* fn, FunctionState& state, std::vector<IdentifierNode*> const& param_names, bool simple_params)
{
    Token start = m_tok;
    expect(TokenKind::LeftBrace);
    auto* body = make<BlockStatementNode>(start);
    m_scope->is_function_body = true;
    for (auto* id : param_names)
        declare(id->name, id->range.start, BindingKind::Param);
    std::vector<Node*> statements;
    parse_directive_prologue(statements, fn);
    bool allow_duplicates = !state.strict && simple_params && !state.is_arrow && !fn->has(kFunctionMethod);
    validate_params(fn, param_names, state.strict, allow_duplicates);
    parse_statement_list(statements, TokenKind::RightBrace);
    advance();
    body->body = make_list(statements);
    fn->body = finish(body);
    if (state.strict)
        fn->function_flags |= kFunctionStrict;
}

void Parser::parse_function_params_and_body(FunctionNode* fn, FunctionState& state)
{
    expect(TokenKind::LeftParen);
    state.in_parameters = true;
    std::vector<Node*> params;
    bool simple = true;
    bool has_rest = false;
    while (!at(TokenKind::RightParen)) {
        if (at(TokenKind::Ellipsis)) {
            Token s = m_tok;
            advance();
            auto* rest = make<RestElementNode>(s);
            rest->argument = parse_binding_target();
            if (at(TokenKind::Assign))
                fail("a rest parameter may not have a default value");
            params.push_back(finish(rest));
            simple = false;
            has_rest = true;
            if (!at(TokenKind::RightParen))
                fail("a rest parameter must be last in the parameter list");
            break;
        }
        Node* p = parse_binding_element();
        if (!p->is(NodeKind::Identifier))
            simple = false;
        params.push_back(p);
        if (!at(TokenKind::RightParen))
            expect(TokenKind::Comma);
    }
    advance();
    state.in_parameters = false;
    if (fn->has(kFunctionGetter) && !params.empty())
        fail_at(params[0]->range.start, "a getter must not have parameters");
    if (fn->has(kFunctionSetter) && (params.size() != 1 || has_rest))
        fail_at(fn->range.start, "a setter must have exactly one parameter");
    std::vector<IdentifierNode*> names;
    for (Node* p : params)
        collect_bound_names(p, names);
    fn->params = make_list(params);
    if (simple)
        fn->function_flags |= kFunctionSimpleParameters;
    parse_function_body(fn, state, names, simple);
}

// https://tc39.es/ecma262/#sec-function-definitions (and generator / async forms).
// `start` is the `function` token, or `async` before it (then m_tok is `function`).
FunctionNode* Parser::parse_function(Token const& start, NodeKind kind, bool is_async, bool allow_anonymous)
{
    expect(TokenKind::Function);
    bool is_generator = eat(TokenKind::Star);
    auto* fn = make<FunctionNode>(start, kind);
    if (is_async)
        fn->function_flags |= kFunctionAsync;
    if (is_generator)
        fn->function_flags |= kFunctionGenerator;
    Token name = m_tok;
    IdentifierNode* id = nullptr;
    if (at(TokenKind::Identifier)) {
        id = make<IdentifierNode>(name);
        id->name = name.value;
        advance();
        finish(id);
        if (kind == NodeKind::FunctionDeclaration) {
            check_binding_identifier(name.value, name.start, name.has_escape());
            BindingKind binding;
            if (m_scope->kind == ScopeKind::Module)
                binding = BindingKind::Lexical;
            else if (m_scope->is_var_scope())
                binding = BindingKind::Var;
            else
                binding = (!strict() && !is_async && !is_generator) ? BindingKind::SloppyFunction : BindingKind::Lexical;
            declare(name.value, name.start, binding);
        }
    } else if (!allow_anonymous) {
        unexpected();
    }
    fn->id = id;
    FunctionGuard guard(*this);
    auto& state = guard.state;
    state.is_async = is_async;
    state.is_generator = is_generator;
    state.allow_return = true;
    state.allow_new_target = true;
    if (id && kind == NodeKind::FunctionExpression)
        check_binding_identifier(name.value, name.start, name.has_escape());
    ScopeGuard scope(*this, ScopeKind::Function);
    parse_function_params_and_body(fn, state);
    if (state.strict && id)
        check_strict_binding_name(id->name, id->range.start);
    return finish(fn);
}

// Methods, getters, setters and class constructors; `start` is where the definition begins.
FunctionNode* Parser::parse_method(Token const& start, bool is_async, bool is_generator, u16 method_flags, bool is_class_member, bool is_static)
{
    (void)is_class_member;
    (void)is_static;
    auto* fn = make<FunctionNode>(start, NodeKind::FunctionExpression);
    fn->function_flags |= method_flags;
    if (is_async)
        fn->function_flags |= kFunctionAsync;
    if (is_generator)
        fn->function_flags |= kFunctionGenerator;
    FunctionGuard guard(*this);
    auto& state = guard.state;
    state.is_async = is_async;
    state.is_generator = is_generator;
    state.allow_return = true;
    state.allow_new_target = true;
    state.allow_super_property = true;
    state.allow_super_call = method_flags & kFunctionDerivedConstructor;
    ScopeGuard scope(*this, ScopeKind::Function);
    parse_function_params_and_body(fn, state);
    return finish(fn);
}

// https://tc39.es/ecma262/#sec-arrow-function-definitions; m_tok is `=>`.
Node* Parser::parse_arrow_function(Token const& start, std::vector<Node*> const& items, bool is_async, bool no_in, u32 yield_await_pos)
{
    if (yield_await_pos != kNoOffset)
        fail_at(yield_await_pos, "arrow function parameters may not contain yield or await expressions");
    if (!at(TokenKind::Arrow))
        unexpected();
    if (m_tok.newline_before)
        fail("no line break is allowed before '=>'");
    auto* fn = make<FunctionNode>(start, NodeKind::ArrowFunctionExpression);
    fn->function_flags |= kFunctionArrow;
    if (is_async)
        fn->function_flags |= kFunctionAsync;
    FunctionState* parent = m_fn;
    FunctionGuard guard(*this);
    auto& state = guard.state;
    state.is_arrow = true;
    state.is_async = is_async;
    state.allow_return = true;
    state.allow_super_property = parent->allow_super_property;
    state.allow_super_call = parent->allow_super_call;
    state.allow_new_target = parent->allow_new_target;
    state.allow_arguments = parent->allow_arguments;
    // A static block's ban on `await` identifiers does not reach into nested functions.
    state.await_identifier_reserved = false;
    ScopeGuard scope(*this, ScopeKind::Function);

    std::vector<Node*> params;
    bool simple = true;
    for (usize i = 0; i < items.size(); ++i) {
        Node* item = items[i];
        Node* param;
        if (item->is(NodeKind::SpreadElement)) {
            if (i + 1 != items.size())
                fail_at(item->range.start, "a rest parameter must be last in the parameter list");
            Node* arg = item->as<SpreadElementNode>()->argument;
            if (arg->is(NodeKind::AssignmentExpression) && !arg->parenthesized())
                fail_at(arg->range.start, "a rest parameter may not have a default value");
            auto* rest = make_at<RestElementNode>(item);
            rest->argument = to_assignable(arg, true);
            param = rest;
        } else {
            param = to_assignable(item, true);
        }
        if (!param->is(NodeKind::Identifier))
            simple = false;
        params.push_back(param);
    }
    std::vector<IdentifierNode*> names;
    for (Node* p : params)
        collect_bound_names(p, names);
    for (auto* id : names) {
        if (is_async && id->name == "await")
            fail_at(id->range.start, "'await' is not a valid parameter name in an async function");
        if (id->name == "yield" && (strict() || parent->is_generator))
            fail_at(id->range.start, "'yield' is not a valid parameter name here");
        if (id->name == "await" && (parent->await_identifier_reserved || is_module()))
            fail_at(id->range.start, "'await' is not a valid parameter name here");
    }
    fn->params = make_list(params);
    if (simple)
        fn->function_flags |= kFunctionSimpleParameters;
    advance(); // =>
    if (at(TokenKind::LeftBrace)) {
        parse_function_body(fn, state, names, simple);
    } else {
        for (auto* id : names)
            declare(id->name, id->range.start, BindingKind::Param);
        validate_params(fn, names, state.strict, false);
        fn->function_flags |= kFunctionExpressionBody;
        fn->body = parse_assignment(no_in);
        if (state.strict)
            fn->function_flags |= kFunctionStrict;
    }
    return finish(fn);
}

// https://tc39.es/ecma262/#sec-class-definitions
ClassNode* Parser::parse_class(Token const& start, NodeKind kind, bool allow_anonymous)
{
    expect(TokenKind::Class);
    bool saved_strict = m_fn->strict;
    m_fn->strict = true;
    auto* cls = make<ClassNode>(start, kind);
    if (at(TokenKind::Identifier)) {
        Token name = m_tok;
        check_binding_identifier(name.value, name.start, name.has_escape());
        auto* id = make<IdentifierNode>(name);
        id->name = name.value;
        advance();
        cls->id = finish(id);
        if (kind == NodeKind::ClassDeclaration)
            declare(name.value, name.start, BindingKind::Lexical);
    } else if (!allow_anonymous) {
        unexpected();
    }
    if (eat(TokenKind::Extends)) {
        Token s = m_tok;
        cls->super_class = parse_lhs(nullptr);
        check_not_bare_arrow(cls->super_class);
        (void)s;
    }
    expect(TokenKind::LeftBrace);
    ClassScope class_scope;
    class_scope.parent = m_class;
    m_class = &class_scope;
    std::vector<Node*> elements;
    bool has_constructor = false;
    while (!eat(TokenKind::RightBrace)) {
        if (at(TokenKind::EndOfFile))
            unexpected();
        if (Node* element = parse_class_element(cls, has_constructor))
            elements.push_back(element);
    }
    m_class = class_scope.parent;
    for (auto const& [name, offset] : class_scope.referenced) {
        if (class_scope.declared.count(name))
            continue;
        if (m_class)
            m_class->referenced.push_back({ name, offset });
        else
            fail_at(offset, "reference to undeclared private name #" + std::string(name));
    }
    cls->body = make_list(elements);
    m_fn->strict = saved_strict;
    return finish(cls);
}

Node* Parser::parse_field_initializer(bool is_static)
{
    (void)is_static;
    FunctionGuard guard(*this);
    auto& state = guard.state;
    state.is_field_initializer = true;
    state.allow_super_property = true;
    state.allow_new_target = true;
    state.allow_arguments = false;
    ScopeGuard scope(*this, ScopeKind::Function);
    return parse_assignment();
}

// https://tc39.es/ecma262/#prod-ClassStaticBlock; m_tok is `{`.
Node* Parser::parse_static_block(Token const& start)
{
    auto* node = make<StaticBlockNode>(start);
    FunctionGuard guard(*this);
    auto& state = guard.state;
    state.is_static_block = true;
    state.allow_super_property = true;
    state.allow_new_target = true;
    state.allow_arguments = false;
    state.await_identifier_reserved = true;
    ScopeGuard scope(*this, ScopeKind::StaticBlock);
    expect(TokenKind::LeftBrace);
    std::vector<Node*> body;
    parse_statement_list(body, TokenKind::RightBrace);
    advance();
    node->body = make_list(body);
    return finish(node);
}

Node* Parser::parse_class_element(ClassNode* cls, bool& has_constructor)
{
    if (eat(TokenKind::Semicolon))
        return nullptr;
    Token start = m_tok;
    auto ends_name = [](Token const& t) {
        return t.kind == TokenKind::LeftParen || t.kind == TokenKind::Assign || t.kind == TokenKind::Semicolon
            || t.kind == TokenKind::RightBrace || t.kind == TokenKind::EndOfFile;
    };
    bool is_static = false;
    if (at_contextual("static")) {
        Token next = peek();
        if (next.kind == TokenKind::LeftBrace) {
            advance();
            return parse_static_block(start);
        }
        if (!ends_name(next)) {
            is_static = true;
            advance();
        }
    }
    Token method_start = m_tok;
    bool is_async = false;
    bool is_generator = false;
    PropertyKind accessor = PropertyKind::Init;
    if (at_contextual("async")) {
        Token next = peek();
        if (!ends_name(next) && !next.newline_before) {
            is_async = true;
            advance();
        }
    }
    if (eat(TokenKind::Star))
        is_generator = true;
    if (!is_async && !is_generator && (at_contextual("get") || at_contextual("set"))) {
        Token next = peek();
        // `get` followed by `*` can only be a field named get (a generator cannot be an accessor).
        if (!ends_name(next) && next.kind != TokenKind::Star) {
            accessor = at_contextual("get") ? PropertyKind::Get : PropertyKind::Set;
            advance();
        }
    }
    Token key_token = m_tok;
    bool computed = false;
    Node* key = parse_property_name(computed, true);
    bool is_private = key->is(NodeKind::PrivateIdentifier);
    std::string_view private_name = is_private ? key->as<PrivateIdentifierNode>()->name : std::string_view();
    if (is_private && private_name == "constructor")
        fail_at(key_token.start, "'#constructor' is not a valid private name");
    auto key_is = [&](std::string_view name) {
        if (computed)
            return false;
        if (key->is(NodeKind::Identifier))
            return key->as<IdentifierNode>()->name == name;
        if (key->is(NodeKind::StringLiteral))
            return key->as<StringLiteralNode>()->value == name;
        return false;
    };
    auto declare_private = [&](u8 bits) {
        if (!is_private)
            return;
        if (is_static)
            bits |= 8;
        auto it = m_class->declared.find(private_name);
        if (it == m_class->declared.end()) {
            m_class->declared.emplace(private_name, bits);
            return;
        }
        u8 existing = it->second;
        bool accessor_pair = !(existing & 1) && !(bits & 1) && !((existing & 6) & (bits & 6)) && (existing & 8) == (bits & 8);
        if (!accessor_pair)
            fail_at(key_token.start, "duplicate private name #" + std::string(private_name));
        it->second = existing | bits;
    };
    if (at(TokenKind::LeftParen)) {
        auto* method = make<MethodDefinitionNode>(start);
        method->key = key;
        method->computed = computed;
        method->is_static = is_static;
        u16 flags = kFunctionMethod;
        MethodKind kind = MethodKind::Method;
        if (accessor == PropertyKind::Get) {
            kind = MethodKind::Get;
            flags |= kFunctionGetter;
        } else if (accessor == PropertyKind::Set) {
            kind = MethodKind::Set;
            flags |= kFunctionSetter;
        }
        if (!is_static && !is_private && key_is("constructor")) {
            if (accessor != PropertyKind::Init)
                fail_at(key_token.start, "a class constructor may not be a getter or setter");
            if (is_generator || is_async)
                fail_at(key_token.start, "a class constructor may not be a generator or async");
            if (has_constructor)
                fail_at(key_token.start, "a class may only have one constructor");
            has_constructor = true;
            kind = MethodKind::Constructor;
            flags |= kFunctionClassConstructor;
            if (cls->super_class)
                flags |= kFunctionDerivedConstructor;
        }
        if (is_static && key_is("prototype"))
            fail_at(key_token.start, "classes may not have a static property named 'prototype'");
        method->method_kind = kind;
        method->value = parse_method(method_start, is_async, is_generator, flags, true, is_static);
        declare_private(accessor == PropertyKind::Get ? 2 : accessor == PropertyKind::Set ? 4 : 1);
        if (kind == MethodKind::Constructor)
            cls->constructor = method;
        return finish(method);
    }
    if (is_async || is_generator || accessor != PropertyKind::Init)
        unexpected();
    if (key_is("constructor"))
        fail_at(key_token.start, "classes may not have a field named 'constructor'");
    if (is_static && key_is("prototype"))
        fail_at(key_token.start, "classes may not have a static property named 'prototype'");
    auto* field = make<PropertyDefinitionNode>(start);
    field->key = key;
    field->computed = computed;
    field->is_static = is_static;
    if (eat(TokenKind::Assign))
        field->value = parse_field_initializer(is_static);
    consume_semicolon();
    declare_private(1);
    return finish(field);
}

} // namespace weft::parser
