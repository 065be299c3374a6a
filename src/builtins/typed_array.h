// ArrayBuffer, SharedArrayBuffer, the TypedArrays and DataView: cell layouts and the helpers
// the object model hooks, Atomics and the array iterator share.
// spec: https://tc39.es/ecma262/#sec-arraybuffer-objects
//
// Layout of an ArrayBufferData (CellKind::ArrayBufferData): the bytes of a buffer.
//   +0   cell header
//   +8   u64 capacity             immutable: bytes reserved (the maximum byte length)
//   +16  u8 bytes[capacity]       raw element storage, never traced; 16-byte aligned
// Layout of an ArrayBufferObject (CellKind::ArrayBufferObject): the EngineObject layout, then
//   +64  ArrayBufferData* data    immutable (null when the capacity is 0)
//   +72  Atomic<u64> length word  byte length | kDetachedBit | kResizingBit
//   +80  u64 max byte length      immutable (resizable / growable buffers)
//   +88  u32 flags                immutable: kShared, kResizable
// Layout of a TypedArrayObject (CellKind::TypedArrayObject) and DataViewObject:
//   +64  ArrayBufferObject* buffer   immutable
//   +72  u64 byte offset             immutable
//   +80  u64 length                  immutable: element count (byte length for a DataView),
//                                    or kAutoLength when it tracks a resizable buffer
//   +88  u8 type                     immutable: ElementType (typed arrays)
//
// Invariants:
//  - A buffer's data cell and capacity never change, and the heap never moves cells: every byte
//    of [0, capacity) stays readable and writable for as long as anybody can reach the buffer.
//    Detaching and resizing only change the length word; a detached buffer's bytes are freed
//    with its data cell, by the collector, once nobody refers to either (R4).
//  - Every access to an element reads the length word once and checks its index against it, so
//    a racing detach or shrink makes the access see the old or the new length, never memory
//    outside the data cell. Raw pointers into the bytes are never kept across a call into
//    JavaScript or a safepoint (R7); lengths are re-read after each such call.
//  - Element reads and writes are relaxed atomic loads and stores of the element's size
//    (ECMA-262 "Unordered"); Atomics uses sequentially consistent operations. Accesses that are
//    not naturally aligned (DataView) go byte by byte.
#pragma once

#include "interpreter/operations.h"

#include <optional>

namespace weft {

// The element types of the TypedArrays, in the order of ECMA-262's TypedArray table.
// NOTE: BigInt64Array and BigUint64Array are left out until the engine has BigInt.
#define WEFT_ENUMERATE_TYPED_ARRAY_TYPES(X)                      \
    X(Int8, int8, Int8Array, i8, 1)                             \
    X(Uint8, uint8, Uint8Array, u8, 1)                          \
    X(Uint8Clamped, uint8_clamped, Uint8ClampedArray, u8, 1)    \
    X(Int16, int16, Int16Array, i16, 2)                         \
    X(Uint16, uint16, Uint16Array, u16, 2)                      \
    X(Int32, int32, Int32Array, i32, 4)                         \
    X(Uint32, uint32, Uint32Array, u32, 4)                      \
    X(Float16, float16, Float16Array, u16, 2)                   \
    X(Float32, float32, Float32Array, float, 4)                 \
    X(Float64, float64, Float64Array, double, 8)

enum class ElementType : u8 {
#define WEFT_ELEMENT_TYPE_ENUM(name, lower, ctor, ctype, size) name,
    WEFT_ENUMERATE_TYPED_ARRAY_TYPES(WEFT_ELEMENT_TYPE_ENUM)
#undef WEFT_ELEMENT_TYPE_ENUM
};
constexpr u32 kElementTypeCount = 10;

u32 element_size(ElementType);
char const* typed_array_name(ElementType);

class ArrayBufferData final : public Cell {
public:
    static ArrayBufferData* try_create(Vm&, u64 capacity);
    u64 capacity() const { return m_capacity; }
    u8* bytes() { return reinterpret_cast<u8*>(this + 1); }

private:
    u64 m_capacity;
};
static_assert(sizeof(ArrayBufferData) == 16);

class ArrayBufferObject final : public EngineObject {
public:
    static constexpr u32 kShared = 1;
    static constexpr u32 kResizable = 2;
    static constexpr u64 kDetachedBit = u64(1) << 63;
    // Set while one thread resizes the buffer (zeroing the grown part); readers ignore it and
    // see the old length, detach and other resizes wait for it to clear.
    static constexpr u64 kResizingBit = u64(1) << 62;
    // The largest byte length (and maximum byte length) a buffer may have. Beyond it the
    // constructors throw a RangeError, as for a failed allocation.
    static constexpr u64 kMaxByteLength = 0xffff'ffffULL;

    // AllocateArrayBuffer / AllocateSharedArrayBuffer with the prototype already resolved;
    // nullptr at the heap limit.
    static ArrayBufferObject* try_create(Vm&, Object* prototype, u64 byte_length, u64 max_byte_length, u32 flags);

    bool is_shared() const { return m_flags & kShared; }
    bool is_resizable() const { return m_flags & kResizable; }
    u64 max_byte_length() const { return m_max_byte_length; }
    // The length word: byte length | kDetachedBit (acquire: a length read once per access).
    u64 length_word() const { return m_length_word.load_acquire() & ~kResizingBit; }
    bool is_detached() const { return length_word() & kDetachedBit; }
    u64 byte_length() const { return length_word() & ~kDetachedBit; }
    u8* bytes() const { return m_data ? m_data->bytes() : nullptr; }
    ArrayBufferData* data() const { return m_data; }

