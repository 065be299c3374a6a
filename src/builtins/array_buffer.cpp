// ArrayBuffer and SharedArrayBuffer (see typed_array.h for the layouts and the invariants).
// spec: https://tc39.es/ecma262/#sec-arraybuffer-objects
#include "builtins/builtins.h"
#include "builtins/typed_array.h"
#include "vm/trace.h"

#include <cmath>
#include <cstring>
#include <mutex>

namespace weft {

// --- Cells -------------------------------------------------------------------------------------

ArrayBufferData* ArrayBufferData::try_create(Vm& vm, u64 capacity)
{
    auto* data = vm.try_allocate<ArrayBufferData>(sizeof(ArrayBufferData) + capacity, CellKind::ArrayBufferData);
    if (!data)
        return nullptr;
    data->m_capacity = capacity; // the bytes are zeroed by the heap
    return data;
}

ArrayBufferObject* ArrayBufferObject::try_create(Vm& vm, Object* prototype, u64 byte_length, u64 max_byte_length, u32 flags)
{
    u64 capacity = (flags & kResizable) ? max_byte_length : byte_length;
    ArrayBufferData* data = nullptr;
    if (capacity) {
        data = ArrayBufferData::try_create(vm, capacity);
        if (!data)
            return nullptr;
    }
    auto* buffer = static_cast<ArrayBufferObject*>(EngineObject::try_create(vm, CellKind::ArrayBufferObject, prototype, sizeof(ArrayBufferObject)));
    if (!buffer)
        return nullptr;
    buffer->m_data = data;
    buffer->m_length_word.store_relaxed(byte_length);
    buffer->m_max_byte_length = (flags & kResizable) ? max_byte_length : byte_length;
    buffer->m_flags = flags;
    return buffer;
}

bool ArrayBufferObject::detach()
{
    if (is_shared())
        return false;
    // The bytes stay until the data cell dies: a racing access that read the old length still
    // touches memory of this buffer (typed_array.h, Invariants). A resize in progress finishes
    // first, so its final store cannot undo the detach.
    for (;;) {
        u64 word = m_length_word.load_acquire();
        if (word & kResizingBit) {
            cpu_relax();
            continue;
        }
        if (m_length_word.compare_exchange_seq_cst(word, kDetachedBit))
            return true;
    }
}

bool ArrayBufferObject::set_byte_length(u64 expected, u64 new_length)
{
    WEFT_ASSERT(is_resizable() && new_length <= m_max_byte_length && !(expected & kDetachedBit));
    if (is_shared()) {
        // A growable SharedArrayBuffer never shrinks: the bytes past its length were never
        // exposed and are still zero, so growing is one CAS.
        return m_length_word.compare_exchange_seq_cst(expected, new_length);
    }
    // Take the resizing bit, zero the grown part (it may hold values from before a shrink, or
    // a racing write through a stale length: CreateByteDataBlock's bytes are zero), publish.
    if (!m_length_word.compare_exchange_seq_cst(expected, expected | kResizingBit)) {
        cpu_relax();
        return false;
    }
    u8* base = bytes();
    for (u64 i = expected; i < new_length; ++i)
        __atomic_store_n(base + i, u8(0), __ATOMIC_RELAXED);
    m_length_word.store_seq_cst(new_length);
    return true;
}

void ArrayBufferObject::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    tracer.visit(static_cast<ArrayBufferObject*>(cell)->m_data);
}

void BufferViewObject::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    tracer.visit(static_cast<BufferViewObject*>(cell)->m_buffer);
}

void register_typed_array_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_cell_kind(to_u8(CellKind::ArrayBufferObject), { "ArrayBufferObject", ArrayBufferObject::trace, nullptr });
        register_cell_kind(to_u8(CellKind::TypedArrayObject), { "TypedArrayObject", BufferViewObject::trace, nullptr });
        register_cell_kind(to_u8(CellKind::DataViewObject), { "DataViewObject", BufferViewObject::trace, nullptr });
        // Raw bytes: nothing to trace.
        register_cell_kind(to_u8(CellKind::ArrayBufferData), { "ArrayBufferData", [](Cell*, Tracer&) { }, nullptr });
    });
}

// --- Shared abstract operations ----------------------------------------------------------------------

