// Scope analysis: declarations, hoisting, reference resolution, capture marking and allocation.
#include "compiler/scope.h"

namespace weft::compiler {

using namespace parser;

class Analyzer {
public:
    explicit Analyzer(ScopeAnalysis& out) : m_out(out) { }

    void run(ProgramNode const* program)
    {
        FunctionInfo* fn = new_function(program, nullptr);
        fn->is_program = true;
        m_out.m_functions[program] = fn;
        fn->strict = program->strict;
        Scope* scope = new_scope(ScopeKind::Program, nullptr, fn, program);
        fn->scope = scope;
        m_scope = scope;
        for (Node* s : program->body)
            hoist_vars(s, scope);
        declare_lexicals(program->body, scope, true);
        if (program->goal == ProgramGoal::Module) {
            m_out.m_module_scope = scope;
            declare_module_items(program->body, scope);
        }
        for (auto* g : m_annex_b)
            if (!scope->find(g->id->name))
                declare(scope, g->id->name, VarKind::Var);
        m_annex_b.clear();
        for (Node* s : program->body)
            visit(s);
        for (FunctionInfo& f : m_out.m_function_storage)
            allocate(f);
    }

private:
    FunctionInfo* new_function(Node const* node, FunctionInfo* parent)
    {
        FunctionInfo& f = m_out.m_function_storage.emplace_back();
        f.node = node;
        f.parent = parent;
        return &f;
    }
    Scope* new_scope(ScopeKind kind, Scope* parent, FunctionInfo* fn, Node const* node)
    {
        Scope& s = m_out.m_scope_storage.emplace_back();
        s.kind = kind;
        s.parent = parent;
        s.function = fn;
        s.node = node;
        if (node && kind != ScopeKind::Function && kind != ScopeKind::Program)
            m_out.m_scopes[node] = &s;
        return &s;
    }
    Variable* declare(Scope* scope, std::string_view name, VarKind kind, u32 decl_end = 0)
    {
        if (Variable* existing = scope->find(name)) {
            // Redeclarations the parser allowed: var over var/param/function, function over var.
            if (kind == VarKind::Function && existing->kind == VarKind::Var)
                existing->kind = VarKind::Function;
            return existing;
        }
        Variable& v = m_out.m_variables.emplace_back();
        v.name = name;
        v.kind = kind;
        v.scope = scope;
        v.decl_end = decl_end;
        scope->vars.push_back(&v);
        scope->names.emplace(name, &v);
        scope->function->all_vars.push_back(&v);
        return &v;
    }

    // --- Declarations ----------------------------------------------------------------------

    template<typename F>
    static void bound_names(Node const* target, F&& f)
    {
        if (!target)
            return;
        switch (target->kind) {
        case NodeKind::Identifier:
            f(target->as<IdentifierNode>());
            break;
        case NodeKind::ObjectPattern:
            for (Node* p : target->as<ObjectPatternNode>()->properties) {
                if (p->is(NodeKind::RestElement))
                    bound_names(p->as<RestElementNode>()->argument, f);
                else
                    bound_names(p->as<PropertyNode>()->value, f);
            }
            break;
        case NodeKind::ArrayPattern:
            for (Node* e : target->as<ArrayPatternNode>()->elements)
                bound_names(e, f);
            break;
        case NodeKind::AssignmentPattern:
            bound_names(target->as<AssignmentPatternNode>()->target, f);
            break;
        case NodeKind::RestElement:
            bound_names(target->as<RestElementNode>()->argument, f);
            break;
        default:
            break;
        }
    }

