// Helpers shared by the built-in installers: method tables, constructors, values.
#include "builtins/builtins.h"

#include <cstring>

namespace weft {

ThrowOr<PropertyKey> key_from_table_name(Vm& vm, char const* name)
{
    if (name[0] == '@' && name[1] == '@') {
        WellKnownSymbols const& symbols = well_known_symbols(vm);
        std::string_view n(name + 2);
#define WEFT_MATCH_SYMBOL(field) \
    if (n == #field)             \
        return PropertyKey::from_symbol(symbols.field);
        WEFT_ENUMERATE_WELL_KNOWN_SYMBOLS(WEFT_MATCH_SYMBOL)
#undef WEFT_MATCH_SYMBOL
        WEFT_UNREACHABLE();
    }
    return key_for(vm, name);
}

static std::string function_name_for(Vm& vm, char const* name)
{
    if (name[0] == '@' && name[1] == '@')
        return std::string("[Symbol.") + (name + 2) + "]";
    return name;
}

ThrowOr<void> install_methods(Vm& vm, Object* target, std::span<NativeMethod const> methods)
{
    for (NativeMethod const& m : methods) {
        NativeFunction* f = make_native_function(vm, m.fn, function_name_for(vm, m.name), m.length);
        if (!f)
            return throw_out_of_memory(vm);
        PropertyKey key = TRY(key_from_table_name(vm, m.name));
        TRY(define_builtin_property(vm, target, key, Value::from_cell(f)));
    }
    return {};
}

ThrowOr<void> install_accessors(Vm& vm, Object* target, std::span<NativeAccessor const> accessors)
{
    for (NativeAccessor const& a : accessors) {
        std::string base = function_name_for(vm, a.name);
        Value getter = Value::undefined();
        Value setter = Value::undefined();
        if (a.getter) {
            NativeFunction* f = make_native_function(vm, a.getter, "get " + base, 0);
            if (!f)
                return throw_out_of_memory(vm);
            getter = Value::from_cell(f);
        }
        if (a.setter) {
            NativeFunction* f = make_native_function(vm, a.setter, "set " + base, 1);
            if (!f)
                return throw_out_of_memory(vm);
            setter = Value::from_cell(f);
        }
        PropertyKey key = TRY(key_from_table_name(vm, a.name));
        TRY(DefinePropertyOrThrow(vm, target, key, PropertyDescriptor::accessor(getter, setter, false, true)));
    }
    return {};
}

ThrowOr<NativeFunction*> install_constructor(Vm& vm, char const* name, u32 length, NativeFn fn, Object* prototype)
{
    NativeFunction* f = make_native_function(vm, fn, name, length, NativeFunction::kConstructor);
    if (!f)
        return throw_out_of_memory(vm);
    CommonNames const& names = common_names(vm);
    TRY(DefinePropertyOrThrow(vm, f, PropertyKey::from_atom(names.prototype), PropertyDescriptor::data(Value::from_cell(prototype), PropertyAttributes::data(false, false, false))));
    TRY(define_builtin_property(vm, prototype, PropertyKey::from_atom(names.constructor), Value::from_cell(f)));
    TRY(define_value(vm, vm.realm()->global_object, name, Value::from_cell(f)));
    return f;
}

ThrowOr<void> define_value(Vm& vm, Object* target, char const* name, Value v, PropertyAttributes attributes)
{
    PropertyKey key = TRY(key_from_table_name(vm, name));
    return DefinePropertyOrThrow(vm, target, key, PropertyDescriptor::data(v, attributes));
}

} // namespace weft