ThrowOr<u64> ToIndex(Vm& vm, Value value)
{
    // 1. Let integer be ? ToIntegerOrInfinity(value).
    double integer = TRY(ToIntegerOrInfinity(vm, value));
    // 2. If integer is not in the inclusive interval from 0 to 2^53 - 1, throw a RangeError.
    if (!(integer >= 0 && integer <= 9007199254740991.0))
        return throw_range_error(vm, "Invalid index: %s", describe_for_error(vm, value).c_str());
    return static_cast<u64>(integer);
}

ThrowOr<Value> SpeciesConstructor(Vm& vm, Object* o, Object* default_constructor)
{
    // 1. Let C be ? Get(O, "constructor"). 2. If C is undefined, return defaultConstructor.
    Value c = TRY(Get(vm, o, PropertyKey::from_atom(common_names(vm).constructor)));
    if (c.is_undefined())
        return Value::from_cell(default_constructor);
    // 3. If C is not an Object, throw a TypeError exception.
    if (!is_object(c))
        return throw_type_error(vm, "object.constructor is not an object");
    // 4. Let S be ? Get(C, @@species). 5. If S is either undefined or null, return defaultConstructor.
    Value s = TRY(Get(vm, as_object(c), PropertyKey::from_symbol(well_known_symbols(vm).species)));
    if (s.is_nullish())
        return Value::from_cell(default_constructor);
    // 6. If IsConstructor(S) is true, return S. 7. Throw a TypeError exception.
    if (IsConstructor(s))
        return s;
    return throw_type_error(vm, "object.constructor[Symbol.species] is not a constructor");
}

namespace {

enum class Kind : u8 { Plain, Shared };

ThrowOr<ArrayBufferObject*> this_buffer(Vm& vm, CallArgs const& args, Kind kind, char const* method)
{
    Value t = args.this_value();
    if (!is_array_buffer(t) || as_array_buffer(t)->is_shared() != (kind == Kind::Shared))
        return throw_type_error(vm, "Method %s called on incompatible receiver %s", method, describe_for_error(vm, t).c_str());
    return as_array_buffer(t);
}

// GetArrayBufferMaxByteLengthOption ( options ): nullopt for "empty".
// spec: https://tc39.es/ecma262/#sec-getarraybuffermaxbytelengthoption
ThrowOr<std::optional<u64>> GetArrayBufferMaxByteLengthOption(Vm& vm, Value options)
{
    // 1. If options is not an Object, return empty.
    if (!is_object(options))
        return std::optional<u64>();
    // 2. Let maxByteLength be ? Get(options, "maxByteLength"). 3. If undefined, return empty.
    Value max = TRY(Get(vm, as_object(options), TRY(key_for(vm, "maxByteLength"))));
    if (max.is_undefined())
        return std::optional<u64>();
    // 4. Return ? ToIndex(maxByteLength).
    return std::optional<u64>(TRY(ToIndex(vm, max)));
}

// AllocateArrayBuffer ( constructor, byteLength [ , maxByteLength ] ) and
// AllocateSharedArrayBuffer ( constructor, byteLength [ , maxByteLength ] )
// spec: https://tc39.es/ecma262/#sec-allocatearraybuffer
ThrowOr<ArrayBufferObject*> allocate_buffer(Vm& vm, Value constructor, Kind kind, u64 byte_length, std::optional<u64> max)
{
    // 3. If allocatingResizableBuffer is true and byteLength > maxByteLength, throw a RangeError.
    if (max && byte_length > *max)
        return throw_range_error(vm, "Invalid array buffer length: byteLength exceeds maxByteLength");
    // 4. Let obj be ? OrdinaryCreateFromConstructor(constructor, proto, slots).
    Realm& realm = *vm.realm();
    Object* fallback = kind == Kind::Shared ? realm.shared_array_buffer_prototype : realm.array_buffer_prototype;
    Object* proto = TRY(GetPrototypeFromConstructor(vm, constructor, fallback));
    // 5. Let block be ? CreateByteDataBlock(byteLength) (RangeError when impossible).
    if (byte_length > ArrayBufferObject::kMaxByteLength || (max && *max > ArrayBufferObject::kMaxByteLength))
        return throw_range_error(vm, "Array buffer allocation failed");
    u32 flags = (kind == Kind::Shared ? ArrayBufferObject::kShared : 0) | (max ? ArrayBufferObject::kResizable : 0);
    ArrayBufferObject* buffer = ArrayBufferObject::try_create(vm, proto, byte_length, max.value_or(byte_length), flags);
    if (!buffer)
        return throw_range_error(vm, "Array buffer allocation failed");
    return buffer;
}

// ArrayBuffer ( length [ , options ] ) and SharedArrayBuffer ( length [ , options ] )
// spec: https://tc39.es/ecma262/#sec-arraybuffer-length
ThrowOr<Value> buffer_constructor(Vm& vm, CallArgs const& args, Kind kind)
{
    // 1. If NewTarget is undefined, throw a TypeError exception.
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor %s requires 'new'", kind == Kind::Shared ? "SharedArrayBuffer" : "ArrayBuffer");
    // 2. Let byteLength be ? ToIndex(length).
    u64 byte_length = TRY(ToIndex(vm, args.arg(0)));
    // 3. Let requestedMaxByteLength be ? GetArrayBufferMaxByteLengthOption(options).
    std::optional<u64> max = TRY(GetArrayBufferMaxByteLengthOption(vm, args.arg(1)));
    // 4. Return ? AllocateArrayBuffer(NewTarget, byteLength, requestedMaxByteLength).
    return Value::from_cell(TRY(allocate_buffer(vm, args.new_target(), kind, byte_length, max)));
}

ThrowOr<Value> array_buffer_constructor(Vm& vm, CallArgs const& args) { return buffer_constructor(vm, args, Kind::Plain); }
ThrowOr<Value> shared_array_buffer_constructor(Vm& vm, CallArgs const& args) { return buffer_constructor(vm, args, Kind::Shared); }

// ArrayBuffer.isView ( arg )
// spec: https://tc39.es/ecma262/#sec-arraybuffer.isview
ThrowOr<Value> array_buffer_is_view(Vm&, CallArgs const& args)
{
    Value arg = args.arg(0);
    return Value::boolean(arg.is_cell_of_kind(CellKind::TypedArrayObject) || arg.is_cell_of_kind(CellKind::DataViewObject));
}

// get ArrayBuffer [ @@species ] / get SharedArrayBuffer [ @@species ]
ThrowOr<Value> get_species(Vm&, CallArgs const& args) { return args.this_value(); }

// get ArrayBuffer.prototype.byteLength
ThrowOr<Value> array_buffer_byte_length(Vm& vm, CallArgs const& args)
{
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Plain, "ArrayBuffer.prototype.byteLength"));
    // 4. If IsDetachedBuffer(O) is true, return +0.
    return Value::from_u64(o->byte_length());
}

