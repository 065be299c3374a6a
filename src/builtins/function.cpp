// The Function constructor and Function.prototype (call, apply, bind, toString).
// spec: https://tc39.es/ecma262/#sec-function-objects
#include "builtins/builtins.h"

#include "compiler/compilation_unit.h"
#include "interpreter/code.h"
#include "interpreter/engine.h"

namespace weft {

// CreateDynamicFunction, simplified: the source text is assembled as the spec does and
// evaluated as a parenthesised function expression of a global script (so the function's scope
// is the global scope). Parameter and body text are not checked separately yet.
// spec: https://tc39.es/ecma262/#sec-createdynamicfunction
static ThrowOr<Value> function_constructor(Vm& vm, CallArgs const& args)
{
    std::string parameters;
    for (u32 i = 0; i + 1 < args.count(); ++i) {
        if (i)
            parameters += ',';
        parameters += to_utf8(TRY(ToString(vm, args.arg(i))));
    }
    std::string body = args.count() ? to_utf8(TRY(ToString(vm, args.arg(args.count() - 1)))) : std::string();
    std::string source = "(function anonymous(" + parameters + "\n) {\n" + body + "\n})";
    return evaluate_script(vm, source, "[Function]");
}

// Function.prototype.call ( thisArg, ...args )
// spec: https://tc39.es/ecma262/#sec-function.prototype.call
static ThrowOr<Value> function_prototype_call(Vm& vm, CallArgs const& args)
{
    if (!is_callable(args.this_value()))
        return throw_type_error(vm, "Function.prototype.call called on a non-function");
    std::span<Value const> rest;
    if (args.count() > 1)
        rest = std::span<Value const>(args.values() + 1, args.count() - 1);
    return Call(vm, args.this_value(), args.arg(0), rest);
}

// CreateListFromArrayLike ( obj )
// spec: https://tc39.es/ecma262/#sec-createlistfromarraylike
static ThrowOr<void> CreateListFromArrayLike(Vm& vm, Value v, RootedValues& out)
{
    if (!is_object(v))
        return throw_type_error(vm, "CreateListFromArrayLike called on non-object");
    Object* o = as_object(v);
    u64 len = TRY(LengthOfArrayLike(vm, o));
    if (len > 10'000'000)
        return throw_range_error(vm, "Maximum call stack size exceeded");
    for (u64 i = 0; i < len; ++i) {
        Value x = TRY(Get(vm, o, PropertyKey::from_index(static_cast<u32>(i))));
        out.push(x);
    }
    return {};
}

// Function.prototype.apply ( thisArg, argArray )
// spec: https://tc39.es/ecma262/#sec-function.prototype.apply
static ThrowOr<Value> function_prototype_apply(Vm& vm, CallArgs const& args)
{
    if (!is_callable(args.this_value()))
        return throw_type_error(vm, "Function.prototype.apply was called on %s, which is not a function", describe_for_error(vm, args.this_value()).c_str());
    if (args.arg(1).is_nullish())
        return Call(vm, args.this_value(), args.arg(0));
    RootedValues list(vm);
    TRY(CreateListFromArrayLike(vm, args.arg(1), list));
    return Call(vm, args.this_value(), args.arg(0), list.values());
}

// Function.prototype.bind ( thisArg, ...args )
// spec: https://tc39.es/ecma262/#sec-function.prototype.bind
static ThrowOr<Value> function_prototype_bind(Vm& vm, CallArgs const& args)
{
    Value target = args.this_value();
    if (!is_callable(target))
        return throw_type_error(vm, "Bind must be called on a function");
    u32 count = args.count() > 1 ? args.count() - 1 : 0;
    BoundFunction* f = BoundFunction::try_create(vm, as_object(target)->get_prototype_of(), target, args.arg(0), args.values() + (count ? 1 : 0), count);
    if (!f)
        return throw_out_of_memory(vm);
    CommonNames const& names = common_names(vm);
    // length = max(0, target.length - count); name = "bound " + target.name.
    double length = 0;
    bool has_length = TRY(HasOwnProperty(vm, as_object(target), PropertyKey::from_atom(names.length)));
    if (has_length) {
        Value l = TRY(Get(vm, as_object(target), PropertyKey::from_atom(names.length)));
        if (l.is_number())
            length = std::max(0.0, ToIntegerOrInfinity(vm, l).value() - count);
    }
    TRY(DefinePropertyOrThrow(vm, f, PropertyKey::from_atom(names.length), PropertyDescriptor::data(Value::from_number(length), PropertyAttributes::data(false, false, true))));
    Value name = TRY(Get(vm, as_object(target), PropertyKey::from_atom(names.name)));
    std::string text = "bound " + (is_string(name) ? to_utf8(static_cast<String*>(name.as_cell())) : std::string());
    String* s = TRY(new_string(vm, text));
    TRY(DefinePropertyOrThrow(vm, f, PropertyKey::from_atom(names.name), PropertyDescriptor::data(Value::from_cell(s), PropertyAttributes::data(false, false, true))));
    return Value::from_cell(f);
}

// Function.prototype.toString ( )
// spec: https://tc39.es/ecma262/#sec-function.prototype.tostring
static ThrowOr<Value> function_prototype_to_string(Vm& vm, CallArgs const& args)
{
    Value f = args.this_value();
    if (f.is_cell_of_kind(CellKind::FunctionObject)) {
        SharedFunctionInfo* shared = static_cast<FunctionObject*>(f.as_cell())->shared();
        auto* node = static_cast<parser::Node const*>(shared->node());
        std::string_view source = shared->unit()->parse.source();
        if (node && node->range.end <= source.size()) {
            String* s = TRY(new_string(vm, source.substr(node->range.start, node->range.end - node->range.start)));
            return Value::from_cell(s);
        }
    }
    if (is_callable(f)) {
        Value name = TRY(Get(vm, as_object(f), PropertyKey::from_atom(common_names(vm).name)));
        std::string text = "function " + (is_string(name) ? to_utf8(static_cast<String*>(name.as_cell())) : std::string()) + "() { [native code] }";
        String* s = TRY(new_string(vm, text));
        return Value::from_cell(s);
    }
    return throw_type_error(vm, "Function.prototype.toString requires that 'this' be a Function");
}

static ThrowOr<Value> function_prototype_has_instance(Vm& vm, CallArgs const& args)
{
    bool result = TRY(OrdinaryHasInstance(vm, args.this_value(), args.arg(0)));
    return Value::boolean(result);
}

constexpr NativeMethod kFunctionPrototypeMethods[] = {
    { "apply", 2, function_prototype_apply },
    { "bind", 1, function_prototype_bind },
    { "call", 1, function_prototype_call },
    { "toString", 0, function_prototype_to_string },
};

ThrowOr<void> install_function(Vm& vm)
{
    Realm& realm = *vm.realm();
    NativeFunction* ctor = TRY(install_constructor(vm, "Function", 1, function_constructor, realm.function_prototype));
    realm.function_constructor = ctor;
    TRY(install_methods(vm, realm.function_prototype, kFunctionPrototypeMethods));
    NativeFunction* has_instance = make_native_function(vm, function_prototype_has_instance, "[Symbol.hasInstance]", 1);
    if (!has_instance)
        return throw_out_of_memory(vm);
    TRY(DefinePropertyOrThrow(vm, realm.function_prototype, PropertyKey::from_symbol(well_known_symbols(vm).hasInstance),
        PropertyDescriptor::data(Value::from_cell(has_instance), PropertyAttributes::data(false, false, false))));
    NativeFunction* thrower = make_native_function(vm, [](Vm& vm, CallArgs const&) -> ThrowOr<Value> {
        return throw_type_error(vm, "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them");
    }, "", 0);
    if (!thrower)
        return throw_out_of_memory(vm);
    realm.throw_type_error = thrower;
    return {};
}

} // namespace weft
