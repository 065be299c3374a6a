// %IteratorPrototype%, the built-in iterators (Array, String, Map, Set) and %GeneratorPrototype%.
// spec: https://tc39.es/ecma262/#sec-%iteratorprototype%-object
#include "builtins/iterator.h"

#include "builtins/builtins.h"
#include "builtins/map_set.h"
#include "builtins/typed_array.h"
#include "interpreter/coroutine.h"
#include "interpreter/interpreter.h"
#include "vm/trace.h"

#include <mutex>

namespace weft {

InternalIterator* InternalIterator::try_create(Vm& vm, Object* prototype, Value target, Type type, Kind kind)
{
    auto* it = static_cast<InternalIterator*>(EngineObject::try_create(vm, CellKind::InternalIterator, prototype, sizeof(InternalIterator)));
    if (!it)
        return nullptr;
    it->m_target.store_relaxed(target);
    it->m_index.store_relaxed(0);
    it->m_type = type;
    it->m_kind = kind;
    return it;
}

void InternalIterator::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    trace_slot(tracer, static_cast<InternalIterator*>(cell)->m_target);
}

void register_iterator_cell_kind()
{
    static std::once_flag once;
    std::call_once(once, [] { register_cell_kind(to_u8(CellKind::InternalIterator), { "InternalIterator", InternalIterator::trace, nullptr }); });
}

static ThrowOr<InternalIterator*> this_iterator(Vm& vm, CallArgs const& args, InternalIterator::Type type, char const* name)
{
    Value t = args.this_value();
    if (!t.is_cell_of_kind(CellKind::InternalIterator) || static_cast<InternalIterator*>(t.as_cell())->type() != type)
        return throw_type_error(vm, "Method %s called on incompatible receiver %s", name, describe_for_error(vm, t).c_str());
    return static_cast<InternalIterator*>(t.as_cell());
}

static ThrowOr<Value> iterator_prototype_iterator(Vm&, CallArgs const& args) { return args.this_value(); }

// %ArrayIteratorPrototype%.next ( )
// spec: https://tc39.es/ecma262/#sec-%arrayiteratorprototype%.next
ThrowOr<Value> array_iterator_next(Vm& vm, CallArgs const& args)
{
    InternalIterator* it = TRY(this_iterator(vm, args, InternalIterator::Array, "Array Iterator.prototype.next"));
    Value target = it->target();
    if (target.is_undefined())
        return Value::from_cell(TRY(CreateIterResultObject(vm, Value::undefined(), true)));
    u32 index = it->index();
    // Typed arrays: TypedArrayLength, and a TypeError when detached or out of bounds.
    u64 length = as_object(target)->is_typed_array() ? TRY(typed_array_length_for_iteration(vm, as_object(target)))
                                                     : TRY(LengthOfArrayLike(vm, as_object(target)));
    if (index >= length) {
        it->set_target(Value::undefined());
        return Value::from_cell(TRY(CreateIterResultObject(vm, Value::undefined(), true)));
    }
    it->set_index(index + 1);
    Value result;
    if (it->kind() == InternalIterator::Keys) {
        result = Value::from_u64(index);
    } else {
        Value v = TRY(Get(vm, as_object(target), PropertyKey::from_index(index)));
        if (it->kind() == InternalIterator::Values) {
            result = v;
        } else {
            Value pair[2] = { Value::from_u64(index), v };
            result = Value::from_cell(TRY(CreateArrayFromList(vm, pair)));
        }
    }
    return Value::from_cell(TRY(CreateIterResultObject(vm, result, false)));
}

// %StringIteratorPrototype%.next ( ): code points.
static ThrowOr<Value> string_iterator_next(Vm& vm, CallArgs const& args)
{
    InternalIterator* it = TRY(this_iterator(vm, args, InternalIterator::String, "String Iterator.prototype.next"));
    Value target = it->target();
    if (target.is_undefined())
        return Value::from_cell(TRY(CreateIterResultObject(vm, Value::undefined(), true)));
    auto* s = static_cast<String*>(target.as_cell());
    u32 index = it->index();
    if (index >= s->length()) {
        it->set_target(Value::undefined());
        return Value::from_cell(TRY(CreateIterResultObject(vm, Value::undefined(), true)));
    }
    u32 end = index + 1;
    char16_t first = s->char_at(index);
    if (first >= 0xd800 && first <= 0xdbff && end < s->length()) {
        char16_t second = s->char_at(end);
        if (second >= 0xdc00 && second <= 0xdfff)
            ++end;
    }
    it->set_index(end);
    String* piece = string_substring(vm, s, index, end);
    if (!piece)
        return throw_out_of_memory(vm);
    return Value::from_cell(TRY(CreateIterResultObject(vm, Value::from_cell(piece), false)));
}

