// Parser: expressions, by precedence climbing, with the cover grammars for patterns and arrows.
// spec: https://tc39.es/ecma262/#sec-ecmascript-language-expressions
#include "parser/parser_impl.h"

namespace weft::parser {

namespace {

// Binary operator precedence (higher binds tighter); 0 for tokens that are not binary operators.
u32 binary_precedence(TokenKind k, bool no_in)
{
    switch (k) {
    case TokenKind::QuestionQuestion: return 1;
    case TokenKind::PipePipe: return 2;
    case TokenKind::AmpersandAmpersand: return 3;
    case TokenKind::Pipe: return 4;
    case TokenKind::Caret: return 5;
    case TokenKind::Ampersand: return 6;
    case TokenKind::Equal: case TokenKind::NotEqual: case TokenKind::StrictEqual: case TokenKind::StrictNotEqual: return 7;
    case TokenKind::Less: case TokenKind::Greater: case TokenKind::LessEqual: case TokenKind::GreaterEqual:
    case TokenKind::Instanceof: return 8;
    case TokenKind::In: return no_in ? 0 : 8;
    case TokenKind::ShiftLeft: case TokenKind::ShiftRight: case TokenKind::UnsignedShiftRight: return 9;
    case TokenKind::Plus: case TokenKind::Minus: return 10;
    case TokenKind::Star: case TokenKind::Slash: case TokenKind::Percent: return 11;
    case TokenKind::StarStar: return 12;
    default: return 0;
    }
}

BinaryOperator binary_operator(TokenKind k)
{
    switch (k) {
    case TokenKind::Plus: return BinaryOperator::Add;
    case TokenKind::Minus: return BinaryOperator::Subtract;
    case TokenKind::Star: return BinaryOperator::Multiply;
    case TokenKind::Slash: return BinaryOperator::Divide;
    case TokenKind::Percent: return BinaryOperator::Modulo;
    case TokenKind::StarStar: return BinaryOperator::Exponent;
    case TokenKind::ShiftLeft: return BinaryOperator::LeftShift;
    case TokenKind::ShiftRight: return BinaryOperator::RightShift;
    case TokenKind::UnsignedShiftRight: return BinaryOperator::UnsignedRightShift;
    case TokenKind::Ampersand: return BinaryOperator::BitwiseAnd;
    case TokenKind::Pipe: return BinaryOperator::BitwiseOr;
    case TokenKind::Caret: return BinaryOperator::BitwiseXor;
    case TokenKind::Equal: return BinaryOperator::Equal;
    case TokenKind::NotEqual: return BinaryOperator::NotEqual;
    case TokenKind::StrictEqual: return BinaryOperator::StrictEqual;
    case TokenKind::StrictNotEqual: return BinaryOperator::StrictNotEqual;
    case TokenKind::Less: return BinaryOperator::LessThan;
    case TokenKind::LessEqual: return BinaryOperator::LessThanOrEqual;
    case TokenKind::Greater: return BinaryOperator::GreaterThan;
    case TokenKind::GreaterEqual: return BinaryOperator::GreaterThanOrEqual;
    case TokenKind::In: return BinaryOperator::In;
    default: return BinaryOperator::Instanceof;
    }
}

bool assignment_operator(TokenKind k, AssignmentOperator& op)
{
    switch (k) {
    case TokenKind::Assign: op = AssignmentOperator::Assign; return true;
    case TokenKind::PlusAssign: op = AssignmentOperator::Add; return true;
    case TokenKind::MinusAssign: op = AssignmentOperator::Subtract; return true;
    case TokenKind::StarAssign: op = AssignmentOperator::Multiply; return true;
    case TokenKind::SlashAssign: op = AssignmentOperator::Divide; return true;
    case TokenKind::PercentAssign: op = AssignmentOperator::Modulo; return true;
    case TokenKind::StarStarAssign: op = AssignmentOperator::Exponent; return true;
    case TokenKind::ShiftLeftAssign: op = AssignmentOperator::LeftShift; return true;
    case TokenKind::ShiftRightAssign: op = AssignmentOperator::RightShift; return true;
    case TokenKind::UnsignedShiftRightAssign: op = AssignmentOperator::UnsignedRightShift; return true;
    case TokenKind::AmpersandAssign: op = AssignmentOperator::BitwiseAnd; return true;
    case TokenKind::PipeAssign: op = AssignmentOperator::BitwiseOr; return true;
    case TokenKind::CaretAssign: op = AssignmentOperator::BitwiseXor; return true;
    case TokenKind::AmpersandAmpersandAssign: op = AssignmentOperator::And; return true;
    case TokenKind::PipePipeAssign: op = AssignmentOperator::Or; return true;
    case TokenKind::QuestionQuestionAssign: op = AssignmentOperator::Coalesce; return true;
    default: return false;
    }
}

// Whether a token can begin an AssignmentExpression (for `yield` without an operand).
bool starts_expression(Token const& t)
{
    switch (t.kind) {
    case TokenKind::RightParen: case TokenKind::RightBracket: case TokenKind::RightBrace:
    case TokenKind::Comma: case TokenKind::Semicolon: case TokenKind::Colon: case TokenKind::EndOfFile:
    case TokenKind::Question: case TokenKind::In: case TokenKind::Instanceof: case TokenKind::Arrow:
    case TokenKind::TemplateMiddle: case TokenKind::TemplateTail:
        return false;
    default:
        break;
    }
    if (binary_precedence(t.kind, false) && t.kind != TokenKind::Plus && t.kind != TokenKind::Minus && t.kind != TokenKind::Slash)
        return false;
    AssignmentOperator op;
    if (assignment_operator(t.kind, op) && t.kind != TokenKind::SlashAssign)
        return false;
    return true;
}

bool is_bare_arrow(Node* node)
{
    return node->is(NodeKind::ArrowFunctionExpression) && !node->parenthesized();
}

} // namespace

void Parser::check_not_bare_arrow(Node* node)
{
    if (is_bare_arrow(node))
        fail_at(node->range.start, "an arrow function cannot be an operand here; wrap it in parentheses");
}

void Parser::check_cover_errors(CoverErrors const& cover)
{
    if (cover.shorthand_assign != kNoOffset)
        fail_at(cover.shorthand_assign, "invalid shorthand property initializer");
    if (cover.double_proto != kNoOffset)
        fail_at(cover.double_proto, "duplicate __proto__ property in object literal");
}

// https://tc39.es/ecma262/#sec-static-semantics-assignmenttargettype
void Parser::check_simple_assignment_target(Node* node, bool for_update)
{
    if (node->is(NodeKind::Identifier)) {
        auto name = node->as<IdentifierNode>()->name;
        if (strict() && (name == "eval" || name == "arguments"))
            fail_at(node->range.start, "cannot assign to " + std::string(name) + " in strict mode");
        return;
    }
    if (node->is(NodeKind::MemberExpression))
        return;
    fail_at(node->range.start, for_update ? "invalid update target" : "invalid assignment target");
}

void Parser::use_private_name(std::string_view name, u32 offset)
{
    if (!m_class)
        fail_at(offset, "private name #" + std::string(name) + " used outside of a class");
    m_class->referenced.push_back({ name, offset });
}

Node* Parser::parse_expression(bool no_in, CoverErrors* cover)
{
    Token start = m_tok;
    Node* first = parse_assignment(no_in, cover);
    if (!at(TokenKind::Comma))
        return first;
    std::vector<Node*> items { first };
    while (eat(TokenKind::Comma))
        items.push_back(parse_assignment(no_in, cover));
    auto* seq = make<SequenceExpressionNode>(start);
    seq->expressions = make_list(items);
    return finish(seq);
}

// https://tc39.es/ecma262/#sec-assignment-operators
Node* Parser::parse_assignment(bool no_in, CoverErrors* cover)
{
    DepthGuard depth(*this, m_tok.start);
    if (at_contextual("yield") && yield_is_keyword())
        return parse_yield_expression(no_in);
    if (m_tok.kind == TokenKind::Identifier && m_tok.value == "yield" && m_tok.has_escape() && yield_is_keyword())
        fail("keyword 'yield' must not contain escaped characters");
    Token start = m_tok;
    CoverErrors own;
    CoverErrors* c = cover ? cover : &own;
    Node* left = parse_conditional(no_in, c);
    if (is_bare_arrow(left)) {
        AssignmentOperator op;
        if (assignment_operator(m_tok.kind, op))
            fail_at(left->range.start, "invalid assignment target");
        return left;
    }
    AssignmentOperator op;
    if (!assignment_operator(m_tok.kind, op)) {
        if (!cover)
            check_cover_errors(own);
        return left;
    }
    Node* target = left;
    if (op == AssignmentOperator::Assign && (left->is(NodeKind::ObjectExpression) || left->is(NodeKind::ArrayExpression)) && !left->parenthesized()) {
        target = to_assignable(left, false);
        if (c->shorthand_assign != kNoOffset && c->shorthand_assign >= left->range.start)
            c->shorthand_assign = kNoOffset;
        if (c->double_proto != kNoOffset && c->double_proto >= left->range.start)
            c->double_proto = kNoOffset;
    } else {
        check_simple_assignment_target(left, false);
    }
    if (!cover)
        check_cover_errors(own);
    advance();
    auto* node = make_at<AssignmentExpressionNode>(target);
    node->range.line = start.line;
    node->range.column = start.column;
    node->range.start = start.start;
    node->op = op;
    node->target = target;
    node->value = parse_assignment(no_in);
    return finish(node);
}

Node* Parser::parse_yield_expression(bool no_in)
{
    Token start = m_tok;
    if (m_fn->in_parameters)
        fail("yield expressions are not allowed in formal parameters");
    if (m_yield_await_pos == kNoOffset)
        m_yield_await_pos = start.start;
    advance();
    auto* node = make<YieldExpressionNode>(start);
    if (!m_tok.newline_before) {
        if (eat(TokenKind::Star)) {
            node->delegate = true;
            node->argument = parse_assignment(no_in);
        } else if (starts_expression(m_tok)) {
            node->argument = parse_assignment(no_in);
        }
    }
    return finish(node);
}

Node* Parser::parse_conditional(bool no_in, CoverErrors* cover)
{
    Token start = m_tok;
    Node* test = parse_binary(0, no_in, cover);
    if (!at(TokenKind::Question))
        return test;
    check_not_bare_arrow(test);
    advance();
    auto* node = make<ConditionalExpressionNode>(start);
    node->test = test;
    node->consequent = parse_assignment(false);
    expect(TokenKind::Colon);
    node->alternate = parse_assignment(no_in);
    return finish(node);
}

// Precedence climbing over the binary operators; `**` is right-associative.
Node* Parser::parse_binary(u32 min_precedence, bool no_in, CoverErrors* cover)
{
    Token start = m_tok;
    Node* left;
    if (at(TokenKind::PrivateName)) {
        // https://tc39.es/ecma262/#prod-RelationalExpression: PrivateIdentifier in ShiftExpression
        Token name = m_tok;
        advance();
        if (!at(TokenKind::In) || no_in || min_precedence > 8)
            fail_at(name.start, "unexpected private name #" + std::string(name.value));
        auto* id = make<PrivateIdentifierNode>(name);
        id->name = name.value;
        use_private_name(name.value, name.start);
        left = id;
        advance();
        auto* node = make<BinaryExpressionNode>(start);
        node->op = BinaryOperator::In;
        node->left = id;
        node->right = parse_binary(9, no_in, nullptr);
        check_not_bare_arrow(node->right);
        left = finish(node);
    } else {
        left = parse_unary(cover);
    }
    while (true) {
        TokenKind k = m_tok.kind;
        u32 precedence = binary_precedence(k, no_in);
        if (precedence == 0 || precedence <= min_precedence)
            break;
        check_not_bare_arrow(left);
        if (k == TokenKind::StarStar && !left->parenthesized()
            && (left->is(NodeKind::UnaryExpression) || left->is(NodeKind::AwaitExpression)))
            fail_at(left->range.start, "a unary expression cannot be the left operand of '**'; add parentheses");
        advance();
        Node* right = parse_binary(k == TokenKind::StarStar ? precedence - 1 : precedence, no_in, nullptr);
        check_not_bare_arrow(right);
        if (k == TokenKind::QuestionQuestion || k == TokenKind::PipePipe || k == TokenKind::AmpersandAmpersand) {
            auto* node = make<LogicalExpressionNode>(start);
            node->op = k == TokenKind::QuestionQuestion ? LogicalOperator::Coalesce
                : k == TokenKind::PipePipe              ? LogicalOperator::Or
                                                        : LogicalOperator::And;
            node->left = left;
            node->right = right;
            // https://tc39.es/ecma262/#prod-CoalesceExpression: ?? does not mix with && or ||.
            for (Node* operand : { left, right }) {
                if (!operand->is(NodeKind::LogicalExpression) || operand->parenthesized())
                    continue;
                bool operand_coalesce = operand->as<LogicalExpressionNode>()->op == LogicalOperator::Coalesce;
                if (operand_coalesce != (node->op == LogicalOperator::Coalesce))
                    fail_at(operand->range.start, "'?" "?' cannot be mixed with '&&' or '||' without parentheses");
            }
            left = finish(node);
        } else {
            auto* node = make<BinaryExpressionNode>(start);
            node->op = binary_operator(k);
            node->left = left;
            node->right = right;
            left = finish(node);
        }
    }
    return left;
}

// https://tc39.es/ecma262/#sec-unary-operators
Node* Parser::parse_unary(CoverErrors* cover)
{
    DepthGuard depth(*this, m_tok.start);
    Token start = m_tok;
    UnaryOperator op;
    switch (m_tok.kind) {
    case TokenKind::Delete: op = UnaryOperator::Delete; break;
    case TokenKind::Void: op = UnaryOperator::Void; break;
    case TokenKind::Typeof: op = UnaryOperator::Typeof; break;
    case TokenKind::Plus: op = UnaryOperator::Plus; break;
    case TokenKind::Minus: op = UnaryOperator::Minus; break;
    case TokenKind::Bang: op = UnaryOperator::Not; break;
    case TokenKind::Tilde: op = UnaryOperator::BitwiseNot; break;
    case TokenKind::PlusPlus:
    case TokenKind::MinusMinus: {
        advance();
        auto* node = make<UpdateExpressionNode>(start);
        node->increment = start.kind == TokenKind::PlusPlus;
        node->prefix = true;
        node->argument = parse_unary(nullptr);
        check_not_bare_arrow(node->argument);
        check_simple_assignment_target(node->argument, true);
        return finish(node);
    }
    case TokenKind::Identifier:
        if (at_contextual("await") && await_is_keyword())
            return parse_await_expression();
        if (m_tok.value == "await" && m_tok.has_escape() && await_is_keyword())
            fail("keyword 'await' must not contain escaped characters");
        return parse_postfix(cover);
    default:
        return parse_postfix(cover);
    }
    advance();
    auto* node = make<UnaryExpressionNode>(start);
    node->op = op;
    node->argument = parse_unary(nullptr);
    check_not_bare_arrow(node->argument);
    if (op == UnaryOperator::Delete) {
        Node* arg = node->argument;
        if (strict() && arg->is(NodeKind::Identifier))
            fail_at(arg->range.start, "deleting an unqualified identifier is not allowed in strict mode");
        Node* inner = arg->is(NodeKind::ChainExpression) ? arg->as<ChainExpressionNode>()->expression : arg;
        if (inner->is(NodeKind::MemberExpression) && inner->as<MemberExpressionNode>()->property->is(NodeKind::PrivateIdentifier))
            fail_at(arg->range.start, "private fields cannot be deleted");
    }
    return finish(node);
}

Node* Parser::parse_await_expression()
{
    Token start = m_tok;
    if (m_fn->in_parameters)
        fail("await expressions are not allowed in formal parameters");
    if (m_yield_await_pos == kNoOffset)
        m_yield_await_pos = start.start;
    advance();
    auto* node = make<AwaitExpressionNode>(start);
    node->argument = parse_unary(nullptr);
    check_not_bare_arrow(node->argument);
    return finish(node);
}

// https://tc39.es/ecma262/#sec-update-expressions
Node* Parser::parse_postfix(CoverErrors* cover)
{
    Token start = m_tok;
    Node* expr = parse_lhs(cover);
    if ((at(TokenKind::PlusPlus) || at(TokenKind::MinusMinus)) && !m_tok.newline_before) {
        check_not_bare_arrow(expr);
        check_simple_assignment_target(expr, true);
        auto* node = make<UpdateExpressionNode>(start);
        node->increment = at(TokenKind::PlusPlus);
        node->prefix = false;
        node->argument = expr;
        advance();
        return finish(node);
    }
    return expr;
}

// https://tc39.es/ecma262/#sec-left-hand-side-expressions
Node* Parser::parse_lhs(CoverErrors* cover)
{
    Token start = m_tok;
    Node* base;
    if (at(TokenKind::New)) {
        base = parse_new_expression();
    } else if (at(TokenKind::Super)) {
        advance();
        auto* super = make<SuperNode>(start);
        if (at(TokenKind::LeftParen)) {
            if (!m_fn->allow_super_call)
                fail_at(start.start, "'super()' is only valid in derived class constructors");
        } else if (at(TokenKind::Dot) || at(TokenKind::LeftBracket)) {
            if (!m_fn->allow_super_property)
                fail_at(start.start, "'super' property access is only valid in methods");
            if (at(TokenKind::Dot) && peek().kind == TokenKind::PrivateName)
                fail_at(start.start, "private names cannot be accessed on 'super'");
        } else {
            fail_at(start.start, "'super' keyword unexpected here");
        }
        base = finish(super);
    } else if (at(TokenKind::Import)) {
        advance();
        if (at(TokenKind::Dot)) {
            advance();
            if (!at_contextual("meta"))
                fail("expected 'import.meta'");
            if (!is_module())
                fail_at(start.start, "'import.meta' is only valid in modules");
            advance();
            auto* meta = make<MetaPropertyNode>(start);
            meta->meta = MetaPropertyKind::ImportMeta;
            base = finish(meta);
        } else if (at(TokenKind::LeftParen)) {
            base = parse_import_expression(start);
        } else {
            unexpected();
        }
    } else {
        base = parse_primary(cover);
    }
    return parse_subscripts(base, start, false);
}

// import ( AssignmentExpression [, AssignmentExpression] [,] )
Node* Parser::parse_import_expression(Token const& start)
{
    expect(TokenKind::LeftParen);
    auto* node = make<ImportCallNode>(start);
    if (at(TokenKind::RightParen))
        fail("import() requires a specifier");
    node->source = parse_assignment();
    if (eat(TokenKind::Comma) && !at(TokenKind::RightParen)) {
        node->options = parse_assignment();
        eat(TokenKind::Comma);
    }
    expect(TokenKind::RightParen);
    return finish(node);
}

Node* Parser::parse_new_expression()
{
    DepthGuard depth(*this, m_tok.start);
    Token start = m_tok;
    advance();
    if (at(TokenKind::Dot)) {
        advance();
        if (!at_contextual("target"))
            fail("expected 'new.target'");
        if (!m_fn->allow_new_target)
            fail_at(start.start, "'new.target' is only valid in functions");
        advance();
        auto* meta = make<MetaPropertyNode>(start);
        meta->meta = MetaPropertyKind::NewTarget;
        return finish(meta);
    }
    Token callee_start = m_tok;
    Node* callee;
    if (at(TokenKind::New)) {
        callee = parse_new_expression();
    } else if (at(TokenKind::Import)) {
        advance();
        if (!at(TokenKind::Dot))
            fail_at(callee_start.start, "'import()' cannot be used with 'new'");
        advance();
        if (!at_contextual("meta") || !is_module())
            fail("expected 'import.meta' in a module");
        advance();
        auto* meta = make<MetaPropertyNode>(callee_start);
        meta->meta = MetaPropertyKind::ImportMeta;
        callee = finish(meta);
    } else if (at(TokenKind::Super)) {
        advance();
        if (!at(TokenKind::Dot) && !at(TokenKind::LeftBracket))
            fail_at(callee_start.start, "'super' keyword unexpected here");
        if (!m_fn->allow_super_property)
            fail_at(callee_start.start, "'super' property access is only valid in methods");
        callee = finish(make<SuperNode>(callee_start));
    } else {
        callee = parse_primary(nullptr);
        check_not_bare_arrow(callee);
    }
    callee = parse_subscripts(callee, callee_start, true);
    auto* node = make<CallExpressionNode>(start);
    node->kind = NodeKind::NewExpression;
    node->callee = callee;
    if (at(TokenKind::LeftParen)) {
        std::vector<Node*> args;
        parse_arguments(args, nullptr);
        node->arguments = make_list(args);
    }
    return finish(node);
}

void Parser::parse_arguments(std::vector<Node*>& out, CoverErrors* cover, u32* spread_trailing_comma)
{
    expect(TokenKind::LeftParen);
    while (!at(TokenKind::RightParen)) {
        if (at(TokenKind::Ellipsis)) {
            Token s = m_tok;
            advance();
            auto* spread = make<SpreadElementNode>(s);
            spread->argument = parse_assignment(false, cover);
            out.push_back(finish(spread));
            if (spread_trailing_comma && at(TokenKind::Comma) && *spread_trailing_comma == kNoOffset)
                *spread_trailing_comma = m_tok.start;
        } else {
            out.push_back(parse_assignment(false, cover));
        }
        if (!at(TokenKind::RightParen))
            expect(TokenKind::Comma);
    }
    advance();
}

// Member accesses, calls, optional chains and tagged templates after `base`.
Node* Parser::parse_subscripts(Node* base, Token const& start, bool no_call)
{
    if (is_bare_arrow(base)) {
        if (at(TokenKind::Dot) || at(TokenKind::LeftBracket) || at(TokenKind::LeftParen) || at(TokenKind::QuestionDot)
            || at(TokenKind::NoSubstitutionTemplate) || at(TokenKind::TemplateHead))
            fail_at(base->range.start, "an arrow function cannot be an operand here; wrap it in parentheses");
        return base;
    }
    bool in_chain = false;
    bool maybe_async_arrow = base->is(NodeKind::Identifier) && !base->parenthesized() && start.is_contextual("async")
        && base->range.end == start.end;
    Node* expr = base;
    while (true) {
        Token t = m_tok;
        if (at(TokenKind::Dot) || at(TokenKind::QuestionDot)) {
            bool optional = at(TokenKind::QuestionDot);
            if (optional) {
                if (no_call)
                    fail("optional chaining is not allowed in a 'new' expression");
                if (expr->is(NodeKind::Super))
                    fail("optional chaining is not allowed on 'super'");
                in_chain = true;
            }
            advance();
            if (optional && (at(TokenKind::LeftParen) || at(TokenKind::LeftBracket))) {
                if (at(TokenKind::LeftParen)) {
                    auto* call = make<CallExpressionNode>(start);
                    call->callee = expr;
                    call->optional = true;
                    std::vector<Node*> args;
                    parse_arguments(args, nullptr);
                    call->arguments = make_list(args);
                    expr = finish(call);
                } else {
                    advance();
                    auto* member = make<MemberExpressionNode>(start);
                    member->object = expr;
                    member->computed = true;
                    member->optional = true;
                    member->property = parse_expression();
                    expect(TokenKind::RightBracket);
                    expr = finish(member);
                }
                continue;
            }
            if (optional && (at(TokenKind::NoSubstitutionTemplate) || at(TokenKind::TemplateHead)))
                fail("tagged templates are not allowed in an optional chain");
            auto* member = make<MemberExpressionNode>(start);
            member->object = expr;
            member->optional = optional;
            if (at(TokenKind::PrivateName)) {
                auto* id = make<PrivateIdentifierNode>(m_tok);
                id->name = m_tok.value;
                use_private_name(m_tok.value, m_tok.start);
                advance();
                member->property = finish(id);
            } else {
                member->property = parse_identifier_name();
            }
            expr = finish(member);
            continue;
        }
        if (at(TokenKind::LeftBracket)) {
            advance();
            auto* member = make<MemberExpressionNode>(start);
            member->object = expr;
            member->computed = true;
            member->property = parse_expression();
            expect(TokenKind::RightBracket);
            expr = finish(member);
            continue;
        }
        if (at(TokenKind::LeftParen) && !no_call) {
            if (maybe_async_arrow && expr == base && !m_tok.newline_before) {
                // `async ( ... )`: a call, or the parameters of an async arrow function.
                u32 saved_yield_await = m_yield_await_pos;
                u32 saved_await_ident = m_await_ident_pos;
                m_yield_await_pos = kNoOffset;
                m_await_ident_pos = kNoOffset;
                CoverErrors cover;
                std::vector<Node*> args;
                u32 spread_comma = kNoOffset;
                parse_arguments(args, &cover, &spread_comma);
                if (at(TokenKind::Arrow)) {
                    if (m_tok.newline_before)
                        fail("no line break is allowed before '=>'");
                    if (spread_comma != kNoOffset)
                        fail_at(spread_comma, "a rest parameter must be last in the parameter list");
                    u32 bad = m_yield_await_pos;
                    if (m_await_ident_pos != kNoOffset && (bad == kNoOffset || m_await_ident_pos < bad))
                        bad = m_await_ident_pos;
                    m_yield_await_pos = saved_yield_await;
                    m_await_ident_pos = saved_await_ident;
                    return parse_arrow_function(start, args, true, false, bad);
                }
                check_cover_errors(cover);
                if (m_yield_await_pos == kNoOffset)
                    m_yield_await_pos = saved_yield_await;
                else if (saved_yield_await != kNoOffset)
                    m_yield_await_pos = saved_yield_await;
                if (m_await_ident_pos == kNoOffset || saved_await_ident != kNoOffset)
                    m_await_ident_pos = saved_await_ident;
                auto* call = make<CallExpressionNode>(start);
                call->callee = expr;
                call->arguments = make_list(args);
                expr = finish(call);
                continue;
            }
            auto* call = make<CallExpressionNode>(start);
            call->callee = expr;
            std::vector<Node*> args;
            parse_arguments(args, nullptr);
            call->arguments = make_list(args);
            expr = finish(call);
            continue;
        }
        if (at(TokenKind::NoSubstitutionTemplate) || at(TokenKind::TemplateHead)) {
            if (in_chain)
                fail("tagged templates are not allowed in an optional chain");
            auto* tagged = make<TaggedTemplateExpressionNode>(start);
            tagged->tag = expr;
            tagged->quasi = parse_template_literal(true)->as<TemplateLiteralNode>();
            expr = finish(tagged);
            continue;
        }
        (void)t;
        break;
    }
    if (in_chain) {
        auto* chain = make<ChainExpressionNode>(start);
        chain->expression = expr;
        expr = finish(chain);
    }
    return expr;
}

IdentifierNode* Parser::parse_identifier_name()
{
    if (!at(TokenKind::Identifier) && !is_keyword(m_tok.kind))
        unexpected();
    auto* id = make<IdentifierNode>(m_tok);
    id->name = m_tok.kind == TokenKind::Identifier ? m_tok.value : m_source.substr(m_tok.start, m_tok.end - m_tok.start);
    advance();
    return finish(id);
}

Node* Parser::parse_identifier_reference()
{
    Token t = m_tok;
    if (!at(TokenKind::Identifier))
        unexpected();
    check_identifier_reference(t.value, t.start, t.has_escape());
    auto* id = make<IdentifierNode>(t);
    id->name = t.value;
    advance();
    return finish(id);
}

Node* Parser::parse_regexp_literal()
{
    m_tok = m_lexer.rescan_as_regexp(m_tok);
    Token t = m_tok;
    if (auto error = validate_regexp(t.value, t.raw)) {
        u32 offset = error->offset <= t.value.size() ? t.start + 1 + error->offset : t.start + 1 + error->offset;
        if (offset > t.end)
            offset = t.start;
        fail_at(offset, "invalid regular expression: " + error->message);
    }
    auto* node = make<RegExpLiteralNode>(t);
    node->pattern = t.value;
    node->flags = t.raw;
    advance();
    return finish(node);
}

// https://tc39.es/ecma262/#sec-primary-expression
Node* Parser::parse_primary(CoverErrors* cover)
{
    Token start = m_tok;
    switch (m_tok.kind) {
    case TokenKind::This:
        advance();
        return finish(make<ThisExpressionNode>(start));
    case TokenKind::Null:
        advance();
        return finish(make<NullLiteralNode>(start));
    case TokenKind::True:
    case TokenKind::False: {
        auto* node = make<BooleanLiteralNode>(start);
        node->value = at(TokenKind::True);
        advance();
        return finish(node);
    }
    case TokenKind::Number: {
        if ((start.flags & kTokenLegacyOctal) && strict())
            fail("legacy octal literals are not allowed in strict mode");
        auto* node = make<NumericLiteralNode>(start);
        node->value = start.number;
        advance();
        return finish(node);
    }
    case TokenKind::BigInt: {
        auto* node = make<BigIntLiteralNode>(start);
        node->digits = start.value;
        advance();
        return finish(node);
    }
    case TokenKind::String: {
        if ((start.flags & kTokenLegacyOctal) && strict())
            fail_at(start.octal_offset, "octal escape sequences are not allowed in strict mode");
        auto* node = make<StringLiteralNode>(start);
        node->value = start.value;
        advance();
        return finish(node);
    }
    case TokenKind::NoSubstitutionTemplate:
    case TokenKind::TemplateHead:
        return parse_template_literal(false);
    case TokenKind::Slash:
    case TokenKind::SlashAssign:
        return parse_regexp_literal();
    case TokenKind::LeftParen:
        return parse_paren_expression(cover);
    case TokenKind::LeftBracket:
        return parse_array_literal(cover);
    case TokenKind::LeftBrace:
        return parse_object_literal(cover);
    case TokenKind::Function:
        return parse_function(start, NodeKind::FunctionExpression, false, true);
    case TokenKind::Class:
        return parse_class(start, NodeKind::ClassExpression, true);
    case TokenKind::Identifier: {
        Token next = peek();
        if (start.is_contextual("async") && !next.newline_before) {
            if (next.kind == TokenKind::Function) {
                advance();
                return parse_function(start, NodeKind::FunctionExpression, true, true);
            }
            if (next.kind == TokenKind::Identifier && [&] {
                    auto state = m_lexer.save();
                    m_lexer.next();
                    Token third = m_lexer.next();
                    m_lexer.restore(state);
                    return third.kind == TokenKind::Arrow;
                }()) {
                // async x => ...
                advance();
                Token param = m_tok;
                u32 saved_await = m_await_ident_pos;
                bool saved_async = m_fn->is_async;
                m_fn->is_async = true; // the parameter is bound in the async function
                Node* id = parse_identifier_reference();
                m_fn->is_async = saved_async;
                m_await_ident_pos = saved_await;
                if (!at(TokenKind::Arrow) || m_tok.newline_before)
                    unexpected();
                (void)param;
                return parse_arrow_function(start, { id }, true, false, kNoOffset);
            }
        }
        if (next.kind == TokenKind::Arrow && !next.newline_before) {
            u32 saved_yield_await = m_yield_await_pos;
            Node* id = parse_identifier_reference();
            m_yield_await_pos = saved_yield_await;
            return parse_arrow_function(start, { id }, false, false, kNoOffset);
        }
        if (start.flags & kTokenEscapedKeyword)
            fail("keywords must not contain escaped characters");
        return parse_identifier_reference();
    }
    case TokenKind::PrivateName:
        fail("unexpected private name #" + std::string(start.value));
    default:
        unexpected();
    }
}

// ( Expression ) or the parameters of an arrow function.
// https://tc39.es/ecma262/#prod-CoverParenthesizedExpressionAndArrowParameterList
Node* Parser::parse_paren_expression(CoverErrors* outer_cover)
{
    Token start = m_tok;
    advance();
    u32 saved_yield_await = m_yield_await_pos;
    m_yield_await_pos = kNoOffset;
    CoverErrors cover;
    std::vector<Node*> items;
    u32 trailing_comma = kNoOffset;
    u32 rest = kNoOffset;
    while (!at(TokenKind::RightParen)) {
        if (at(TokenKind::Ellipsis)) {
            Token s = m_tok;
            rest = s.start;
            advance();
            auto* element = make<RestElementNode>(s);
            element->argument = parse_binding_target();
            if (at(TokenKind::Assign))
                fail("a rest parameter may not have a default value");
            items.push_back(finish(element));
            if (!at(TokenKind::RightParen))
                fail("a rest parameter must be last in the parameter list");
            break;
        }
        items.push_back(parse_assignment(false, &cover));
        if (!at(TokenKind::RightParen)) {
            Token comma = m_tok;
            expect(TokenKind::Comma);
            if (at(TokenKind::RightParen))
                trailing_comma = comma.start;
        }
    }
    expect(TokenKind::RightParen);
    if (at(TokenKind::Arrow)) {
        if (m_tok.newline_before)
            fail("no line break is allowed before '=>'");
        u32 bad = m_yield_await_pos;
        m_yield_await_pos = saved_yield_await;
        return parse_arrow_function(start, items, false, false, bad);
    }
    if (items.empty())
        fail_at(start.start, "empty parentheses are only valid as arrow function parameters");
    if (rest != kNoOffset)
        fail_at(rest, "rest element is only valid in arrow function parameters");
    if (trailing_comma != kNoOffset)
        fail_at(trailing_comma, "trailing comma is only valid in arrow function parameters");
    check_cover_errors(cover);
    if (m_yield_await_pos == kNoOffset || saved_yield_await != kNoOffset)
        m_yield_await_pos = saved_yield_await;
    (void)outer_cover;
    Node* expr;
    if (items.size() == 1) {
        expr = items[0];
    } else {
        auto* seq = make_at<SequenceExpressionNode>(items[0]);
        seq->expressions = make_list(items);
        seq->range.end = items.back()->range.end;
        expr = seq;
    }
    expr->flags |= kNodeParenthesized;
    return expr;
}

Node* Parser::parse_array_literal(CoverErrors* cover)
{
    Token start = m_tok;
    advance();
    auto* node = make<ArrayExpressionNode>(start);
    std::vector<Node*> elements;
    CoverErrors own;
    CoverErrors* c = cover ? cover : &own;
    while (!at(TokenKind::RightBracket)) {
        if (at(TokenKind::Comma)) {
            advance();
            elements.push_back(nullptr);
            continue;
        }
        if (at(TokenKind::Ellipsis)) {
            Token s = m_tok;
            advance();
            auto* spread = make<SpreadElementNode>(s);
            spread->argument = parse_assignment(false, c);
            elements.push_back(finish(spread));
            if (at(TokenKind::Comma) && peek().kind == TokenKind::RightBracket)
                node->flags |= kNodeTrailingCommaAfterSpread;
        } else {
            elements.push_back(parse_assignment(false, c));
        }
        if (!at(TokenKind::RightBracket))
            expect(TokenKind::Comma);
    }
    advance();
    node->elements = make_list(elements);
    if (!cover)
        check_cover_errors(own);
    return finish(node);
}

// LiteralPropertyName or ComputedPropertyName (or a PrivateIdentifier in classes).
Node* Parser::parse_property_name(bool& computed, bool allow_private)
{
    computed = false;
    Token t = m_tok;
    switch (t.kind) {
    case TokenKind::String: {
        if ((t.flags & kTokenLegacyOctal) && strict())
            fail_at(t.octal_offset, "octal escape sequences are not allowed in strict mode");
        auto* node = make<StringLiteralNode>(t);
        node->value = t.value;
        advance();
        return finish(node);
    }
    case TokenKind::Number: {
        if ((t.flags & kTokenLegacyOctal) && strict())
            fail("legacy octal literals are not allowed in strict mode");
        auto* node = make<NumericLiteralNode>(t);
        node->value = t.number;
        advance();
        return finish(node);
    }
    case TokenKind::BigInt: {
        auto* node = make<BigIntLiteralNode>(t);
        node->digits = t.value;
        advance();
        return finish(node);
    }
    case TokenKind::LeftBracket: {
        computed = true;
        advance();
        Node* key = parse_assignment();
        expect(TokenKind::RightBracket);
        return key;
    }
    case TokenKind::PrivateName: {
        if (!allow_private)
            unexpected();
        auto* node = make<PrivateIdentifierNode>(t);
        node->name = t.value;
        advance();
        return finish(node);
    }
    default:
        return parse_identifier_name();
    }
}

// https://tc39.es/ecma262/#sec-object-initializer
Node* Parser::parse_object_literal(CoverErrors* cover)
{
    Token start = m_tok;
    advance();
    auto* node = make<ObjectExpressionNode>(start);
    std::vector<Node*> properties;
    CoverErrors own;
    CoverErrors* c = cover ? cover : &own;
    bool has_proto = false;
    auto is_modifier_follower = [](Token const& t) {
        return t.kind != TokenKind::Comma && t.kind != TokenKind::Colon && t.kind != TokenKind::LeftParen
            && t.kind != TokenKind::RightBrace && t.kind != TokenKind::Assign && t.kind != TokenKind::EndOfFile;
    };
    while (!at(TokenKind::RightBrace)) {
        Token pstart = m_tok;
        if (at(TokenKind::Ellipsis)) {
            advance();
            auto* spread = make<SpreadElementNode>(pstart);
            spread->argument = parse_assignment(false, c);
            properties.push_back(finish(spread));
            if (at(TokenKind::Comma) && peek().kind == TokenKind::RightBrace)
                node->flags |= kNodeTrailingCommaAfterSpread;
            if (!at(TokenKind::RightBrace))
                expect(TokenKind::Comma);
            continue;
        }
        auto* prop = make<PropertyNode>(pstart);
        bool is_async = false;
        bool is_generator = false;
        PropertyKind accessor = PropertyKind::Init;
        if (at_contextual("async")) {
            Token next = peek();
            if (is_modifier_follower(next) && !next.newline_before) {
                is_async = true;
                advance();
            }
        }
        if (at(TokenKind::Star)) {
            is_generator = true;
            advance();
        }
        if (!is_async && !is_generator && (at_contextual("get") || at_contextual("set"))) {
            Token next = peek();
            if (is_modifier_follower(next)) {
                accessor = at_contextual("get") ? PropertyKind::Get : PropertyKind::Set;
                advance();
            }
        }
        Token key_token = m_tok;
        prop->key = parse_property_name(prop->computed, false);
        if (is_async || is_generator || accessor != PropertyKind::Init || at(TokenKind::LeftParen)) {
            if (!at(TokenKind::LeftParen))
                unexpected();
            u16 flags = kFunctionMethod;
            if (accessor == PropertyKind::Get)
                flags |= kFunctionGetter;
            if (accessor == PropertyKind::Set)
                flags |= kFunctionSetter;
            prop->value = parse_method(m_tok, is_async, is_generator, flags, false, false);
            prop->property_kind = accessor;
            prop->method = accessor == PropertyKind::Init;
        } else if (eat(TokenKind::Colon)) {
            prop->value = parse_assignment(false, c);
            if (!prop->computed) {
                bool is_proto = (prop->key->is(NodeKind::Identifier) && prop->key->as<IdentifierNode>()->name == "__proto__")
                    || (prop->key->is(NodeKind::StringLiteral) && prop->key->as<StringLiteralNode>()->value == "__proto__");
                if (is_proto) {
                    if (has_proto && c->double_proto == kNoOffset)
                        c->double_proto = key_token.start;
                    has_proto = true;
                }
            }
        } else {
            // Shorthand: IdentifierReference, or CoverInitializedName `a = 1`.
            if (key_token.kind != TokenKind::Identifier || prop->computed)
                fail_at(key_token.start, "unexpected token in object literal");
            auto* key = prop->key->as<IdentifierNode>();
            check_identifier_reference(key->name, key_token.start, key_token.has_escape());
            auto* value = make_at<IdentifierNode>(key);
            value->name = key->name;
            prop->shorthand = true;
            if (at(TokenKind::Assign)) {
                if (c->shorthand_assign == kNoOffset)
                    c->shorthand_assign = m_tok.start;
                advance();
                auto* pattern = make_at<AssignmentPatternNode>(key);
                pattern->target = value;
                pattern->default_value = parse_assignment();
                prop->value = finish(pattern);
            } else {
                prop->value = value;
            }
        }
        properties.push_back(finish(prop));
        if (!at(TokenKind::RightBrace))
            expect(TokenKind::Comma);
    }
    advance();
    node->properties = make_list(properties);
    if (!cover)
        check_cover_errors(own);
    return finish(node);
}

// https://tc39.es/ecma262/#sec-template-literals
Node* Parser::parse_template_literal(bool tagged)
{
    Token start = m_tok;
    auto* node = make<TemplateLiteralNode>(start);
    std::vector<TemplateElementNode*> quasis;
    std::vector<Node*> expressions;
    auto add_quasi = [&](Token const& t) {
        if ((t.flags & kTokenInvalidEscape) && !tagged)
            fail_at(t.start, "invalid escape sequence in template literal");
        auto* element = make<TemplateElementNode>(t);
        element->cooked = t.value;
        element->raw = t.raw;
        element->cooked_valid = !(t.flags & kTokenInvalidEscape);
        quasis.push_back(element);
    };
    add_quasi(m_tok);
    if (at(TokenKind::TemplateHead)) {
        while (true) {
            advance();
            expressions.push_back(parse_expression());
            if (!at(TokenKind::RightBrace))
                fail("expected '}' after a template substitution");
            m_tok = m_lexer.rescan_template_continuation(m_tok);
            add_quasi(m_tok);
            if (at(TokenKind::TemplateTail))
                break;
        }
    }
    advance();
    node->quasis = make_list(quasis);
    node->expressions = make_list(expressions);
    return finish(node);
}

} // namespace weft::parser