// get ArrayBuffer.prototype.maxByteLength
ThrowOr<Value> array_buffer_max_byte_length(Vm& vm, CallArgs const& args)
{
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Plain, "ArrayBuffer.prototype.maxByteLength"));
    u64 word = o->length_word();
    if (word & ArrayBufferObject::kDetachedBit)
        return Value::from_i32(0);
    return Value::from_u64(o->is_resizable() ? o->max_byte_length() : word);
}

// get ArrayBuffer.prototype.resizable
ThrowOr<Value> array_buffer_resizable(Vm& vm, CallArgs const& args)
{
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Plain, "ArrayBuffer.prototype.resizable"));
    return Value::boolean(o->is_resizable());
}

// get ArrayBuffer.prototype.detached
ThrowOr<Value> array_buffer_detached(Vm& vm, CallArgs const& args)
{
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Plain, "ArrayBuffer.prototype.detached"));
    return Value::boolean(o->is_detached());
}

// ArrayBuffer.prototype.resize ( newLength )
// spec: https://tc39.es/ecma262/#sec-arraybuffer.prototype.resize
ThrowOr<Value> array_buffer_resize(Vm& vm, CallArgs const& args)
{
    // 1-3. Perform ? RequireInternalSlot(O, [[ArrayBufferMaxByteLength]]); not shared.
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Plain, "ArrayBuffer.prototype.resize"));
    if (!o->is_resizable())
        return throw_type_error(vm, "Method ArrayBuffer.prototype.resize called on a fixed-length ArrayBuffer");
    // 4. Let newByteLength be ? ToIndex(newLength).
    u64 new_length = TRY(ToIndex(vm, args.arg(0)));
    for (;;) {
        u64 word = o->length_word();
        // 5. If IsDetachedBuffer(O) is true, throw a TypeError exception.
        if (word & ArrayBufferObject::kDetachedBit)
            return throw_type_error(vm, "Cannot resize a detached ArrayBuffer");
        // 6. If newByteLength > O.[[ArrayBufferMaxByteLength]], throw a RangeError exception.
        if (new_length > o->max_byte_length())
            return throw_range_error(vm, "ArrayBuffer.prototype.resize: Invalid length parameter");
        // 7-9. HostResizeArrayBuffer: the data block reserved the maximum; only the length changes.
        if (o->set_byte_length(word, new_length))
            return Value::undefined();
    }
}

