// Engine start-up: cell kinds, the realm's foundational objects and shapes, the built-ins, and the
// per-thread interpreter state.
#include "interpreter/engine.h"

#include "builtins/async_generator.h"
#include "builtins/builtins.h"
#include "compiler/codegen.h"
#include "compiler/compilation_unit.h"
#include "interpreter/code.h"
#include "interpreter/coroutine.h"
#include "interpreter/interpreter.h"
#include "interpreter/thread_state.h"
#include "objects/environment.h"
#include "vm/realm.h"
#include "vm/runtime.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <mutex>

namespace weft {

static void register_engine_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_function_cell_kinds();
        register_environment_cell_kinds();
        register_code_cell_kinds();
        register_realm_cell_kinds();
        register_coroutine_cell_kind();
        register_cell_kind(to_u8(CellKind::PrimitiveWrapper), { "PrimitiveWrapper",
            [](Cell* cell, Tracer& tracer) {
                Object::trace(cell, tracer);
                trace_value(tracer, *reinterpret_cast<Value*>(reinterpret_cast<char*>(cell) + EngineObject::kFieldsOffset));
            },
            nullptr });
        register_cell_kind(to_u8(CellKind::RegExpObject), { "RegExpObject", Object::trace, nullptr });
    });
}

static void delete_engine_state(EngineState* state)
{
    delete state->realm;
    for (Realm* realm : state->extra_realms)
        delete realm;
    delete state;
}

static Shape* add_properties(Vm& vm, Shape* shape, std::initializer_list<std::pair<String*, PropertyAttributes>> properties)
{
    for (auto const& [name, attributes] : properties) {
        if (!shape)
            return nullptr;
        shape = shape->add_property_transition(vm, PropertyKey::from_atom(name), attributes);
    }
    return shape;
}

static ThrowOr<Value> function_prototype_call(Vm&, CallArgs const&) { return Value::undefined(); }

// The objects everything else is built from: %Object.prototype%, %Function.prototype%, the
// global object, and the realm's pre-built shapes.
static bool create_foundation(Vm& vm, Realm& realm)
{
    CommonNames const& names = common_names(vm);
    auto length_attributes = PropertyAttributes::data(false, false, true);
    realm.object_prototype = Object::try_create(vm, nullptr);
    if (!realm.object_prototype)
        return false;
    Shape* fp_shape = vm.runtime().shape_roots().root_for_prototype(vm, realm.object_prototype, EngineObject::kInlineCapacity);
    fp_shape = add_properties(vm, fp_shape, { { names.length, length_attributes }, { names.name, length_attributes } });
    if (!fp_shape)
        return false;
    NativeFunction* fp = NativeFunction::try_create(vm, fp_shape, function_prototype_call, 0);
    if (!fp)
        return false;
    EngineObject::init_inline_slot(fp, 0, Value::from_i32(0));
    EngineObject::init_inline_slot(fp, 1, Value::from_cell(names.empty));
    realm.function_prototype = fp;

    Shape* root = vm.runtime().shape_roots().root_for_prototype(vm, realm.function_prototype, EngineObject::kInlineCapacity);
    realm.function_shape = add_properties(vm, root, { { names.length, length_attributes }, { names.name, length_attributes } });
    if (!realm.function_shape)
        return false;
    realm.constructor_shape = add_properties(vm, realm.function_shape, { { names.prototype, PropertyAttributes::data(true, false, false) } });
    realm.class_constructor_shape = add_properties(vm, realm.function_shape, { { names.prototype, PropertyAttributes::data(false, false, false) } });
    Shape* object_root = vm.runtime().shape_roots().root_for_prototype(vm, realm.object_prototype, EngineObject::kInlineCapacity);
    realm.prototype_object_shape = add_properties(vm, object_root, { { names.constructor, PropertyAttributes::data(true, false, true) } });
    realm.iterator_result_shape = add_properties(vm, object_root, { { names.value, PropertyAttributes::default_data() }, { names.done, PropertyAttributes::default_data() } });
    realm.arguments_shape = add_properties(vm, object_root, { { names.length, PropertyAttributes::data(true, false, true) } });
    if (!realm.constructor_shape || !realm.class_constructor_shape || !realm.prototype_object_shape || !realm.iterator_result_shape || !realm.arguments_shape)
        return false;

    // Prototypes the installers fill in.
    for (Object** slot : { &realm.array_prototype, &realm.error_prototype, &realm.iterator_prototype, &realm.string_prototype,
             &realm.number_prototype, &realm.boolean_prototype, &realm.symbol_prototype, &realm.bigint_prototype,
             &realm.promise_prototype, &realm.map_prototype, &realm.set_prototype, &realm.regexp_prototype, &realm.date_prototype }) {
        if (slot == &realm.array_prototype)
            *slot = ArrayObject::try_create(vm, realm.object_prototype, 0);
        else
            *slot = Object::try_create(vm, realm.object_prototype);
        if (!*slot)
            return false;
    }
    for (Object** slot : { &realm.eval_error_prototype, &realm.range_error_prototype, &realm.reference_error_prototype,
             &realm.syntax_error_prototype, &realm.type_error_prototype, &realm.uri_error_prototype, &realm.aggregate_error_prototype }) {
        *slot = Object::try_create(vm, realm.error_prototype);
        if (!*slot)
            return false;
    }
    for (Object** slot : { &realm.array_iterator_prototype, &realm.string_iterator_prototype, &realm.map_iterator_prototype,
             &realm.set_iterator_prototype, &realm.generator_prototype }) {
        *slot = Object::try_create(vm, realm.iterator_prototype);
        if (!*slot)
            return false;
    }
    realm.generator_function_prototype = Object::try_create(vm, realm.function_prototype);
    realm.async_function_prototype = Object::try_create(vm, realm.function_prototype);
    if (!realm.generator_function_prototype || !realm.async_function_prototype)
        return false;
    Shape* generator_root = vm.runtime().shape_roots().root_for_prototype(vm, realm.generator_function_prototype, EngineObject::kInlineCapacity);
    realm.generator_function_shape = add_properties(vm, generator_root, { { names.length, length_attributes }, { names.name, length_attributes }, { names.prototype, PropertyAttributes::data(true, false, false) } });
    Shape* async_root = vm.runtime().shape_roots().root_for_prototype(vm, realm.async_function_prototype, EngineObject::kInlineCapacity);
    realm.async_function_shape = add_properties(vm, async_root, { { names.length, length_attributes }, { names.name, length_attributes } });
    if (!realm.generator_function_shape || !realm.async_function_shape)
        return false;
    realm.async_iterator_prototype = Object::try_create(vm, realm.object_prototype);
    realm.async_generator_prototype = realm.async_iterator_prototype ? Object::try_create(vm, realm.async_iterator_prototype) : nullptr;
    realm.async_from_sync_iterator_prototype = realm.async_iterator_prototype ? Object::try_create(vm, realm.async_iterator_prototype) : nullptr;
    realm.async_generator_function_prototype = Object::try_create(vm, realm.function_prototype);
    if (!realm.async_generator_prototype || !realm.async_from_sync_iterator_prototype || !realm.async_generator_function_prototype)
        return false;
    Shape* async_generator_root = vm.runtime().shape_roots().root_for_prototype(vm, realm.async_generator_function_prototype, EngineObject::kInlineCapacity);
    realm.async_generator_function_shape = add_properties(vm, async_generator_root, { { names.length, length_attributes }, { names.name, length_attributes }, { names.prototype, PropertyAttributes::data(true, false, false) } });
    if (!realm.async_generator_function_shape)
        return false;

    realm.global_object = Object::try_create(vm, realm.object_prototype, 16);
    if (!realm.global_object)
        return false;
    realm.global_this = Value::from_cell(realm.global_object);
    return true;
}

