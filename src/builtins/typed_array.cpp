// The TypedArrays: element conversion and access, the integer-indexed exotic object behaviour the
// object model calls through IntegerIndexedHooks, %TypedArray% and the nine constructors, and the
// installer of the whole family (prototype methods: typed_array_prototype.cpp).
// spec: https://tc39.es/ecma262/#sec-typedarray-objects
#include "builtins/typed_array_internal.h"

#include "base/number_format.h"
#include "objects/string_conversions.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace weft {

// --- Element types -------------------------------------------------------------------------------

u32 element_size(ElementType type)
{
    static constexpr u8 kSizes[] = {
#define WEFT_ELEMENT_SIZE(name, lower, ctor, ctype, size) size,
        WEFT_ENUMERATE_TYPED_ARRAY_TYPES(WEFT_ELEMENT_SIZE)
#undef WEFT_ELEMENT_SIZE
    };
    return kSizes[static_cast<u8>(type)];
}

char const* typed_array_name(ElementType type)
{
    static constexpr char const* kNames[] = {
#define WEFT_ELEMENT_NAME(name, lower, ctor, ctype, size) #ctor,
        WEFT_ENUMERATE_TYPED_ARRAY_TYPES(WEFT_ELEMENT_NAME)
#undef WEFT_ELEMENT_NAME
    };
    return kNames[static_cast<u8>(type)];
}

template<typename T>
static T load_relaxed(u8 const* p)
{
    return __atomic_load_n(reinterpret_cast<T const*>(p), __ATOMIC_RELAXED);
}
template<typename T>
static void store_relaxed(u8* p, T v)
{
    __atomic_store_n(reinterpret_cast<T*>(p), v, __ATOMIC_RELAXED);
}