// ArrayBuffer.prototype.slice ( start, end ) and SharedArrayBuffer.prototype.slice ( start, end )
// spec: https://tc39.es/ecma262/#sec-arraybuffer.prototype.slice
ThrowOr<Value> buffer_slice(Vm& vm, CallArgs const& args, Kind kind)
{
    char const* name = kind == Kind::Shared ? "SharedArrayBuffer.prototype.slice" : "ArrayBuffer.prototype.slice";
    // 1-3. RequireInternalSlot(O, [[ArrayBufferData]]); IsSharedArrayBuffer(O) must match.
    ArrayBufferObject* o = TRY(this_buffer(vm, args, kind, name));
    // 4. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    if (o->is_detached())
        return throw_type_error(vm, "Cannot perform %s on a detached ArrayBuffer", name);
    // 5. Let len be O.[[ArrayBufferByteLength]].
    double len = static_cast<double>(o->byte_length());
    // 6-9. relativeStart / first, relativeEnd / final.
    double relative_start = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    double first = relative_start < 0 ? std::max(len + relative_start, 0.0) : std::min(relative_start, len);
    double relative_end = args.arg(1).is_undefined() ? len : TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    double final_ = relative_end < 0 ? std::max(len + relative_end, 0.0) : std::min(relative_end, len);
    // 10. Let newLen be max(final - first, 0).
    u64 new_len = static_cast<u64>(std::max(final_ - first, 0.0));
    // 11. Let ctor be ? SpeciesConstructor(O, %ArrayBuffer%).
    Realm& realm = *vm.realm();
    Value ctor = TRY(SpeciesConstructor(vm, o, kind == Kind::Shared ? realm.shared_array_buffer_constructor : realm.array_buffer_constructor));
    // 12. Let new be ? Construct(ctor, « 𝔽(newLen) »).
    Value len_arg = Value::from_u64(new_len);
    Value created = TRY(Construct(vm, ctor, std::span<Value const>(&len_arg, 1)));
    // 13-15. RequireInternalSlot(new, [[ArrayBufferData]]); shared-ness; not detached.
    if (!is_array_buffer(created) || as_array_buffer(created)->is_shared() != (kind == Kind::Shared))
        return throw_type_error(vm, "%s: species constructor did not return an %s", name, kind == Kind::Shared ? "SharedArrayBuffer" : "ArrayBuffer");
    ArrayBufferObject* result = as_array_buffer(created);
    if (result->is_detached())
        return throw_type_error(vm, "%s: species constructor returned a detached ArrayBuffer", name);
    // 16. If SameValue(new, O) is true, throw a TypeError exception.
    if (result == o)
        return throw_type_error(vm, "%s: species constructor returned the same buffer", name);
    // 17. If new.[[ArrayBufferByteLength]] < newLen, throw a TypeError exception.
    if (result->byte_length() < new_len)
        return throw_type_error(vm, "%s: species constructor returned a buffer that is too small", name);
    // 19. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    u64 word = o->length_word();
    if (word & ArrayBufferObject::kDetachedBit)
        return throw_type_error(vm, "Cannot perform %s on a detached ArrayBuffer", name);
    // 21-22. Copy min(newLen, currentLen - first) bytes if first < currentLen.
    u64 current_len = word;
    u64 from = static_cast<u64>(first);
    if (from < current_len) {
        u64 count = std::min(new_len, current_len - from);
        u8 const* src = o->bytes() + from;
        u8* dst = result->bytes();
        u64 target_len = result->byte_length();
        count = std::min(count, target_len);
        for (u64 i = 0; i < count; ++i)
            __atomic_store_n(dst + i, __atomic_load_n(src + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
    }
    return created;
}

ThrowOr<Value> array_buffer_slice(Vm& vm, CallArgs const& args) { return buffer_slice(vm, args, Kind::Plain); }
ThrowOr<Value> shared_array_buffer_slice(Vm& vm, CallArgs const& args) { return buffer_slice(vm, args, Kind::Shared); }

// ArrayBufferCopyAndDetach ( arrayBuffer, newLength, preserveResizability )
// spec: https://tc39.es/ecma262/#sec-arraybuffercopyanddetach
ThrowOr<Value> ArrayBufferCopyAndDetach(Vm& vm, CallArgs const& args, bool preserve_resizability, char const* name)
{
    // 1-2. RequireInternalSlot(arrayBuffer, [[ArrayBufferData]]); not shared.
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Plain, name));
    // 3. newByteLength: the current length, or ? ToIndex(newLength).
    u64 new_length = args.arg(0).is_undefined() ? o->byte_length() : TRY(ToIndex(vm, args.arg(0)));
    // 4. If IsDetachedBuffer(arrayBuffer) is true, throw a TypeError exception.
    if (o->is_detached())
        return throw_type_error(vm, "Cannot perform %s on a detached ArrayBuffer", name);
    // 5. newMaxByteLength: the buffer's maximum when resizability is preserved.
    std::optional<u64> max;
    if (preserve_resizability && o->is_resizable())
        max = o->max_byte_length();
    // 6. [[ArrayBufferDetachKey]] is always undefined here.
    // 7. Let newBuffer be ? AllocateArrayBuffer(%ArrayBuffer%, newByteLength, newMaxByteLength).
    ArrayBufferObject* result = TRY(allocate_buffer(vm, Value::from_cell(vm.realm()->array_buffer_constructor), Kind::Plain, new_length, max));
    // 8-10. Copy min(newByteLength, arrayBuffer.[[ArrayBufferByteLength]]) bytes.
    // NOTE: the bytes are copied rather than moved, so a thread still reading the old buffer
    // through a stale length touches memory that stays valid (typed_array.h, Invariants).
    u64 word = o->length_word();
    if (!(word & ArrayBufferObject::kDetachedBit)) {
        u64 count = std::min(new_length, word);
        u8 const* src = o->bytes();
        u8* dst = result->bytes();
        for (u64 i = 0; i < count; ++i)
            __atomic_store_n(dst + i, __atomic_load_n(src + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
    }
    // 11. Perform ! DetachArrayBuffer(arrayBuffer).
    o->detach();
    return Value::from_cell(result);
}

// ArrayBuffer.prototype.transfer ( [ newLength ] ) and transferToFixedLength ( [ newLength ] )
ThrowOr<Value> array_buffer_transfer(Vm& vm, CallArgs const& args) { return ArrayBufferCopyAndDetach(vm, args, true, "ArrayBuffer.prototype.transfer"); }
ThrowOr<Value> array_buffer_transfer_to_fixed_length(Vm& vm, CallArgs const& args) { return ArrayBufferCopyAndDetach(vm, args, false, "ArrayBuffer.prototype.transferToFixedLength"); }

// get SharedArrayBuffer.prototype.byteLength
ThrowOr<Value> shared_array_buffer_byte_length(Vm& vm, CallArgs const& args)
{
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Shared, "SharedArrayBuffer.prototype.byteLength"));
    return Value::from_u64(o->byte_length());
}