    // var declarations anywhere in the function body (not in nested functions).
    void hoist_vars(Node const* s, Scope* fn_scope)
    {
        if (!s)
            return;
        switch (s->kind) {
        case NodeKind::VariableDeclaration: {
            auto* d = s->as<VariableDeclarationNode>();
            if (d->declaration_kind == DeclarationKind::Var) {
                for (auto* decl : d->declarations)
                    bound_names(decl->target, [&](IdentifierNode const* id) { declare(fn_scope, id->name, VarKind::Var); });
            }
            break;
        }
        case NodeKind::ExportNamedDeclaration:
            hoist_vars(s->as<ExportNamedDeclarationNode>()->declaration, fn_scope);
            break;
        case NodeKind::BlockStatement:
            for (Node* c : s->as<BlockStatementNode>()->body) {
                hoist_vars(c, fn_scope);
                // Annex B.3.3: a function in a sloppy block is also a var of the function.
                if (c->is(NodeKind::FunctionDeclaration) && !fn_scope->function->strict) {
                    auto* f = c->as<FunctionNode>();
                    if (f->id && !f->has(kFunctionAsync) && !f->has(kFunctionGenerator) && !fn_scope->find(f->id->name))
                        m_annex_b.push_back(f);
                }
            }
            break;
        case NodeKind::IfStatement: {
            auto* n = s->as<IfStatementNode>();
            hoist_vars(n->consequent, fn_scope);
            hoist_vars(n->alternate, fn_scope);
            break;
        }
        case NodeKind::ForStatement: {
            auto* n = s->as<ForStatementNode>();
            hoist_vars(n->init, fn_scope);
            hoist_vars(n->body, fn_scope);
            break;
        }
        case NodeKind::ForInStatement:
        case NodeKind::ForOfStatement: {
            auto* n = s->as<ForInOfStatementNode>();
            hoist_vars(n->left, fn_scope);
            hoist_vars(n->body, fn_scope);
            break;
        }
        case NodeKind::WhileStatement:
        case NodeKind::DoWhileStatement:
            hoist_vars(s->as<WhileStatementNode>()->body, fn_scope);
            break;
        case NodeKind::TryStatement: {
            auto* n = s->as<TryStatementNode>();
            hoist_vars(n->block, fn_scope);
            if (n->handler)
                hoist_vars(n->handler->body, fn_scope);
            hoist_vars(n->finalizer, fn_scope);
            break;
        }
        case NodeKind::SwitchStatement:
            for (auto* c : s->as<SwitchStatementNode>()->cases)
                for (Node* x : c->consequent)
                    hoist_vars(x, fn_scope);
            break;
        case NodeKind::LabeledStatement:
            hoist_vars(s->as<LabeledStatementNode>()->body, fn_scope);
            break;
        case NodeKind::WithStatement:
            hoist_vars(s->as<WithStatementNode>()->body, fn_scope);
            break;
        default:
            break;
        }
    }

    // Module top level: imports, and the declarations inside export statements.
    void declare_module_items(List<Node> const& body, Scope* scope)
    {
        auto holder_for = [&](std::string_view specifier) {
            std::string key(specifier);
            auto it = m_out.m_namespace_holders.find(key);
            if (it != m_out.m_namespace_holders.end())
                return it->second;
            std::string& name = m_out.m_names.emplace_back("%ns:" + key);
            Variable* v = declare(scope, name, VarKind::Hidden);
            m_out.m_namespace_holders.emplace(key, v);
            return v;
        };
        for (Node* s : body) {
            if (s->is(NodeKind::ImportDeclaration)) {
                auto* d = s->as<ImportDeclarationNode>();
                Variable* holder = holder_for(d->source->value);
                for (ImportSpecifierNode* spec : d->specifiers) {
                    if (spec->specifier_kind == ImportSpecifierKind::Namespace) {
                        Variable* v = declare(scope, spec->local->name, VarKind::Const);
                        v->import_holder = holder;
                        continue;
                    }
                    Variable* v = declare(scope, spec->local->name, VarKind::Import);
                    v->import_holder = holder;
                    if (spec->specifier_kind == ImportSpecifierKind::Default)
                        v->import_name = "default";
                    else if (spec->imported->is(NodeKind::StringLiteral))
                        v->import_name = spec->imported->as<StringLiteralNode>()->value;
                    else
                        v->import_name = spec->imported->as<IdentifierNode>()->name;
                }
            } else if (s->is(NodeKind::ExportNamedDeclaration)) {
                auto* d = s->as<ExportNamedDeclarationNode>();
                if (d->source)
                    holder_for(d->source->value);
                if (d->declaration) {
                    List<Node> one;
                    Node* decl = d->declaration;
                    one.items = &decl;
                    one.size = 1;
                    declare_lexicals(one, scope, true);
                }
            } else if (s->is(NodeKind::ExportAllDeclaration)) {
                holder_for(s->as<ExportAllDeclarationNode>()->source->value);
            } else if (s->is(NodeKind::ExportDefaultDeclaration)) {
                Node* decl = s->as<ExportDefaultDeclarationNode>()->declaration;
                if (decl->is(NodeKind::FunctionDeclaration) && decl->as<FunctionNode>()->id)
                    declare(scope, decl->as<FunctionNode>()->id->name, VarKind::Function);
                else if (decl->is(NodeKind::ClassDeclaration) && decl->as<ClassNode>()->id)
                    declare(scope, decl->as<ClassNode>()->id->name, VarKind::Class, decl->range.end);
                else if (decl->is(NodeKind::FunctionDeclaration))
                    declare(scope, "*default*", VarKind::Function);
                else
                    declare(scope, "*default*", VarKind::Let, decl->range.end);
            }
        }
    }