static ThrowOr<void> install_all(Vm& vm)
{
    TRY(install_object(vm));
    TRY(install_function(vm));
    TRY(install_error(vm));
    TRY(install_iterator(vm));
    TRY(install_array(vm));
    TRY(install_string(vm));
    TRY(install_number(vm));
    TRY(install_boolean(vm));
    TRY(install_symbol(vm));
    TRY(install_math(vm));
    TRY(install_json(vm));
    TRY(install_map_set(vm));
    TRY(install_promise(vm));
    TRY(install_generator(vm));
    TRY(install_async_generator(vm));
    TRY(install_reflect(vm));
    TRY(install_global(vm));
    TRY(install_console(vm));
    TRY(install_typed_arrays(vm));
    TRY(install_atomics(vm));
    return {};
}

void attach_engine_thread(Vm& vm)
{
    EngineState* engine = vm.runtime().engine();
    auto* ts = new ThreadState(vm, engine->default_register_stack_bytes);
    vm.set_thread_state(ts);
    vm.set_realm(engine->realm);
    {
        LockGuard guard(engine->registry_lock);
        engine->threads.push_back(ts);
    }
    if (engine->realm && engine->realm->range_error_prototype) {
        // The pre-allocated heap-exhaustion error.
        String* message = string_from_latin1(vm, "Out of memory");
        Object* error = message ? create_error(vm, ErrorType::RangeError, message) : nullptr;
        ts->out_of_memory_error = error ? Value::from_cell(error) : Value::undefined();
    }
}

void detach_engine_thread(Vm& vm)
{
    EngineState* engine = vm.runtime().engine();
    ThreadState* ts = vm.thread_state();
    if (!engine || !ts)
        return;
    {
        LockGuard guard(engine->registry_lock);
        std::erase(engine->threads, ts);
    }
    vm.set_thread_state(nullptr);
    delete ts;
}

