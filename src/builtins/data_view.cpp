// DataView: unaligned, endian-explicit reads and writes of a buffer's bytes.
// spec: https://tc39.es/ecma262/#sec-dataview-objects
//
// A view's element need not be aligned, so its bytes are read and written one relaxed atomic
// byte at a time (ECMA-262 "Unordered" accesses), never with a wider load.
#include "builtins/typed_array_internal.h"

#include <bit>
#include <cmath>

namespace weft {

namespace {

ThrowOr<DataViewObject*> this_view(Vm& vm, CallArgs const& args, char const* method)
{
    Value t = args.this_value();
    if (!t.is_cell_of_kind(CellKind::DataViewObject))
        return throw_type_error(vm, "Method DataView.prototype.%s called on incompatible receiver %s", method, describe_for_error(vm, t).c_str());
    return static_cast<DataViewObject*>(t.as_cell());
}

// A view with its buffer's length read once (MakeDataViewWithBufferWitnessRecord): its first
// byte and its byte length, or out of bounds (IsViewOutOfBounds, detached buffers included).
struct ViewBytes {
    u8* base = nullptr;
    u64 length = 0;
    bool out_of_bounds = true;
};

ViewBytes view_bytes(DataViewObject* view)
{
    ViewBytes result;
    ArrayBufferObject* buffer = view->buffer();
    u64 word = buffer->length_word();
    if (word & ArrayBufferObject::kDetachedBit)
        return result;
    u64 offset = view->byte_offset_raw();
    if (offset > word)
        return result;
    u64 length = view->tracks_length() ? word - offset : view->length_raw();
    if (length > word - offset)
        return result;
    result.base = buffer->bytes() + offset;
    result.length = length;
    result.out_of_bounds = false;
    return result;
}

// DataView ( buffer, byteOffset, byteLength )
// spec: https://tc39.es/ecma262/#sec-dataview-buffer-byteoffset-bytelength
ThrowOr<Value> data_view_constructor(Vm& vm, CallArgs const& args)
{
    // 1. If NewTarget is undefined, throw a TypeError exception.
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor DataView requires 'new'");
    // 2. Perform ? RequireInternalSlot(buffer, [[ArrayBufferData]]).
    if (!is_array_buffer(args.arg(0)))
        return throw_type_error(vm, "First argument to DataView constructor must be an ArrayBuffer");
    ArrayBufferObject* buffer = as_array_buffer(args.arg(0));
    // 3. Let offset be ? ToIndex(byteOffset).
    u64 offset = TRY(ToIndex(vm, args.arg(1)));
    // 4. If IsDetachedBuffer(buffer) is true, throw a TypeError exception.
    if (buffer->is_detached())
        return throw_type_error(vm, "Cannot construct a DataView on a detached ArrayBuffer");
    // 5-6. Let bufferByteLength be ArrayBufferByteLength(buffer, seq-cst); offset must fit.
    u64 buffer_length = buffer->byte_length();
    if (offset > buffer_length)
        return throw_range_error(vm, "Start offset %llu is outside the bounds of the buffer", static_cast<unsigned long long>(offset));
    // 7-9. viewByteLength: the rest of a fixed buffer, auto for a resizable one, or ? ToIndex(byteLength).
    bool fixed = !buffer->is_resizable();
    Value byte_length = args.arg(2);
    u64 view_length;
    if (byte_length.is_undefined()) {
        view_length = fixed ? buffer_length - offset : BufferViewObject::kAutoLength;
    } else {
        view_length = TRY(ToIndex(vm, byte_length));
        if (offset + view_length > buffer_length)
            return throw_range_error(vm, "Invalid DataView length %llu", static_cast<unsigned long long>(view_length));
    }
    // 10. Let O be ? OrdinaryCreateFromConstructor(NewTarget, "%DataView.prototype%", ...).
    Object* proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), vm.realm()->data_view_prototype));
    // 11-14. The prototype lookup may have detached or shrunk the buffer: check again.
    u64 word = buffer->length_word();
    if (word & ArrayBufferObject::kDetachedBit)
        return throw_type_error(vm, "Cannot construct a DataView on a detached ArrayBuffer");
    if (offset > word)
        return throw_range_error(vm, "Start offset %llu is outside the bounds of the buffer", static_cast<unsigned long long>(offset));
    if (!byte_length.is_undefined() && offset + view_length > word)
        return throw_range_error(vm, "Invalid DataView length %llu", static_cast<unsigned long long>(view_length));
    DataViewObject* view = DataViewObject::try_create(vm, proto, buffer, offset, view_length);
    if (!view)
        return throw_out_of_memory(vm);
    return Value::from_cell(view);
}