// binary16 (IEEE 754 half precision) to double: exact.
static double half_to_double(u16 h)
{
    int exponent = (h >> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    double magnitude;
    if (exponent == 0)
        magnitude = std::ldexp(mantissa, -24);
    else if (exponent == 31)
        magnitude = mantissa ? NAN : INFINITY;
    else
        magnitude = std::ldexp(1024 + mantissa, exponent - 25);
    return (h & 0x8000) ? -magnitude : magnitude;
}

// double to binary16, rounding to nearest, ties to even, directly from the double (rounding
// through float first could round twice).
static u16 double_to_half(double d)
{
    u16 sign = std::signbit(d) ? 0x8000 : 0;
    if (std::isnan(d))
        return 0x7e00;
    double a = std::fabs(d);
    if (a == 0)
        return sign;
    if (a < 0x1p-14) {
        // Subnormal: a multiple of 2^-24; 1024 units is the smallest normal's encoding.
        double units = std::nearbyint(a * 0x1p24);
        return sign | static_cast<u16>(units);
    }
    int e = std::ilogb(a);
    double mantissa = std::nearbyint((std::ldexp(a, -e) - 1) * 1024);
    if (mantissa == 1024) {
        mantissa = 0;
        ++e;
    }
    if (e > 15)
        return sign | 0x7c00;
    return sign | static_cast<u16>(((e + 15) << 10) | static_cast<int>(mantissa));
}

double round_to_float16(double value) { return half_to_double(double_to_half(value)); }

// RawBytesToNumeric for one element, read with a relaxed atomic load ("Unordered").
// spec: https://tc39.es/ecma262/#sec-rawbytestonumeric
Value typed_array_load(ElementType type, u8 const* p)
{
    switch (type) {
    case ElementType::Int8: return Value::from_i32(static_cast<i8>(load_relaxed<u8>(p)));
    case ElementType::Uint8:
    case ElementType::Uint8Clamped: return Value::from_i32(load_relaxed<u8>(p));
    case ElementType::Int16: return Value::from_i32(static_cast<i16>(load_relaxed<u16>(p)));
    case ElementType::Uint16: return Value::from_i32(load_relaxed<u16>(p));
    case ElementType::Int32: return Value::from_i32(static_cast<i32>(load_relaxed<u32>(p)));
    case ElementType::Uint32: return Value::from_u64(load_relaxed<u32>(p));
    case ElementType::Float16: return Value::from_number(half_to_double(load_relaxed<u16>(p)));
    case ElementType::Float32: return Value::from_number(std::bit_cast<float>(load_relaxed<u32>(p)));
    case ElementType::Float64: return Value::from_number(std::bit_cast<double>(load_relaxed<u64>(p)));
    }
    WEFT_UNREACHABLE();
}

// ToUint8Clamp ( argument ) on a Number.
// spec: https://tc39.es/ecma262/#sec-touint8clamp
static u8 to_uint8_clamp(double d)
{
    if (std::isnan(d) || d <= 0)
        return 0;
    if (d >= 255)
        return 255;
    double f = std::floor(d);
    if (f + 0.5 < d)
        return static_cast<u8>(f + 1);
    if (d < f + 0.5)
        return static_cast<u8>(f);
    return static_cast<u8>(static_cast<int>(f) % 2 == 0 ? f : f + 1);
}

// NumericToRawBytes for one element, written with a relaxed atomic store ("Unordered").
// spec: https://tc39.es/ecma262/#sec-numerictorawbytes
void typed_array_store(ElementType type, u8* p, double d)
{
    switch (type) {
    case ElementType::Int8:
    case ElementType::Uint8: store_relaxed<u8>(p, static_cast<u8>(ToInt32(d))); return;
    case ElementType::Uint8Clamped: store_relaxed<u8>(p, to_uint8_clamp(d)); return;
    case ElementType::Int16:
    case ElementType::Uint16: store_relaxed<u16>(p, static_cast<u16>(ToInt32(d))); return;
    case ElementType::Int32:
    case ElementType::Uint32: store_relaxed<u32>(p, static_cast<u32>(ToInt32(d))); return;
    case ElementType::Float16: store_relaxed<u16>(p, double_to_half(d)); return;
    case ElementType::Float32: store_relaxed<u32>(p, std::bit_cast<u32>(static_cast<float>(d))); return;
    case ElementType::Float64: store_relaxed<u64>(p, std::bit_cast<u64>(d)); return;
    }
}

// --- Views ---------------------------------------------------------------------------------------

TypedArrayObject* TypedArrayObject::try_create(Vm& vm, Object* prototype, ElementType type, ArrayBufferObject* buffer, u64 byte_offset, u64 length)
{
    auto* ta = static_cast<TypedArrayObject*>(EngineObject::try_create(vm, CellKind::TypedArrayObject, prototype, sizeof(TypedArrayObject)));
    if (!ta)
        return nullptr;
    ta->m_buffer = buffer;
    ta->m_byte_offset = byte_offset;
    ta->m_length = length;
    ta->m_type = static_cast<u8>(type);
    return ta;
}

DataViewObject* DataViewObject::try_create(Vm& vm, Object* prototype, ArrayBufferObject* buffer, u64 byte_offset, u64 byte_length)
{
    auto* view = static_cast<DataViewObject*>(EngineObject::try_create(vm, CellKind::DataViewObject, prototype, sizeof(DataViewObject)));
    if (!view)
        return nullptr;
    view->m_buffer = buffer;
    view->m_byte_offset = byte_offset;
    view->m_length = byte_length;
    return view;
}

TypedArrayView typed_array_view(TypedArrayObject* ta)
{
    TypedArrayView view;
    ArrayBufferObject* buffer = ta->buffer();
    // One read of the length word: the witness record's [[CachedBufferByteLength]].
    u64 word = buffer->length_word();
    if (word & ArrayBufferObject::kDetachedBit) {
        view.detached = true;
        return view;
    }
    u64 buffer_length = word;
    u64 offset = ta->byte_offset_raw();
    u32 size = ta->element_size();
    // IsTypedArrayOutOfBounds / TypedArrayLength
    if (offset > buffer_length)
        return view;
    u64 length;
    if (ta->tracks_length()) {
        length = (buffer_length - offset) / size;
    } else {
        length = ta->length_raw();
        if (length * size > buffer_length - offset)
            return view;
    }
    view.base = buffer->bytes() + offset;
    view.length = length;
    view.out_of_bounds = false;
    return view;
}

// --- Element access by index -----------------------------------------------------------------------

// IsValidIntegerIndex ( O, index ) on a double index.
// spec: https://tc39.es/ecma262/#sec-isvalidintegerindex
static bool valid_index(TypedArrayView const& view, double index, u64* out)
{
    if (view.out_of_bounds)
        return false;
    // 2. If IsIntegralNumber(index) is false, return false. 3. If index is -0, return false.
    if (!(index >= 0) || index != std::floor(index) || (index == 0 && std::signbit(index)))
        return false;
    if (index >= static_cast<double>(view.length))
        return false;
    *out = static_cast<u64>(index);
    return true;
}

std::optional<Value> typed_array_get_element(TypedArrayObject* ta, double index)
{
    TypedArrayView view = typed_array_view(ta);
    u64 i;
    if (!valid_index(view, index, &i))
        return std::nullopt;
    return typed_array_load(ta->type(), view.base + i * ta->element_size());
}

void typed_array_set_element_number(TypedArrayObject* ta, double index, double value)
{
    TypedArrayView view = typed_array_view(ta);
    u64 i;
    if (!valid_index(view, index, &i))
        return;
    typed_array_store(ta->type(), view.base + i * ta->element_size(), value);
}

Value typed_array_get_index(TypedArrayObject* ta, u64 index)
{
    TypedArrayView view = typed_array_view(ta);
    if (view.out_of_bounds || index >= view.length)
        return Value::undefined();
    return typed_array_load(ta->type(), view.base + index * ta->element_size());
}

ThrowOr<void> TypedArraySetElement(Vm& vm, TypedArrayObject* ta, double index, Value value)
{
    // 1-2. Let numValue be ? ToNumber(value) (BigInt arrays would use ToBigInt).
    double number = TRY(ToNumber(vm, value));
    // 3. If IsValidIntegerIndex(O, index) is true, store it.
    typed_array_set_element_number(ta, index, number);
    return {};
}

bool typed_array_get_index_fast(Object* o, i32 index, Value* out)
{
    if (index < 0)
        return false;
    auto* ta = static_cast<TypedArrayObject*>(o);
    TypedArrayView view = typed_array_view(ta);
    if (view.out_of_bounds || u64(index) >= view.length)
        *out = Value::undefined();
    else
        *out = typed_array_load(ta->type(), view.base + u64(index) * ta->element_size());
    return true;
}

bool typed_array_set_index_fast(Object* o, i32 index, Value number)
{
    if (index < 0)
        return false;
    // [[Set]] with O as the receiver: store when the index is valid, else nothing (and true).
    typed_array_set_element_number(static_cast<TypedArrayObject*>(o), index, number.as_number());
    return true;
}

// CanonicalNumericIndexString ( argument ) on a property key.
// spec: https://tc39.es/ecma262/#sec-canonicalnumericindexstring
bool canonical_numeric_index(PropertyKey key, double* out)
{
    if (key.is_index()) {
        *out = key.as_index();
        return true;
    }
    if (key.is_symbol())
        return false;
    String const* s = key.as_atom();
    u32 length = s->length();
    // Quick rejection: a Number's string form starts with a digit, '-', 'I'(nfinity) or 'N'(aN)
    // and is at most 25 characters long.
    if (length == 0 || length > 32)
        return false;
    char16_t first = s->char_at(0);
    if (!((first >= '0' && first <= '9') || first == '-' || first == 'I' || first == 'N'))
        return false;
    char text[40];
    for (u32 i = 0; i < length; ++i) {
        char16_t c = s->char_at(i);
        if (c > 127)
            return false;
        text[i] = static_cast<char>(c);
    }
    std::string_view view(text, length);
    // 1. If argument is "-0", return -0.
    if (view == "-0") {
        *out = -0.0;
        return true;
    }
    // 2. Let n be ! ToNumber(argument). 3. If ! ToString(n) is argument, return n.
    double n = string_to_number_ascii(view);
    char buffer[kMaxNumberChars];
    usize written = number_to_chars(n, buffer);
    if (std::string_view(buffer, written) != view)
        return false;
    *out = n;
    return true;
}

// --- The object model's hooks (objects/object.h) -----------------------------------------------------

static std::optional<Value> hook_get_element(Object* o, double index) { return typed_array_get_element(static_cast<TypedArrayObject*>(o), index); }
static void hook_set_element(Object* o, double index, Value number) { typed_array_set_element_number(static_cast<TypedArrayObject*>(o), index, number.as_number()); }
static u64 hook_length(Object* o) { return typed_array_view(static_cast<TypedArrayObject*>(o)).length; }

static constexpr IntegerIndexedHooks kHooks = { canonical_numeric_index, hook_get_element, hook_set_element, hook_length };

// [[Set]] ( P, V, Receiver )
// spec: https://tc39.es/ecma262/#sec-typedarray-set
ThrowOr<bool> typed_array_set(Vm& vm, Object* o, PropertyKey key, Value value, Value receiver)
{
    // 1. If P is a String, then a. Let numericIndex be CanonicalNumericIndexString(P).
    double index;
    if (canonical_numeric_index(key, &index)) {
        auto* ta = static_cast<TypedArrayObject*>(o);
        // i. If SameValue(O, Receiver) is true: ? TypedArraySetElement(O, numericIndex, V); return true.
        if (receiver == Value::from_cell(o)) {
            TRY(TypedArraySetElement(vm, ta, index, value));
            return true;
        }
        // ii. If IsValidIntegerIndex(O, numericIndex) is false, return true.
        if (!typed_array_get_element(ta, index))
            return true;
    }
    // 2. Return ? OrdinarySet(O, P, V, Receiver).
    return ordinary_set_with_receiver(vm, o, key, value, receiver);
}

// [[DefineOwnProperty]] ( P, Desc )
// spec: https://tc39.es/ecma262/#sec-typedarray-defineownproperty
ThrowOr<bool> typed_array_define_own_property(Vm& vm, Object* o, PropertyKey key, PropertyDescriptor const& desc)
{
    double index;
    if (canonical_numeric_index(key, &index)) {
        auto* ta = static_cast<TypedArrayObject*>(o);
        // i. If IsValidIntegerIndex(O, numericIndex) is false, return false.
        if (!typed_array_get_element(ta, index))
            return false;
        // ii-v. Non-configurable, non-enumerable, accessor or non-writable: return false.
        if (desc.configurable == false || desc.enumerable == false || desc.is_accessor_descriptor() || desc.writable == false)
            return false;
        // vi. If Desc has a [[Value]] field, perform ? TypedArraySetElement(O, numericIndex, Desc.[[Value]]).
        if (desc.value)
            TRY(TypedArraySetElement(vm, ta, index, *desc.value));
        return true;
    }
    // 2. Return ! OrdinaryDefineOwnProperty(O, P, Desc).
    Outcome outcome = o->define_own_property(vm, key, desc);
    if (outcome == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    return outcome == Outcome::True;
}

ThrowOr<u64> typed_array_length_for_iteration(Vm& vm, Object* o)
{
    TypedArrayView view = typed_array_view(static_cast<TypedArrayObject*>(o));
    if (view.out_of_bounds)
        return throw_type_error(vm, "Cannot perform Array Iterator.prototype.next on a detached or out-of-bounds TypedArray");
    return view.length;
}

// --- Abstract operations ---------------------------------------------------------------------------------

ThrowOr<TypedArrayView> ValidateTypedArray(Vm& vm, Value o, char const* method)
{
    // 1. Perform ? RequireInternalSlot(O, [[TypedArrayName]]).
    if (!is_typed_array(o))
        return throw_type_error(vm, "Method %s called on incompatible receiver %s", method, describe_for_error(vm, o).c_str());
    // 3-4. If IsTypedArrayOutOfBounds(taRecord) is true, throw a TypeError exception.
    TypedArrayView view = typed_array_view(as_typed_array(o));
    if (view.out_of_bounds)
        return throw_type_error(vm, "Cannot perform %s on a detached or out-of-bounds TypedArray", method);
    return view;
}

Object* typed_array_constructor_for(Vm& vm, ElementType type)
{
    Realm& realm = *vm.realm();
    switch (type) {
#define WEFT_CONSTRUCTOR_FOR(name, lower, ctor, ctype, size) \
    case ElementType::name: return realm.lower##_array_constructor;
        WEFT_ENUMERATE_TYPED_ARRAY_TYPES(WEFT_CONSTRUCTOR_FOR)
#undef WEFT_CONSTRUCTOR_FOR
    }
    WEFT_UNREACHABLE();
}

static Object* typed_array_prototype_for(Vm& vm, ElementType type)
{
    Realm& realm = *vm.realm();
    switch (type) {
#define WEFT_PROTOTYPE_FOR(name, lower, ctor, ctype, size) \
    case ElementType::name: return realm.lower##_array_prototype;
        WEFT_ENUMERATE_TYPED_ARRAY_TYPES(WEFT_PROTOTYPE_FOR)
#undef WEFT_PROTOTYPE_FOR
    }
    WEFT_UNREACHABLE();
}

// AllocateTypedArray with a length: a new buffer of length × element size bytes.
// spec: https://tc39.es/ecma262/#sec-allocatetypedarraybuffer
ThrowOr<TypedArrayObject*> allocate_typed_array(Vm& vm, ElementType type, Object* prototype, u64 length)
{
    u32 size = element_size(type);
    if (length > ArrayBufferObject::kMaxByteLength / size)
        return throw_range_error(vm, "Invalid typed array length: %llu", static_cast<unsigned long long>(length));
    ArrayBufferObject* buffer = ArrayBufferObject::try_create(vm, vm.realm()->array_buffer_prototype, length * size, length * size, 0);
    if (!buffer)
        return throw_range_error(vm, "Array buffer allocation failed");
    TypedArrayObject* ta = TypedArrayObject::try_create(vm, prototype, type, buffer, 0, length);
    if (!ta)
        return throw_out_of_memory(vm);
    return ta;
}

ThrowOr<TypedArrayObject*> TypedArrayCreateSameType(Vm& vm, TypedArrayObject* exemplar, u64 length)
{
    ElementType type = exemplar->type();
    return allocate_typed_array(vm, type, typed_array_prototype_for(vm, type), length);
}

// TypedArrayCreateFromConstructor ( constructor, argumentList )
// spec: https://tc39.es/ecma262/#sec-typedarraycreatefromconstructor
ThrowOr<TypedArrayObject*> TypedArrayCreateFromConstructor(Vm& vm, Value constructor, std::span<Value const> args, char const* method)
{
    // 1. Let newTypedArray be ? Construct(constructor, argumentList).
    Value created = TRY(Construct(vm, constructor, args));
    // 2. Let taRecord be ? ValidateTypedArray(newTypedArray, seq-cst).
    TypedArrayView view = TRY(ValidateTypedArray(vm, created, method));
    // 3. If argumentList is a List of a single Number: its length must be at least that.
    if (args.size() == 1 && args[0].is_number()) {
        if (static_cast<double>(view.length) < args[0].as_number())
            return throw_type_error(vm, "%s: the constructed TypedArray is too short", method);
    }
    return as_typed_array(created);
}

// TypedArraySpeciesCreate ( exemplar, argumentList )
// spec: https://tc39.es/ecma262/#sec-typedarray-species-create
ThrowOr<TypedArrayObject*> TypedArraySpeciesCreate(Vm& vm, TypedArrayObject* exemplar, std::span<Value const> args, char const* method)
{
    // 1. Let defaultConstructor be the intrinsic object associated with exemplar.[[TypedArrayName]].
    Object* default_constructor = typed_array_constructor_for(vm, exemplar->type());
    // 2. Let constructor be ? SpeciesConstructor(exemplar, defaultConstructor).
    Value constructor = TRY(SpeciesConstructor(vm, exemplar, default_constructor));
    // 3. Let result be ? TypedArrayCreateFromConstructor(constructor, argumentList).
    // 4. [[ContentType]] is Number for every kind here.
    return TypedArrayCreateFromConstructor(vm, constructor, args, method);
}

ThrowOr<TypedArrayObject*> typed_array_species_create_length(Vm& vm, TypedArrayObject* exemplar, u64 length, char const* method)
{
    Value arg = Value::from_u64(length);
    return TypedArraySpeciesCreate(vm, exemplar, std::span<Value const>(&arg, 1), method);
}

// --- Constructors ----------------------------------------------------------------------------------------

// %TypedArray% ( ): always throws.
// spec: https://tc39.es/ecma262/#sec-%typedarray%
static ThrowOr<Value> typed_array_abstract_constructor(Vm& vm, CallArgs const&)
{
    return throw_type_error(vm, "Abstract class TypedArray not directly constructable");
}

// InitializeTypedArrayFromArrayBuffer ( O, buffer, byteOffset, length )
// spec: https://tc39.es/ecma262/#sec-initializetypedarrayfromarraybuffer
static ThrowOr<Value> from_array_buffer(Vm& vm, ElementType type, Object* prototype, ArrayBufferObject* buffer, Value byte_offset, Value length)
{
    // 1. Let elementSize be TypedArrayElementSize(O). 2. Let offset be ? ToIndex(byteOffset).
    u32 size = element_size(type);
    u64 offset = TRY(ToIndex(vm, byte_offset));
    // 3. If offset modulo elementSize ≠ 0, throw a RangeError exception.
    if (offset % size)
        return throw_range_error(vm, "start offset of %s should be a multiple of %u", typed_array_name(type), size);
    // 4. Let bufferIsFixedLength be IsFixedLengthArrayBuffer(buffer).
    bool fixed = !buffer->is_resizable();
    // 5. If length is not undefined, let newLength be ? ToIndex(length).
    u64 new_length = 0;
    if (!length.is_undefined())
        new_length = TRY(ToIndex(vm, length));
    // 6. If IsDetachedBuffer(buffer) is true, throw a TypeError exception.
    u64 word = buffer->length_word();
    if (word & ArrayBufferObject::kDetachedBit)
        return throw_type_error(vm, "Cannot construct a %s on a detached ArrayBuffer", typed_array_name(type));
    // 7. Let bufferByteLength be ArrayBufferByteLength(buffer, seq-cst).
    u64 buffer_length = word;
    u64 stored_length;
    if (length.is_undefined() && !fixed) {
        // 8. A length-tracking view of a resizable buffer.
        if (offset > buffer_length)
            return throw_range_error(vm, "Start offset %llu is outside the bounds of the buffer", static_cast<unsigned long long>(offset));
        stored_length = BufferViewObject::kAutoLength;
    } else if (length.is_undefined()) {
        // 9.a. If bufferByteLength modulo elementSize ≠ 0, throw a RangeError exception.
        if (buffer_length % size)
            return throw_range_error(vm, "byte length of %s should be a multiple of %u", typed_array_name(type), size);
        // 9.a.ii-iii. Let newByteLength be bufferByteLength - offset; if < 0, throw a RangeError.
        if (offset > buffer_length)
            return throw_range_error(vm, "Start offset %llu is outside the bounds of the buffer", static_cast<unsigned long long>(offset));
        stored_length = (buffer_length - offset) / size;
    } else {
        // 9.b. Let newByteLength be newLength × elementSize; offset + newByteLength must fit.
        if (new_length > buffer_length / size || offset + new_length * size > buffer_length)
            return throw_range_error(vm, "Invalid typed array length: %llu", static_cast<unsigned long long>(new_length));
        stored_length = new_length;
    }
    TypedArrayObject* ta = TypedArrayObject::try_create(vm, prototype, type, buffer, offset, stored_length);
    if (!ta)
        return throw_out_of_memory(vm);
    return Value::from_cell(ta);
}

// InitializeTypedArrayFromTypedArray ( O, srcArray )
// spec: https://tc39.es/ecma262/#sec-initializetypedarrayfromtypedarray
static ThrowOr<Value> from_typed_array(Vm& vm, ElementType type, Object* prototype, TypedArrayObject* source)
{
    // 4-5. If IsTypedArrayOutOfBounds(srcRecord) is true, throw a TypeError exception.
    TypedArrayView view = typed_array_view(source);
    if (view.out_of_bounds)
        return throw_type_error(vm, "Cannot construct a %s from a detached or out-of-bounds TypedArray", typed_array_name(type));
    // 6-11. elementLength, byteLength, a new buffer.
    TypedArrayObject* ta = TRY(allocate_typed_array(vm, type, prototype, view.length));
    // The allocation may have collected, but nothing ran JavaScript: read the source again and
    // copy what both still hold.
    view = typed_array_view(source);
    TypedArrayView target = typed_array_view(ta);
    u64 count = std::min(view.length, target.length);
    ElementType source_type = source->type();
    if (source_type == type) {
        // 12. If elementType is srcType, copy the bytes.
        u64 bytes = count * element_size(type);
        for (u64 i = 0; i < bytes; ++i)
            store_relaxed<u8>(target.base + i, load_relaxed<u8>(view.base + i));
    } else {
        // 13. Else, convert element by element.
        u32 source_size = element_size(source_type);
        u32 target_size = element_size(type);
        for (u64 i = 0; i < count; ++i)
            typed_array_store(type, target.base + i * target_size, typed_array_load(source_type, view.base + i * source_size).as_number());
    }
    return Value::from_cell(ta);
}

// TypedArray ( ...args ) for each of the nine constructors.
// spec: https://tc39.es/ecma262/#sec-typedarray
static ThrowOr<Value> typed_array_construct(Vm& vm, CallArgs const& args, ElementType type)
{
    // 1. If NewTarget is undefined, throw a TypeError exception.
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor %s requires 'new'", typed_array_name(type));
    Value first = args.arg(0);
    Object* fallback = typed_array_prototype_for(vm, type);
    // 6. Else (firstArgument is not an Object): elementLength = ? ToIndex(firstArgument), then
    //    AllocateTypedArray(constructorName, NewTarget, proto, elementLength).
    if (!is_object(first)) {
        u64 length = TRY(ToIndex(vm, first));
        Object* proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), fallback));
        return Value::from_cell(TRY(allocate_typed_array(vm, type, proto, length)));
    }
    // 5.a. Let O be ? AllocateTypedArray(constructorName, NewTarget, proto).
    Object* proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), fallback));
    // 5.b. If firstArgument has a [[TypedArrayName]] internal slot.
    if (is_typed_array(first))
        return from_typed_array(vm, type, proto, as_typed_array(first));
    // 5.c. Else if firstArgument has an [[ArrayBufferData]] internal slot.
    if (is_array_buffer(first))
        return from_array_buffer(vm, type, proto, as_array_buffer(first), args.arg(1), args.arg(2));
    // 5.d. Else: i. Let usingIterator be ? GetMethod(firstArgument, @@iterator).
    Object* source = as_object(first);
    Value using_iterator = TRY(GetMethod(vm, first, PropertyKey::from_symbol(well_known_symbols(vm).iterator)));
    RootedValues values(vm);
    if (!using_iterator.is_undefined()) {
        // ii. Let values be ? IteratorToList(? GetIteratorFromMethod(firstArgument, usingIterator)).
        Value iterator = TRY(Call(vm, using_iterator, first));
        if (!is_object(iterator))
            return throw_type_error(vm, "Result of the Symbol.iterator method is not an object");
        Value next = TRY(Get(vm, as_object(iterator), TRY(key_for(vm, "next"))));
        IteratorRecord record { iterator, next, false };
        for (;;) {
            Value v = TRY(IteratorStepValue(vm, record));
            if (v.is_empty())
                break;
            values.push(v);
        }
        // InitializeTypedArrayFromList ( O, values )
        TypedArrayObject* ta = TRY(allocate_typed_array(vm, type, proto, values.size()));
        for (usize k = 0; k < values.size(); ++k)
            TRY(TypedArraySetElement(vm, ta, static_cast<double>(k), values[k]));
        return Value::from_cell(ta);
    }
    // iv. InitializeTypedArrayFromArrayLike ( O, firstArgument )
    u64 length = TRY(LengthOfArrayLike(vm, source));
    TypedArrayObject* ta = TRY(allocate_typed_array(vm, type, proto, length));
    for (u64 k = 0; k < length; ++k) {
        Value v = TRY(Get(vm, source, TRY(key_for_index(vm, k))));
        TRY(TypedArraySetElement(vm, ta, static_cast<double>(k), v));
    }
    return Value::from_cell(ta);
}

