// The Object constructor and Object.prototype.
// spec: https://tc39.es/ecma262/#sec-object-objects
#include "builtins/builtins.h"

#include "objects/accessor.h"
#include "threads/restrict.h"

namespace weft {

static ThrowOr<Object*> this_object(Vm& vm, CallArgs const& args) { return ToObject(vm, args.this_value()); }

// ToPropertyDescriptor ( Obj )
// spec: https://tc39.es/ecma262/#sec-topropertydescriptor
static ThrowOr<PropertyDescriptor> ToPropertyDescriptor(Vm& vm, Value v)
{
    if (!is_object(v))
        return throw_type_error(vm, "Property description must be an object: %s", describe_for_error(vm, v).c_str());
    Object* o = as_object(v);
    CommonNames const& n = common_names(vm);
    PropertyDescriptor d;
    auto field = [&](String* name, auto&& apply) -> ThrowOr<void> {
        PropertyKey key = PropertyKey::from_atom(name);
        bool has = TRY(HasProperty(vm, o, key));
        if (has) {
            Value x = TRY(Get(vm, o, key));
            apply(x);
        }
        return {};
    };
    TRY(field(n.enumerable, [&](Value x) { d.enumerable = ToBoolean(x); }));
    TRY(field(n.configurable, [&](Value x) { d.configurable = ToBoolean(x); }));
    TRY(field(n.value, [&](Value x) { d.value = x; }));
    TRY(field(n.writable, [&](Value x) { d.writable = ToBoolean(x); }));
    TRY(field(n.get, [&](Value x) { d.get = x; }));
    TRY(field(n.set, [&](Value x) { d.set = x; }));
    if (d.get && !d.get->is_undefined() && !is_callable(*d.get))
        return throw_type_error(vm, "Getter must be a function: %s", describe_for_error(vm, *d.get).c_str());
    if (d.set && !d.set->is_undefined() && !is_callable(*d.set))
        return throw_type_error(vm, "Setter must be a function: %s", describe_for_error(vm, *d.set).c_str());
    if ((d.get || d.set) && (d.value || d.writable))
        return throw_type_error(vm, "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute");
    return d;
}

// FromPropertyDescriptor ( Desc )
// spec: https://tc39.es/ecma262/#sec-frompropertydescriptor
static ThrowOr<Value> FromPropertyDescriptor(Vm& vm, std::optional<PropertyDescriptor> const& d)
{
    if (!d)
        return Value::undefined();
    Object* o = TRY(new_object(vm));
    CommonNames const& n = common_names(vm);
    if (d->value)
        TRY(CreateDataPropertyOrThrow(vm, o, PropertyKey::from_atom(n.value), *d->value));
    if (d->writable)
        TRY(CreateDataPropertyOrThrow(vm, o, PropertyKey::from_atom(n.writable), Value::boolean(*d->writable)));
    if (d->get)
        TRY(CreateDataPropertyOrThrow(vm, o, PropertyKey::from_atom(n.get), *d->get));
    if (d->set)
        TRY(CreateDataPropertyOrThrow(vm, o, PropertyKey::from_atom(n.set), *d->set));
    TRY(CreateDataPropertyOrThrow(vm, o, PropertyKey::from_atom(n.enumerable), Value::boolean(d->enumerable.value_or(false))));
    TRY(CreateDataPropertyOrThrow(vm, o, PropertyKey::from_atom(n.configurable), Value::boolean(d->configurable.value_or(false))));
    return Value::from_cell(o);
}

// Object ( [ value ] )
// spec: https://tc39.es/ecma262/#sec-object-value
static ThrowOr<Value> object_constructor(Vm& vm, CallArgs const& args)
{
    Value nt = args.new_target();
    if (!nt.is_undefined() && nt != args.callee()) {
        Object* o = TRY(OrdinaryCreateFromConstructor(vm, nt, vm.realm()->object_prototype));
        return Value::from_cell(o);
    }
    Value v = args.arg(0);
    if (v.is_nullish()) {
        Object* o = TRY(new_object(vm));
        return Value::from_cell(o);
    }
    Object* o = TRY(ToObject(vm, v));
    return Value::from_cell(o);
}

enum class KeysKind { Keys, Values, Entries };

// EnumerableOwnProperties ( O, kind )
// spec: https://tc39.es/ecma262/#sec-enumerableownproperties
static ThrowOr<Value> enumerable_own_properties(Vm& vm, Value target, KeysKind kind)
{
    Object* o = TRY(ToObject(vm, target));
    ArrayObject* result = TRY(new_array(vm));
    TRY(check_object_access(vm, o));
    for (PropertyKey key : own_property_keys(vm, o)) {
        if (key.is_symbol())
            continue;
        auto own = o->get_own_property_raw(vm, key);
        if (!own || !own->attributes.enumerable())
            continue;
        Value k = TRY(key_to_value(vm, key));
        Value item;
        if (kind == KeysKind::Keys) {
            item = k;
        } else {
            Value v = TRY(Get(vm, o, key));
            if (kind == KeysKind::Values) {
                item = v;
            } else {
                Value pair[2] = { k, v };
                ArrayObject* entry = TRY(CreateArrayFromList(vm, pair));
                item = Value::from_cell(entry);
            }
        }
        if (result->push(vm, item) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return Value::from_cell(result);
}

static ThrowOr<Value> object_keys(Vm& vm, CallArgs const& args) { return enumerable_own_properties(vm, args.arg(0), KeysKind::Keys); }
static ThrowOr<Value> object_values(Vm& vm, CallArgs const& args) { return enumerable_own_properties(vm, args.arg(0), KeysKind::Values); }
static ThrowOr<Value> object_entries(Vm& vm, CallArgs const& args) { return enumerable_own_properties(vm, args.arg(0), KeysKind::Entries); }

// Object.assign ( target, ...sources )
// spec: https://tc39.es/ecma262/#sec-object.assign
static ThrowOr<Value> object_assign(Vm& vm, CallArgs const& args)
{
    Object* to = TRY(ToObject(vm, args.arg(0)));
    for (u32 i = 1; i < args.count(); ++i) {
        Value source = args.arg(i);
        if (source.is_nullish())
            continue;
        Object* from = TRY(ToObject(vm, source));
        TRY(check_object_access(vm, from));
        for (PropertyKey key : own_property_keys(vm, from)) {
            auto own = from->get_own_property_raw(vm, key);
            if (!own || !own->attributes.enumerable())
                continue;
            Value v = TRY(Get(vm, from, key));
            TRY(Set(vm, to, key, v, ThrowOnFailure::Yes));
        }
    }
    return Value::from_cell(to);
}

static ThrowOr<Value> set_integrity(Vm& vm, Value v, IntegrityLevel level)
{
    if (!is_object(v))
        return v;
    Outcome outcome = SetIntegrityLevel(vm, as_object(v), level);
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    if (outcome == Outcome::False)
        return throw_type_error(vm, "Cannot freeze");
    return v;
}
static ThrowOr<Value> object_freeze(Vm& vm, CallArgs const& args) { return set_integrity(vm, args.arg(0), IntegrityLevel::Frozen); }
static ThrowOr<Value> object_seal(Vm& vm, CallArgs const& args) { return set_integrity(vm, args.arg(0), IntegrityLevel::Sealed); }
static ThrowOr<Value> object_is_frozen(Vm& vm, CallArgs const& args)
{
    if (!is_object(args.arg(0)))
        return Value::boolean(true);
    // TestIntegrityLevel calls IsExtensible and OwnPropertyKeys, both checked accesses.
    TRY(check_object_access(vm, as_object(args.arg(0))));
    return Value::boolean(TestIntegrityLevel(vm, as_object(args.arg(0)), IntegrityLevel::Frozen));
}
static ThrowOr<Value> object_is_sealed(Vm& vm, CallArgs const& args)
{
    if (!is_object(args.arg(0)))
        return Value::boolean(true);
    TRY(check_object_access(vm, as_object(args.arg(0))));
    return Value::boolean(TestIntegrityLevel(vm, as_object(args.arg(0)), IntegrityLevel::Sealed));
}
static ThrowOr<Value> object_prevent_extensions(Vm& vm, CallArgs const& args)
{
    if (is_object(args.arg(0)))
        TRY(check_object_access(vm, as_object(args.arg(0))));
    if (is_object(args.arg(0)) && as_object(args.arg(0))->prevent_extensions(vm) == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    return args.arg(0);
}
static ThrowOr<Value> object_is_extensible(Vm& vm, CallArgs const& args)
{
    if (is_object(args.arg(0)))
        TRY(check_object_access(vm, as_object(args.arg(0))));
    return Value::boolean(is_object(args.arg(0)) && as_object(args.arg(0))->is_extensible());
}

// Object.defineProperty ( O, P, Attributes )
// spec: https://tc39.es/ecma262/#sec-object.defineproperty
static ThrowOr<Value> object_define_property(Vm& vm, CallArgs const& args)
{
    if (!is_object(args.arg(0)))
        return throw_type_error(vm, "Object.defineProperty called on non-object");
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    PropertyDescriptor desc = TRY(ToPropertyDescriptor(vm, args.arg(2)));
    TRY(DefinePropertyOrThrow(vm, as_object(args.arg(0)), key, desc));
    return args.arg(0);
}

// Object.defineProperties ( O, Properties )
// spec: https://tc39.es/ecma262/#sec-object.defineproperties
static ThrowOr<Value> object_define_properties(Vm& vm, CallArgs const& args)
{
    if (!is_object(args.arg(0)))
        return throw_type_error(vm, "Object.defineProperties called on non-object");
    Object* props = TRY(ToObject(vm, args.arg(1)));
    std::vector<std::pair<PropertyKey, PropertyDescriptor>> descriptors;
    RootedValues keep(vm);
    TRY(check_object_access(vm, props));
    for (PropertyKey key : own_property_keys(vm, props)) {
        auto own = props->get_own_property_raw(vm, key);
        if (!own || !own->attributes.enumerable())
            continue;
        Value d = TRY(Get(vm, props, key));
        keep.push(d);
        PropertyDescriptor desc = TRY(ToPropertyDescriptor(vm, d));
        descriptors.push_back({ key, desc });
    }
    for (auto const& [key, desc] : descriptors)
        TRY(DefinePropertyOrThrow(vm, as_object(args.arg(0)), key, desc));
    return args.arg(0);
}

static ThrowOr<Value> object_get_own_property_descriptor(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.arg(0)));
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    if (is_private_name(key))
        return Value::undefined();
    TRY(check_object_access(vm, o));
    return FromPropertyDescriptor(vm, o->get_own_property(vm, key));
}

static ThrowOr<Value> object_get_own_property_descriptors(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.arg(0)));
    Object* result = TRY(new_object(vm));
    TRY(check_object_access(vm, o));
    for (PropertyKey key : own_property_keys(vm, o)) {
        Value d = TRY(FromPropertyDescriptor(vm, o->get_own_property(vm, key)));
        if (!d.is_undefined())
            TRY(CreateDataPropertyOrThrow(vm, result, key, d));
    }
    return Value::from_cell(result);
}