ThrowOr<Value> get_buffer(Vm& vm, CallArgs const& args)
{
    DataViewObject* view = TRY(this_view(vm, args, "buffer"));
    return Value::from_cell(view->buffer());
}

// get DataView.prototype.byteLength: TypeError when out of bounds.
ThrowOr<Value> get_byte_length(Vm& vm, CallArgs const& args)
{
    DataViewObject* view = TRY(this_view(vm, args, "byteLength"));
    ViewBytes bytes = view_bytes(view);
    if (bytes.out_of_bounds)
        return throw_type_error(vm, "Cannot read DataView.prototype.byteLength of a detached or out-of-bounds DataView");
    return Value::from_u64(bytes.length);
}

// get DataView.prototype.byteOffset: TypeError when out of bounds.
ThrowOr<Value> get_byte_offset(Vm& vm, CallArgs const& args)
{
    DataViewObject* view = TRY(this_view(vm, args, "byteOffset"));
    if (view_bytes(view).out_of_bounds)
        return throw_type_error(vm, "Cannot read DataView.prototype.byteOffset of a detached or out-of-bounds DataView");
    return Value::from_u64(view->byte_offset_raw());
}

// GetViewValue ( view, requestIndex, isLittleEndian, type )
// spec: https://tc39.es/ecma262/#sec-getviewvalue
ThrowOr<Value> GetViewValue(Vm& vm, CallArgs const& args, ElementType type, char const* method)
{
    DataViewObject* view = TRY(this_view(vm, args, method));
    // 3. Let getIndex be ? ToIndex(requestIndex). 4. Set isLittleEndian to ToBoolean(isLittleEndian).
    u64 index = TRY(ToIndex(vm, args.arg(0)));
    bool little = ToBoolean(args.arg(1));
    // 6-8. If IsViewOutOfBounds(viewRecord) is true, throw a TypeError exception.
    ViewBytes bytes = view_bytes(view);
    if (bytes.out_of_bounds)
        return throw_type_error(vm, "Cannot perform DataView.prototype.%s on a detached or out-of-bounds DataView", method);
    // 10. If getIndex + elementSize > viewSize, throw a RangeError exception.
    u32 size = element_size(type);
    if (index > bytes.length || size > bytes.length - index)
        return throw_range_error(vm, "Offset is outside the bounds of the DataView");
    // 12. GetValueFromBuffer(view.[[ViewedArrayBuffer]], bufferIndex, type, false, unordered, isLittleEndian)
    alignas(8) u8 raw[8] = {};
    for (u32 i = 0; i < size; ++i)
        raw[little ? i : size - 1 - i] = __atomic_load_n(bytes.base + index + i, __ATOMIC_RELAXED);
    // raw is now little-endian; the host is little-endian (x86-64, arm64).
    return typed_array_load(type, raw);
}

