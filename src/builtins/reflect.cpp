// The Reflect object.
// spec: https://tc39.es/ecma262/#sec-reflect-object
#include "builtins/builtins.h"
#include "threads/restrict.h"

namespace weft {

static ThrowOr<Object*> target_object(Vm& vm, Value v, char const* method)
{
    if (!is_object(v))
        return throw_type_error(vm, "Reflect.%s called on non-object", method);
    return as_object(v);
}

static ThrowOr<Value> reflect_apply(Vm& vm, CallArgs const& args)
{
    Value f = args.arg(0);
    if (!is_callable(f))
        return throw_type_error(vm, "Function.prototype.apply was called on %s, which is not a function", describe_for_error(vm, f).c_str());
    if (!is_object(args.arg(2)))
        return throw_type_error(vm, "CreateListFromArrayLike called on non-object");
    Object* list = as_object(args.arg(2));
    u64 len = TRY(LengthOfArrayLike(vm, list));
    RootedValues values(vm);
    for (u64 i = 0; i < len; ++i)
        values.push(TRY(Get(vm, list, PropertyKey::from_index(static_cast<u32>(i)))));
    return Call(vm, f, args.arg(1), values.values());
}

static ThrowOr<Value> reflect_construct(Vm& vm, CallArgs const& args)
{
    Value f = args.arg(0);
    if (!IsConstructor(f))
        return throw_type_error(vm, "%s is not a constructor", describe_for_error(vm, f).c_str());
    Value new_target = args.count() > 2 ? args.arg(2) : f;
    if (!IsConstructor(new_target))
        return throw_type_error(vm, "%s is not a constructor", describe_for_error(vm, new_target).c_str());
    if (!is_object(args.arg(1)))
        return throw_type_error(vm, "CreateListFromArrayLike called on non-object");
    Object* list = as_object(args.arg(1));
    u64 len = TRY(LengthOfArrayLike(vm, list));
    RootedValues values(vm);
    for (u64 i = 0; i < len; ++i)
        values.push(TRY(Get(vm, list, PropertyKey::from_index(static_cast<u32>(i)))));
    return Construct(vm, f, values.values(), new_target);
}

static ThrowOr<Value> reflect_get(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "get"));
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    Value receiver = args.count() > 2 ? args.arg(2) : args.arg(0);
    return get_with_receiver(vm, o, key, receiver);
}

static ThrowOr<Value> reflect_set(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "set"));
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    Value receiver = args.count() > 3 ? args.arg(3) : args.arg(0);
    bool ok = TRY(set_with_receiver(vm, o, key, args.arg(2), receiver));
    return Value::boolean(ok);
}

static ThrowOr<Value> reflect_has(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "has"));
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    bool has = TRY(HasProperty(vm, o, key));
    return Value::boolean(has);
}

static ThrowOr<Value> reflect_own_keys(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "ownKeys"));
    ArrayObject* result = TRY(new_array(vm));
    TRY(check_object_access(vm, o));
    for (PropertyKey key : own_property_keys(vm, o)) {
        Value k = TRY(key_to_value(vm, key));
        if (result->push(vm, k) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return Value::from_cell(result);
}

static ThrowOr<Value> reflect_get_prototype_of(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "getPrototypeOf"));
    Object* p = o->get_prototype_of();
    return p ? Value::from_cell(p) : Value::null();
}

static ThrowOr<Value> reflect_set_prototype_of(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "setPrototypeOf"));
    Value proto = args.arg(1);
    if (!is_object(proto) && !proto.is_null())
        return throw_type_error(vm, "Object prototype may only be an Object or null: %s", describe_for_error(vm, proto).c_str());
    TRY(check_object_access(vm, o));
    Outcome outcome = o->set_prototype_of(vm, proto.is_null() ? nullptr : as_object(proto));
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    return Value::boolean(outcome == Outcome::True);
}

static ThrowOr<Value> reflect_delete_property(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "deleteProperty"));
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    bool ok = TRY(delete_property(vm, o, key, false));
    return Value::boolean(ok);
}

static ThrowOr<Value> reflect_define_property(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "defineProperty"));
    Value define = TRY(Get(vm, vm.realm()->object_constructor, TRY(key_for(vm, "defineProperty"))));
    auto r = Call(vm, define, Value::undefined(), std::span<Value const>(args.values(), std::min<u32>(args.count(), 3)));
    if (r.is_throw()) {
        Value e = vm.take_exception();
        if (e.is_cell_of_kind(CellKind::ErrorObject) && as_object(e)->get_prototype_of() == vm.realm()->type_error_prototype && is_object(args.arg(2)))
            return Value::boolean(false);
        return throw_value(vm, e);
    }
    (void)o;
    return Value::boolean(true);
}

static ThrowOr<Value> reflect_get_own_property_descriptor(Vm& vm, CallArgs const& args)
{
    TRY(target_object(vm, args.arg(0), "getOwnPropertyDescriptor"));
    Value f = TRY(Get(vm, vm.realm()->object_constructor, TRY(key_for(vm, "getOwnPropertyDescriptor"))));
    return Call(vm, f, Value::undefined(), std::span<Value const>(args.values(), std::min<u32>(args.count(), 2)));
}

static ThrowOr<Value> reflect_is_extensible(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "isExtensible"));
    TRY(check_object_access(vm, o));
    return Value::boolean(o->is_extensible());
}

static ThrowOr<Value> reflect_prevent_extensions(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(target_object(vm, args.arg(0), "preventExtensions"));
    TRY(check_object_access(vm, o));
    if (o->prevent_extensions(vm) == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    return Value::boolean(true);
}

constexpr NativeMethod kReflectMethods[] = {
    { "apply", 3, reflect_apply },
    { "construct", 2, reflect_construct },
    { "defineProperty", 3, reflect_define_property },
    { "deleteProperty", 2, reflect_delete_property },
    { "get", 2, reflect_get },
    { "getOwnPropertyDescriptor", 2, reflect_get_own_property_descriptor },
    { "getPrototypeOf", 1, reflect_get_prototype_of },
    { "has", 2, reflect_has },
    { "isExtensible", 1, reflect_is_extensible },
    { "ownKeys", 1, reflect_own_keys },
    { "preventExtensions", 1, reflect_prevent_extensions },
    { "set", 3, reflect_set },
    { "setPrototypeOf", 2, reflect_set_prototype_of },
};

ThrowOr<void> install_reflect(Vm& vm)
{
    Object* reflect = TRY(new_object(vm));
    TRY(install_methods(vm, reflect, kReflectMethods));
    String* tag = TRY(intern(vm, "Reflect"));
    TRY(DefinePropertyOrThrow(vm, reflect, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(tag), PropertyAttributes::data(false, false, true))));
    TRY(define_value(vm, vm.realm()->global_object, "Reflect", Value::from_cell(reflect)));
    return {};
}

} // namespace weft
