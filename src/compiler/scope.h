// Scope analysis: declares every binding of a compilation unit, resolves every identifier
// reference once, and marks the bindings that inner functions capture. Captured bindings live in
// heap environments (objects/environment.h); the others live in registers of their function's
// frame. Top-level var/function declarations of a script are properties of the global object and
// top-level let/const/class are global lexical cells (vm/realm.h).
//
// The analysis runs over the whole unit before any of it is compiled, so that inner functions,
// which compile lazily (on first call), find their enclosing scopes' decisions ready. The result
// is immutable afterwards and read by any thread that compiles a function of the unit.
#pragma once

#include "parser/ast.h"

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace weft::compiler {

struct Scope;
struct FunctionInfo;

enum class VarKind : u8 {
    Var,
    Let,
    Const,
    Class,        // class declarations (let-like)
    Function,     // function declarations (var-like, initialised on scope entry)
    Param,
    Catch,
    FunctionSelf, // the name of a named function expression, inside it (read-only)
    ClassSelf,    // the inner binding of a class's name (const, TDZ while the heritage runs)
    This,
    NewTarget,
    HomeObject,
    Callee,
    Arguments,
    PrivateName,  // #x: holds the class evaluation's private Symbol
    Hidden,       // compiler temporaries that closures share (computed field keys)
    Import,       // a module's named/default import: read as `holder[import_name]`, the
                  // namespace of the imported module (whose properties read its environment)
};

enum class VarLocation : u8 { Unassigned, Register, Environment, GlobalObject, GlobalLexical };

struct Variable {
    std::string_view name;
    VarKind kind = VarKind::Var;
    Scope* scope = nullptr;
    bool captured = false;
    VarLocation location = VarLocation::Unassigned;
    u32 index = 0;     // register or environment slot
    u32 decl_end = 0;  // source offset after which same-function references are initialised
    Variable* import_holder = nullptr; // Import: the hidden binding holding the namespace
    std::string_view import_name;      // Import: the exported name

    bool is_lexical() const
    {
        return kind == VarKind::Let || kind == VarKind::Const || kind == VarKind::Class || kind == VarKind::ClassSelf;
    }
    bool is_read_only() const
    {
        return kind == VarKind::Const || kind == VarKind::ClassSelf || kind == VarKind::FunctionSelf || kind == VarKind::Import;
    }
};

enum class ScopeKind : u8 { Program, Function, Block, Switch, Catch, Class, ForHead };

struct Scope {
    ScopeKind kind = ScopeKind::Block;
    Scope* parent = nullptr;
    FunctionInfo* function = nullptr;
    parser::Node const* node = nullptr;
    std::vector<Variable*> vars;
    std::unordered_map<std::string_view, Variable*> names;
    u32 env_slots = 0; // captured bindings: the scope has an environment iff > 0

    bool has_env() const { return env_slots > 0; }
    Variable* find(std::string_view name) const
    {
        auto it = names.find(name);
        return it == names.end() ? nullptr : it->second;
    }
};

struct FunctionInfo {
    parser::Node const* node = nullptr;          // FunctionNode, ProgramNode or ClassNode (synthetic)
    parser::ClassNode const* class_node = nullptr; // synthetic field/static initializers and class methods
    FunctionInfo* parent = nullptr;
    Scope* scope = nullptr;                      // parameters, var declarations, top-level lexicals
    bool is_program = false;
    bool is_arrow = false;
    bool is_static_initializer = false;
    bool is_field_initializer = false;
    bool strict = false;
    bool derived_constructor = false;
    bool uses_arguments = false;
    // Pseudo-bindings, declared in non-arrow functions when something refers to them.
    Variable* this_var = nullptr;
    Variable* new_target_var = nullptr;
    Variable* home_object_var = nullptr;
    Variable* callee_var = nullptr;
    Variable* arguments_var = nullptr;
    Variable* self_var = nullptr; // FunctionSelf
    u32 register_count = 1;       // this + parameters + register-allocated bindings
    std::vector<Variable*> all_vars;             // every binding of every scope of this function
};

class ScopeAnalysis {
public:
    // Analyses `program` and everything nested in it.
    // `eval_code`: the program is eval code, whose top-level let/const/class (and, in strict
    // code, var and function declarations) are local to it rather than global.
    void analyze(parser::ProgramNode const* program, bool eval_code = false);

    FunctionInfo* function_of(parser::Node const* node) const
    {
        auto it = m_functions.find(node);
        return it == m_functions.end() ? nullptr : it->second;
    }
    FunctionInfo* field_initializer_of(parser::ClassNode const* node) const
    {
        auto it = m_field_initializers.find(node);
        return it == m_field_initializers.end() ? nullptr : it->second;
    }
    FunctionInfo* static_initializer_of(parser::ClassNode const* node) const
    {
        auto it = m_static_initializers.find(node);
        return it == m_static_initializers.end() ? nullptr : it->second;
    }
    Scope* scope_of(parser::Node const* node) const
    {
        auto it = m_scopes.find(node);
        return it == m_scopes.end() ? nullptr : it->second;
    }
    // The binding an identifier reference resolved to (nullptr: global), by the node's address.
    Variable* resolution_of(parser::Node const* reference) const
    {
        auto it = m_resolutions.find(reference);
        return it == m_resolutions.end() ? nullptr : it->second;
    }
    // Modules: the top-level scope, and the hidden binding holding the namespace of the module
    // requested by `specifier` (filled in when the module is linked).
    Scope* module_scope() const { return m_module_scope; }
    bool is_eval_code() const { return m_eval_code; }
    Variable* namespace_holder(std::string_view specifier) const
    {
        auto it = m_namespace_holders.find(std::string(specifier));
        return it == m_namespace_holders.end() ? nullptr : it->second;
    }
    std::unordered_map<std::string, Variable*> const& namespace_holders() const { return m_namespace_holders; }

    // The hidden binding holding the evaluated key of a computed class field.
    Variable* computed_key_of(parser::Node const* field) const
    {
        auto it = m_computed_keys.find(field);
        return it == m_computed_keys.end() ? nullptr : it->second;
    }

private:
    friend class Analyzer;
    std::deque<Variable> m_variables;
    std::deque<Scope> m_scope_storage;
    std::deque<FunctionInfo> m_function_storage;
    std::unordered_map<parser::Node const*, FunctionInfo*> m_functions;
    std::unordered_map<parser::Node const*, FunctionInfo*> m_field_initializers;
    std::unordered_map<parser::Node const*, FunctionInfo*> m_static_initializers;
    std::unordered_map<parser::Node const*, Scope*> m_scopes;
    std::unordered_map<parser::Node const*, Variable*> m_resolutions;
    std::unordered_map<parser::Node const*, Variable*> m_computed_keys;
    std::deque<std::string> m_names; // synthetic binding names ("#x", "%key0")
    Scope* m_module_scope = nullptr;
    bool m_eval_code = false;
    std::unordered_map<std::string, Variable*> m_namespace_holders;
};

} // namespace weft::compiler