// get SharedArrayBuffer.prototype.growable
ThrowOr<Value> shared_array_buffer_growable(Vm& vm, CallArgs const& args)
{
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Shared, "SharedArrayBuffer.prototype.growable"));
    return Value::boolean(o->is_resizable());
}

// get SharedArrayBuffer.prototype.maxByteLength
ThrowOr<Value> shared_array_buffer_max_byte_length(Vm& vm, CallArgs const& args)
{
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Shared, "SharedArrayBuffer.prototype.maxByteLength"));
    return Value::from_u64(o->is_resizable() ? o->max_byte_length() : o->byte_length());
}

// SharedArrayBuffer.prototype.grow ( newLength )
// spec: https://tc39.es/ecma262/#sec-sharedarraybuffer.prototype.grow
ThrowOr<Value> shared_array_buffer_grow(Vm& vm, CallArgs const& args)
{
    // 1-3. RequireInternalSlot(O, [[ArrayBufferMaxByteLength]]); shared.
    ArrayBufferObject* o = TRY(this_buffer(vm, args, Kind::Shared, "SharedArrayBuffer.prototype.grow"));
    if (!o->is_resizable())
        return throw_type_error(vm, "Method SharedArrayBuffer.prototype.grow called on a fixed-length SharedArrayBuffer");
    // 4. Let newByteLength be ? ToIndex(newLength).
    u64 new_length = TRY(ToIndex(vm, args.arg(0)));
    // 5-6. If newByteLength > O.[[ArrayBufferMaxByteLength]], throw a RangeError exception.
    if (new_length > o->max_byte_length())
        return throw_range_error(vm, "SharedArrayBuffer.prototype.grow: Invalid length parameter");
    // 7-11. Loop: a concurrent grow is retried (the length only grows).
    for (;;) {
        u64 current = o->byte_length();
        if (new_length == current)
            return Value::undefined();
        if (new_length < current)
            return throw_range_error(vm, "SharedArrayBuffer.prototype.grow: Invalid length parameter");
        if (o->set_byte_length(current, new_length))
            return Value::undefined();
    }
}