    // let/const/class (and function declarations) directly in a statement list.
    void declare_lexicals(List<Node> const& body, Scope* scope, bool function_top)
    {
        for (Node* s : body) {
            Node const* d = s;
            if (d->is(NodeKind::LabeledStatement)) {
                while (d->is(NodeKind::LabeledStatement))
                    d = d->as<LabeledStatementNode>()->body;
                if (!d->is(NodeKind::FunctionDeclaration))
                    continue;
            }
            if (d->is(NodeKind::VariableDeclaration)) {
                auto* v = d->as<VariableDeclarationNode>();
                if (v->declaration_kind == DeclarationKind::Var)
                    continue;
                VarKind kind = v->declaration_kind == DeclarationKind::Const ? VarKind::Const : VarKind::Let;
                for (auto* decl : v->declarations)
                    bound_names(decl->target, [&](IdentifierNode const* id) { declare(scope, id->name, kind, decl->range.end); });
            } else if (d->is(NodeKind::ClassDeclaration)) {
                auto* c = d->as<ClassNode>();
                if (c->id)
                    declare(scope, c->id->name, VarKind::Class, c->range.end);
            } else if (d->is(NodeKind::FunctionDeclaration)) {
                auto* f = d->as<FunctionNode>();
                if (f->id)
                    declare(scope, f->id->name, function_top ? VarKind::Function : VarKind::Function);
            }
        }
    }

    bool has_lexicals(List<Node> const& body)
    {
        for (Node* s : body) {
            Node const* d = s;
            while (d->is(NodeKind::LabeledStatement))
                d = d->as<LabeledStatementNode>()->body;
            if (d->is(NodeKind::ClassDeclaration) || d->is(NodeKind::FunctionDeclaration))
                return true;
            if (d->is(NodeKind::VariableDeclaration) && d->as<VariableDeclarationNode>()->declaration_kind != DeclarationKind::Var)
                return true;
        }
        return false;
    }

    // --- References --------------------------------------------------------------------------

    FunctionInfo* this_provider(FunctionInfo* fn)
    {
        while (fn->is_arrow && fn->parent)
            fn = fn->parent;
        return fn;
    }

    Variable* pseudo(FunctionInfo* provider, Variable*& slot, char const* name, VarKind kind)
    {
        if (!slot)
            slot = declare(provider->scope, name, kind);
        if (provider != m_scope->function)
            slot->captured = true;
        return slot;
    }
    void use_this() { FunctionInfo* p = this_provider(m_scope->function); pseudo(p, p->this_var, "this", VarKind::This); }
    void use_new_target() { FunctionInfo* p = this_provider(m_scope->function); pseudo(p, p->new_target_var, "new.target", VarKind::NewTarget); }
    void use_home_object() { FunctionInfo* p = this_provider(m_scope->function); pseudo(p, p->home_object_var, "%home", VarKind::HomeObject); }
    void use_callee() { FunctionInfo* p = this_provider(m_scope->function); pseudo(p, p->callee_var, "%callee", VarKind::Callee); }