#define WEFT_DEFINE_CONSTRUCTOR(name, lower, ctor, ctype, size)                    \
    static ThrowOr<Value> lower##_array_construct(Vm& vm, CallArgs const& args)     \
    {                                                                               \
        return typed_array_construct(vm, args, ElementType::name);                  \
    }
WEFT_ENUMERATE_TYPED_ARRAY_TYPES(WEFT_DEFINE_CONSTRUCTOR)
#undef WEFT_DEFINE_CONSTRUCTOR

// %TypedArray%.from ( source [ , mapper [ , thisArg ] ] )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.from
static ThrowOr<Value> typed_array_from(Vm& vm, CallArgs const& args)
{
    // 1. Let C be the this value. 2. If IsConstructor(C) is false, throw a TypeError exception.
    Value c = args.this_value();
    if (!IsConstructor(c))
        return throw_type_error(vm, "%s is not a constructor", describe_for_error(vm, c).c_str());
    // 3-4. mapper must be callable when given.
    Value mapper = args.arg(1);
    bool mapping = !mapper.is_undefined();
    if (mapping && !is_callable(mapper))
        return throw_type_error(vm, "%s is not a function", describe_for_error(vm, mapper).c_str());
    Value this_arg = args.arg(2);
    Value source = args.arg(0);
    // 5. Let usingIterator be ? GetMethod(source, @@iterator).
    Value using_iterator = TRY(GetMethod(vm, source, PropertyKey::from_symbol(well_known_symbols(vm).iterator)));
    RootedValues values(vm);
    Object* array_like = nullptr;
    u64 length;
    if (!using_iterator.is_undefined()) {
        // 6.a. Let values be ? IteratorToList(? GetIteratorFromMethod(source, usingIterator)).
        Value iterator = TRY(Call(vm, using_iterator, source));
        if (!is_object(iterator))
            return throw_type_error(vm, "Result of the Symbol.iterator method is not an object");
        Value next = TRY(Get(vm, as_object(iterator), TRY(key_for(vm, "next"))));
        IteratorRecord record { iterator, next, false };
        for (;;) {
            Value v = TRY(IteratorStepValue(vm, record));
            if (v.is_empty())
                break;
            values.push(v);
        }
        length = values.size();
    } else {
        // 7-9. NOTE: source is not iterable, so it is an array-like object.
        array_like = TRY(ToObject(vm, source));
        length = TRY(LengthOfArrayLike(vm, array_like));
    }
    // 6.c / 10. Let targetObj be ? TypedArrayCreateFromConstructor(C, « 𝔽(len) »).
    Value len_arg = Value::from_u64(length);
    TypedArrayObject* target = TRY(TypedArrayCreateFromConstructor(vm, c, std::span<Value const>(&len_arg, 1), "%TypedArray%.from"));
    Value target_value = Value::from_cell(target);
    for (u64 k = 0; k < length; ++k) {
        PropertyKey pk = TRY(key_for_index(vm, k));
        Value k_value = array_like ? TRY(Get(vm, array_like, pk)) : values[k];
        Value mapped = k_value;
        if (mapping) {
            Value call_args[2] = { k_value, Value::from_u64(k) };
            mapped = TRY(Call(vm, mapper, this_arg, call_args));
        }
        TRY(Set(vm, target, pk, mapped, ThrowOnFailure::Yes));
    }
    return target_value;
}