static ThrowOr<Value> own_keys_of_type(Vm& vm, Value v, bool symbols)
{
    Object* o = TRY(ToObject(vm, v));
    ArrayObject* result = TRY(new_array(vm));
    TRY(check_object_access(vm, o));
    for (PropertyKey key : own_property_keys(vm, o)) {
        if (key.is_symbol() != symbols)
            continue;
        Value k = TRY(key_to_value(vm, key));
        if (result->push(vm, k) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return Value::from_cell(result);
}
static ThrowOr<Value> object_get_own_property_names(Vm& vm, CallArgs const& args) { return own_keys_of_type(vm, args.arg(0), false); }
static ThrowOr<Value> object_get_own_property_symbols(Vm& vm, CallArgs const& args) { return own_keys_of_type(vm, args.arg(0), true); }

static ThrowOr<Value> object_get_prototype_of(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.arg(0)));
    Object* p = o->get_prototype_of();
    return p ? Value::from_cell(p) : Value::null();
}

static ThrowOr<Value> object_set_prototype_of(Vm& vm, CallArgs const& args)
{
    Value o = args.arg(0);
    Value proto = args.arg(1);
    if (o.is_nullish())
        return throw_type_error(vm, "Object.setPrototypeOf called on null or undefined");
    if (!is_object(proto) && !proto.is_null())
        return throw_type_error(vm, "Object prototype may only be an Object or null: %s", describe_for_error(vm, proto).c_str());
    if (!is_object(o))
        return o;
    TRY(check_object_access(vm, as_object(o)));
    Outcome outcome = as_object(o)->set_prototype_of(vm, proto.is_null() ? nullptr : as_object(proto));
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    if (outcome == Outcome::False)
        return throw_type_error(vm, "Cyclic __proto__ value");
    return o;
}

