// The abstract operations shared by the interpreter and the builtins (see operations.h).
#include "interpreter/operations.h"

#include "threads/restrict.h"

#include "base/number_format.h"
#include "base/utf8.h"
#include "interpreter/code.h"
#include "interpreter/interpreter.h"
#include "interpreter/thread_state.h"
#include "objects/accessor.h"
#include "objects/environment.h"
#include "builtins/typed_array.h"
#include "objects/string_conversions.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <pthread.h>

namespace weft {

// --- Throwing ---------------------------------------------------------------------------------

ThrowCompletion throw_value(Vm& vm, Value v)
{
    vm.set_exception(v);
    return {};
}

Object* error_prototype_for(Vm& vm, ErrorType type)
{
    Realm& r = *vm.realm();
    switch (type) {
    case ErrorType::Error: return r.error_prototype;
    case ErrorType::EvalError: return r.eval_error_prototype;
    case ErrorType::RangeError: return r.range_error_prototype;
    case ErrorType::ReferenceError: return r.reference_error_prototype;
    case ErrorType::SyntaxError: return r.syntax_error_prototype;
    case ErrorType::TypeError: return r.type_error_prototype;
    case ErrorType::URIError: return r.uri_error_prototype;
    case ErrorType::AggregateError: return r.aggregate_error_prototype;
    }
    return r.error_prototype;
}

static char const* error_type_name(ErrorType type)
{
    switch (type) {
    case ErrorType::Error: return "Error";
    case ErrorType::EvalError: return "EvalError";
    case ErrorType::RangeError: return "RangeError";
    case ErrorType::ReferenceError: return "ReferenceError";
    case ErrorType::SyntaxError: return "SyntaxError";
    case ErrorType::TypeError: return "TypeError";
    case ErrorType::URIError: return "URIError";
    case ErrorType::AggregateError: return "AggregateError";
    }
    return "Error";
}

std::string capture_stack_trace(Vm& vm, std::string const& header)
{
    std::string out = header;
    ThreadState* ts = vm.thread_state();
    if (!ts)
        return out;
    u32 shown = 0;
    for (u32 i = ts->frame_count; i-- > 0 && shown < 10;) {
        Frame& f = ts->frames[i];
        if (!f.code)
            continue;
        CodeData const& data = f.code->data();
        u32 offset = f.pc ? static_cast<u32>(f.pc - data.bytecode.data()) : 0;
        if (i + 1 < ts->frame_count && offset > 0)
            offset -= 1; // a caller's pc is its resume point, just after the call
        PositionEntry pos = data.position_at(offset);
        SharedFunctionInfo* shared = data.shared;
        std::string file = shared->file() ? to_utf8(shared->file()) : std::string("<anonymous>");
        std::string name = shared->name() ? to_utf8(shared->name()) : std::string();
        if (shared->kind() == FunctionKind::Script)
            name.clear();
        char location[64];
        std::snprintf(location, sizeof location, ":%u:%u", pos.line, pos.column);
        out += "\n    at ";
        if (!name.empty())
            out += name + " (" + file + location + ")";
        else if (shared->kind() != FunctionKind::Script)
            out += "<anonymous> (" + file + location + ")";
        else
            out += file + location;
        ++shown;
    }
    return out;
}

Object* create_error(Vm& vm, ErrorType type, String* message)
{
    Object* error = EngineObject::try_create(vm, CellKind::ErrorObject, error_prototype_for(vm, type), EngineObject::kFieldsOffset);
    if (!error)
        return nullptr;
    CommonNames const& names = common_names(vm);
    if (message) {
        if (error->define_own_property(vm, PropertyKey::from_atom(names.message), PropertyDescriptor::data(Value::from_cell(message), PropertyAttributes::data(true, false, true))) != Outcome::True)
            return nullptr;
    }
    std::string header = error_type_name(type);
    if (message && !message->is_empty())
        header += ": " + to_utf8(message);
    String* stack = string_from_utf8(vm, capture_stack_trace(vm, header));
    if (!stack)
        return nullptr;
    if (error->define_own_property(vm, PropertyKey::from_atom(names.stack), PropertyDescriptor::data(Value::from_cell(stack), PropertyAttributes::data(true, false, true))) != Outcome::True)
        return nullptr;
    return error;
}

ThrowCompletion throw_error(Vm& vm, ErrorType type, std::string const& message)
{
    String* text = string_from_utf8(vm, message);
    Object* error = text ? create_error(vm, type, text) : nullptr;
    if (!error)
        return throw_out_of_memory(vm);
    return throw_value(vm, Value::from_cell(error));
}

static std::string vformat(char const* fmt, va_list args)
{
    char buffer[512];
    std::vsnprintf(buffer, sizeof buffer, fmt, args);
    return buffer;
}

#define WEFT_DEFINE_THROWER(fn, type)                   \
    ThrowCompletion fn(Vm& vm, char const* fmt, ...)    \
    {                                                   \
        va_list args;                                   \
        va_start(args, fmt);                            \
        std::string message = vformat(fmt, args);       \
        va_end(args);                                   \
        return throw_error(vm, type, message);          \
    }
WEFT_DEFINE_THROWER(throw_type_error, ErrorType::TypeError)
WEFT_DEFINE_THROWER(throw_range_error, ErrorType::RangeError)
WEFT_DEFINE_THROWER(throw_reference_error, ErrorType::ReferenceError)
WEFT_DEFINE_THROWER(throw_syntax_error, ErrorType::SyntaxError)
#undef WEFT_DEFINE_THROWER

ThrowCompletion throw_out_of_memory(Vm& vm)
{
    ThreadState* ts = vm.thread_state();
    return throw_value(vm, ts ? ts->out_of_memory_error : Value::undefined());
}

ThrowCompletion throw_stack_overflow(Vm& vm)
{
    return throw_range_error(vm, "Maximum call stack size exceeded");
}

bool native_stack_exhausted(Vm& vm)
{
    char probe;
    ThreadState* ts = vm.thread_state();
    return ts && reinterpret_cast<uptr>(&probe) < ts->native_stack_limit;
}

// --- Allocation ---------------------------------------------------------------------------------

ThrowOr<Object*> new_object(Vm& vm, Object* prototype)
{
    Object* o = Object::try_create(vm, prototype ? prototype : vm.realm()->object_prototype);
    if (!o)
        return throw_out_of_memory(vm);
    return o;
}

ThrowOr<ArrayObject*> new_array(Vm& vm, u32 length)
{
    ArrayObject* a = ArrayObject::try_create(vm, vm.realm()->array_prototype, length);
    if (!a)
        return throw_out_of_memory(vm);
    return a;
}

ThrowOr<String*> new_string(Vm& vm, std::string_view utf8)
{
    String* s = string_from_utf8(vm, utf8);
    if (!s)
        return throw_out_of_memory(vm);
    return s;
}

ThrowOr<String*> new_string_utf16(Vm& vm, std::u16string_view units)
{
    String* s = string_from_utf16(vm, units);
    if (!s)
        return throw_out_of_memory(vm);
    return s;
}

ThrowOr<String*> intern(Vm& vm, std::string_view utf8)
{
    String* s = vm.runtime().atoms().intern(vm, utf8);
    if (!s)
        return throw_out_of_memory(vm);
    return s;
}

String* atom_or_null(Vm& vm, std::string_view utf8) { return vm.runtime().atoms().intern(vm, utf8); }

ThrowOr<PropertyKey> key_for(Vm& vm, std::string_view utf8)
{
    PropertyKey key = to_property_key(vm, utf8);
    if (key.bits() == 0)
        return throw_out_of_memory(vm);
    return key;
}

ThrowOr<String*> concat_strings(Vm& vm, String* a, String* b)
{
    if (u64(a->length()) + b->length() > String::kMaxLength)
        return throw_range_error(vm, "Invalid string length");
    String* s = string_concat(vm, a, b);
    if (!s)
        return throw_out_of_memory(vm);
    return s;
}

ThrowOr<ArrayObject*> CreateArrayFromList(Vm& vm, std::span<Value const> values)
{
    ArrayObject* a = TRY(new_array(vm, 0));
    for (u32 i = 0; i < values.size(); ++i) {
        if (a->create_data_property(vm, PropertyKey::from_index(i), values[i]) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return a;
}

NativeFunction* make_native_function(Vm& vm, NativeFn fn, std::string_view name, u32 length, u32 flags)
{
    Realm& realm = *vm.realm();
    NativeFunction* f = NativeFunction::try_create(vm, realm.function_shape, fn, flags);
    if (!f)
        return nullptr;
    String* name_string = vm.runtime().atoms().intern(vm, name);
    if (!name_string)
        return nullptr;
    EngineObject::init_inline_slot(f, 0, Value::from_i32(static_cast<i32>(length)));
    EngineObject::init_inline_slot(f, 1, Value::from_cell(name_string));
    return f;
}

ThrowOr<Object*> CreateIterResultObject(Vm& vm, Value value, bool done)
{
    Object* o = EngineObject::try_create_with_shape(vm, CellKind::Object, vm.realm()->iterator_result_shape, EngineObject::kFieldsOffset);
    if (!o)
        return throw_out_of_memory(vm);
    EngineObject::init_inline_slot(o, 0, value);
    EngineObject::init_inline_slot(o, 1, Value::boolean(done));
    return o;
}

// --- Conversions ----------------------------------------------------------------------------------

bool ToBoolean(Value v)
{
    if (v.is_boolean())
        return v.as_bool();
    if (v.is_int32())
        return v.as_i32() != 0;
    if (v.is_number()) {
        double d = v.as_double();
        return !(d == 0 || std::isnan(d));
    }
    if (v.is_nullish() || v.is_empty())
        return false;
    if (is_string(v))
        return static_cast<String*>(v.as_cell())->length() != 0;
    return true;
}

ThrowOr<Value> ToPrimitive(Vm& vm, Value input, PreferredType hint)
{
    if (!is_object(input))
        return input;
    // 1.a. Let exoticToPrim be ? GetMethod(input, @@toPrimitive).
    Value exotic = TRY(GetMethod(vm, input, PropertyKey::from_symbol(well_known_symbols(vm).toPrimitive)));
    CommonNames const& names = common_names(vm);
    if (!exotic.is_undefined()) {
        String* hint_string = hint == PreferredType::String ? names.string : hint == PreferredType::Number ? names.number : names.default_;
        Value arg = Value::from_cell(hint_string);
        Value result = TRY(Call(vm, exotic, input, std::span<Value const>(&arg, 1)));
        if (is_object(result))
            return throw_type_error(vm, "Cannot convert object to primitive value");
        return result;
    }
    // OrdinaryToPrimitive ( O, hint )
    // spec: https://tc39.es/ecma262/#sec-ordinarytoprimitive
    String* order[2] = { names.valueOf, names.toString };
    if (hint == PreferredType::String)
        std::swap(order[0], order[1]);
    for (String* name : order) {
        Value method = TRY(Get(vm, as_object(input), PropertyKey::from_atom(name)));
        if (is_callable(method)) {
            Value result = TRY(Call(vm, method, input));
            if (!is_object(result))
                return result;
        }
    }
    return throw_type_error(vm, "Cannot convert object to primitive value");
}

ThrowOr<double> ToNumber(Vm& vm, Value v)
{
    if (v.is_number())
        return v.as_number();
    if (v.is_undefined())
        return std::nan("");
    if (v.is_null() || v.is_false())
        return 0.0;
    if (v.is_true())
        return 1.0;
    if (is_string(v))
        return StringToNumber(static_cast<String*>(v.as_cell()));
    if (is_symbol(v))
        return throw_type_error(vm, "Cannot convert a Symbol value to a number");
    if (is_object(v)) {
        Value prim = TRY(ToPrimitive(vm, v, PreferredType::Number));
        return ToNumber(vm, prim);
    }
    return std::nan("");
}

ThrowOr<Value> ToNumeric(Vm& vm, Value v)
{
    if (v.is_number())
        return v;
    double d = TRY(ToNumber(vm, v));
    return Value::from_number(d);
}

ThrowOr<String*> number_to_string_or_throw(Vm& vm, double d)
{
    String* s = number_to_string(vm, d);
    if (!s)
        return throw_out_of_memory(vm);
    return s;
}

ThrowOr<String*> ToString(Vm& vm, Value v)
{
    if (is_string(v))
        return static_cast<String*>(v.as_cell());
    if (v.is_int32()) {
        i32 i = v.as_i32();
        if (i >= 0 && u32(i) < AtomTable::kSmallIntegerStrings) {
            String* s = vm.runtime().atoms().small_integer_string(vm, u32(i));
            if (!s)
                return throw_out_of_memory(vm);
            return s;
        }
        char buffer[kMaxInt32Chars];
        usize n = int32_to_chars(i, buffer);
        String* s = string_from_latin1(vm, std::string_view(buffer, n));
        if (!s)
            return throw_out_of_memory(vm);
        return s;
    }
    if (v.is_number())
        return number_to_string_or_throw(vm, v.as_number());
    CommonNames const& names = common_names(vm);
    if (v.is_undefined())
        return names.undefined;
    if (v.is_null())
        return names.null;
    if (v.is_true())
        return names.true_;
    if (v.is_false())
        return names.false_;
    if (is_symbol(v))
        return throw_type_error(vm, "Cannot convert a Symbol value to a string");
    if (is_object(v)) {
        Value prim = TRY(ToPrimitive(vm, v, PreferredType::String));
        return ToString(vm, prim);
    }
    return names.empty;
}

Object* prototype_for_primitive(Vm& vm, Value v)
{
    Realm& r = *vm.realm();
    if (v.is_number())
        return r.number_prototype;
    if (v.is_boolean())
        return r.boolean_prototype;
    if (is_string(v))
        return r.string_prototype;
    if (is_symbol(v))
        return r.symbol_prototype;
    return nullptr;
}

ThrowOr<Object*> ToObject(Vm& vm, Value v)
{
    if (is_object(v))
        return as_object(v);
    if (v.is_nullish())
        return throw_type_error(vm, "Cannot convert undefined or null to object");
    Object* proto = prototype_for_primitive(vm, v);
    Object* wrapper = EngineObject::try_create(vm, CellKind::PrimitiveWrapper, proto, EngineObject::kFieldsOffset + sizeof(Value));
    if (!wrapper)
        return throw_out_of_memory(vm);
    *reinterpret_cast<Value*>(reinterpret_cast<char*>(wrapper) + EngineObject::kFieldsOffset) = v;
    if (is_string(v)) {
        // String exotic objects: the indices and length as own read-only properties.
        auto* s = static_cast<String*>(v.as_cell());
        for (u32 i = 0; i < s->length(); ++i) {
            String* c = string_from_code_unit(vm, s->char_at(i));
            if (!c || wrapper->define_own_property(vm, PropertyKey::from_index(i), PropertyDescriptor::data(Value::from_cell(c), PropertyAttributes::data(false, true, false))) != Outcome::True)
                return throw_out_of_memory(vm);
        }
        if (wrapper->define_own_property(vm, PropertyKey::from_atom(common_names(vm).length), PropertyDescriptor::data(Value::from_u64(s->length()), PropertyAttributes::data(false, false, false))) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return wrapper;
}

ThrowOr<PropertyKey> ToPropertyKey(Vm& vm, Value v)
{
    if (v.is_int32() && v.as_i32() >= 0)
        return PropertyKey::from_index(static_cast<u32>(v.as_i32()));
    if (is_symbol(v))
        return PropertyKey::from_symbol(static_cast<Symbol*>(v.as_cell()));
    Value prim = v;
    if (is_object(v)) {
        prim = TRY(ToPrimitive(vm, v, PreferredType::String));
        if (is_symbol(prim))
            return PropertyKey::from_symbol(static_cast<Symbol*>(prim.as_cell()));
    }
    String* s = TRY(ToString(vm, prim));
    PropertyKey key = to_property_key(vm, s);
    if (key.bits() == 0)
        return throw_out_of_memory(vm);
    return key;
}

ThrowOr<Value> key_to_value(Vm& vm, PropertyKey key)
{
    if (key.is_index()) {
        String* s = TRY(number_to_string_or_throw(vm, key.as_index()));
        return Value::from_cell(s);
    }
    return Value::from_cell(key.as_cell());
}

ThrowOr<PropertyKey> key_for_index(Vm& vm, u64 index)
{
    if (index <= PropertyKey::kMaxIndex)
        return PropertyKey::from_index(static_cast<u32>(index));
    String* s = TRY(number_to_string_or_throw(vm, static_cast<double>(index)));
    PropertyKey key = to_property_key(vm, s);
    if (key.bits() == 0)
        return throw_out_of_memory(vm);
    return key;
}

ThrowOr<double> ToIntegerOrInfinity(Vm& vm, Value v)
{
    if (v.is_int32())
        return static_cast<double>(v.as_i32());
    double d = TRY(ToNumber(vm, v));
    if (std::isnan(d) || d == 0)
        return 0.0;
    if (std::isinf(d))
        return d;
    return std::trunc(d);
}

ThrowOr<u64> ToLength(Vm& vm, Value v)
{
    double d = TRY(ToIntegerOrInfinity(vm, v));
    if (d <= 0)
        return u64(0);
    return static_cast<u64>(std::min(d, 9007199254740991.0));
}

ThrowOr<i32> ToInt32(Vm& vm, Value v)
{
    if (v.is_int32())
        return v.as_i32();
    double d = TRY(ToNumber(vm, v));
    return weft::ToInt32(d);
}

ThrowOr<u32> ToUint32(Vm& vm, Value v)
{
    if (v.is_int32())
        return static_cast<u32>(v.as_i32());
    double d = TRY(ToNumber(vm, v));
    return weft::ToUint32(d);
}

// --- Objects --------------------------------------------------------------------------------------

ThrowOr<Value> get_with_receiver(Vm& vm, Object* o, PropertyKey key, Value receiver)
{
    TRY(check_object_access(vm, o));
    GetResult r = o->get(vm, key);
    if (r.kind == GetResult::Kind::Value) [[likely]]
        return r.value;
    return Call(vm, r.value, receiver);
}

ThrowOr<Value> Get(Vm& vm, Object* o, PropertyKey key) { return get_with_receiver(vm, o, key, Value::from_cell(o)); }

ThrowOr<Value> GetV(Vm& vm, Value v, PropertyKey key)
{
    if (is_object(v))
        return get_with_receiver(vm, as_object(v), key, v);
    if (is_string(v)) {
        auto* s = static_cast<String*>(v.as_cell());
        if (key.is_index()) {
            if (key.as_index() < s->length()) {
                String* c = string_from_code_unit(vm, s->char_at(key.as_index()));
                if (!c)
                    return throw_out_of_memory(vm);
                return Value::from_cell(c);
            }
        } else if (key.is_atom() && key.as_atom() == common_names(vm).length) {
            return Value::from_u64(s->length());
        }
    }
    if (v.is_nullish()) {
        Value name = TRY(key_to_value(vm, key));
        std::string text = is_string(name) ? to_utf8(static_cast<String*>(name.as_cell())) : std::string("Symbol()");
        return throw_type_error(vm, "Cannot read properties of %s (reading '%s')", v.is_null() ? "null" : "undefined", text.c_str());
    }
    Object* proto = prototype_for_primitive(vm, v);
    if (!proto)
        return Value::undefined();
    return get_with_receiver(vm, proto, key, v);
}

ThrowOr<bool> set_with_receiver(Vm& vm, Object* o, PropertyKey key, Value value, Value receiver)
{
    TRY(check_object_access(vm, o));
    // Typed arrays' [[Set]] converts numeric-keyed values with ToNumber (ECMA-262 10.4.5.5).
    if (o->is_typed_array()) [[unlikely]]
        return typed_array_set(vm, o, key, value, receiver);
    return ordinary_set_with_receiver(vm, o, key, value, receiver);
}

ThrowOr<bool> ordinary_set_with_receiver(Vm& vm, Object* o, PropertyKey key, Value value, Value receiver)
{
    TRY(check_object_access(vm, o));
    if (receiver == Value::from_cell(o)) {
        SetResult r = o->set(vm, key, value);
        if (r.kind == SetResult::Kind::Done) [[likely]]
            return r.succeeded;
        if (r.kind == SetResult::Kind::OutOfMemory)
            return throw_out_of_memory(vm);
        Value arg = value;
        TRY(Call(vm, r.setter, receiver, std::span<Value const>(&arg, 1)));
        return true;
    }
    // OrdinarySet with a receiver other than O (super.x = v, Reflect.set, primitives).
    for (Object* p = o; p; p = p->get_prototype_of()) {
        // A typed array on the chain: its own [[Set]] (ECMA-262 10.4.5.5) takes over.
        if (p != o && p->is_typed_array()) [[unlikely]]
            return typed_array_set(vm, p, key, value, receiver);
        auto own = p->get_own_property_raw(vm, key);
        if (!own)
            continue;
        if (own->attributes.is_accessor()) {
            Value setter = static_cast<Accessor*>(own->value.as_cell())->setter();
            if (setter.is_undefined())
                return false;
            Value arg = value;
            TRY(Call(vm, setter, receiver, std::span<Value const>(&arg, 1)));
            return true;
        }
        if (!own->attributes.writable())
            return false;
        break;
    }
    if (!is_object(receiver))
        return false;
    Object* r = as_object(receiver);
    auto existing = r->get_own_property_raw(vm, key);
    Outcome outcome;
    if (existing) {
        if (existing->attributes.is_accessor() || !existing->attributes.writable())
            return false;
        PropertyDescriptor value_only;
        value_only.value = value;
        if (r->is_typed_array()) [[unlikely]]
            return typed_array_define_own_property(vm, r, key, value_only);
        outcome = r->define_own_property(vm, key, value_only);
    } else {
        outcome = r->create_data_property(vm, key, value);
    }
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    return outcome == Outcome::True;
}

static std::string key_text(Vm& vm, PropertyKey key)
{
    if (key.is_index())
        return std::to_string(key.as_index());
    if (key.is_symbol()) {
        String* d = key.as_symbol()->description();
        return "Symbol(" + (d ? to_utf8(d) : std::string()) + ")";
    }
    return to_utf8(key.as_atom());
}

ThrowOr<bool> Set(Vm& vm, Object* o, PropertyKey key, Value value, ThrowOnFailure throw_on_failure)
{
    bool ok = TRY(set_with_receiver(vm, o, key, value, Value::from_cell(o)));
    if (!ok && throw_on_failure == ThrowOnFailure::Yes)
        return throw_type_error(vm, "Cannot assign to read only property '%s' of object", key_text(vm, key).c_str());
    return ok;
}

ThrowOr<void> put_value(Vm& vm, Value base, PropertyKey key, Value value, bool strict)
{
    bool ok;
    if (is_object(base)) {
        ok = TRY(set_with_receiver(vm, as_object(base), key, value, base));
    } else {
        if (base.is_nullish())
            return throw_type_error(vm, "Cannot set properties of %s (setting '%s')", base.is_null() ? "null" : "undefined", key_text(vm, key).c_str());
        Object* proto = prototype_for_primitive(vm, base);
        ok = TRY(set_with_receiver(vm, proto, key, value, base));
    }
    if (!ok && strict)
        return throw_type_error(vm, "Cannot assign to read only property '%s' of %s", key_text(vm, key).c_str(), is_object(base) ? "object" : "primitive");
    return {};
}

ThrowOr<bool> HasProperty(Vm& vm, Object* o, PropertyKey key)
{
    TRY(check_object_access(vm, o));
    return o->has_property(vm, key);
}

ThrowOr<bool> HasOwnProperty(Vm& vm, Object* o, PropertyKey key)
{
    TRY(check_object_access(vm, o));
    return o->get_own_property_raw(vm, key).has_value();
}

ThrowOr<void> CreateDataPropertyOrThrow(Vm& vm, Object* o, PropertyKey key, Value value)
{
    TRY(check_object_access(vm, o));
    if (o->is_typed_array()) [[unlikely]]
        return DefinePropertyOrThrow(vm, o, key, PropertyDescriptor::data(value));
    Outcome outcome = o->create_data_property(vm, key, value);
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    if (outcome == Outcome::False)
        return throw_type_error(vm, "Cannot define property %s, object is not extensible", key_text(vm, key).c_str());
    return {};
}

ThrowOr<void> DefinePropertyOrThrow(Vm& vm, Object* o, PropertyKey key, PropertyDescriptor const& desc)
{
    TRY(check_object_access(vm, o));
    if (o->is_typed_array()) [[unlikely]] {
        // Typed arrays convert a numeric key's [[Value]] with ToNumber (ECMA-262 10.4.5.3).
        if (!TRY(typed_array_define_own_property(vm, o, key, desc)))
            return throw_type_error(vm, "Cannot redefine property: %s", key_text(vm, key).c_str());
        return {};
    }
    Outcome outcome = o->define_own_property(vm, key, desc);
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    if (outcome == Outcome::False)
        return throw_type_error(vm, "Cannot redefine property: %s", key_text(vm, key).c_str());
    return {};
}

ThrowOr<bool> delete_property(Vm& vm, Object* o, PropertyKey key, bool strict)
{
    TRY(check_object_access(vm, o));
    Outcome outcome = o->delete_property(vm, key);
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    if (outcome == Outcome::False && strict)
        return throw_type_error(vm, "Cannot delete property '%s' of object", key_text(vm, key).c_str());
    return outcome == Outcome::True;
}

ThrowOr<void> define_builtin_property(Vm& vm, Object* o, PropertyKey key, Value value, PropertyAttributes attributes)
{
    return DefinePropertyOrThrow(vm, o, key, PropertyDescriptor::data(value, attributes));
}

ThrowOr<Value> GetMethod(Vm& vm, Value v, PropertyKey key)
{
    Value f = TRY(GetV(vm, v, key));
    if (f.is_nullish())
        return Value::undefined();
    if (!is_callable(f))
        return throw_type_error(vm, "%s is not a function", key_text(vm, key).c_str());
    return f;
}

ThrowOr<u64> LengthOfArrayLike(Vm& vm, Object* o)
{
    if (o->is_array())
        return u64(static_cast<ArrayObject*>(o)->length_acquire());
    Value len = TRY(Get(vm, o, PropertyKey::from_atom(common_names(vm).length)));
    return ToLength(vm, len);
}

static constexpr u64 kPrivateNameFlag = u64(1) << 18;

bool is_private_name(PropertyKey key)
{
    return key.is_symbol() && (key.as_symbol()->header_word().load_relaxed() & kPrivateNameFlag);
}

Symbol* create_private_name(Vm& vm, String* description)
{
    Symbol* s = symbol_create(vm, description);
    if (s)
        s->header_word().fetch_or_relaxed(kPrivateNameFlag);
    return s;
}

std::vector<PropertyKey> own_property_keys(Vm& vm, Object* o)
{
    std::vector<PropertyKey> keys = o->own_property_keys(vm);
    std::erase_if(keys, [](PropertyKey k) { return is_private_name(k); });
    return keys;
}

// --- Calls ------------------------------------------------------------------------------------------

std::string describe_for_error(Vm& vm, Value v)
{
    if (v.is_undefined())
        return "undefined";
    if (v.is_null())
        return "null";
    if (v.is_boolean())
        return v.as_bool() ? "true" : "false";
    if (v.is_number()) {
        char buffer[kMaxNumberChars];
        return std::string(buffer, number_to_chars(v.as_number(), buffer));
    }
    if (is_string(v))
        return "\"" + to_utf8(static_cast<String*>(v.as_cell())) + "\"";
    if (is_symbol(v))
        return "Symbol()";
    if (is_callable(v))
        return "function";
    if (v.is_cell_of_kind(CellKind::ArrayObject))
        return "object";
    return "#<Object>";
}

ThrowOr<Value> Call(Vm& vm, Value f, Value this_value, std::span<Value const> args)
{
    if (!f.is_cell()) [[unlikely]]
        return throw_type_error(vm, "%s is not a function", describe_for_error(vm, f).c_str());
    switch (static_cast<CellKind>(f.as_cell()->kind_raw())) {
    case CellKind::FunctionObject: {
        auto* fn = static_cast<FunctionObject*>(f.as_cell());
        return call_bytecode_function(vm, fn, this_value, args, Value::undefined(), false);
    }
    case CellKind::NativeFunction: {
        if (native_stack_exhausted(vm)) [[unlikely]]
            return throw_stack_overflow(vm);
        auto* fn = static_cast<NativeFunction*>(f.as_cell());
        CallArgs call_args(f, this_value, args.data(), static_cast<u32>(args.size()));
        return fn->fn()(vm, call_args);
    }
    case CellKind::BoundFunction: {
        auto* bound = static_cast<BoundFunction*>(f.as_cell());
        RootedValues all(vm);
        for (u32 i = 0; i < bound->count(); ++i)
            all.push(bound->arguments()[i]);
        for (Value a : args)
            all.push(a);
        return Call(vm, bound->target(), bound->bound_this(), all.values());
    }
    default:
        return throw_type_error(vm, "%s is not a function", describe_for_error(vm, f).c_str());
    }
}

bool IsConstructor(Value f)
{
    if (!f.is_cell())
        return false;
    switch (static_cast<CellKind>(f.as_cell()->kind_raw())) {
    case CellKind::FunctionObject:
        return static_cast<FunctionObject*>(f.as_cell())->shared()->is_constructor();
    case CellKind::NativeFunction:
        return static_cast<NativeFunction*>(f.as_cell())->is_constructor();
    case CellKind::BoundFunction:
        return IsConstructor(static_cast<BoundFunction*>(f.as_cell())->target());
    default:
        return false;
    }
}

ThrowOr<Object*> GetPrototypeFromConstructor(Vm& vm, Value constructor, Object* fallback)
{
    if (!is_object(constructor))
        return fallback;
    Value proto = TRY(Get(vm, as_object(constructor), PropertyKey::from_atom(common_names(vm).prototype)));
    if (!is_object(proto))
        return fallback;
    return as_object(proto);
}

ThrowOr<Object*> OrdinaryCreateFromConstructor(Vm& vm, Value constructor, Object* fallback)
{
    Object* proto = TRY(GetPrototypeFromConstructor(vm, constructor, fallback));
    return new_object(vm, proto);
}

ThrowOr<Value> Construct(Vm& vm, Value f, std::span<Value const> args, Value new_target)
{
    if (new_target.is_empty())
        new_target = f;
    if (!IsConstructor(f))
        return throw_type_error(vm, "%s is not a constructor", describe_for_error(vm, f).c_str());
    switch (static_cast<CellKind>(f.as_cell()->kind_raw())) {
    case CellKind::FunctionObject: {
        auto* fn = static_cast<FunctionObject*>(f.as_cell());
        Value this_value = Value::empty();
        if (fn->shared()->kind() != FunctionKind::DerivedConstructor) {
            Object* o = TRY(OrdinaryCreateFromConstructor(vm, new_target, vm.realm()->object_prototype));
            this_value = Value::from_cell(o);
        }
        return call_bytecode_function(vm, fn, this_value, args, new_target, true);
    }
    case CellKind::NativeFunction: {
        if (native_stack_exhausted(vm)) [[unlikely]]
            return throw_stack_overflow(vm);
        auto* fn = static_cast<NativeFunction*>(f.as_cell());
        CallArgs call_args(f, Value::undefined(), args.data(), static_cast<u32>(args.size()), new_target);
        return fn->fn()(vm, call_args);
    }
    case CellKind::BoundFunction: {
        auto* bound = static_cast<BoundFunction*>(f.as_cell());
        RootedValues all(vm);
        for (u32 i = 0; i < bound->count(); ++i)
            all.push(bound->arguments()[i]);
        for (Value a : args)
            all.push(a);
        if (new_target == f)
            new_target = bound->target();
        return Construct(vm, bound->target(), all.values(), new_target);
    }
    default:
        return throw_type_error(vm, "not a constructor");
    }
}

ThrowOr<Value> Invoke(Vm& vm, Value v, PropertyKey key, std::span<Value const> args)
{
    Value f = TRY(GetV(vm, v, key));
    return Call(vm, f, v, args);
}

// --- Operators ----------------------------------------------------------------------------------

bool IsStrictlyEqual(Value x, Value y)
{
    if (x.is_number() && y.is_number())
        return x.as_number() == y.as_number();
    if (x == y)
        return true;
    if (is_string(x) && is_string(y))
        return string_equals(static_cast<String*>(x.as_cell()), static_cast<String*>(y.as_cell()));
    return false;
}

bool SameValueZero(Value x, Value y)
{
    if (x.is_number() && y.is_number()) {
        double a = x.as_number(), b = y.as_number();
        return a == b || (std::isnan(a) && std::isnan(b));
    }
    return IsStrictlyEqual(x, y);
}

ThrowOr<bool> IsLooselyEqual(Vm& vm, Value x, Value y)
{
    for (;;) {
        bool xs = is_string(x), ys = is_string(y);
        if ((x.is_number() && y.is_number()) || (xs && ys) || x == y)
            return IsStrictlyEqual(x, y);
        if (x.is_nullish() && y.is_nullish())
            return true;
        if (x.is_nullish() || y.is_nullish())
            return false;
        bool xo = is_object(x), yo = is_object(y);
        if (xo && yo)
            return x == y;
        if (x.is_number() && ys)
            return x.as_number() == StringToNumber(static_cast<String*>(y.as_cell()));
        if (xs && y.is_number())
            return StringToNumber(static_cast<String*>(x.as_cell())) == y.as_number();
        if (x.is_boolean()) {
            x = Value::from_i32(x.as_bool());
            continue;
        }
        if (y.is_boolean()) {
            y = Value::from_i32(y.as_bool());
            continue;
        }
        if ((x.is_number() || xs || is_symbol(x)) && yo) {
            y = TRY(ToPrimitive(vm, y));
            continue;
        }
        if (xo && (y.is_number() || ys || is_symbol(y))) {
            x = TRY(ToPrimitive(vm, x));
            continue;
        }
        return false;
    }
}

String* typeof_string(Vm& vm, Value v)
{
    CommonNames const& names = common_names(vm);
    if (v.is_undefined() || v.is_empty())
        return names.undefined;
    if (v.is_null())
        return names.object;
    if (v.is_boolean())
        return names.boolean;
    if (v.is_number())
        return names.number;
    if (is_string(v))
        return names.string;
    if (is_symbol(v))
        return names.symbol;
    if (is_callable(v))
        return names.function;
    return names.object;
}

ThrowOr<bool> OrdinaryHasInstance(Vm& vm, Value c, Value o)
{
    if (!is_callable(c))
        return false;
    if (c.is_cell_of_kind(CellKind::BoundFunction))
        return InstanceofOperator(vm, o, static_cast<BoundFunction*>(c.as_cell())->target());
    if (!is_object(o))
        return false;
    Value p = TRY(Get(vm, as_object(c), PropertyKey::from_atom(common_names(vm).prototype)));
    if (!is_object(p))
        return throw_type_error(vm, "Function has non-object prototype '%s' in instanceof check", describe_for_error(vm, p).c_str());
    for (Object* x = as_object(o)->get_prototype_of(); x; x = x->get_prototype_of()) {
        if (x == as_object(p))
            return true;
    }
    return false;
}

ThrowOr<bool> InstanceofOperator(Vm& vm, Value v, Value target)
{
    if (!is_object(target))
        return throw_type_error(vm, "Right-hand side of 'instanceof' is not an object");
    Value handler = TRY(GetMethod(vm, target, PropertyKey::from_symbol(well_known_symbols(vm).hasInstance)));
    if (!handler.is_undefined()) {
        Value result = TRY(Call(vm, handler, target, std::span<Value const>(&v, 1)));
        return ToBoolean(result);
    }
    if (!is_callable(target))
        return throw_type_error(vm, "Right-hand side of 'instanceof' is not callable");
    return OrdinaryHasInstance(vm, target, v);
}

ThrowOr<Value> add_values(Vm& vm, Value a, Value b)
{
    Value pa = TRY(ToPrimitive(vm, a));
    Value pb = TRY(ToPrimitive(vm, b));
    if (is_string(pa) || is_string(pb)) {
        String* sa = TRY(ToString(vm, pa));
        String* sb = TRY(ToString(vm, pb));
        String* s = TRY(concat_strings(vm, sa, sb));
        return Value::from_cell(s);
    }
    double x = TRY(ToNumber(vm, pa));
    double y = TRY(ToNumber(vm, pb));
    return Value::from_number(x + y);
}

ThrowOr<Value> IsLessThan(Vm& vm, Value x, Value y, bool left_first)
{
    Value px, py;
    if (left_first) {
        px = TRY(ToPrimitive(vm, x, PreferredType::Number));
        py = TRY(ToPrimitive(vm, y, PreferredType::Number));
    } else {
        py = TRY(ToPrimitive(vm, y, PreferredType::Number));
        px = TRY(ToPrimitive(vm, x, PreferredType::Number));
    }
    if (is_string(px) && is_string(py))
        return Value::boolean(string_compare(static_cast<String*>(px.as_cell()), static_cast<String*>(py.as_cell())) < 0);
    double a = TRY(ToNumber(vm, px));
    double b = TRY(ToNumber(vm, py));
    if (std::isnan(a) || std::isnan(b))
        return Value::undefined();
    return Value::boolean(a < b);
}

// --- Iteration ------------------------------------------------------------------------------------

ThrowOr<IteratorRecord> GetIterator(Vm& vm, Value v)
{
    Value method = TRY(GetMethod(vm, v, PropertyKey::from_symbol(well_known_symbols(vm).iterator)));
    if (method.is_undefined())
        return throw_type_error(vm, "%s is not iterable", describe_for_error(vm, v).c_str());
    Value iterator = TRY(Call(vm, method, v));
    if (!is_object(iterator))
        return throw_type_error(vm, "Result of the Symbol.iterator method is not an object");
    Value next = TRY(Get(vm, as_object(iterator), PropertyKey::from_atom(common_names(vm).next)));
    return IteratorRecord { iterator, next, false };
}

ThrowOr<Value> IteratorStepValue(Vm& vm, IteratorRecord& record)
{
    Value result = TRY(Call(vm, record.next_method, record.iterator));
    if (!is_object(result)) {
        record.done = true;
        return throw_type_error(vm, "Iterator result %s is not an object", describe_for_error(vm, result).c_str());
    }
    CommonNames const& names = common_names(vm);
    Value done = TRY(Get(vm, as_object(result), PropertyKey::from_atom(names.done)));
    if (ToBoolean(done)) {
        record.done = true;
        return Value::empty();
    }
    return Get(vm, as_object(result), PropertyKey::from_atom(names.value));
}

ThrowOr<void> IteratorClose(Vm& vm, Value iterator)
{
    Value ret = TRY(GetMethod(vm, iterator, PropertyKey::from_atom(common_names(vm).return_)));
    if (ret.is_undefined())
        return {};
    Value result = TRY(Call(vm, ret, iterator));
    if (!is_object(result))
        return throw_type_error(vm, "Iterator result %s is not an object", describe_for_error(vm, result).c_str());
    return {};
}

void iterator_close_quietly(Vm& vm, Value iterator)
{
    Value saved = vm.take_exception();
    auto ret = GetMethod(vm, iterator, PropertyKey::from_atom(common_names(vm).return_));
    if (!ret.is_throw() && !ret.value().is_undefined())
        (void)Call(vm, ret.value(), iterator);
    vm.set_exception(saved);
}

ThrowOr<void> iterable_to_list(Vm& vm, Value iterable, RootedValues& out)
{
    // Fast path: a plain Array whose iteration is unobservable (the original
    // %Array.prototype%[@@iterator] and %ArrayIteratorPrototype%.next).
    IteratorRecord record = TRY(GetIterator(vm, iterable));
    out.push(record.iterator);
    out.push(record.next_method);
    usize base = out.size();
    for (;;) {
        Value v = TRY(IteratorStepValue(vm, record));
        if (record.done)
            break;
        out.push(v);
    }
    // Drop the two bookkeeping values that kept the iterator alive.
    out.values().erase(out.values().begin() + static_cast<long>(base) - 2, out.values().begin() + static_cast<long>(base));
    return {};
}

// --- Strings ----------------------------------------------------------------------------------------

std::string to_utf8(String* s) { return s->to_utf8(); }

} // namespace weft