static ThrowOr<Value> collection_iterator_next(Vm& vm, CallArgs const& args, InternalIterator::Type type)
{
    InternalIterator* it = TRY(this_iterator(vm, args, type, type == InternalIterator::Map ? "Map Iterator.prototype.next" : "Set Iterator.prototype.next"));
    Value target = it->target();
    if (target.is_undefined())
        return Value::from_cell(TRY(CreateIterResultObject(vm, Value::undefined(), true)));
    u32 position = it->index();
    Value key, value;
    if (!collection_entry_at(as_object(target), &position, &key, &value)) {
        it->set_target(Value::undefined());
        return Value::from_cell(TRY(CreateIterResultObject(vm, Value::undefined(), true)));
    }
    it->set_index(position);
    Value result;
    if (it->kind() == InternalIterator::Keys || (type == InternalIterator::Set && it->kind() == InternalIterator::Values)) {
        result = key;
    } else if (it->kind() == InternalIterator::Values) {
        result = value;
    } else {
        Value pair[2] = { key, type == InternalIterator::Set ? key : value };
        result = Value::from_cell(TRY(CreateArrayFromList(vm, pair)));
    }
    return Value::from_cell(TRY(CreateIterResultObject(vm, result, false)));
}
static ThrowOr<Value> map_iterator_next(Vm& vm, CallArgs const& args) { return collection_iterator_next(vm, args, InternalIterator::Map); }
static ThrowOr<Value> set_iterator_next(Vm& vm, CallArgs const& args) { return collection_iterator_next(vm, args, InternalIterator::Set); }

// --- Generators -------------------------------------------------------------------------------------

// GeneratorResume / GeneratorResumeAbrupt
// spec: https://tc39.es/ecma262/#sec-generatorresume
static ThrowOr<Value> generator_resume(Vm& vm, CallArgs const& args, u32 kind, char const* name)
{
    Value t = args.this_value();
    if (!t.is_cell_of_kind(CellKind::GeneratorObject) || static_cast<Coroutine*>(t.as_cell())->kind() != Coroutine::Generator)
        return throw_type_error(vm, "%s method called on incompatible receiver %s", name, describe_for_error(vm, t).c_str());
    auto* c = static_cast<Coroutine*>(t.as_cell());
    u32 state = c->state().load_acquire();
    if (state == Coroutine::Executing)
        return throw_type_error(vm, "Generator is already running");
    if (state == Coroutine::Completed) {
        if (kind == 1)
            return throw_value(vm, args.arg(0));
        return Value::from_cell(TRY(CreateIterResultObject(vm, kind == 2 ? args.arg(0) : Value::undefined(), true)));
    }
    bool yielded = false;
    Value v = TRY(resume_coroutine(vm, c, args.arg(0), kind, &yielded));
    return Value::from_cell(TRY(CreateIterResultObject(vm, v, !yielded)));
}
static ThrowOr<Value> generator_next(Vm& vm, CallArgs const& args) { return generator_resume(vm, args, 0, "next"); }
static ThrowOr<Value> generator_throw(Vm& vm, CallArgs const& args) { return generator_resume(vm, args, 1, "throw"); }
static ThrowOr<Value> generator_return(Vm& vm, CallArgs const& args) { return generator_resume(vm, args, 2, "return"); }

constexpr NativeMethod kIteratorPrototypeMethods[] = { { "@@iterator", 0, iterator_prototype_iterator } };
constexpr NativeMethod kArrayIteratorMethods[] = { { "next", 0, array_iterator_next } };
constexpr NativeMethod kStringIteratorMethods[] = { { "next", 0, string_iterator_next } };
constexpr NativeMethod kMapIteratorMethods[] = { { "next", 0, map_iterator_next } };
constexpr NativeMethod kSetIteratorMethods[] = { { "next", 0, set_iterator_next } };
constexpr NativeMethod kGeneratorMethods[] = {
    { "next", 1, generator_next },
    { "return", 1, generator_return },
    { "throw", 1, generator_throw },
};

static ThrowOr<void> set_tag(Vm& vm, Object* o, char const* tag)
{
    String* s = TRY(intern(vm, tag));
    return DefinePropertyOrThrow(vm, o, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(s), PropertyAttributes::data(false, false, true)));
}

ThrowOr<void> install_iterator(Vm& vm)
{
    register_iterator_cell_kind();
    Realm& realm = *vm.realm();
    TRY(install_methods(vm, realm.iterator_prototype, kIteratorPrototypeMethods));
    TRY(install_methods(vm, realm.array_iterator_prototype, kArrayIteratorMethods));
    TRY(set_tag(vm, realm.array_iterator_prototype, "Array Iterator"));
    TRY(install_methods(vm, realm.string_iterator_prototype, kStringIteratorMethods));
    TRY(set_tag(vm, realm.string_iterator_prototype, "String Iterator"));
    TRY(install_methods(vm, realm.map_iterator_prototype, kMapIteratorMethods));
    TRY(set_tag(vm, realm.map_iterator_prototype, "Map Iterator"));
    TRY(install_methods(vm, realm.set_iterator_prototype, kSetIteratorMethods));
    TRY(set_tag(vm, realm.set_iterator_prototype, "Set Iterator"));
    return {};
}

ThrowOr<void> install_generator(Vm& vm)
{
    Realm& realm = *vm.realm();
    TRY(install_methods(vm, realm.generator_prototype, kGeneratorMethods));
    TRY(set_tag(vm, realm.generator_prototype, "Generator"));
    CommonNames const& names = common_names(vm);
    TRY(DefinePropertyOrThrow(vm, realm.generator_function_prototype, PropertyKey::from_atom(names.prototype),
        PropertyDescriptor::data(Value::from_cell(realm.generator_prototype), PropertyAttributes::data(false, false, true))));
    TRY(DefinePropertyOrThrow(vm, realm.generator_prototype, PropertyKey::from_atom(names.constructor),
        PropertyDescriptor::data(Value::from_cell(realm.generator_function_prototype), PropertyAttributes::data(false, false, true))));
    TRY(set_tag(vm, realm.generator_function_prototype, "GeneratorFunction"));
    TRY(set_tag(vm, realm.async_function_prototype, "AsyncFunction"));
    return {};
}

} // namespace weft