static ThrowOr<Value> object_create(Vm& vm, CallArgs const& args)
{
    Value proto = args.arg(0);
    if (!is_object(proto) && !proto.is_null())
        return throw_type_error(vm, "Object prototype may only be an Object or null: %s", describe_for_error(vm, proto).c_str());
    Object* o = Object::try_create(vm, proto.is_null() ? nullptr : as_object(proto));
    if (!o)
        return throw_out_of_memory(vm);
    if (!args.arg(1).is_undefined()) {
        Value define_args[2] = { Value::from_cell(o), args.arg(1) };
        TRY(object_define_properties(vm, CallArgs(Value::undefined(), Value::undefined(), define_args, 2)));
    }
    return Value::from_cell(o);
}

static ThrowOr<Value> object_from_entries(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(new_object(vm));
    RootedValues entries(vm);
    TRY(iterable_to_list(vm, args.arg(0), entries));
    for (Value entry : entries.values()) {
        if (!is_object(entry))
            return throw_type_error(vm, "Iterator value %s is not an entry object", describe_for_error(vm, entry).c_str());
        Value k = TRY(Get(vm, as_object(entry), PropertyKey::from_index(0)));
        Value v = TRY(Get(vm, as_object(entry), PropertyKey::from_index(1)));
        PropertyKey key = TRY(ToPropertyKey(vm, k));
        TRY(CreateDataPropertyOrThrow(vm, o, key, v));
    }
    return Value::from_cell(o);
}