    void reference(IdentifierNode const* id)
    {
        FunctionInfo* here = m_scope->function;
        for (Scope* s = m_scope; s; s = s->parent) {
            Variable* v = s->find(id->name);
            if (!v && id->name == "arguments" && s->kind == ScopeKind::Function && !s->function->is_arrow
                && !s->function->is_program && !s->function->is_field_initializer && !s->function->is_static_initializer) {
                v = declare(s, "arguments", VarKind::Arguments);
                s->function->arguments_var = v;
                s->function->uses_arguments = true;
            }
            if (v) {
                if (s->function != here)
                    v->captured = true;
                m_out.m_resolutions[id] = v;
                return;
            }
        }
    }

    // --- Walk ------------------------------------------------------------------------------------

    void visit_list(List<Node> const& list)
    {
        for (Node* n : list)
            visit(n);
    }

    void visit_block_body(Node const* node, List<Node> const& body, ScopeKind kind = ScopeKind::Block)
    {
        Scope* saved = m_scope;
        if (has_lexicals(body)) {
            m_scope = new_scope(kind, m_scope, m_scope->function, node);
            declare_lexicals(body, m_scope, false);
        }
        visit_list(body);
        m_scope = saved;
    }

    void visit_function(FunctionNode const* f)
    {
        FunctionInfo* fn = new_function(f, m_scope->function);
        fn->is_arrow = f->has(kFunctionArrow);
        fn->strict = f->has(kFunctionStrict);
        fn->derived_constructor = f->has(kFunctionDerivedConstructor);
        if (m_class_for_methods)
            fn->class_node = m_class_for_methods;
        m_out.m_functions[f] = fn;
        Scope* saved = m_scope;
        m_scope = new_scope(ScopeKind::Function, m_scope, fn, f);
        fn->scope = m_scope;
        for (Node* p : f->params)
            bound_names(p, [&](IdentifierNode const* id) { declare(m_scope, id->name, VarKind::Param); });
        std::vector<FunctionNode const*> saved_annex_b = std::move(m_annex_b);
        m_annex_b.clear();
        if (!f->has(kFunctionExpressionBody)) {
            auto* body = f->body->as<BlockStatementNode>();
            for (Node* s : body->body)
                hoist_vars(s, m_scope);
            declare_lexicals(body->body, m_scope, true);
        }
        for (auto* g : m_annex_b)
            if (!m_scope->find(g->id->name))
                declare(m_scope, g->id->name, VarKind::Var);
        m_annex_b = std::move(saved_annex_b);
        if (f->is(NodeKind::FunctionExpression) && f->id && !m_scope->find(f->id->name))
            fn->self_var = declare(m_scope, f->id->name, VarKind::FunctionSelf);
        ClassNode const* saved_class = m_class_for_methods;
        m_class_for_methods = nullptr;
        for (Node* p : f->params)
            visit_pattern(p);
        if (f->has(kFunctionExpressionBody))
            visit(f->body);
        else
            visit_list(f->body->as<BlockStatementNode>()->body);
        m_class_for_methods = saved_class;
        m_scope = saved;
    }