    // DetachArrayBuffer: false if the buffer is shared (cannot be detached).
    bool detach();
    // Sets the byte length of a resizable buffer (<= max) if it is still `expected` (a length
    // word without kDetachedBit): false if another thread changed or is changing it first.
    bool set_byte_length(u64 expected, u64 new_length);

    static void trace(Cell*, Tracer&);

private:
    ArrayBufferData* m_data;
    Atomic<u64> m_length_word; // Atomic: see the layout comment
    u64 m_max_byte_length;
    u32 m_flags;
    u32 m_padding;
};

// A TypedArray or a DataView: a window on a buffer.
class BufferViewObject : public EngineObject {
public:
    static constexpr u64 kAutoLength = ~u64(0);

    ArrayBufferObject* buffer() const { return m_buffer; }
    u64 byte_offset_raw() const { return m_byte_offset; }
    u64 length_raw() const { return m_length; }
    bool tracks_length() const { return m_length == kAutoLength; }
    static void trace(Cell*, Tracer&);

protected:
    friend class TypedArrayAccess;
    ArrayBufferObject* m_buffer;
    u64 m_byte_offset;
    u64 m_length;
    u8 m_type;
    u8 m_padding[7];
};

class TypedArrayObject final : public BufferViewObject {
public:
    static TypedArrayObject* try_create(Vm&, Object* prototype, ElementType, ArrayBufferObject*, u64 byte_offset, u64 length);
    ElementType type() const { return static_cast<ElementType>(m_type); }
    u32 element_size() const { return weft::element_size(type()); }
};

class DataViewObject final : public BufferViewObject {
public:
    static DataViewObject* try_create(Vm&, Object* prototype, ArrayBufferObject*, u64 byte_offset, u64 byte_length);
};

inline bool is_typed_array(Value v) { return v.is_cell_of_kind(CellKind::TypedArrayObject); }
inline TypedArrayObject* as_typed_array(Value v) { return static_cast<TypedArrayObject*>(v.as_cell()); }
inline bool is_array_buffer(Value v) { return v.is_cell_of_kind(CellKind::ArrayBufferObject); }
inline ArrayBufferObject* as_array_buffer(Value v) { return static_cast<ArrayBufferObject*>(v.as_cell()); }

// A typed array seen through one read of its buffer's length word
// (MakeTypedArrayWithBufferWitnessRecord): where its elements start and how many there are.
// spec: https://tc39.es/ecma262/#sec-typedarray-with-buffer-witness-records
struct TypedArrayView {
    u8* base = nullptr; // the first element (valid only when !out_of_bounds)
    u64 length = 0;     // TypedArrayLength, 0 when out of bounds
    bool out_of_bounds = true; // IsTypedArrayOutOfBounds (detached buffers included)
    bool detached = false;
};
TypedArrayView typed_array_view(TypedArrayObject*);

// The element at `p` (inside a view) as a Number; relaxed atomic load.
Value typed_array_load(ElementType, u8 const* p);
// Stores a Number converted to the element type (NumericToRawBytes); relaxed atomic store.
void typed_array_store(ElementType, u8* p, double value);
// The binary16 value nearest to `value` (ties to even), as a double: Math.f16round.
double round_to_float16(double value);

// ValidateIntegerTypedArray and ValidateAtomicAccess for Atomics: the array and the byte index
// of the element, or a throw.
// spec: https://tc39.es/ecma262/#sec-validateintegertypedarray
ThrowOr<TypedArrayObject*> ValidateIntegerTypedArray(Vm&, Value, bool waitable);
// spec: https://tc39.es/ecma262/#sec-validateatomicaccess
ThrowOr<u64> ValidateAtomicAccess(Vm&, TypedArrayObject*, Value request_index);

// ToIndex ( value ): RangeError outside [0, 2^53 - 1].
// spec: https://tc39.es/ecma262/#sec-toindex
ThrowOr<u64> ToIndex(Vm&, Value);
// SpeciesConstructor ( O, defaultConstructor )
// spec: https://tc39.es/ecma262/#sec-speciesconstructor
ThrowOr<Value> SpeciesConstructor(Vm&, Object*, Object* default_constructor);
// The cell kinds of this family (idempotent) and the installers of the other files.
void register_typed_array_cell_kinds();
ThrowOr<void> install_array_buffer(Vm&);
ThrowOr<void> install_data_view(Vm&);

// --- Integer-indexed exotic behaviour the interpreter needs (ECMA-262 10.4.5) ----------------

// [[Set]] ( P, V, Receiver ) of a typed array `o` (may run JavaScript: ToNumber).
ThrowOr<bool> typed_array_set(Vm&, Object* o, PropertyKey, Value, Value receiver);
// [[DefineOwnProperty]] ( P, Desc ) of a typed array (may run JavaScript).
ThrowOr<bool> typed_array_define_own_property(Vm&, Object* o, PropertyKey, PropertyDescriptor const&);
// Fast element read / write for the interpreter's keyed accesses with an int32 key:
// false when the slow path must run.
bool typed_array_get_index_fast(Object*, i32 index, Value* out);
bool typed_array_set_index_fast(Object*, i32 index, Value number);
// The length the array iterator uses: TypeError when out of bounds or detached.
ThrowOr<u64> typed_array_length_for_iteration(Vm&, Object*);

} // namespace weft