constexpr NativeMethod kArrayBufferMethods[] = { { "isView", 1, array_buffer_is_view } };
constexpr NativeAccessor kSpeciesAccessor[] = { { "@@species", get_species, nullptr } };
constexpr NativeMethod kArrayBufferPrototypeMethods[] = {
    { "resize", 1, array_buffer_resize },
    { "slice", 2, array_buffer_slice },
    { "transfer", 0, array_buffer_transfer },
    { "transferToFixedLength", 0, array_buffer_transfer_to_fixed_length },
};
constexpr NativeAccessor kArrayBufferPrototypeAccessors[] = {
    { "byteLength", array_buffer_byte_length, nullptr },
    { "detached", array_buffer_detached, nullptr },
    { "maxByteLength", array_buffer_max_byte_length, nullptr },
    { "resizable", array_buffer_resizable, nullptr },
};
constexpr NativeMethod kSharedArrayBufferPrototypeMethods[] = {
    { "grow", 1, shared_array_buffer_grow },
    { "slice", 2, shared_array_buffer_slice },
};
constexpr NativeAccessor kSharedArrayBufferPrototypeAccessors[] = {
    { "byteLength", shared_array_buffer_byte_length, nullptr },
    { "growable", shared_array_buffer_growable, nullptr },
    { "maxByteLength", shared_array_buffer_max_byte_length, nullptr },
};

ThrowOr<void> set_to_string_tag(Vm& vm, Object* o, char const* tag)
{
    String* s = TRY(intern(vm, tag));
    return DefinePropertyOrThrow(vm, o, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(s), PropertyAttributes::data(false, false, true)));
}

} // namespace

ThrowOr<void> install_array_buffer(Vm& vm)
{
    Realm& realm = *vm.realm();
    realm.array_buffer_prototype = TRY(new_object(vm));
    realm.shared_array_buffer_prototype = TRY(new_object(vm));

    NativeFunction* ab = TRY(install_constructor(vm, "ArrayBuffer", 1, array_buffer_constructor, realm.array_buffer_prototype));
    realm.array_buffer_constructor = ab;
    TRY(install_methods(vm, ab, kArrayBufferMethods));
    TRY(install_accessors(vm, ab, kSpeciesAccessor));
    TRY(install_methods(vm, realm.array_buffer_prototype, kArrayBufferPrototypeMethods));
    TRY(install_accessors(vm, realm.array_buffer_prototype, kArrayBufferPrototypeAccessors));
    TRY(set_to_string_tag(vm, realm.array_buffer_prototype, "ArrayBuffer"));

    NativeFunction* sab = TRY(install_constructor(vm, "SharedArrayBuffer", 1, shared_array_buffer_constructor, realm.shared_array_buffer_prototype));
    realm.shared_array_buffer_constructor = sab;
    TRY(install_accessors(vm, sab, kSpeciesAccessor));
    TRY(install_methods(vm, realm.shared_array_buffer_prototype, kSharedArrayBufferPrototypeMethods));
    TRY(install_accessors(vm, realm.shared_array_buffer_prototype, kSharedArrayBufferPrototypeAccessors));
    TRY(set_to_string_tag(vm, realm.shared_array_buffer_prototype, "SharedArrayBuffer"));
    return {};
}

} // namespace weft
