// Error, its NativeError subclasses and AggregateError.
// spec: https://tc39.es/ecma262/#sec-error-objects
#include "builtins/builtins.h"

namespace weft {

static ErrorType error_type_of(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    return static_cast<ErrorType>(self->data(0).as_i32());
}

// Error ( message [ , options ] ) and NativeError ( message [ , options ] )
// spec: https://tc39.es/ecma262/#sec-error-message
static ThrowOr<Value> error_constructor(Vm& vm, CallArgs const& args)
{
    ErrorType type = error_type_of(vm, args);
    Value new_target = args.is_construct() ? args.new_target() : args.callee();
    Object* proto = TRY(GetPrototypeFromConstructor(vm, new_target, error_prototype_for(vm, type)));
    u32 message_index = type == ErrorType::AggregateError ? 1 : 0;
    String* message = nullptr;
    if (!args.arg(message_index).is_undefined())
        message = TRY(ToString(vm, args.arg(message_index)));
    Object* error = create_error(vm, type, message);
    if (!error)
        return throw_out_of_memory(vm);
    if (proto != error_prototype_for(vm, type)) {
        if (error->set_prototype_of(vm, proto) == Outcome::OutOfMemory)
            return throw_out_of_memory(vm);
        // The stack header uses the subclass's name, as engines do.
        Value name = TRY(Get(vm, error, PropertyKey::from_atom(common_names(vm).name)));
        if (is_string(name)) {
            std::string header = to_utf8(static_cast<String*>(name.as_cell()));
            if (message && !message->is_empty())
                header += ": " + to_utf8(message);
            String* stack = TRY(new_string(vm, capture_stack_trace(vm, header)));
            TRY(define_builtin_property(vm, error, PropertyKey::from_atom(common_names(vm).stack), Value::from_cell(stack)));
        }
    }
    // InstallErrorCause ( O, options )
    Value options = args.arg(message_index + 1);
    if (is_object(options)) {
        PropertyKey cause = PropertyKey::from_atom(common_names(vm).cause);
        bool has = TRY(HasProperty(vm, as_object(options), cause));
        if (has) {
            Value v = TRY(Get(vm, as_object(options), cause));
            TRY(define_builtin_property(vm, error, cause, v));
        }
    }
    if (type == ErrorType::AggregateError) {
        RootedValues errors(vm);
        TRY(iterable_to_list(vm, args.arg(0), errors));
        ArrayObject* list = TRY(CreateArrayFromList(vm, errors.values()));
        TRY(define_builtin_property(vm, error, PropertyKey::from_atom(common_names(vm).errors), Value::from_cell(list)));
    }
    return Value::from_cell(error);
}

// Error.prototype.toString ( )
// spec: https://tc39.es/ecma262/#sec-error.prototype.tostring
static ThrowOr<Value> error_prototype_to_string(Vm& vm, CallArgs const& args)
{
    if (!is_object(args.this_value()))
        return throw_type_error(vm, "Error.prototype.toString requires that 'this' be an Object");
    Object* o = as_object(args.this_value());
    CommonNames const& names = common_names(vm);
    Value name = TRY(Get(vm, o, PropertyKey::from_atom(names.name)));
    String* name_string = name.is_undefined() ? TRY(new_string(vm, "Error")) : TRY(ToString(vm, name));
    Value message = TRY(Get(vm, o, PropertyKey::from_atom(names.message)));
    String* message_string = message.is_undefined() ? names.empty : TRY(ToString(vm, message));
    if (name_string->is_empty())
        return Value::from_cell(message_string);
    if (message_string->is_empty())
        return Value::from_cell(name_string);
    String* s = TRY(new_string(vm, to_utf8(name_string) + ": " + to_utf8(message_string)));
    return Value::from_cell(s);
}

static ThrowOr<Value> error_capture_stack_trace(Vm& vm, CallArgs const& args)
{
    if (!is_object(args.arg(0)))
        return throw_type_error(vm, "Invalid argument");
    Value summary = TRY(error_prototype_to_string(vm, CallArgs(Value::undefined(), args.arg(0), nullptr, 0)));
    String* stack = TRY(new_string(vm, capture_stack_trace(vm, to_utf8(static_cast<String*>(summary.as_cell())))));
    TRY(define_builtin_property(vm, as_object(args.arg(0)), PropertyKey::from_atom(common_names(vm).stack), Value::from_cell(stack)));
    return Value::undefined();
}

constexpr NativeMethod kErrorPrototypeMethods[] = {
    { "toString", 0, error_prototype_to_string },
};

ThrowOr<void> install_error(Vm& vm)
{
    Realm& realm = *vm.realm();
    struct Entry {
        char const* name;
        ErrorType type;
        Object* prototype;
        u32 length;
    };
    Entry entries[] = {
        { "Error", ErrorType::Error, realm.error_prototype, 1 },
        { "EvalError", ErrorType::EvalError, realm.eval_error_prototype, 1 },
        { "RangeError", ErrorType::RangeError, realm.range_error_prototype, 1 },
        { "ReferenceError", ErrorType::ReferenceError, realm.reference_error_prototype, 1 },
        { "SyntaxError", ErrorType::SyntaxError, realm.syntax_error_prototype, 1 },
        { "TypeError", ErrorType::TypeError, realm.type_error_prototype, 1 },
        { "URIError", ErrorType::URIError, realm.uri_error_prototype, 1 },
        { "AggregateError", ErrorType::AggregateError, realm.aggregate_error_prototype, 2 },
    };
    NativeFunction* error_ctor = nullptr;
    CommonNames const& names = common_names(vm);
    for (Entry const& e : entries) {
        NativeFunction* ctor = TRY(install_constructor(vm, e.name, e.length, error_constructor, e.prototype));
        ctor->set_data(0, Value::from_i32(static_cast<i32>(e.type)));
        if (!error_ctor) {
            error_ctor = ctor;
        } else if (ctor->set_prototype_of(vm, error_ctor) == Outcome::OutOfMemory) {
            return throw_out_of_memory(vm);
        }
        String* name = TRY(intern(vm, e.name));
        TRY(define_builtin_property(vm, e.prototype, PropertyKey::from_atom(names.name), Value::from_cell(name)));
        TRY(define_builtin_property(vm, e.prototype, PropertyKey::from_atom(names.message), Value::from_cell(names.empty)));
    }
    TRY(install_methods(vm, realm.error_prototype, kErrorPrototypeMethods));
    NativeFunction* capture = make_native_function(vm, error_capture_stack_trace, "captureStackTrace", 1);
    if (!capture)
        return throw_out_of_memory(vm);
    TRY(define_value(vm, error_ctor, "captureStackTrace", Value::from_cell(capture)));
    return {};
}

std::string error_summary(Vm& vm, Value v)
{
    if (!is_object(v))
        return inspect_value(vm, v, true);
    Value saved = vm.has_exception() ? vm.take_exception() : Value::empty();
    auto result = error_prototype_to_string(vm, CallArgs(Value::undefined(), v, nullptr, 0));
    std::string text = result.is_throw() ? std::string("Error") : to_utf8(static_cast<String*>(result.value().as_cell()));
    if (result.is_throw())
        (void)vm.take_exception();
    if (!saved.is_empty())
        vm.set_exception(saved);
    return text;
}

} // namespace weft
