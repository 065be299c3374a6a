// ES modules: the module map, loading, linking, evaluation, namespaces, import() and
// import.meta. See modules.h for how bindings are shared.
#include "interpreter/modules.h"

#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "compiler/codegen.h"
#include "compiler/compilation_unit.h"
#include "interpreter/code.h"
#include "interpreter/interpreter.h"
#include "interpreter/operations.h"
#include "interpreter/slow_paths.h"
#include "objects/environment.h"
#include "objects/function.h"
#include "objects/property_descriptor.h"
#include "objects/symbol.h"
#include "parser/syntax_error.h"
#include "vm/realm.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

namespace weft {

using namespace compiler;
using namespace parser;

namespace {

struct ModuleRecord {
    enum class Status { Linking, Linked, Evaluating, Evaluated };

    u32 id = 0;
    Realm* realm = nullptr;
    std::string path;
    bool is_json = false;
    std::shared_ptr<CompilationUnit> unit; // null for a JSON module
    SharedFunctionInfo* code = nullptr;
    Environment* env = nullptr;
    Object* ns = nullptr;
    Object* meta = nullptr;
    Value json_value = Value::undefined();
    Value promise = Value::undefined(); // the evaluation promise
    Value error = Value::undefined();
    bool has_error = false;
    bool code_started = false; // its dependencies are done and its own code has begun
    Status status = Status::Linking;

    // Requested modules in source order, by specifier.
    std::vector<std::string> request_order;
    std::map<std::string, ModuleRecord*> requests;
    std::map<std::string, bool> request_is_json;