bool initialize_engine(Vm& vm, EngineOptions const& options)
{
    register_engine_cell_kinds();
    Runtime& runtime = vm.runtime();
    auto* engine = new EngineState(runtime);
    engine->default_register_stack_bytes = options.register_stack_bytes;
    runtime.set_engine(engine, delete_engine_state);
    attach_engine_thread(vm);
    auto* realm = new Realm(runtime);
    engine->realm = realm;
    vm.set_realm(realm);
    if (!create_foundation(vm, *realm))
        return false;
    auto installed = install_all(vm);
    if (installed.is_throw()) {
        (void)vm.take_exception();
        return false;
    }
    String* message = string_from_latin1(vm, "Out of memory");
    Object* error = message ? create_error(vm, ErrorType::RangeError, message) : nullptr;
    vm.thread_state()->out_of_memory_error = error ? Value::from_cell(error) : Value::undefined();
    return true;
}

Realm* create_realm(Vm& vm)
{
    EngineState* engine = vm.runtime().engine();
    Realm* previous = vm.realm();
    auto* realm = new Realm(vm.runtime());
    {
        LockGuard guard(engine->registry_lock);
        engine->extra_realms.push_back(realm);
    }
    vm.set_realm(realm);
    bool ok = create_foundation(vm, *realm);
    if (ok) {
        auto installed = install_all(vm);
        if (installed.is_throw()) {
            (void)vm.take_exception();
            ok = false;
        }
    }
    vm.set_realm(previous);
    return ok ? realm : nullptr;
}

// GlobalDeclarationInstantiation's checks, made before any binding of the script is created:
// a lexical name must not be a global lexical already nor a non-configurable global property; a
// var name must not be a global lexical; a function must be definable on the global object.
// spec: https://tc39.es/ecma262/#sec-globaldeclarationinstantiation
static ThrowOr<void> check_global_declarations(Vm& vm, SharedFunctionInfo* shared)
{
    CompilationUnit* unit = shared->unit();
    compiler::FunctionInfo* program = unit->scopes.function_of(static_cast<parser::Node const*>(shared->node()));
    if (!program || !program->scope)
        return {};
    Realm& realm = *vm.realm();
    Object* global = realm.global_object;
    for (compiler::Variable* v : program->scope->vars) {
        if (v->location != compiler::VarLocation::GlobalLexical && v->location != compiler::VarLocation::GlobalObject)
            continue;
        std::string name(v->name);
        String* atom = TRY(intern(vm, name));
        bool lexical_exists = realm.find_lexical(atom) != nullptr;
        if (v->location == compiler::VarLocation::GlobalLexical) {
            if (lexical_exists)
                return throw_syntax_error(vm, "Identifier '%s' has already been declared", name.c_str());
            auto own = global->get_own_property(vm, PropertyKey::from_atom(atom));
            if (own && own->configurable == false)
                return throw_syntax_error(vm, "Identifier '%s' has already been declared", name.c_str());
            continue;
        }
        if (lexical_exists)
            return throw_syntax_error(vm, "Identifier '%s' has already been declared", name.c_str());
        auto own = global->get_own_property(vm, PropertyKey::from_atom(atom));
        if (v->kind == compiler::VarKind::Function) {
            if (own ? (own->configurable == false && !(own->is_data_descriptor() && own->writable == true && own->enumerable == true)) : !global->is_extensible())
                return throw_type_error(vm, "Cannot redefine property: %s", name.c_str());
        } else if (!own && !global->is_extensible()) {
            return throw_type_error(vm, "Cannot define global variable: %s", name.c_str());
        }
    }
    return {};
}

ThrowOr<Value> evaluate_script(Vm& vm, std::string_view source, std::string const& file_name, std::string* syntax_error)
{
    ScriptSource script { source, file_name };
    SharedFunctionInfo* shared = TRY(compile_script(vm, script, syntax_error));
    TRY(check_global_declarations(vm, shared));
    return run_script_code(vm, shared);
}

ThrowOr<Value> evaluate_eval_code(Vm& vm, std::string_view source, std::string const& file_name)
{
    ScriptSource script { source, file_name, true };
    SharedFunctionInfo* shared = TRY(compile_script(vm, script, nullptr));
    TRY(check_global_declarations(vm, shared));
    // EvalDeclarationInstantiation: var and function bindings of (sloppy) eval code are
    // configurable global properties, created before the code runs.
    CompilationUnit* unit = shared->unit();
    compiler::FunctionInfo* program = unit->scopes.function_of(static_cast<parser::Node const*>(shared->node()));
    Object* global = vm.realm()->global_object;
    for (compiler::Variable* v : program->scope->vars) {
        if (v->location != compiler::VarLocation::GlobalObject)
            continue;
        PropertyKey key = PropertyKey::from_atom(TRY(intern(vm, std::string(v->name))));
        auto own = global->get_own_property(vm, key);
        bool define = !own || (v->kind == compiler::VarKind::Function && own->configurable == true);
        if (define)
            TRY(DefinePropertyOrThrow(vm, global, key, PropertyDescriptor::data(Value::undefined(), PropertyAttributes::data(true, true, true))));
    }
    return run_script_code(vm, shared);
}

} // namespace weft