static ThrowOr<Value> object_is(Vm&, CallArgs const& args) { return Value::boolean(SameValue(args.arg(0), args.arg(1))); }

static ThrowOr<Value> object_has_own(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.arg(0)));
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    bool has = TRY(HasOwnProperty(vm, o, key));
    return Value::boolean(has);
}

static ThrowOr<Value> object_group_by(Vm& vm, CallArgs const& args)
{
    Object* result = Object::try_create(vm, nullptr);
    if (!result)
        return throw_out_of_memory(vm);
    RootedValues items(vm);
    TRY(iterable_to_list(vm, args.arg(0), items));
    for (u32 i = 0; i < items.size(); ++i) {
        Value call_args[2] = { items[i], Value::from_u64(i) };
        Value k = TRY(Call(vm, args.arg(1), Value::undefined(), call_args));
        PropertyKey key = TRY(ToPropertyKey(vm, k));
        Value group = TRY(Get(vm, result, key));
        if (group.is_undefined()) {
            ArrayObject* a = TRY(new_array(vm));
            group = Value::from_cell(a);
            TRY(CreateDataPropertyOrThrow(vm, result, key, group));
        }
        if (static_cast<ArrayObject*>(group.as_cell())->push(vm, items[i]) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return Value::from_cell(result);
}

// --- Object.prototype ---------------------------------------------------------------------------

static ThrowOr<Value> object_prototype_has_own_property(Vm& vm, CallArgs const& args)
{
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(0)));
    Object* o = TRY(this_object(vm, args));
    bool has = TRY(HasOwnProperty(vm, o, key));
    return Value::boolean(has && !is_private_name(key));
}

static ThrowOr<Value> object_prototype_is_prototype_of(Vm& vm, CallArgs const& args)
{
    if (!is_object(args.arg(0)))
        return Value::boolean(false);
    Object* o = TRY(this_object(vm, args));
    for (Object* p = as_object(args.arg(0))->get_prototype_of(); p; p = p->get_prototype_of()) {
        if (p == o)
            return Value::boolean(true);
    }
    return Value::boolean(false);
}

static ThrowOr<Value> object_prototype_property_is_enumerable(Vm& vm, CallArgs const& args)
{
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(0)));
    Object* o = TRY(this_object(vm, args));
    auto own = o->get_own_property_raw(vm, key);
    return Value::boolean(own && own->attributes.enumerable());
}

// Object.prototype.toString ( )
// spec: https://tc39.es/ecma262/#sec-object.prototype.tostring
static ThrowOr<Value> object_prototype_to_string(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (t.is_undefined())
        return Value::from_cell(TRY(new_string(vm, "[object Undefined]")));
    if (t.is_null())
        return Value::from_cell(TRY(new_string(vm, "[object Null]")));
    Object* o = TRY(ToObject(vm, t));
    std::string tag = "Object";
    switch (static_cast<CellKind>(o->kind_raw())) {
    case CellKind::ArrayObject: tag = "Array"; break;
    case CellKind::FunctionObject:
    case CellKind::NativeFunction:
    case CellKind::BoundFunction: tag = "Function"; break;
    case CellKind::ErrorObject: tag = "Error"; break;
    case CellKind::ArgumentsObject: tag = "Arguments"; break;
    case CellKind::RegExpObject: tag = "RegExp"; break;
    case CellKind::PrimitiveWrapper: {
        Value p = *reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + EngineObject::kFieldsOffset);
        tag = p.is_number() ? "Number" : p.is_boolean() ? "Boolean" : is_string(p) ? "String" : "Object";
        break;
    }
    default: break;
    }
    Value custom = TRY(Get(vm, o, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag)));
    if (is_string(custom))
        tag = to_utf8(static_cast<String*>(custom.as_cell()));
    String* s = TRY(new_string(vm, "[object " + tag + "]"));
    return Value::from_cell(s);
}