    struct LocalExport {
        std::string exported, local;
    };
    struct IndirectExport {
        std::string exported, specifier, import_name;
        bool whole_namespace = false;
    };
    std::vector<LocalExport> local_exports;
    std::vector<IndirectExport> indirect_exports;
    std::vector<std::string> star_exports;
};

// The module map: records live as long as the process (they are few); the cells they point to
// are roots of their realm (Realm::add_root).
std::mutex g_modules_lock;
std::vector<std::unique_ptr<ModuleRecord>> g_modules;
std::map<std::pair<Realm*, std::string>, ModuleRecord*> g_module_map;

ModuleRecord* record_by_id(u32 id)
{
    std::lock_guard guard(g_modules_lock);
    return id < g_modules.size() ? g_modules[id].get() : nullptr;
}

ModuleRecord* find_record(Realm* realm, std::string const& path)
{
    std::lock_guard guard(g_modules_lock);
    auto it = g_module_map.find({ realm, path });
    return it == g_module_map.end() ? nullptr : it->second;
}

std::string_view name_of(Node const* n)
{
    if (!n)
        return {};
    if (n->is(NodeKind::StringLiteral))
        return n->as<StringLiteralNode>()->value;
    return n->as<IdentifierNode>()->name;
}

bool attributes_say_json(List<ImportAttributeNode> const& attributes)
{
    for (ImportAttributeNode* a : attributes)
        if (name_of(a->key) == "type" && a->value && a->value->value == "json")
            return true;
    return false;
}

std::string directory_of(std::string const& path)
{
    usize slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// The canonical path of `specifier` imported from `referrer`, or a thrown Error.
ThrowOr<std::string> resolve_specifier(Vm& vm, std::string const& referrer, std::string const& specifier)
{
    std::string joined;
    if (specifier.starts_with("/"))
        joined = specifier;
    else if (specifier.starts_with("./") || specifier.starts_with("../"))
        joined = directory_of(referrer) + "/" + specifier;
    else
        return throw_type_error(vm, "Cannot resolve module specifier '%s' imported from %s", specifier.c_str(), referrer.c_str());
    char* real = ::realpath(joined.c_str(), nullptr);
    if (!real)
        return throw_error(vm, ErrorType::Error, "Cannot find module '" + joined + "' imported from " + referrer);
    std::string result(real);
    std::free(real);
    return result;
}

bool read_file(std::string const& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = buffer.str();
    return true;
}

void root(ModuleRecord* m, Value v)
{
    if (v.is_cell())
        m->realm->add_root(v);
}

// Export entries from the module's top-level statements.
void collect_entries(ModuleRecord* m)
{
    ProgramNode const* program = m->unit->parse.program();
    Scope* scope = m->unit->scopes.module_scope();
    auto request = [&](std::string_view specifier, List<ImportAttributeNode> const& attributes) {
        std::string key(specifier);
        if (!m->request_is_json.count(key)) {
            m->request_order.push_back(key);
            m->request_is_json[key] = attributes_say_json(attributes);
        }
        return key;
    };
    auto specifier_of_holder = [&](Variable const* holder) {
        for (auto const& [specifier, v] : m->unit->scopes.namespace_holders())
            if (v == holder)
                return specifier;
        return std::string();
    };
    for (Node* s : program->body) {
        if (s->is(NodeKind::ImportDeclaration)) {
            auto* d = s->as<ImportDeclarationNode>();
            request(d->source->value, d->attributes);
        } else if (s->is(NodeKind::ExportAllDeclaration)) {
            auto* d = s->as<ExportAllDeclarationNode>();
            std::string specifier = request(d->source->value, d->attributes);
            if (d->exported)
                m->indirect_exports.push_back({ std::string(name_of(d->exported)), specifier, "", true });
            else
                m->star_exports.push_back(specifier);
        } else if (s->is(NodeKind::ExportDefaultDeclaration)) {
            Node* decl = s->as<ExportDefaultDeclarationNode>()->declaration;
            std::string local = "*default*";
            if (decl->is(NodeKind::FunctionDeclaration) && decl->as<FunctionNode>()->id)
                local = std::string(decl->as<FunctionNode>()->id->name);
            else if (decl->is(NodeKind::ClassDeclaration) && decl->as<ClassNode>()->id)
                local = std::string(decl->as<ClassNode>()->id->name);
            m->local_exports.push_back({ "default", local });
        } else if (s->is(NodeKind::ExportNamedDeclaration)) {
            auto* d = s->as<ExportNamedDeclarationNode>();
            if (d->declaration) {
                Node* decl = d->declaration;
                if (decl->is(NodeKind::VariableDeclaration)) {
                    for (auto* vd : decl->as<VariableDeclarationNode>()->declarations) {
                        std::vector<Node const*> stack { vd->target };
                        while (!stack.empty()) {
                            Node const* t = stack.back();
                            stack.pop_back();
                            if (!t)
                                continue;
                            switch (t->kind) {
                            case NodeKind::Identifier:
                                m->local_exports.push_back({ std::string(t->as<IdentifierNode>()->name), std::string(t->as<IdentifierNode>()->name) });
                                break;
                            case NodeKind::ObjectPattern:
                                for (Node* p : t->as<ObjectPatternNode>()->properties)
                                    stack.push_back(p->is(NodeKind::RestElement) ? p->as<RestElementNode>()->argument : p->as<PropertyNode>()->value);
                                break;
                            case NodeKind::ArrayPattern:
                                for (Node* e : t->as<ArrayPatternNode>()->elements)
                                    stack.push_back(e);
                                break;
                            case NodeKind::AssignmentPattern:
                                stack.push_back(t->as<AssignmentPatternNode>()->target);
                                break;
                            case NodeKind::RestElement:
                                stack.push_back(t->as<RestElementNode>()->argument);
                                break;
                            default:
                                break;
                            }
                        }
                    }
                } else if (decl->is(NodeKind::FunctionDeclaration)) {
                    std::string name(decl->as<FunctionNode>()->id->name);
                    m->local_exports.push_back({ name, name });
                } else if (decl->is(NodeKind::ClassDeclaration)) {
                    std::string name(decl->as<ClassNode>()->id->name);
                    m->local_exports.push_back({ name, name });
                }
                continue;
            }
            if (d->source) {
                std::string specifier = request(d->source->value, d->attributes);
                for (ExportSpecifierNode* spec : d->specifiers)
                    m->indirect_exports.push_back({ std::string(name_of(spec->exported)), specifier, std::string(name_of(spec->local)), false });
                continue;
            }
            for (ExportSpecifierNode* spec : d->specifiers) {
                std::string local(name_of(spec->local));
                std::string exported(name_of(spec->exported));
                Variable* v = scope->find(local);
                if (v && v->import_holder) {
                    // Re-export of an import: an indirect export of the imported module.
                    std::string specifier = specifier_of_holder(v->import_holder);
                    if (v->kind == VarKind::Import)
                        m->indirect_exports.push_back({ exported, specifier, std::string(v->import_name), false });
                    else
                        m->indirect_exports.push_back({ exported, specifier, "", true });
                    continue;
                }
                m->local_exports.push_back({ exported, local });
            }
        }
    }
}

// Loads `path` (already canonical) and, recursively, what it imports. Records are created
// before their dependencies load, so cycles terminate.
ThrowOr<ModuleRecord*> load_module(Vm& vm, std::string const& path, bool is_json, std::vector<ModuleRecord*>& loaded, std::string* report)
{
    Realm* realm = vm.realm();
    if (ModuleRecord* existing = find_record(realm, path))
        return existing;
    std::string text;
    if (!read_file(path, text))
        return throw_error(vm, ErrorType::Error, "Cannot find module '" + path + "'");
    auto owned = std::make_unique<ModuleRecord>();
    ModuleRecord* m = owned.get();
    m->realm = realm;
    m->path = path;
    m->is_json = is_json;
    if (is_json) {
        String* source = TRY(new_string(vm, text));
        Value json = TRY(Get(vm, realm->global_object, TRY(key_for(vm, "JSON"))));
        if (!is_object(json))
            return throw_type_error(vm, "JSON is not an object");
        Value parse = TRY(Get(vm, as_object(json), TRY(key_for(vm, "parse"))));
        Value argument = Value::from_cell(source);
        auto parsed = Call(vm, parse, json, std::span<Value const>(&argument, 1));
        if (parsed.is_throw()) {
            if (report)
                *report = path + ": SyntaxError: invalid JSON module";
            return ThrowCompletion {};
        }
        m->json_value = parsed.value();
    } else {
        auto unit = std::make_shared<CompilationUnit>();
        unit->file_name = path;
        ParseOptions options;
        options.goal = Goal::Module;
        options.file_name = path;
        unit->parse = parse_program(text, options);
        if (!unit->parse.ok()) {
            if (report)
                *report = format_syntax_error(unit->parse.error(), unit->parse.source());
            return throw_error(vm, ErrorType::SyntaxError, unit->parse.error().message);
        }
        unit->scopes.analyze(unit->parse.program());
        m->unit = unit;
        collect_entries(m);
        String* name = TRY(intern(vm, ""));
        m->code = SharedFunctionInfo::try_create(vm, unit, unit->parse.program(), FunctionKind::Async, SharedFunctionInfo::kStrict, name, 0);
        if (!m->code)
            return throw_out_of_memory(vm);
    }
    {
        std::lock_guard guard(g_modules_lock);
        m->id = static_cast<u32>(g_modules.size());
        g_modules.push_back(std::move(owned));
        g_module_map[{ realm, path }] = m;
    }
    root(m, m->json_value);
    if (m->code)
        root(m, Value::from_cell(m->code));
    loaded.push_back(m);
    for (std::string const& specifier : m->request_order) {
        bool json = m->request_is_json[specifier];
        auto dep = [&]() -> ThrowOr<ModuleRecord*> {
            std::string target = TRY(resolve_specifier(vm, path, specifier));
            return load_module(vm, target, json, loaded, report);
        }();
        if (dep.is_throw()) {
            // Forget the incomplete record: a later import loads it again (and fails again).
            std::lock_guard guard(g_modules_lock);
            g_module_map.erase({ realm, path });
            return ThrowCompletion {};
        }
        m->requests[specifier] = dep.value();
    }
    return m;
}

// ResolveExport: a binding (module + local name), a whole namespace, nothing, or ambiguous.
struct Resolution {
    enum class Kind { NotFound, Ambiguous, Binding, Namespace, Json } kind = Kind::NotFound;
    ModuleRecord* module = nullptr;
    std::string binding;
    bool same(Resolution const& o) const { return kind == o.kind && module == o.module && binding == o.binding; }
};

Resolution resolve_export(ModuleRecord* m, std::string const& name, std::set<std::pair<ModuleRecord*, std::string>>& visited)
{
    if (!visited.insert({ m, name }).second)
        return {}; // a circular import request
    if (m->is_json)
        return name == "default" ? Resolution { Resolution::Kind::Json, m, "" } : Resolution {};
    for (auto const& e : m->local_exports)
        if (e.exported == name)
            return { Resolution::Kind::Binding, m, e.local };
    for (auto const& e : m->indirect_exports) {
        if (e.exported != name)
            continue;
        ModuleRecord* target = m->requests[e.specifier];
        if (e.whole_namespace)
            return { Resolution::Kind::Namespace, target, "" };
        return resolve_export(target, e.import_name, visited);
    }
    if (name == "default")
        return {};
    Resolution star;
    for (auto const& specifier : m->star_exports) {
        Resolution r = resolve_export(m->requests[specifier], name, visited);
        if (r.kind == Resolution::Kind::Ambiguous)
            return r;
        if (r.kind == Resolution::Kind::NotFound)
            continue;
        if (star.kind == Resolution::Kind::NotFound)
            star = r;
        else if (!star.same(r))
            return { Resolution::Kind::Ambiguous, nullptr, "" };
    }
    return star;
}

Resolution resolve_export(ModuleRecord* m, std::string const& name)
{
    std::set<std::pair<ModuleRecord*, std::string>> visited;
    return resolve_export(m, name, visited);
}

void exported_names(ModuleRecord* m, std::set<ModuleRecord*>& visited, std::vector<std::string>& out)
{
    if (!visited.insert(m).second)
        return;
    if (m->is_json) {
        out.push_back("default");
        return;
    }
    for (auto const& e : m->local_exports)
        out.push_back(e.exported);
    for (auto const& e : m->indirect_exports)
        out.push_back(e.exported);
    for (auto const& specifier : m->star_exports) {
        std::vector<std::string> names;
        exported_names(m->requests[specifier], visited, names);
        for (auto& n : names)
            if (n != "default" && std::find(out.begin(), out.end(), n) == out.end())
                out.push_back(n);
    }
}

ThrowOr<Object*> get_namespace(Vm&, ModuleRecord*);

// The value of a resolved export, or a ReferenceError in its TDZ.
ThrowOr<Value> read_resolution(Vm& vm, Resolution const& r, std::string const& name)
{
    switch (r.kind) {
    case Resolution::Kind::Json:
        return r.module->json_value;
    case Resolution::Kind::Namespace:
        return Value::from_cell(TRY(get_namespace(vm, r.module)));
    case Resolution::Kind::Binding: {
        Variable* v = r.module->unit->scopes.module_scope()->find(r.binding);
        if (!v || !r.module->env)
            return throw_reference_error(vm, "Cannot access '%s' before initialization", name.c_str());
        Value value = r.module->env->get(v->index);
        if (value.is_empty())
            return throw_reference_error(vm, "Cannot access '%s' before initialization", name.c_str());
        return value;
    }
    default:
        return throw_syntax_error(vm, "The requested module does not provide an export named '%s'", name.c_str());
    }
}

ThrowOr<Value> namespace_getter(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    ModuleRecord* m = record_by_id(static_cast<u32>(self->data(0).as_number()));
    std::string name = to_utf8(static_cast<String*>(self->data(1).as_cell()));
    return read_resolution(vm, resolve_export(m, name), name);
}

// The module namespace object: null prototype, one enumerable accessor per export (sorted),
// @@toStringTag "Module", not extensible.
ThrowOr<Object*> get_namespace(Vm& vm, ModuleRecord* m)
{
    if (m->ns)
        return m->ns;
    std::vector<std::string> names;
    std::set<ModuleRecord*> visited;
    exported_names(m, visited, names);
    std::sort(names.begin(), names.end());
    Object* ns = Object::try_create(vm, nullptr);
    if (!ns)
        return throw_out_of_memory(vm);
    root(m, Value::from_cell(ns));
    for (std::string const& name : names) {
        Resolution r = resolve_export(m, name);
        if (r.kind == Resolution::Kind::NotFound || r.kind == Resolution::Kind::Ambiguous)
            continue;
        NativeFunction* getter = make_native_function(vm, namespace_getter, "", 0);
        String* key_string = TRY(new_string(vm, name));
        if (!getter)
            return throw_out_of_memory(vm);
        getter->set_data(0, Value::from_u64(m->id));
        getter->set_data(1, Value::from_cell(key_string));
        PropertyKey key = TRY(key_for(vm, name));
        if (ns->define_own_property(vm, key, PropertyDescriptor::accessor(Value::from_cell(getter), Value::undefined(), true, false)) == Outcome::OutOfMemory)
            return throw_out_of_memory(vm);
    }
    Symbol* tag = well_known_symbols(vm).toStringTag;
    String* module_string = TRY(new_string(vm, "Module"));
    if (ns->define_own_property(vm, PropertyKey::from_symbol(tag), PropertyDescriptor::data(Value::from_cell(module_string), PropertyAttributes::data(false, false, false))) == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    (void)ns->prevent_extensions(vm);
    m->ns = ns;
    return ns;
}

// InitializeEnvironment's function declarations: a closure per top-level function declaration
// (also `export function` and `export default function`), created from the SharedFunctionInfo the
// compiler put in the module code's constant pool.
ThrowOr<void> instantiate_functions(Vm& vm, ModuleRecord* m)
{
    CodeBlock* code = TRY(ensure_compiled(vm, m->code));
    Scope* scope = m->unit->scopes.module_scope();
    auto const& constants = code->data().constants;
    for (Node* s : m->unit->parse.program()->body) {
        Node const* d = s;
        while (d && d->is(NodeKind::LabeledStatement))
            d = d->as<LabeledStatementNode>()->body;
        if (d && d->is(NodeKind::ExportNamedDeclaration))
            d = d->as<ExportNamedDeclarationNode>()->declaration;
        else if (d && d->is(NodeKind::ExportDefaultDeclaration))
            d = d->as<ExportDefaultDeclarationNode>()->declaration;
        if (!d || !d->is(NodeKind::FunctionDeclaration))
            continue;
        auto* f = d->as<FunctionNode>();
        std::string_view binding = f->id ? f->id->name : std::string_view("*default*");
        Variable* v = scope->find(binding);
        if (!v || v->location != VarLocation::Environment)
            continue;
        for (Value c : constants) {
            if (!c.is_cell_of_kind(CellKind::SharedFunctionInfo))
                continue;
            auto* shared = static_cast<SharedFunctionInfo*>(c.as_cell());
            if (shared->node() != f)
                continue;
            Value closure = TRY(slow::create_closure(vm, shared, m->env));
            m->env->set(v->index, closure);
            break;
        }
    }
    return {};
}

std::string request_text(ModuleRecord* m, std::string const& specifier) { return "'" + specifier + "' (imported by " + m->path + ")"; }

// Checks every import and indirect export of the newly loaded modules, then creates their
// environments and fills the namespace bindings.
ThrowOr<void> link_modules(Vm& vm, std::vector<ModuleRecord*> const& loaded, std::string* report)
{
    auto fail = [&](ModuleRecord* m, ErrorType type, std::string const& message) -> ThrowCompletion {
        if (report)
            *report = m->path + ": " + (type == ErrorType::SyntaxError ? "SyntaxError: " : "ReferenceError: ") + message;
        return throw_error(vm, type, message);
    };
    for (ModuleRecord* m : loaded) {
        if (m->is_json)
            continue;
        for (Node* s : m->unit->parse.program()->body) {
            if (!s->is(NodeKind::ImportDeclaration))
                continue;
            auto* d = s->as<ImportDeclarationNode>();
            ModuleRecord* target = m->requests[std::string(d->source->value)];
            for (ImportSpecifierNode* spec : d->specifiers) {
                if (spec->specifier_kind == ImportSpecifierKind::Namespace)
                    continue;
                std::string name = spec->specifier_kind == ImportSpecifierKind::Default ? "default" : std::string(name_of(spec->imported));
                Resolution r = resolve_export(target, name);
                if (r.kind == Resolution::Kind::NotFound)
                    return fail(m, ErrorType::SyntaxError, "The requested module " + request_text(m, std::string(d->source->value)) + " does not provide an export named '" + name + "'");
                if (r.kind == Resolution::Kind::Ambiguous)
                    return fail(m, ErrorType::SyntaxError, "The requested module " + request_text(m, std::string(d->source->value)) + " contains conflicting star exports for name '" + name + "'");
            }
        }
        for (auto const& e : m->indirect_exports) {
            if (e.whole_namespace)
                continue;
            Resolution r = resolve_export(m->requests[e.specifier], e.import_name);
            if (r.kind == Resolution::Kind::NotFound || r.kind == Resolution::Kind::Ambiguous)
                return fail(m, ErrorType::SyntaxError, "The requested module " + request_text(m, e.specifier) + " does not provide an export named '" + e.import_name + "'");
        }
    }
    for (ModuleRecord* m : loaded) {
        if (m->is_json)
            continue;
        Scope* scope = m->unit->scopes.module_scope();
        Environment* env = Environment::try_create(vm, nullptr, scope->env_slots);
        if (!env)
            return throw_out_of_memory(vm);
        root(m, Value::from_cell(env));
        for (Variable* v : scope->vars) {
            if (v->location != VarLocation::Environment)
                continue;
            if (v->is_lexical())
                env->set(v->index, Value::empty());
        }
        m->env = env;
    }
    for (ModuleRecord* m : loaded) {
        if (m->is_json) {
            m->status = ModuleRecord::Status::Linked;
            continue;
        }
        Scope* scope = m->unit->scopes.module_scope();
        for (auto const& [specifier, holder] : m->unit->scopes.namespace_holders()) {
            Object* ns = TRY(get_namespace(vm, m->requests[specifier]));
            m->env->set(holder->index, Value::from_cell(ns));
        }
        for (Variable* v : scope->vars) {
            if (v->kind == VarKind::Const && v->import_holder)
                m->env->set(v->index, m->env->get(v->import_holder->index));
        }
        TRY(instantiate_functions(vm, m));
        m->status = ModuleRecord::Status::Linked;
    }
    return {};
}

ThrowOr<Value> swallow(Vm&, CallArgs const&) { return Value::undefined(); }

// Evaluation. Each module gets a `done` promise when its evaluation starts; it settles when the
// module's top-level code (an async function) finishes. A module runs after its dependencies in
// source order: a dependency whose `done` is still pending (top-level await, or a dependency of
// its own that awaits) is waited for with a promise reaction, so the job queue and the timers
// keep running meanwhile. A dependency whose evaluation started but whose code has not (it is
// waiting on its own dependencies: a cycle through the module being evaluated) is not waited for.
ThrowOr<void> continue_evaluation(Vm&, ModuleRecord*, usize next);

void fail_evaluation(Vm& vm, ModuleRecord* m, Value error)
{
    if (m->status == ModuleRecord::Status::Evaluated)
        return;
    m->has_error = true;
    m->error = error;
    root(m, error);
    m->status = ModuleRecord::Status::Evaluated;
    (void)promise_reject(vm, as_object(m->promise), error);
}

ThrowOr<Value> evaluation_step(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    ModuleRecord* m = record_by_id(static_cast<u32>(self->data(0).as_number()));
    i32 next = self->data(1).as_i32();
    if (next == -1) { // the module's code finished
        m->status = ModuleRecord::Status::Evaluated;
        TRY(promise_resolve(vm, as_object(m->promise), Value::undefined()));
    } else if (next == -2) { // the module's code or a dependency failed
        fail_evaluation(vm, m, args.arg(0));
    } else {
        auto r = continue_evaluation(vm, m, static_cast<usize>(next));
        if (r.is_throw())
            fail_evaluation(vm, m, vm.take_exception());
    }
    return Value::undefined();
}

ThrowOr<Value> make_step(Vm& vm, ModuleRecord* m, i32 next)
{
    NativeFunction* fn = make_native_function(vm, evaluation_step, "", 1);
    if (!fn)
        return throw_out_of_memory(vm);
    fn->set_data(0, Value::from_u64(m->id));
    fn->set_data(1, Value::from_i32(next));
    return Value::from_cell(fn);
}

ThrowOr<void> start_evaluation(Vm& vm, ModuleRecord* m)
{
    if (m->status != ModuleRecord::Status::Linked)
        return {};
    m->status = ModuleRecord::Status::Evaluating;
    Object* done = promise_create(vm);
    if (!done)
        return throw_out_of_memory(vm);
    m->promise = Value::from_cell(done);
    root(m, m->promise);
    NativeFunction* ignore = make_native_function(vm, swallow, "", 1);
    if (!ignore)
        return throw_out_of_memory(vm);
    TRY(promise_then_no_capability(vm, done, Value::undefined(), Value::from_cell(ignore)));
    auto r = continue_evaluation(vm, m, 0);
    if (r.is_throw())
        fail_evaluation(vm, m, vm.take_exception());
    return {};
}

ThrowOr<void> continue_evaluation(Vm& vm, ModuleRecord* m, usize next)
{
    for (usize i = next; i < m->request_order.size(); ++i) {
        ModuleRecord* dep = m->requests[m->request_order[i]];
        TRY(start_evaluation(vm, dep));
        if (dep->has_error)
            return throw_value(vm, dep->error);
        if (dep->status == ModuleRecord::Status::Evaluated || !dep->code_started)
            continue;
        PromiseInfo info = promise_info(as_object(dep->promise));
        if (info.state == 2)
            return throw_value(vm, info.result);
        if (info.state == 0) {
            Value resume = TRY(make_step(vm, m, static_cast<i32>(i + 1)));
            Value failed = TRY(make_step(vm, m, -2));
            TRY(promise_then_no_capability(vm, as_object(dep->promise), resume, failed));
            return {};
        }
    }
    m->code_started = true;
    if (m->is_json) {
        m->status = ModuleRecord::Status::Evaluated;
        TRY(promise_resolve(vm, as_object(m->promise), Value::undefined()));
        return {};
    }
    Value closure = TRY(slow::create_closure(vm, m->code, m->env));
    Value result = TRY(Call(vm, closure, Value::undefined(), {}));
    Value finished = TRY(make_step(vm, m, -1));
    Value failed = TRY(make_step(vm, m, -2));
    TRY(promise_then_no_capability(vm, as_object(result), finished, failed));
    return {};
}

ThrowOr<ModuleRecord*> load_and_link(Vm& vm, std::string const& path, bool is_json, std::string* report)
{
    std::vector<ModuleRecord*> loaded;
    ModuleRecord* m = TRY(load_module(vm, path, is_json, loaded, report));
    TRY(link_modules(vm, loaded, report));
    if (m->status == ModuleRecord::Status::Linking)
        return throw_syntax_error(vm, "The module %s could not be linked", m->path.c_str());
    return m;
}

ThrowOr<Value> import_fulfilled(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    TRY(promise_resolve(vm, as_object(self->data(0)), self->data(1)));
    return Value::undefined();
}

ThrowOr<Value> import_rejected(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    TRY(promise_reject(vm, as_object(self->data(0)), args.arg(0)));
    return Value::undefined();
}

// The job of import(): load, link and evaluate, then settle the promise with the namespace.
ThrowOr<Value> dynamic_import_job(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    auto* promise = as_object(self->data(0));
    auto* request = static_cast<ValueArray*>(self->data(1).as_cell());
    std::string referrer = to_utf8(static_cast<String*>(request->get(0).as_cell()));
    std::string specifier = to_utf8(static_cast<String*>(request->get(1).as_cell()));
    bool is_json = request->get(2).is_true();
    auto outcome = [&]() -> ThrowOr<Value> {
        std::string path = TRY(resolve_specifier(vm, referrer, specifier));
        ModuleRecord* m = TRY(load_and_link(vm, path, is_json, nullptr));
        TRY(start_evaluation(vm, m));
        Object* ns = TRY(get_namespace(vm, m));
        // Settle with the namespace once the module's evaluation has.
        NativeFunction* fulfilled = make_native_function(vm, import_fulfilled, "", 1);
        NativeFunction* rejected = make_native_function(vm, import_rejected, "", 1);
        if (!fulfilled || !rejected)
            return throw_out_of_memory(vm);
        fulfilled->set_data(0, Value::from_cell(promise));
        fulfilled->set_data(1, Value::from_cell(ns));
        rejected->set_data(0, Value::from_cell(promise));
        TRY(promise_then_no_capability(vm, as_object(m->promise), Value::from_cell(fulfilled), Value::from_cell(rejected)));
        return Value::undefined();
    }();
    if (outcome.is_throw()) {
        Value error = vm.take_exception();
        TRY(promise_reject(vm, promise, error));
    }
    return Value::undefined();
}

} // namespace

ThrowOr<Value> run_module_file(Vm& vm, std::string const& file, std::string* early_error)
{
    char* real = ::realpath(file.c_str(), nullptr);
    if (!real) {
        if (early_error)
            *early_error = "weft: cannot open '" + file + "'";
        return throw_error(vm, ErrorType::Error, "Cannot find module '" + file + "'");
    }
    std::string path(real);
    std::free(real);
    bool is_json = path.ends_with(".json");
    std::string report;
    auto linked = load_and_link(vm, path, is_json, &report);
    if (linked.is_throw()) {
        if (early_error) {
            if (report.empty())
                report = path + ": " + error_summary(vm, vm.exception());
            *early_error = report;
        }
        return ThrowCompletion {};
    }
    ModuleRecord* m = linked.value();
    TRY(start_evaluation(vm, m));
    return m->promise;
}

ThrowOr<Value> dynamic_import(Vm& vm, Value referrer, Value specifier, Value options)
{
    Object* promise = promise_create(vm);
    if (!promise)
        return throw_out_of_memory(vm);
    auto prepared = [&]() -> ThrowOr<Value> {
        String* text = TRY(ToString(vm, specifier));
        bool is_json = false;
        if (!options.is_undefined()) {
            if (!is_object(options))
                return throw_type_error(vm, "The second argument of import() must be an object");
            Value with = TRY(Get(vm, as_object(options), TRY(key_for(vm, "with"))));
            if (!with.is_undefined()) {
                if (!is_object(with))
                    return throw_type_error(vm, "The 'with' option of import() must be an object");
                // Every enumerable own string-keyed attribute must be a string; `type` picks JSON.
                for (PropertyKey key : own_property_keys(vm, as_object(with))) {
                    if (key.is_symbol())
                        continue;
                    auto own = as_object(with)->get_own_property(vm, key);
                    if (!own || own->enumerable != true)
                        continue;
                    Value value = TRY(Get(vm, as_object(with), key));
                    if (!is_string(value))
                        return throw_type_error(vm, "Import attribute values must be strings");
                    if (key.is_atom() && to_utf8(key.as_atom()) == "type") {
                        is_json = to_utf8(static_cast<String*>(value.as_cell())) == "json";
                        if (!is_json)
                            return throw_type_error(vm, "Unsupported import attribute type");
                    }
                }
            }
        }
        ValueArray* request = ValueArray::try_create(vm, 3);
        if (!request)
            return throw_out_of_memory(vm);
        request->set(0, referrer);
        request->set(1, Value::from_cell(text));
        request->set(2, Value::boolean(is_json));
        return Value::from_cell(request);
    }();
    if (prepared.is_throw()) {
        Value error = vm.take_exception();
        TRY(promise_reject(vm, promise, error));
        return Value::from_cell(promise);
    }
    NativeFunction* job = make_native_function(vm, dynamic_import_job, "", 0);
    if (!job)
        return throw_out_of_memory(vm);
    job->set_data(0, Value::from_cell(promise));
    job->set_data(1, prepared.value());
    enqueue_callback_job(vm, Value::from_cell(job));
    return Value::from_cell(promise);
}

ThrowOr<Value> import_meta(Vm& vm, Value referrer)
{
    std::string path = to_utf8(static_cast<String*>(referrer.as_cell()));
    ModuleRecord* m = find_record(vm.realm(), path);
    if (m && m->meta)
        return Value::from_cell(m->meta);
    Object* meta = Object::try_create(vm, nullptr);
    if (!meta)
        return throw_out_of_memory(vm);
    String* url = TRY(new_string(vm, "file://" + path));
    TRY(define_value(vm, meta, "url", Value::from_cell(url), PropertyAttributes::default_data()));
    if (m) {
        root(m, Value::from_cell(meta));
        m->meta = meta;
    }
    return Value::from_cell(meta);
}

} // namespace weft
