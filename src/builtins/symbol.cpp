// The Symbol constructor, the global symbol registry (Symbol.for) and Symbol.prototype.
// spec: https://tc39.es/ecma262/#sec-symbol-objects
#include "builtins/builtins.h"

#include "base/mutex.h"

#include <unordered_map>

namespace weft {

static ThrowOr<Value> symbol_constructor(Vm& vm, CallArgs const& args)
{
    if (args.is_construct())
        return throw_type_error(vm, "Symbol is not a constructor");
    String* description = nullptr;
    if (!args.arg(0).is_undefined())
        description = TRY(ToString(vm, args.arg(0)));
    Symbol* s = symbol_create(vm, description);
    if (!s)
        return throw_out_of_memory(vm);
    return Value::from_cell(s);
}

// The GlobalSymbolRegistry: a per-realm object mapping keys to symbols (kept alive as a root).
static ThrowOr<Object*> registry(Vm& vm)
{
    Realm& realm = *vm.realm();
    PropertyKey key = TRY(key_for(vm, "%SymbolRegistry%"));
    Value r = TRY(Get(vm, realm.symbol_constructor, key));
    if (is_object(r))
        return as_object(r);
    return throw_type_error(vm, "symbol registry missing");
}

static ThrowOr<Value> symbol_for(Vm& vm, CallArgs const& args)
{
    String* key_string = TRY(ToString(vm, args.arg(0)));
    Object* table = TRY(registry(vm));
    PropertyKey key = to_property_key(vm, key_string);
    if (key.bits() == 0)
        return throw_out_of_memory(vm);
    Value existing = TRY(Get(vm, table, key));
    if (is_symbol(existing))
        return existing;
    Symbol* s = symbol_create(vm, key_string);
    if (!s)
        return throw_out_of_memory(vm);
    s->header_word().fetch_or_relaxed(Symbol::kRegisteredFlag);
    TRY(CreateDataPropertyOrThrow(vm, table, key, Value::from_cell(s)));
    // Another thread may have registered the same key first: the table's value wins.
    return Get(vm, table, key);
}

static ThrowOr<Value> symbol_key_for(Vm& vm, CallArgs const& args)
{
    if (!is_symbol(args.arg(0)))
        return throw_type_error(vm, "%s is not a symbol", describe_for_error(vm, args.arg(0)).c_str());
    auto* s = static_cast<Symbol*>(args.arg(0).as_cell());
    if (!s->is_registered())
        return Value::undefined();
    return Value::from_cell(s->description());
}

static ThrowOr<Symbol*> this_symbol(Vm& vm, Value v)
{
    if (v.is_cell_of_kind(CellKind::PrimitiveWrapper))
        v = *reinterpret_cast<Value*>(reinterpret_cast<char*>(v.as_cell()) + EngineObject::kFieldsOffset);
    if (!is_symbol(v))
        return throw_type_error(vm, "Symbol.prototype method called on incompatible receiver %s", describe_for_error(vm, v).c_str());
    return static_cast<Symbol*>(v.as_cell());
}

static ThrowOr<Value> symbol_prototype_to_string(Vm& vm, CallArgs const& args)
{
    Symbol* s = TRY(this_symbol(vm, args.this_value()));
    String* d = s->description();
    String* text = TRY(new_string(vm, "Symbol(" + (d ? to_utf8(d) : std::string()) + ")"));
    return Value::from_cell(text);
}

static ThrowOr<Value> symbol_prototype_value_of(Vm& vm, CallArgs const& args)
{
    Symbol* s = TRY(this_symbol(vm, args.this_value()));
    return Value::from_cell(s);
}

static ThrowOr<Value> symbol_prototype_description(Vm& vm, CallArgs const& args)
{
    Symbol* s = TRY(this_symbol(vm, args.this_value()));
    return s->description() ? Value::from_cell(s->description()) : Value::undefined();
}

constexpr NativeMethod kSymbolMethods[] = {
    { "for", 1, symbol_for },
    { "keyFor", 1, symbol_key_for },
};
constexpr NativeMethod kSymbolPrototypeMethods[] = {
    { "toString", 0, symbol_prototype_to_string },
    { "valueOf", 0, symbol_prototype_value_of },
    { "@@toPrimitive", 1, symbol_prototype_value_of },
};
constexpr NativeAccessor kSymbolPrototypeAccessors[] = { { "description", symbol_prototype_description, nullptr } };

ThrowOr<void> install_symbol(Vm& vm)
{
    Realm& realm = *vm.realm();
    NativeFunction* ctor = TRY(install_constructor(vm, "Symbol", 0, symbol_constructor, realm.symbol_prototype));
    realm.symbol_constructor = ctor;
    TRY(install_methods(vm, ctor, kSymbolMethods));
    TRY(install_methods(vm, realm.symbol_prototype, kSymbolPrototypeMethods));
    TRY(install_accessors(vm, realm.symbol_prototype, kSymbolPrototypeAccessors));
    WellKnownSymbols const& symbols = well_known_symbols(vm);
    auto constant = PropertyAttributes::data(false, false, false);
#define WEFT_DEFINE_WELL_KNOWN(name) TRY(define_value(vm, ctor, #name, Value::from_cell(symbols.name), constant));
    WEFT_ENUMERATE_WELL_KNOWN_SYMBOLS(WEFT_DEFINE_WELL_KNOWN)
#undef WEFT_DEFINE_WELL_KNOWN
    Object* table = Object::try_create(vm, nullptr);
    if (!table)
        return throw_out_of_memory(vm);
    TRY(define_value(vm, ctor, "%SymbolRegistry%", Value::from_cell(table), PropertyAttributes::data(false, false, false)));
    String* tag = TRY(intern(vm, "Symbol"));
    TRY(DefinePropertyOrThrow(vm, realm.symbol_prototype, PropertyKey::from_symbol(symbols.toStringTag), PropertyDescriptor::data(Value::from_cell(tag), PropertyAttributes::data(false, false, true))));
    return {};
}

} // namespace weft