// %TypedArray%.of ( ...items )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.of
static ThrowOr<Value> typed_array_of(Vm& vm, CallArgs const& args)
{
    Value c = args.this_value();
    if (!IsConstructor(c))
        return throw_type_error(vm, "%s is not a constructor", describe_for_error(vm, c).c_str());
    Value len_arg = Value::from_u64(args.count());
    TypedArrayObject* target = TRY(TypedArrayCreateFromConstructor(vm, c, std::span<Value const>(&len_arg, 1), "%TypedArray%.of"));
    for (u32 k = 0; k < args.count(); ++k)
        TRY(Set(vm, target, PropertyKey::from_index(k), args.arg(k), ThrowOnFailure::Yes));
    return Value::from_cell(target);
}

static ThrowOr<Value> typed_array_species(Vm&, CallArgs const& args) { return args.this_value(); }

// --- Installation ---------------------------------------------------------------------------------------------

static constexpr NativeMethod kTypedArrayStatics[] = {
    { "from", 1, typed_array_from },
    { "of", 0, typed_array_of },
};
static constexpr NativeAccessor kTypedArraySpecies[] = { { "@@species", typed_array_species, nullptr } };

ThrowOr<void> install_typed_arrays(Vm& vm)
{
    register_typed_array_cell_kinds();
    set_integer_indexed_hooks(&kHooks);
    TRY(install_array_buffer(vm));
    Realm& realm = *vm.realm();
    CommonNames const& names = common_names(vm);

    // %TypedArray% and %TypedArray.prototype%: not a global.
    realm.typed_array_prototype = TRY(new_object(vm));
    NativeFunction* abstract = make_native_function(vm, typed_array_abstract_constructor, "TypedArray", 0, NativeFunction::kConstructor);
    if (!abstract)
        return throw_out_of_memory(vm);
    realm.typed_array_constructor = abstract;
    TRY(DefinePropertyOrThrow(vm, abstract, PropertyKey::from_atom(names.prototype), PropertyDescriptor::data(Value::from_cell(realm.typed_array_prototype), PropertyAttributes::data(false, false, false))));
    TRY(define_builtin_property(vm, realm.typed_array_prototype, PropertyKey::from_atom(names.constructor), Value::from_cell(abstract)));
    TRY(install_methods(vm, abstract, kTypedArrayStatics));
    TRY(install_accessors(vm, abstract, kTypedArraySpecies));
    TRY(install_typed_array_prototype(vm, realm.typed_array_prototype));

    // The nine constructors, each with its prototype and BYTES_PER_ELEMENT.
    struct Kind {
        ElementType type;
        NativeFn fn;
        Object** prototype;
        Object** constructor;
    };
    Kind const kinds[] = {
#define WEFT_KIND_ROW(name, lower, ctor, ctype, size) \
    { ElementType::name, lower##_array_construct, &realm.lower##_array_prototype, &realm.lower##_array_constructor },
        WEFT_ENUMERATE_TYPED_ARRAY_TYPES(WEFT_KIND_ROW)
#undef WEFT_KIND_ROW
    };
    auto constant = PropertyAttributes::data(false, false, false);
    for (Kind const& kind : kinds) {
        Object* prototype = TRY(new_object(vm, realm.typed_array_prototype));
        *kind.prototype = prototype;
        NativeFunction* constructor = TRY(install_constructor(vm, typed_array_name(kind.type), 3, kind.fn, prototype));
        *kind.constructor = constructor;
        if (constructor->set_prototype_of(vm, abstract) != Outcome::True)
            return throw_out_of_memory(vm);
        Value bytes = Value::from_i32(static_cast<i32>(element_size(kind.type)));
        TRY(define_value(vm, constructor, "BYTES_PER_ELEMENT", bytes, constant));
        TRY(define_value(vm, prototype, "BYTES_PER_ELEMENT", bytes, constant));
    }
    TRY(install_data_view(vm));
    return {};
}

} // namespace weft