// SetViewValue ( view, requestIndex, isLittleEndian, type, value )
// spec: https://tc39.es/ecma262/#sec-setviewvalue
ThrowOr<Value> SetViewValue(Vm& vm, CallArgs const& args, ElementType type, char const* method)
{
    DataViewObject* view = TRY(this_view(vm, args, method));
    // 3. Let getIndex be ? ToIndex(requestIndex). 4-5. numberValue = ? ToNumber(value).
    u64 index = TRY(ToIndex(vm, args.arg(0)));
    double number = TRY(ToNumber(vm, args.arg(1)));
    // 6. Set isLittleEndian to ToBoolean(isLittleEndian).
    bool little = ToBoolean(args.arg(2));
    ViewBytes bytes = view_bytes(view);
    if (bytes.out_of_bounds)
        return throw_type_error(vm, "Cannot perform DataView.prototype.%s on a detached or out-of-bounds DataView", method);
    u32 size = element_size(type);
    if (index > bytes.length || size > bytes.length - index)
        return throw_range_error(vm, "Offset is outside the bounds of the DataView");
    alignas(8) u8 raw[8] = {};
    typed_array_store(type, raw, number);
    for (u32 i = 0; i < size; ++i)
        __atomic_store_n(bytes.base + index + i, raw[little ? i : size - 1 - i], __ATOMIC_RELAXED);
    return Value::undefined();
}

#define WEFT_DATA_VIEW_ACCESSORS(name, lower, ctor, ctype, size)                                                   \
    ThrowOr<Value> get_##lower(Vm& vm, CallArgs const& args) { return GetViewValue(vm, args, ElementType::name, "get" #name); } \
    ThrowOr<Value> set_##lower(Vm& vm, CallArgs const& args) { return SetViewValue(vm, args, ElementType::name, "set" #name); }
WEFT_DATA_VIEW_ACCESSORS(Int8, int8, , , )
WEFT_DATA_VIEW_ACCESSORS(Uint8, uint8, , , )
WEFT_DATA_VIEW_ACCESSORS(Int16, int16, , , )
WEFT_DATA_VIEW_ACCESSORS(Uint16, uint16, , , )
WEFT_DATA_VIEW_ACCESSORS(Int32, int32, , , )
WEFT_DATA_VIEW_ACCESSORS(Uint32, uint32, , , )
WEFT_DATA_VIEW_ACCESSORS(Float16, float16, , , )
WEFT_DATA_VIEW_ACCESSORS(Float32, float32, , , )
WEFT_DATA_VIEW_ACCESSORS(Float64, float64, , , )
#undef WEFT_DATA_VIEW_ACCESSORS

// NOTE: getBigInt64 / getBigUint64 and their setters wait for BigInt.
constexpr NativeMethod kMethods[] = {
    { "getFloat16", 1, get_float16 },
    { "getFloat32", 1, get_float32 },
    { "getFloat64", 1, get_float64 },
    { "getInt8", 1, get_int8 },
    { "getInt16", 1, get_int16 },
    { "getInt32", 1, get_int32 },
    { "getUint8", 1, get_uint8 },
    { "getUint16", 1, get_uint16 },
    { "getUint32", 1, get_uint32 },
    { "setFloat16", 2, set_float16 },
    { "setFloat32", 2, set_float32 },
    { "setFloat64", 2, set_float64 },
    { "setInt8", 2, set_int8 },
    { "setInt16", 2, set_int16 },
    { "setInt32", 2, set_int32 },
    { "setUint8", 2, set_uint8 },
    { "setUint16", 2, set_uint16 },
    { "setUint32", 2, set_uint32 },
};

constexpr NativeAccessor kAccessors[] = {
    { "buffer", get_buffer, nullptr },
    { "byteLength", get_byte_length, nullptr },
    { "byteOffset", get_byte_offset, nullptr },
};

} // namespace

ThrowOr<void> install_data_view(Vm& vm)
{
    Realm& realm = *vm.realm();
    realm.data_view_prototype = TRY(new_object(vm));
    TRY(install_constructor(vm, "DataView", 1, data_view_constructor, realm.data_view_prototype));
    TRY(install_methods(vm, realm.data_view_prototype, kMethods));
    TRY(install_accessors(vm, realm.data_view_prototype, kAccessors));
    String* tag = TRY(intern(vm, "DataView"));
    TRY(DefinePropertyOrThrow(vm, realm.data_view_prototype, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(tag), PropertyAttributes::data(false, false, true))));
    return {};
}

} // namespace weft