    void visit_class(ClassNode const* c)
    {
        Scope* saved = m_scope;
        m_scope = new_scope(ScopeKind::Class, m_scope, m_scope->function, c);
        if (c->id)
            declare(m_scope, c->id->name, VarKind::ClassSelf, c->range.end);
        for (Node* e : c->body) {
            Node const* key = nullptr;
            if (e->is(NodeKind::MethodDefinition))
                key = e->as<MethodDefinitionNode>()->key;
            else if (e->is(NodeKind::PropertyDefinition))
                key = e->as<PropertyDefinitionNode>()->key;
            if (key && key->is(NodeKind::PrivateIdentifier)) {
                auto name = key->as<PrivateIdentifierNode>()->name;
                std::string* stored = &m_private_names.emplace_back("#");
                stored->append(name);
                // Field initializers and methods (other functions) read it: always in the environment.
                declare(m_scope, *stored, VarKind::PrivateName)->captured = true;
            }
        }
        if (c->super_class)
            visit(c->super_class);
        // Computed keys run in the class scope; field keys are kept in hidden bindings.
        u32 hidden = 0;
        for (Node* e : c->body) {
            if (e->is(NodeKind::MethodDefinition) && e->as<MethodDefinitionNode>()->computed)
                visit(e->as<MethodDefinitionNode>()->key);
            if (e->is(NodeKind::PropertyDefinition) && e->as<PropertyDefinitionNode>()->computed) {
                visit(e->as<PropertyDefinitionNode>()->key);
                std::string* stored = &m_private_names.emplace_back("%key" + std::to_string(hidden++));
                Variable* hidden = declare(m_scope, *stored, VarKind::Hidden);
                hidden->captured = true; // read by the field initializer function
                m_out.m_computed_keys[e] = hidden;
            }
        }
        ClassNode const* saved_class = m_class_for_methods;
        m_class_for_methods = c;
        for (Node* e : c->body) {
            if (e->is(NodeKind::MethodDefinition))
                visit_function(e->as<MethodDefinitionNode>()->value);
        }
        // Synthetic initializers: instance fields; static fields and blocks.
        for (int pass = 0; pass < 2; ++pass) {
            bool is_static = pass == 1;
            bool any = false;
            for (Node* e : c->body)
                if ((e->is(NodeKind::PropertyDefinition) && e->as<PropertyDefinitionNode>()->is_static == is_static)
                    || (is_static && e->is(NodeKind::StaticBlock)))
                    any = true;
            if (!any)
                continue;
            FunctionInfo* fn = new_function(c, m_scope->function);
            fn->strict = true;
            fn->class_node = c;
            fn->is_field_initializer = !is_static;
            fn->is_static_initializer = is_static;
            (is_static ? m_out.m_static_initializers : m_out.m_field_initializers)[c] = fn;
            Scope* outer = m_scope;
            m_scope = new_scope(ScopeKind::Function, m_scope, fn, nullptr);
            fn->scope = m_scope;
            for (Node* e : c->body) {
                if (e->is(NodeKind::PropertyDefinition)) {
                    auto* p = e->as<PropertyDefinitionNode>();
                    if (p->is_static == is_static && p->value)
                        visit(p->value);
                } else if (is_static && e->is(NodeKind::StaticBlock)) {
                    auto* b = e->as<StaticBlockNode>();
                    Scope* before = m_scope;
                    m_scope = new_scope(ScopeKind::Block, m_scope, fn, b);
                    for (Node* s : b->body)
                        hoist_vars(s, m_scope);
                    declare_lexicals(b->body, m_scope, true);
                    visit_list(b->body);
                    m_scope = before;
                }
            }
            m_scope = outer;
        }
        m_class_for_methods = saved_class;
        m_scope = saved;
    }

    // Binding and assignment patterns: identifiers are references; defaults and computed keys
    // are expressions.
    void visit_pattern(Node const* p)
    {
        if (!p)
            return;
        switch (p->kind) {
        case NodeKind::Identifier:
            reference(p->as<IdentifierNode>());
            break;
        case NodeKind::ObjectPattern:
            for (Node* e : p->as<ObjectPatternNode>()->properties) {
                if (e->is(NodeKind::RestElement)) {
                    visit_pattern(e->as<RestElementNode>()->argument);
                } else {
                    auto* prop = e->as<PropertyNode>();
                    if (prop->computed)
                        visit(prop->key);
                    visit_pattern(prop->value);
                }
            }
            break;
        case NodeKind::ArrayPattern:
            for (Node* e : p->as<ArrayPatternNode>()->elements)
                visit_pattern(e);
            break;
        case NodeKind::AssignmentPattern:
            visit_pattern(p->as<AssignmentPatternNode>()->target);
            visit(p->as<AssignmentPatternNode>()->default_value);
            break;
        case NodeKind::RestElement:
            visit_pattern(p->as<RestElementNode>()->argument);
            break;
        default:
            visit(p); // member expressions in assignment patterns
            break;
        }
    }