static ThrowOr<Value> object_prototype_to_locale_string(Vm& vm, CallArgs const& args)
{
    return Invoke(vm, args.this_value(), PropertyKey::from_atom(common_names(vm).toString));
}

static ThrowOr<Value> object_prototype_value_of(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(this_object(vm, args));
    return Value::from_cell(o);
}

static ThrowOr<Value> object_prototype_proto_getter(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(this_object(vm, args));
    Object* p = o->get_prototype_of();
    return p ? Value::from_cell(p) : Value::null();
}

static ThrowOr<Value> object_prototype_proto_setter(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (t.is_nullish())
        return throw_type_error(vm, "Object.prototype.__proto__ called on null or undefined");
    Value proto = args.arg(0);
    if ((!is_object(proto) && !proto.is_null()) || !is_object(t))
        return Value::undefined();
    TRY(check_object_access(vm, as_object(t)));
    Outcome outcome = as_object(t)->set_prototype_of(vm, proto.is_null() ? nullptr : as_object(proto));
    if (outcome == Outcome::False)
        return throw_type_error(vm, "Cyclic __proto__ value");
    return Value::undefined();
}

constexpr NativeMethod kObjectMethods[] = {
    { "assign", 2, object_assign },
    { "create", 2, object_create },
    { "defineProperties", 2, object_define_properties },
    { "defineProperty", 3, object_define_property },
    { "entries", 1, object_entries },
    { "freeze", 1, object_freeze },
    { "fromEntries", 1, object_from_entries },
    { "getOwnPropertyDescriptor", 2, object_get_own_property_descriptor },
    { "getOwnPropertyDescriptors", 1, object_get_own_property_descriptors },
    { "getOwnPropertyNames", 1, object_get_own_property_names },
    { "getOwnPropertySymbols", 1, object_get_own_property_symbols },
    { "getPrototypeOf", 1, object_get_prototype_of },
    { "groupBy", 2, object_group_by },
    { "hasOwn", 2, object_has_own },
    { "is", 2, object_is },
    { "isExtensible", 1, object_is_extensible },
    { "isFrozen", 1, object_is_frozen },
    { "isSealed", 1, object_is_sealed },
    { "keys", 1, object_keys },
    { "preventExtensions", 1, object_prevent_extensions },
    { "seal", 1, object_seal },
    { "setPrototypeOf", 2, object_set_prototype_of },
    { "values", 1, object_values },
};

constexpr NativeMethod kObjectPrototypeMethods[] = {
    { "hasOwnProperty", 1, object_prototype_has_own_property },
    { "isPrototypeOf", 1, object_prototype_is_prototype_of },
    { "propertyIsEnumerable", 1, object_prototype_property_is_enumerable },
    { "toLocaleString", 0, object_prototype_to_locale_string },
    { "toString", 0, object_prototype_to_string },
    { "valueOf", 0, object_prototype_value_of },
};

constexpr NativeAccessor kObjectPrototypeAccessors[] = {
    { "__proto__", object_prototype_proto_getter, object_prototype_proto_setter },
};

ThrowOr<void> install_object(Vm& vm)
{
    Realm& realm = *vm.realm();
    NativeFunction* ctor = TRY(install_constructor(vm, "Object", 1, object_constructor, realm.object_prototype));
    realm.object_constructor = ctor;
    TRY(install_methods(vm, ctor, kObjectMethods));
    TRY(install_methods(vm, realm.object_prototype, kObjectPrototypeMethods));
    TRY(install_accessors(vm, realm.object_prototype, kObjectPrototypeAccessors));
    Value to_string = TRY(Get(vm, realm.object_prototype, PropertyKey::from_atom(common_names(vm).toString)));
    realm.object_prototype_to_string = as_object(to_string);
    return {};
}

} // namespace weft
