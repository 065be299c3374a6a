// Out-of-line parts of the opcode handlers (see slow_paths.h).
#include "interpreter/slow_paths.h"
#include "interpreter/modules.h"

#include "base/number_format.h"
#include "builtins/async_generator.h"
#include "builtins/typed_array.h"
#include "compiler/compilation_unit.h"
#include "interpreter/inline_cache.h"
#include "interpreter/interpreter.h"
#include "objects/accessor.h"
#include "objects/environment.h"
#include "objects/string_conversions.h"

#include <cmath>
#include "threads/restrict.h"

namespace weft::slow {

// --- Properties -----------------------------------------------------------------------------------

// Caches an own or prototype data property read of `key` on `o` (shape mode objects only).
static void fill_get_cache(Vm& vm, Object* o, PropertyKey key, Atomic<u64>& ic)
{
    if (ic.load_relaxed() == ic::kMegamorphic)
        return;
    Shape* shape = o->shape_acquire();
    if (shape->is_dictionary())
        return;
    if (auto info = shape->lookup(vm, key)) {
        if (info->attributes.is_data() && info->slot <= ic::kMaxSlot)
            ic::record_entry(vm, ic, ic::own_entry(shape, info->slot));
        return;
    }
    // Walk up to 4 prototypes.
    Shape* shapes[6];
    u32 count = 0;
    shapes[count++] = shape;
    Shape* s = shape;
    for (u32 depth = 0; depth < 4; ++depth) {
        Object* p = s->prototype();
        if (!p)
            return;
        Shape* ps = p->shape_acquire();
        if (ps->is_dictionary())
            return;
        shapes[count++] = ps;
        if (auto info = ps->lookup(vm, key)) {
            if (!info->attributes.is_data())
                return;
            ValueArray* record = ValueArray::try_create(vm, count + 1);
            if (!record)
                return;
            for (u32 i = 0; i < count; ++i)
                record->set(i, Value::from_cell(shapes[i]));
            record->set(count, Value::from_i32(static_cast<i32>(info->slot)));
            ic::record_entry(vm, ic, reinterpret_cast<uptr>(record) | ic::kProtoTag);
            return;
        }
        s = ps;
    }
}

ThrowOr<Value> get_named(Vm& vm, Value object, String* name, Atomic<u64>& ic)
{
    PropertyKey key = PropertyKey::from_atom(name);
    if (is_object(object)) {
        Object* o = as_object(object);
        TRY(check_object_access(vm, o));
        GetResult r = o->get(vm, key);
        if (r.kind == GetResult::Kind::Value) {
            fill_get_cache(vm, o, key, ic);
            return r.value;
        }
        return Call(vm, r.value, object);
    }
    return GetV(vm, object, key);
}

ThrowOr<void> set_named(Vm& vm, Value object, String* name, Value value, Atomic<u64>& ic, bool strict)
{
    PropertyKey key = PropertyKey::from_atom(name);
    TRY(put_value(vm, object, key, value, strict));
    if (is_object(object)) {
        Object* o = as_object(object);
        Shape* shape = o->shape_acquire();
        if (!shape->is_dictionary() && ic.load_relaxed() != ic::kMegamorphic) {
            if (auto info = shape->lookup(vm, key); info && info->attributes.is_writable_data() && info->slot <= ic::kMaxSlot)
                ic::record_entry(vm, ic, ic::own_entry(shape, info->slot));
        }
    }
    return {};
}

ThrowOr<Value> get_keyed(Vm& vm, Value object, Value key)
{
    // Typed arrays with an int32 key: the element (or undefined) without a property key.
    if (key.is_int32() && object.is_cell_of_kind(CellKind::TypedArrayObject)) {
        Value v;
        if (typed_array_get_index_fast(as_object(object), key.as_i32(), &v))
            return v;
    }
    if (object.is_nullish()) {
        PropertyKey k = TRY(ToPropertyKey(vm, key));
        return GetV(vm, object, k);
    }
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    return GetV(vm, object, k);
}

ThrowOr<void> set_keyed(Vm& vm, Value object, Value key, Value value, bool strict)
{
    // Typed arrays with an int32 key and a Number: TypedArraySetElement needs no conversion.
    if (key.is_int32() && value.is_number() && object.is_cell_of_kind(CellKind::TypedArrayObject)) {
        if (typed_array_set_index_fast(as_object(object), key.as_i32(), value))
            return {};
    }
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    return put_value(vm, object, k, value, strict);
}

ThrowOr<void> define_keyed(Vm& vm, Value object, Value key, Value value, bool enumerable)
{
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    if (enumerable)
        return CreateDataPropertyOrThrow(vm, as_object(object), k, value);
    return DefinePropertyOrThrow(vm, as_object(object), k, PropertyDescriptor::data(value, PropertyAttributes::data(true, false, true)));
}

ThrowOr<void> define_accessor(Vm& vm, Value object, Value key, Value function, bool getter, bool enumerable)
{
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    PropertyDescriptor desc;
    if (getter)
        desc.get = function;
    else
        desc.set = function;
    desc.enumerable = enumerable;
    desc.configurable = true;
    return DefinePropertyOrThrow(vm, as_object(object), k, desc);
}

ThrowOr<Value> delete_keyed(Vm& vm, Value object, Value key, bool strict)
{
    if (object.is_nullish())
        return throw_type_error(vm, "Cannot convert undefined or null to object");
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    Object* o = TRY(ToObject(vm, object));
    bool result = TRY(delete_property(vm, o, k, strict));
    return Value::boolean(result);
}

ThrowOr<Value> get_super(Vm& vm, Value home, Value this_value, Value key)
{
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    if (!is_object(home))
        return throw_syntax_error(vm, "'super' keyword unexpected here");
    Object* proto = as_object(home)->get_prototype_of();
    if (!proto)
        return throw_type_error(vm, "Cannot read properties of null");
    return get_with_receiver(vm, proto, k, this_value);
}

ThrowOr<void> set_super(Vm& vm, Value home, Value this_value, Value key, Value value, bool strict)
{
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    if (!is_object(home))
        return throw_syntax_error(vm, "'super' keyword unexpected here");
    Object* proto = as_object(home)->get_prototype_of();
    if (!proto)
        return throw_type_error(vm, "Cannot set properties of null");
    bool ok = TRY(set_with_receiver(vm, proto, k, value, this_value));
    if (!ok && strict)
        return throw_type_error(vm, "Cannot assign to read only property of object");
    return {};
}

// --- Private names --------------------------------------------------------------------------------

static std::string private_text(Value name)
{
    String* d = static_cast<Symbol*>(name.as_cell())->description();
    return d ? to_utf8(d) : std::string("#<private>");
}

// The object on `o`'s chain that has the private name (fields are own; methods live on the
// class's prototype or constructor), or nullptr.
static std::optional<std::pair<Object*, OwnProperty>> find_private(Vm& vm, Object* o, PropertyKey key)
{
    for (Object* p = o; p; p = p->get_prototype_of()) {
        if (auto own = p->get_own_property_raw(vm, key))
            return std::make_pair(p, *own);
    }
    return std::nullopt;
}

ThrowOr<Value> get_private(Vm& vm, Value object, Value name)
{
    PropertyKey key = PropertyKey::from_symbol(static_cast<Symbol*>(name.as_cell()));
    auto found = is_object(object) ? find_private(vm, as_object(object), key) : std::nullopt;
    if (!found)
        return throw_type_error(vm, "Cannot read private member %s from an object whose class did not declare it", private_text(name).c_str());
    if (found->second.attributes.is_data())
        return found->second.value;
    Value getter = static_cast<Accessor*>(found->second.value.as_cell())->getter();
    if (getter.is_undefined())
        return throw_type_error(vm, "'%s' was defined without a getter", private_text(name).c_str());
    return Call(vm, getter, object);
}

ThrowOr<void> set_private(Vm& vm, Value object, Value name, Value value)
{
    PropertyKey key = PropertyKey::from_symbol(static_cast<Symbol*>(name.as_cell()));
    auto found = is_object(object) ? find_private(vm, as_object(object), key) : std::nullopt;
    if (!found)
        return throw_type_error(vm, "Cannot write private member %s to an object whose class did not declare it", private_text(name).c_str());
    if (found->second.attributes.is_accessor()) {
        Value setter = static_cast<Accessor*>(found->second.value.as_cell())->setter();
        if (setter.is_undefined())
            return throw_type_error(vm, "'%s' was defined without a setter", private_text(name).c_str());
        TRY(Call(vm, setter, object, std::span<Value const>(&value, 1)));
        return {};
    }
    if (!found->second.attributes.writable() || found->first != as_object(object))
        return throw_type_error(vm, "Private method is not writable");
    PropertyDescriptor value_only;
    value_only.value = value;
    return DefinePropertyOrThrow(vm, as_object(object), key, value_only);
}

ThrowOr<void> define_private(Vm& vm, Value object, Value name, Value value)
{
    PropertyKey key = PropertyKey::from_symbol(static_cast<Symbol*>(name.as_cell()));
    Object* o = as_object(object);
    if (o->get_own_property_raw(vm, key))
        return throw_type_error(vm, "Cannot initialize %s twice on the same object", private_text(name).c_str());
    return DefinePropertyOrThrow(vm, o, key, PropertyDescriptor::data(value, PropertyAttributes::data(true, false, false)));
}

ThrowOr<Value> has_private(Vm& vm, Value name, Value object)
{
    if (!is_object(object))
        return throw_type_error(vm, "Cannot use 'in' operator to search for '%s' in %s", private_text(name).c_str(), describe_for_error(vm, object).c_str());
    PropertyKey key = PropertyKey::from_symbol(static_cast<Symbol*>(name.as_cell()));
    return Value::boolean(find_private(vm, as_object(object), key).has_value());
}

ThrowOr<Value> in(Vm& vm, Value key, Value object)
{
    if (!is_object(object)) {
        std::string k = is_string(key) ? to_utf8(static_cast<String*>(key.as_cell())) : describe_for_error(vm, key);
        return throw_type_error(vm, "Cannot use 'in' operator to search for '%s' in %s", k.c_str(), describe_for_error(vm, object).c_str());
    }
    PropertyKey k = TRY(ToPropertyKey(vm, key));
    bool result = TRY(HasProperty(vm, as_object(object), k));
    return Value::boolean(result);
}

// --- Globals --------------------------------------------------------------------------------------

// A global site caches one entry; a store that would not change the word is skipped, so threads
// running the same code do not keep writing its cache line.
static void store_if_changed(Atomic<u64>& ic, u64 word)
{
    if (ic.load_relaxed() != word)
        ic.store_release(word);
}

ThrowOr<Value> load_global(Vm& vm, String* name, Atomic<u64>& ic, bool for_typeof)
{
    Realm& realm = *vm.realm();
    if (GlobalCell* cell = realm.find_lexical(name)) {
        store_if_changed(ic, reinterpret_cast<uptr>(cell) | ic::kGlobalCellTag);
        Value v = cell->get();
        if (v.is_empty())
            return throw_reference_error(vm, "Cannot access '%s' before initialization", to_utf8(name).c_str());
        return v;
    }
    Object* global = realm.global_object;
    PropertyKey key = PropertyKey::from_atom(name);
    for (Object* o = global; o; o = o->get_prototype_of()) {
        auto own = o->get_own_property_raw(vm, key);
        if (!own)
            continue;
        if (own->attributes.is_data()) {
            if (o == global) {
                Shape* shape = global->shape_acquire();
                if (!shape->is_dictionary()) {
                    if (auto info = shape->lookup(vm, key); info && info->slot <= ic::kMaxSlot)
                        store_if_changed(ic, ic::own_entry(shape, info->slot));
                }
            }
            return own->value;
        }
        Value getter = static_cast<Accessor*>(own->value.as_cell())->getter();
        if (getter.is_undefined())
            return Value::undefined();
        return Call(vm, getter, realm.global_this);
    }
    if (for_typeof)
        return Value::undefined();
    return throw_reference_error(vm, "%s is not defined", to_utf8(name).c_str());
}

ThrowOr<void> store_global(Vm& vm, String* name, Value value, Atomic<u64>& ic, bool strict)
{
    Realm& realm = *vm.realm();
    if (GlobalCell* cell = realm.find_lexical(name)) {
        if (cell->get().is_empty())
            return throw_reference_error(vm, "Cannot access '%s' before initialization", to_utf8(name).c_str());
        if (cell->is_const())
            return throw_type_error(vm, "Assignment to constant variable.");
        cell->set(value);
        store_if_changed(ic, reinterpret_cast<uptr>(cell) | ic::kGlobalCellTag);
        return {};
    }
    Object* global = realm.global_object;
    PropertyKey key = PropertyKey::from_atom(name);
    bool exists = TRY(HasProperty(vm, global, key));
    if (!exists && strict)
        return throw_reference_error(vm, "%s is not defined", to_utf8(name).c_str());
    TRY(put_value(vm, realm.global_this, key, value, strict));
    Shape* shape = global->shape_acquire();
    if (!shape->is_dictionary()) {
        if (auto info = shape->lookup(vm, key); info && info->attributes.is_writable_data() && info->slot <= ic::kMaxSlot)
            store_if_changed(ic, ic::own_entry(shape, info->slot));
    }
    return {};
}

ThrowOr<void> declare_global_var(Vm& vm, String* name)
{
    Object* global = vm.realm()->global_object;
    PropertyKey key = PropertyKey::from_atom(name);
    if (global->get_own_property_raw(vm, key))
        return {};
    if (vm.realm()->find_lexical(name))
        return throw_syntax_error(vm, "Identifier '%s' has already been declared", to_utf8(name).c_str());
    return DefinePropertyOrThrow(vm, global, key, PropertyDescriptor::data(Value::undefined(), PropertyAttributes::data(true, true, false)));
}

ThrowOr<void> declare_global_function(Vm& vm, String* name, Value function)
{
    Object* global = vm.realm()->global_object;
    PropertyKey key = PropertyKey::from_atom(name);
    auto existing = global->get_own_property_raw(vm, key);
    if (existing && !existing->attributes.configurable()) {
        PropertyDescriptor value_only;
        value_only.value = function;
        return DefinePropertyOrThrow(vm, global, key, value_only);
    }
    return DefinePropertyOrThrow(vm, global, key, PropertyDescriptor::data(function, PropertyAttributes::data(true, true, false)));
}

ThrowOr<void> declare_global_lexical(Vm& vm, String* name, bool is_const)
{
    Realm& realm = *vm.realm();
    Object* global = realm.global_object;
    if (auto own = global->get_own_property_raw(vm, PropertyKey::from_atom(name)); own && !own->attributes.configurable())
        return throw_syntax_error(vm, "Identifier '%s' has already been declared", to_utf8(name).c_str());
    bool exists = false;
    GlobalCell* cell = realm.declare_lexical(vm, name, is_const, &exists);
    if (exists)
        return throw_syntax_error(vm, "Identifier '%s' has already been declared", to_utf8(name).c_str());
    if (!cell)
        return throw_out_of_memory(vm);
    return {};
}

ThrowOr<void> init_global_lexical(Vm& vm, String* name, Value value)
{
    GlobalCell* cell = vm.realm()->find_lexical(name);
    WEFT_VERIFY(cell);
    cell->set(value);
    return {};
}

// --- Operators ------------------------------------------------------------------------------------

ThrowOr<Value> binary(Vm& vm, Opcode op, Value left, Value right)
{
    switch (op) {
    case Opcode::Add:
        return add_values(vm, left, right);
    case Opcode::Eq: {
        bool r = TRY(IsLooselyEqual(vm, left, right));
        return Value::boolean(r);
    }
    case Opcode::Ne: {
        bool r = TRY(IsLooselyEqual(vm, left, right));
        return Value::boolean(!r);
    }
    case Opcode::Lt: {
        Value r = TRY(IsLessThan(vm, left, right, true));
        return Value::boolean(r.is_true());
    }
    case Opcode::Gt: {
        Value r = TRY(IsLessThan(vm, right, left, false));
        return Value::boolean(r.is_true());
    }
    case Opcode::Le: {
        Value r = TRY(IsLessThan(vm, right, left, false));
        return Value::boolean(r.is_false());
    }
    case Opcode::Ge: {
        Value r = TRY(IsLessThan(vm, left, right, true));
        return Value::boolean(r.is_false());
    }
    default:
        break;
    }
    Value ln = TRY(ToNumeric(vm, left));
    Value rn = TRY(ToNumeric(vm, right));
    double a = ln.as_number();
    double b = rn.as_number();
    switch (op) {
    case Opcode::Sub: return Value::from_number(a - b);
    case Opcode::Mul: return Value::from_number(a * b);
    case Opcode::Div: return Value::from_number(a / b);
    case Opcode::Mod:
        // Fast path: a non-negative integral dividend and a non-zero integral divisor below
        // 2^53 (say a uint32 from `x >>> 0`): integer remainder, exactly what fmod gives (the
        // result is non-negative, so no -0 case), at a fraction of fmod's cost.
        if (a >= 0 && a < 0x1p53 && std::fabs(b) >= 1 && std::fabs(b) < 0x1p53 && a == std::trunc(a) && b == std::trunc(b))
            return Value::from_number(static_cast<double>(static_cast<u64>(a) % static_cast<u64>(std::fabs(b))));
        return Value::from_number(std::fmod(a, b));
    case Opcode::Exp:
        if (std::isnan(b) || ((a == 1 || a == -1) && std::isinf(b)))
            return Value::from_double(std::nan(""));
        return Value::from_number(std::pow(a, b));
    case Opcode::BitAnd: return Value::from_i32(weft::ToInt32(a) & weft::ToInt32(b));
    case Opcode::BitOr: return Value::from_i32(weft::ToInt32(a) | weft::ToInt32(b));
    case Opcode::BitXor: return Value::from_i32(weft::ToInt32(a) ^ weft::ToInt32(b));
    case Opcode::Shl: return Value::from_i32(static_cast<i32>(static_cast<u32>(weft::ToInt32(a)) << (weft::ToUint32(b) & 31)));
    case Opcode::Shr: return Value::from_i32(weft::ToInt32(a) >> (weft::ToUint32(b) & 31));
    case Opcode::Ushr: return Value::from_u64(weft::ToUint32(a) >> (weft::ToUint32(b) & 31));
    default: WEFT_UNREACHABLE();
    }
}

ThrowOr<Value> unary(Vm& vm, Opcode op, Value v)
{
    switch (op) {
    case Opcode::ToPropertyKey: {
        PropertyKey k = TRY(ToPropertyKey(vm, v));
        if (k.is_index() && k.as_index() <= 0x7fffffff)
            return Value::from_i32(static_cast<i32>(k.as_index()));
        return key_to_value(vm, k);
    }
    default:
        break;
    }
    Value n = TRY(ToNumeric(vm, v));
    double d = n.as_number();
    switch (op) {
    case Opcode::Inc: return Value::from_number(d + 1);
    case Opcode::Dec: return Value::from_number(d - 1);
    case Opcode::Negate: return Value::from_number(-d);
    case Opcode::BitNot: return Value::from_i32(~weft::ToInt32(d));
    case Opcode::ToNumeric: return n;
    default: WEFT_UNREACHABLE();
    }
}

// --- Functions and classes ------------------------------------------------------------------------

static ThrowOr<FunctionObject*> make_closure(Vm& vm, SharedFunctionInfo* shared, Environment* env, Shape* shape, Object* prototype_object)
{
    FunctionObject* f = FunctionObject::try_create(vm, shape, shared, env);
    if (!f)
        return throw_out_of_memory(vm);
    EngineObject::init_inline_slot(f, 0, Value::from_u64(shared->length()));
    EngineObject::init_inline_slot(f, 1, Value::from_cell(shared->name()));
    if (prototype_object)
        EngineObject::init_inline_slot(f, 2, Value::from_cell(prototype_object));
    return f;
}

ThrowOr<Value> create_closure(Vm& vm, SharedFunctionInfo* shared, Environment* env)
{
    Realm& realm = *vm.realm();
    switch (shared->kind()) {
    case FunctionKind::Normal: {
        // A fresh prototype object { constructor: F }.
        Object* proto = EngineObject::try_create_with_shape(vm, CellKind::Object, realm.prototype_object_shape, EngineObject::kFieldsOffset);
        if (!proto)
            return throw_out_of_memory(vm);
        FunctionObject* f = TRY(make_closure(vm, shared, env, realm.constructor_shape, proto));
        EngineObject::init_inline_slot(proto, 0, Value::from_cell(f));
        return Value::from_cell(f);
    }
    case FunctionKind::Generator: {
        Object* proto = Object::try_create(vm, realm.generator_prototype);
        if (!proto)
            return throw_out_of_memory(vm);
        FunctionObject* f = TRY(make_closure(vm, shared, env, realm.generator_function_shape, proto));
        return Value::from_cell(f);
    }
    case FunctionKind::AsyncGenerator: {
        Object* proto = Object::try_create(vm, realm.async_generator_prototype);
        if (!proto)
            return throw_out_of_memory(vm);
        FunctionObject* f = TRY(make_closure(vm, shared, env, realm.async_generator_function_shape, proto));
        return Value::from_cell(f);
    }
    case FunctionKind::Async:
    case FunctionKind::AsyncArrow: {
        FunctionObject* f = TRY(make_closure(vm, shared, env, realm.async_function_shape, nullptr));
        return Value::from_cell(f);
    }
    default: {
        FunctionObject* f = TRY(make_closure(vm, shared, env, realm.function_shape, nullptr));
        return Value::from_cell(f);
    }
    }
}

ThrowOr<Value> create_class(Vm& vm, SharedFunctionInfo* shared, Environment* env, bool has_super, Value super_class, Value* prototype_out)
{
    Realm& realm = *vm.realm();
    Object* proto_parent = realm.object_prototype;
    Object* constructor_parent = realm.function_prototype;
    if (has_super) {
        if (super_class.is_null()) {
            proto_parent = nullptr;
        } else {
            if (!IsConstructor(super_class))
                return throw_type_error(vm, "Class extends value %s is not a constructor or null", describe_for_error(vm, super_class).c_str());
            Value p = TRY(Get(vm, as_object(super_class), PropertyKey::from_atom(common_names(vm).prototype)));
            if (!p.is_null() && !is_object(p))
                return throw_type_error(vm, "Class extends value does not have valid prototype property %s", describe_for_error(vm, p).c_str());
            proto_parent = p.is_null() ? nullptr : as_object(p);
            constructor_parent = as_object(super_class);
        }
    }
    Object* proto = Object::try_create(vm, proto_parent);
    if (!proto)
        return throw_out_of_memory(vm);
    Shape* shape = realm.class_constructor_shape;
    if (constructor_parent != realm.function_prototype) {
        CommonNames const& names = common_names(vm);
        shape = vm.runtime().shape_roots().root_for_prototype(vm, constructor_parent, EngineObject::kInlineCapacity);
        if (shape)
            shape = shape->add_property_transition(vm, PropertyKey::from_atom(names.length), PropertyAttributes::data(false, false, true));
        if (shape)
            shape = shape->add_property_transition(vm, PropertyKey::from_atom(names.name), PropertyAttributes::data(false, false, true));
        if (shape)
            shape = shape->add_property_transition(vm, PropertyKey::from_atom(names.prototype), PropertyAttributes::data(false, false, false));
        if (!shape)
            return throw_out_of_memory(vm);
    }
    FunctionObject* f = TRY(make_closure(vm, shared, env, shape, proto));
    f->set_home_object(Value::from_cell(proto));
    TRY(define_builtin_property(vm, proto, PropertyKey::from_atom(common_names(vm).constructor), Value::from_cell(f)));
    *prototype_out = Value::from_cell(proto);
    return Value::from_cell(f);
}

ThrowOr<Value> super_construct(Vm& vm, Value active_function, Value new_target, std::span<Value const> args)
{
    Object* super_constructor = as_object(active_function)->get_prototype_of();
    Value sc = super_constructor ? Value::from_cell(super_constructor) : Value::null();
    if (!IsConstructor(sc))
        return throw_type_error(vm, "Super constructor %s of anonymous class is not a constructor", describe_for_error(vm, sc).c_str());
    Value result = TRY(Construct(vm, sc, args, new_target));
    TRY(initialize_instance_elements(vm, result, active_function));
    return result;
}

ThrowOr<void> initialize_instance_elements(Vm& vm, Value object, Value constructor)
{
    if (!constructor.is_cell_of_kind(CellKind::FunctionObject))
        return {};
    Value fields = static_cast<FunctionObject*>(constructor.as_cell())->fields();
    if (!is_callable(fields))
        return {};
    TRY(Call(vm, fields, object));
    return {};
}

// --- Literals and spreading -------------------------------------------------------------------------

ThrowOr<void> array_spread(Vm& vm, Value array, Value iterable)
{
    auto* a = static_cast<ArrayObject*>(array.as_cell());
    RootedValues values(vm);
    TRY(iterable_to_list(vm, iterable, values));
    for (Value v : values.values()) {
        if (a->push(vm, v) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return {};
}

ThrowOr<Value> spread_arguments(Vm& vm, Value array, RootedValues& out)
{
    auto* a = static_cast<ArrayObject*>(array.as_cell());
    u32 n = a->length_acquire();
    for (u32 i = 0; i < n; ++i) {
        Value v = TRY(Get(vm, a, PropertyKey::from_index(i)));
        out.push(v);
    }
    return Value::undefined();
}

ThrowOr<void> copy_data_properties(Vm& vm, Value target, Value source, Value const* excluded, u32 excluded_count)
{
    if (source.is_nullish())
        return {};
    Object* from = TRY(ToObject(vm, source));
    std::vector<PropertyKey> excluded_keys;
    for (u32 i = 0; i < excluded_count; ++i) {
        PropertyKey k = TRY(ToPropertyKey(vm, excluded[i]));
        excluded_keys.push_back(k);
    }
    TRY(check_object_access(vm, from));
    for (PropertyKey key : own_property_keys(vm, from)) {
        if (std::find(excluded_keys.begin(), excluded_keys.end(), key) != excluded_keys.end())
            continue;
        auto desc = from->get_own_property(vm, key);
        if (!desc || !desc->enumerable.value_or(false))
            continue;
        Value v = TRY(Get(vm, from, key));
        TRY(CreateDataPropertyOrThrow(vm, as_object(target), key, v));
    }
    return {};
}

ThrowOr<Value> create_regexp(Vm& vm, Value pattern, Value flags)
{
    Object* o = EngineObject::try_create(vm, CellKind::RegExpObject, vm.realm()->regexp_prototype, EngineObject::kFieldsOffset);
    if (!o)
        return throw_out_of_memory(vm);
    PropertyKey last_index = TRY(key_for(vm, "lastIndex"));
    TRY(DefinePropertyOrThrow(vm, o, last_index, PropertyDescriptor::data(Value::from_i32(0), PropertyAttributes::data(true, false, false))));
    PropertyKey source_key = TRY(key_for(vm, "source"));
    TRY(DefinePropertyOrThrow(vm, o, source_key, PropertyDescriptor::data(pattern, PropertyAttributes::data(false, false, true))));
    PropertyKey flags_key = TRY(key_for(vm, "flags"));
    TRY(DefinePropertyOrThrow(vm, o, flags_key, PropertyDescriptor::data(flags, PropertyAttributes::data(false, false, true))));
    return Value::from_cell(o);
}

ThrowOr<Value> get_template_object(Vm& vm, ValueArray* strings, Atomic<u64>& cache)
{
    u32 count = strings->count() / 2;
    ArrayObject* cooked = TRY(new_array(vm, 0));
    ArrayObject* raw = TRY(new_array(vm, 0));
    for (u32 i = 0; i < count; ++i) {
        TRY(CreateDataPropertyOrThrow(vm, cooked, PropertyKey::from_index(i), strings->get(i)));
        TRY(CreateDataPropertyOrThrow(vm, raw, PropertyKey::from_index(i), strings->get(count + i)));
    }
    if (SetIntegrityLevel(vm, raw, IntegrityLevel::Frozen) != Outcome::True)
        return throw_out_of_memory(vm);
    TRY(DefinePropertyOrThrow(vm, cooked, PropertyKey::from_atom(common_names(vm).raw), PropertyDescriptor::data(Value::from_cell(raw), PropertyAttributes::data(false, false, false))));
    if (SetIntegrityLevel(vm, cooked, IntegrityLevel::Frozen) != Outcome::True)
        return throw_out_of_memory(vm);
    u64 expected = 0;
    u64 mine = Value::from_cell(cooked).bits();
    // Publish once: a thread that lost the race uses the winner's object (same identity per site).
    if (cache.compare_exchange_acq_rel(expected, mine))
        return Value::from_cell(cooked);
    return Value::from_bits(expected);
}

static ThrowOr<Value> throw_type_error_function(Vm& vm, CallArgs const&)
{
    return throw_type_error(vm, "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them");
}

ThrowOr<Value> create_arguments(Vm& vm, Value callee, Value const* argv, u32 argc, bool strict)
{
    Realm& realm = *vm.realm();
    Object* args = EngineObject::try_create_with_shape(vm, CellKind::ArgumentsObject, realm.arguments_shape, EngineObject::kFieldsOffset);
    if (!args)
        return throw_out_of_memory(vm);
    EngineObject::init_inline_slot(args, 0, Value::from_u64(argc));
    for (u32 i = 0; i < argc; ++i)
        TRY(CreateDataPropertyOrThrow(vm, args, PropertyKey::from_index(i), argv[i]));
    TRY(define_builtin_property(vm, args, PropertyKey::from_symbol(well_known_symbols(vm).iterator), Value::from_cell(realm.array_prototype_values)));
    PropertyKey callee_key = PropertyKey::from_atom(common_names(vm).callee);
    if (strict) {
        (void)throw_type_error_function;
        TRY(DefinePropertyOrThrow(vm, args, callee_key, PropertyDescriptor::accessor(Value::from_cell(realm.throw_type_error), Value::from_cell(realm.throw_type_error), false, false)));
    } else {
        TRY(define_builtin_property(vm, args, callee_key, callee));
    }
    return Value::from_cell(args);
}

ThrowOr<Value> create_rest(Vm& vm, Value const* argv, u32 argc, u32 first)
{
    ArrayObject* a = TRY(new_array(vm, 0));
    for (u32 i = first; i < argc; ++i) {
        if (a->push(vm, argv[i]) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return Value::from_cell(a);
}

ThrowOr<Value> call_runtime(Vm& vm, RuntimeFunction id, Value* args, u32 count)
{
    switch (id) {
    case RuntimeFunction::DynamicImport:
        return dynamic_import(vm, args[0], args[1], args[2]);
    case RuntimeFunction::ImportMeta:
        return import_meta(vm, args[0]);
    case RuntimeFunction::SetPrototypeOfLiteral:
        if (is_object(args[1]) || args[1].is_null()) {
            if (as_object(args[0])->set_prototype_of(vm, args[1].is_null() ? nullptr : as_object(args[1])) == Outcome::OutOfMemory)
                return throw_out_of_memory(vm);
        }
        return Value::undefined();
    case RuntimeFunction::SetFunctionName: {
        Value key = args[1];
        String* name;
        if (is_symbol(key)) {
            String* d = static_cast<Symbol*>(key.as_cell())->description();
            std::string text = "[" + (d ? to_utf8(d) : std::string()) + "]";
            name = TRY(new_string(vm, text));
        } else {
            name = TRY(ToString(vm, key));
        }
        Object* f = as_object(args[0]);
        TRY(DefinePropertyOrThrow(vm, f, PropertyKey::from_atom(common_names(vm).name), PropertyDescriptor::data(Value::from_cell(name), PropertyAttributes::data(false, false, true))));
        return Value::undefined();
    }
    case RuntimeFunction::CheckObjectCoercible:
        if (args[0].is_nullish())
            return throw_type_error(vm, "Cannot destructure '%s' as it is %s.", describe_for_error(vm, args[0]).c_str(), args[0].is_null() ? "null" : "undefined");
        return Value::undefined();
    case RuntimeFunction::IteratorResultCheck:
        if (!is_object(args[0]))
            return throw_type_error(vm, "Iterator result %s is not an object", describe_for_error(vm, args[0]).c_str());
        return Value::undefined();
    case RuntimeFunction::GetIteratorReturn:
        return GetMethod(vm, args[0], PropertyKey::from_atom(common_names(vm).return_));
    case RuntimeFunction::GetIteratorThrow:
        return GetMethod(vm, args[0], PropertyKey::from_atom(common_names(vm).throw_));
    case RuntimeFunction::IteratorComplete: {
        Value done = TRY(Get(vm, as_object(args[0]), PropertyKey::from_atom(common_names(vm).done)));
        return Value::boolean(ToBoolean(done));
    }
    case RuntimeFunction::IteratorValue:
        return Get(vm, as_object(args[0]), PropertyKey::from_atom(common_names(vm).value));
    case RuntimeFunction::AsyncIteratorNext:
        return Call(vm, args[1], args[0]);
    case RuntimeFunction::ToPropertyKeyValue: {
        PropertyKey k = TRY(ToPropertyKey(vm, args[0]));
        return key_to_value(vm, k);
    }
    }
    (void)count;
    return Value::undefined();
}

// --- Iteration --------------------------------------------------------------------------------------

ThrowOr<void> get_iterator(Vm& vm, Value iterable, Value* out, bool async)
{
    if (async) {
        Value method = TRY(GetMethod(vm, iterable, PropertyKey::from_symbol(well_known_symbols(vm).asyncIterator)));
        if (!method.is_undefined()) {
            Value iterator = TRY(Call(vm, method, iterable));
            if (!is_object(iterator))
                return throw_type_error(vm, "Result of the Symbol.asyncIterator method is not an object");
            out[0] = iterator;
            out[1] = TRY(Get(vm, as_object(iterator), PropertyKey::from_atom(common_names(vm).next)));
            return {};
        }
    }
    IteratorRecord record = TRY(GetIterator(vm, iterable));
    if (async)
        return create_async_from_sync_iterator(vm, record.iterator, record.next_method, out);
    out[0] = record.iterator;
    out[1] = record.next_method;
    return {};
}

ThrowOr<Value> iterator_step(Vm& vm, Value* record)
{
    IteratorRecord r { record[0], record[1], false };
    Value v = TRY(IteratorStepValue(vm, r));
    return v;
}

ThrowOr<void> for_in_prepare(Vm& vm, Value object, Value* out)
{
    ArrayObject* keys = TRY(new_array(vm, 0));
    out[0] = Value::from_cell(keys);
    out[1] = Value::from_i32(0);
    out[2] = Value::undefined();
    if (object.is_nullish())
        return {};
    Object* o = TRY(ToObject(vm, object));
    out[2] = Value::from_cell(o);
    std::vector<PropertyKey> seen;
    for (Object* p = o; p; p = p->get_prototype_of()) {
        TRY(check_object_access(vm, p));
        for (PropertyKey key : own_property_keys(vm, p)) {
            if (key.is_symbol())
                continue;
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                continue;
            seen.push_back(key);
            auto own = p->get_own_property_raw(vm, key);
            if (!own || !own->attributes.enumerable())
                continue;
            Value k = TRY(key_to_value(vm, key));
            if (keys->push(vm, k) != Outcome::True)
                return throw_out_of_memory(vm);
        }
    }
    return {};
}

ThrowOr<Value> for_in_next(Vm& vm, Value* state)
{
    auto* keys = static_cast<ArrayObject*>(state[0].as_cell());
    for (;;) {
        i32 index = state[1].as_i32();
        if (static_cast<u32>(index) >= keys->length_acquire())
            return Value::empty();
        state[1] = Value::from_i32(index + 1);
        Value key = TRY(Get(vm, keys, PropertyKey::from_index(static_cast<u32>(index))));
        // A property deleted before it is visited is not visited.
        PropertyKey k = TRY(ToPropertyKey(vm, key));
        bool present = TRY(HasProperty(vm, as_object(state[2]), k));
        if (present)
            return key;
    }
}

std::string call_site_text(Vm& vm, CodeBlock* code, u32 offset)
{
    PositionEntry pos = code->data().position_at(offset);
    SharedFunctionInfo* shared = code->shared();
    std::string_view source = shared->unit()->parse.source();
    if (pos.source_offset >= source.size())
        return "expression";
    std::string text;
    int depth = 0;
    for (usize i = pos.source_offset; i < source.size() && text.size() < 60; ++i) {
        char c = source[i];
        if (depth == 0 && (c == '(' || c == '`' || c == ';' || c == ',' || c == ')' || c == '\n'))
            break;
        if (c == '[')
            ++depth;
        if (c == ']')
            --depth;
        if (depth == 0 && c == 'n' && text.empty() && source.substr(i, 4) == "new ") {
            i += 3;
            continue;
        }
        text += c;
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '?' || text.back() == '.'))
        text.pop_back();
    return text.empty() ? "expression" : text;
}

} // namespace weft::slow