    void visit(Node const* n)
    {
        if (!n)
            return;
        switch (n->kind) {
        case NodeKind::ExportNamedDeclaration:
            visit(n->as<ExportNamedDeclarationNode>()->declaration);
            break;
        case NodeKind::ExportDefaultDeclaration:
            visit(n->as<ExportDefaultDeclarationNode>()->declaration);
            break;
        case NodeKind::ExpressionStatement:
            visit(n->as<ExpressionStatementNode>()->expression);
            break;
        case NodeKind::BlockStatement:
            visit_block_body(n, n->as<BlockStatementNode>()->body);
            break;
        case NodeKind::VariableDeclaration:
            for (auto* d : n->as<VariableDeclarationNode>()->declarations) {
                visit_pattern(d->target);
                visit(d->init);
            }
            break;
        case NodeKind::FunctionDeclaration: {
            auto* f = n->as<FunctionNode>();
            if (f->id)
                reference(f->id);
            visit_function(f);
            break;
        }
        case NodeKind::FunctionExpression:
        case NodeKind::ArrowFunctionExpression:
            visit_function(n->as<FunctionNode>());
            break;
        case NodeKind::ClassDeclaration:
        case NodeKind::ClassExpression: {
            auto* c = n->as<ClassNode>();
            if (n->is(NodeKind::ClassDeclaration) && c->id)
                reference(c->id);
            visit_class(c);
            break;
        }
        case NodeKind::IfStatement: {
            auto* s = n->as<IfStatementNode>();
            visit(s->test);
            visit(s->consequent);
            visit(s->alternate);
            break;
        }
        case NodeKind::ForStatement: {
            auto* s = n->as<ForStatementNode>();
            Scope* saved = m_scope;
            if (s->init && s->init->is(NodeKind::VariableDeclaration)
                && s->init->as<VariableDeclarationNode>()->declaration_kind != DeclarationKind::Var) {
                m_scope = new_scope(ScopeKind::ForHead, m_scope, m_scope->function, n);
                auto* d = s->init->as<VariableDeclarationNode>();
                VarKind kind = d->declaration_kind == DeclarationKind::Const ? VarKind::Const : VarKind::Let;
                for (auto* decl : d->declarations)
                    bound_names(decl->target, [&](IdentifierNode const* id) { declare(m_scope, id->name, kind, decl->range.end); });
            }
            visit(s->init);
            visit(s->test);
            visit(s->update);
            visit(s->body);
            m_scope = saved;
            break;
        }
        case NodeKind::ForInStatement:
        case NodeKind::ForOfStatement: {
            auto* s = n->as<ForInOfStatementNode>();
            visit(s->right);
            Scope* saved = m_scope;
            if (s->left->is(NodeKind::VariableDeclaration)
                && s->left->as<VariableDeclarationNode>()->declaration_kind != DeclarationKind::Var) {
                m_scope = new_scope(ScopeKind::ForHead, m_scope, m_scope->function, n);
                auto* d = s->left->as<VariableDeclarationNode>();
                VarKind kind = d->declaration_kind == DeclarationKind::Const ? VarKind::Const : VarKind::Let;
                for (auto* decl : d->declarations)
                    bound_names(decl->target, [&](IdentifierNode const* id) { declare(m_scope, id->name, kind, 0); });
            }
            if (s->left->is(NodeKind::VariableDeclaration))
                visit(s->left);
            else
                visit_pattern(s->left);
            visit(s->body);
            m_scope = saved;
            break;
        }
        case NodeKind::WhileStatement:
        case NodeKind::DoWhileStatement: {
            auto* s = n->as<WhileStatementNode>();
            visit(s->test);
            visit(s->body);
            break;
        }
        case NodeKind::ReturnStatement:
        case NodeKind::ThrowStatement:
            visit(n->as<ReturnStatementNode>()->argument);
            if (n->is(NodeKind::ReturnStatement) && m_scope->function->derived_constructor)
                use_this();
            break;
        case NodeKind::TryStatement: {
            auto* s = n->as<TryStatementNode>();
            visit(s->block);
            if (s->handler) {
                Scope* saved = m_scope;
                m_scope = new_scope(ScopeKind::Catch, m_scope, m_scope->function, s->handler);
                bound_names(s->handler->param, [&](IdentifierNode const* id) { declare(m_scope, id->name, VarKind::Catch); });
                visit_pattern(s->handler->param);
                visit(s->handler->body);
                m_scope = saved;
            }
            visit(s->finalizer);
            break;
        }
        case NodeKind::SwitchStatement: {
            auto* s = n->as<SwitchStatementNode>();
            visit(s->discriminant);
            Scope* saved = m_scope;
            std::vector<Node*> all;
            for (auto* c : s->cases)
                for (Node* x : c->consequent)
                    all.push_back(x);
            List<Node> list { all.data(), static_cast<u32>(all.size()) };
            if (has_lexicals(list)) {
                m_scope = new_scope(ScopeKind::Switch, m_scope, m_scope->function, n);
                declare_lexicals(list, m_scope, false);
                for (Variable* v : m_scope->vars)
                    v->decl_end = ~0u; // jumps between cases may skip a declaration
            }
            for (auto* c : s->cases) {
                visit(c->test);
                visit_list(c->consequent);
            }
            m_scope = saved;
            break;
        }
        case NodeKind::LabeledStatement:
            visit(n->as<LabeledStatementNode>()->body);
            break;
        case NodeKind::WithStatement:
            visit(n->as<WithStatementNode>()->object);
            visit(n->as<WithStatementNode>()->body);
            break;
        case NodeKind::Identifier:
            reference(n->as<IdentifierNode>());
            break;
        case NodeKind::TemplateLiteral:
            visit_list(n->as<TemplateLiteralNode>()->expressions);
            break;
        case NodeKind::TaggedTemplateExpression:
            visit(n->as<TaggedTemplateExpressionNode>()->tag);
            visit(n->as<TaggedTemplateExpressionNode>()->quasi);
            break;
        case NodeKind::ThisExpression:
            use_this();
            break;
        case NodeKind::Super:
            use_this();
            use_home_object();
            break;
        case NodeKind::ArrayExpression:
            for (Node* e : n->as<ArrayExpressionNode>()->elements)
                visit(e);
            break;
        case NodeKind::ObjectExpression:
            for (Node* p : n->as<ObjectExpressionNode>()->properties)
                visit(p);
            break;
        case NodeKind::Property: {
            auto* p = n->as<PropertyNode>();
            if (p->computed)
                visit(p->key);
            visit(p->value);
            break;
        }
        case NodeKind::UnaryExpression:
            visit(n->as<UnaryExpressionNode>()->argument);
            break;
        case NodeKind::UpdateExpression:
            visit(n->as<UpdateExpressionNode>()->argument);
            break;
        case NodeKind::BinaryExpression: {
            auto* b = n->as<BinaryExpressionNode>();
            if (b->left->is(NodeKind::PrivateIdentifier))
                reference_private(b->left->as<PrivateIdentifierNode>());
            else
                visit(b->left);
            visit(b->right);
            break;
        }
        case NodeKind::LogicalExpression:
            visit(n->as<LogicalExpressionNode>()->left);
            visit(n->as<LogicalExpressionNode>()->right);
            break;
        case NodeKind::AssignmentExpression: {
            auto* a = n->as<AssignmentExpressionNode>();
            visit_pattern(a->target);
            visit(a->value);
            break;
        }
        case NodeKind::ConditionalExpression: {
            auto* c = n->as<ConditionalExpressionNode>();
            visit(c->test);
            visit(c->consequent);
            visit(c->alternate);
            break;
        }
        case NodeKind::CallExpression:
        case NodeKind::NewExpression: {
            auto* c = n->as<CallExpressionNode>();
            if (c->callee->is(NodeKind::Super)) {
                use_this();
                use_callee();
                use_new_target();
            } else {
                visit(c->callee);
            }
            visit_list(c->arguments);
            break;
        }
        case NodeKind::MemberExpression: {
            auto* m = n->as<MemberExpressionNode>();
            visit(m->object);
            if (m->property->is(NodeKind::PrivateIdentifier))
                reference_private(m->property->as<PrivateIdentifierNode>());
            else if (m->computed)
                visit(m->property);
            break;
        }
        case NodeKind::ChainExpression:
            visit(n->as<ChainExpressionNode>()->expression);
            break;
        case NodeKind::SequenceExpression:
            visit_list(n->as<SequenceExpressionNode>()->expressions);
            break;
        case NodeKind::SpreadElement:
            visit(n->as<SpreadElementNode>()->argument);
            break;
        case NodeKind::YieldExpression:
            visit(n->as<YieldExpressionNode>()->argument);
            break;
        case NodeKind::AwaitExpression:
            visit(n->as<AwaitExpressionNode>()->argument);
            break;
        case NodeKind::MetaProperty:
            if (n->as<MetaPropertyNode>()->meta == MetaPropertyKind::NewTarget)
                use_new_target();
            break;
        case NodeKind::ImportCall:
            visit(n->as<ImportCallNode>()->source);
            visit(n->as<ImportCallNode>()->options);
            break;
        case NodeKind::ObjectPattern:
        case NodeKind::ArrayPattern:
        case NodeKind::AssignmentPattern:
        case NodeKind::RestElement:
            visit_pattern(n);
            break;
        default:
            break;
        }
    }

    void reference_private(PrivateIdentifierNode const* id)
    {
        std::string name = "#";
        name.append(id->name);
        FunctionInfo* here = m_scope->function;
        for (Scope* s = m_scope; s; s = s->parent) {
            if (Variable* v = s->find(name)) {
                if (s->function != here)
                    v->captured = true;
                m_out.m_resolutions[id] = v;
                return;
            }
        }
    }

    // --- Allocation ----------------------------------------------------------------------------

    void allocate(FunctionInfo& f)
    {
        u32 next_register = 1;
        std::vector<Variable*> simple_params;
        if (!f.is_program && f.node && FunctionNode::matches(f.node->kind)) {
            auto* fn = f.node->as<FunctionNode>();
            next_register = 1 + fn->params.size;
            for (u32 i = 0; i < fn->params.size; ++i) {
                Node* p = fn->params[i];
                Variable* v = p->is(NodeKind::Identifier) ? f.scope->find(p->as<IdentifierNode>()->name) : nullptr;
                // A duplicate parameter name (sloppy) binds the last occurrence.
                if (v && !v->captured) {
                    for (Variable*& other : simple_params)
                        if (other == v)
                            other = nullptr;
                }
                simple_params.push_back(v);
            }
        }
        for (Variable* v : f.all_vars) {
            if (v->scope == m_out.m_module_scope && v->kind != VarKind::This) {
                // Module top level: every binding lives in the module's environment, which
                // other modules read through its namespace.
                v->location = VarLocation::Environment;
                v->index = v->scope->env_slots++;
                continue;
            }
            bool local_eval_binding = m_out.m_eval_code && v->scope->kind == ScopeKind::Program
                && (v->is_lexical() || v->scope->function->strict);
            if (local_eval_binding) {
                // Eval code: its own lexical environment (and variable environment if strict).
            } else if (v->scope->kind == ScopeKind::Program
                && (v->kind == VarKind::Var || v->kind == VarKind::Function)) {
                v->location = VarLocation::GlobalObject;
                continue;
            }
            if (!local_eval_binding && v->scope->kind == ScopeKind::Program
                && (v->kind == VarKind::Let || v->kind == VarKind::Const || v->kind == VarKind::Class)) {
                v->location = VarLocation::GlobalLexical;
                continue;
            }
            if (v->captured) {
                v->location = VarLocation::Environment;
                v->index = v->scope->env_slots++;
                continue;
            }
            v->location = VarLocation::Register;
            if (v->kind == VarKind::This) {
                v->index = 0;
                continue;
            }
            bool placed = false;
            for (u32 i = 0; i < simple_params.size(); ++i) {
                if (simple_params[i] == v) {
                    v->index = 1 + i;
                    placed = true;
                }
            }
            if (!placed)
                v->index = next_register++;
        }
        f.register_count = next_register;
    }

    ScopeAnalysis& m_out;
    Scope* m_scope = nullptr;
    ClassNode const* m_class_for_methods = nullptr;
    std::vector<FunctionNode const*> m_annex_b;
    std::deque<std::string>& m_private_names = m_out.m_names;
};

void ScopeAnalysis::analyze(ProgramNode const* program, bool eval_code)
{
    m_eval_code = eval_code;
    Analyzer analyzer(*this);
    analyzer.run(program);
}

} // namespace weft::compiler
