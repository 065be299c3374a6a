// The Atomics global: ECMA-262's operations on integer typed arrays, and the dispatch of the
// (object, key, ...) forms to the thread runtime (THREADS-API.md section 5).
// spec: https://tc39.es/ecma262/#sec-atomics-object
//
// Every read-modify-write, load and store here is a sequentially consistent atomic operation of
// the element's size on the buffer's bytes (typed_array.h: the bytes never move and stay valid
// while the buffer is reachable). Atomics.wait parks on the parking lot keyed by the element's
// address, inside a SafeRegion (DESIGN.md R6); Atomics.notify unparks that key.
#include "builtins/atomics.h"

#include "base/number_format.h"
#include "base/parking_lot.h"
#include "builtins/typed_array_internal.h"
#include "threads/thread_runtime.h"

#include <cmath>
#include <thread>

namespace weft {

namespace {


bool is_integer_type(ElementType type)
{
    switch (type) {
    case ElementType::Int8:
    case ElementType::Uint8:
    case ElementType::Int16:
    case ElementType::Uint16:
    case ElementType::Int32:
    case ElementType::Uint32:
        return true;
    default:
        return false;
    }
}

} // namespace

// ValidateIntegerTypedArray ( typedArray, waitable )
ThrowOr<TypedArrayObject*> ValidateIntegerTypedArray(Vm& vm, Value value, bool waitable)
{
    // 1. Let taRecord be ? ValidateTypedArray(typedArray, unordered).
    TRY(ValidateTypedArray(vm, value, "Atomics operation"));
    TypedArrayObject* ta = as_typed_array(value);
    ElementType type = ta->type();
    // 3-4. Waitable: Int32Array (or BigInt64Array); else any non-clamped integer type.
    if (waitable ? type != ElementType::Int32 : !is_integer_type(type))
        return throw_type_error(vm, "[object Array] is not an integer shared typed array.");
    return ta;
}

// ValidateAtomicAccess ( taRecord, requestIndex ): the byte index of the element in the buffer.
ThrowOr<u64> ValidateAtomicAccess(Vm& vm, TypedArrayObject* ta, Value request_index)
{
    // 1. Let length be TypedArrayLength(taRecord).
    u64 length = typed_array_view(ta).length;
    // 2. Let accessIndex be ? ToIndex(requestIndex).
    u64 index = TRY(ToIndex(vm, request_index));
    // 4. If accessIndex ≥ length, throw a RangeError exception.
    if (index >= length)
        return throw_range_error(vm, "Invalid atomic access index");
    // 5-7. Return accessIndex × elementSize + typedArray.[[ByteOffset]].
    return index * ta->element_size() + ta->byte_offset_raw();
}

namespace {

// RevalidateAtomicAccess ( typedArray, byteIndexInBuffer ): after conversions that may have
// run JavaScript, the element must still be inside the array. Returns its address.
ThrowOr<u8*> RevalidateAtomicAccess(Vm& vm, TypedArrayObject* ta, u64 byte_index)
{
    TypedArrayView view = typed_array_view(ta);
    if (view.out_of_bounds)
        return throw_type_error(vm, "Cannot perform Atomics operation on a detached or out-of-bounds TypedArray");
    if (byte_index >= ta->byte_offset_raw() + view.length * ta->element_size())
        return throw_range_error(vm, "Invalid atomic access index");
    return ta->buffer()->bytes() + byte_index;
}

// The first argument is an object but not a typed array: the property forms, when the thread
// runtime is on; otherwise the TypeError of ValidateIntegerTypedArray.
bool wants_property_form(Vm& vm, Value first)
{
    return is_object(first) && !is_typed_array(first) && threads_enabled(vm);
}

enum class Rmw : u8 { Add, Sub, And, Or, Xor, Exchange };

template<typename T>
T rmw(T* p, T v, Rmw op)
{
    switch (op) {
    case Rmw::Add: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case Rmw::Sub: return __atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST);
    case Rmw::And: return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case Rmw::Or: return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    case Rmw::Xor: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case Rmw::Exchange: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    }
    WEFT_UNREACHABLE();
}

// The element's bits of a Number for an integer type (NumericToRawBytes: modulo 2^n).
u32 raw_bits(double v) { return static_cast<u32>(ToInt32(v)); }

// The raw bits of an element as the Number of its type.
Value from_raw(ElementType type, u32 bits)
{
    switch (type) {
    case ElementType::Int8: return Value::from_i32(static_cast<i8>(bits));
    case ElementType::Uint8: return Value::from_i32(static_cast<u8>(bits));
    case ElementType::Int16: return Value::from_i32(static_cast<i16>(bits));
    case ElementType::Uint16: return Value::from_i32(static_cast<u16>(bits));
    case ElementType::Int32: return Value::from_i32(static_cast<i32>(bits));
    case ElementType::Uint32: return Value::from_u64(bits);
    default: WEFT_UNREACHABLE();
    }
}

Value apply_rmw(ElementType type, u8* p, u32 bits, Rmw op)
{
    switch (element_size(type)) {
    case 1: return from_raw(type, rmw<u8>(p, static_cast<u8>(bits), op));
    case 2: return from_raw(type, rmw<u16>(reinterpret_cast<u16*>(p), static_cast<u16>(bits), op));
    default: return from_raw(type, rmw<u32>(reinterpret_cast<u32*>(p), bits, op));
    }
}

u32 load_bits(ElementType type, u8 const* p)
{
    switch (element_size(type)) {
    case 1: return __atomic_load_n(p, __ATOMIC_SEQ_CST);
    case 2: return __atomic_load_n(reinterpret_cast<u16 const*>(p), __ATOMIC_SEQ_CST);
    default: return __atomic_load_n(reinterpret_cast<u32 const*>(p), __ATOMIC_SEQ_CST);
    }
}

// AtomicReadModifyWrite ( typedArray, index, value, op )
// spec: https://tc39.es/ecma262/#sec-atomicreadmodifywrite
ThrowOr<Value> AtomicReadModifyWrite(Vm& vm, CallArgs const& args, Rmw op, AtomicsOp property_op)
{
    if (wants_property_form(vm, args.arg(0)))
        return property_atomics(vm, property_op, args);
    // 1. Let byteIndexInBuffer be ? ValidateAtomicAccessOnIntegerTypedArray(typedArray, index).
    TypedArrayObject* ta = TRY(ValidateIntegerTypedArray(vm, args.arg(0), false));
    u64 byte_index = TRY(ValidateAtomicAccess(vm, ta, args.arg(1)));
    // 2-3. Let v be 𝔽(? ToIntegerOrInfinity(value)).
    double v = TRY(ToIntegerOrInfinity(vm, args.arg(2)));
    // 4. Perform ? RevalidateAtomicAccess(typedArray, byteIndexInBuffer).
    u8* p = TRY(RevalidateAtomicAccess(vm, ta, byte_index));
    // 5-9. GetModifySetValueInBuffer(buffer, byteIndexInBuffer, elementType, v, op).
    return apply_rmw(ta->type(), p, raw_bits(v), op);
}

ThrowOr<Value> atomics_add(Vm& vm, CallArgs const& args) { return AtomicReadModifyWrite(vm, args, Rmw::Add, AtomicsOp::Add); }
ThrowOr<Value> atomics_sub(Vm& vm, CallArgs const& args) { return AtomicReadModifyWrite(vm, args, Rmw::Sub, AtomicsOp::Sub); }
ThrowOr<Value> atomics_and(Vm& vm, CallArgs const& args) { return AtomicReadModifyWrite(vm, args, Rmw::And, AtomicsOp::And); }
ThrowOr<Value> atomics_or(Vm& vm, CallArgs const& args) { return AtomicReadModifyWrite(vm, args, Rmw::Or, AtomicsOp::Or); }
ThrowOr<Value> atomics_xor(Vm& vm, CallArgs const& args) { return AtomicReadModifyWrite(vm, args, Rmw::Xor, AtomicsOp::Xor); }
ThrowOr<Value> atomics_exchange(Vm& vm, CallArgs const& args) { return AtomicReadModifyWrite(vm, args, Rmw::Exchange, AtomicsOp::Exchange); }

// Atomics.compareExchange ( typedArray, index, expectedValue, replacementValue )
// spec: https://tc39.es/ecma262/#sec-atomics.compareexchange
ThrowOr<Value> atomics_compare_exchange(Vm& vm, CallArgs const& args)
{
    if (wants_property_form(vm, args.arg(0)))
        return property_atomics(vm, AtomicsOp::CompareExchange, args);
    TypedArrayObject* ta = TRY(ValidateIntegerTypedArray(vm, args.arg(0), false));
    u64 byte_index = TRY(ValidateAtomicAccess(vm, ta, args.arg(1)));
    // 4-5. expected and replacement: 𝔽(? ToIntegerOrInfinity(...)).
    double expected = TRY(ToIntegerOrInfinity(vm, args.arg(2)));
    double replacement = TRY(ToIntegerOrInfinity(vm, args.arg(3)));
    u8* p = TRY(RevalidateAtomicAccess(vm, ta, byte_index));
    // 8-13. Compare the raw bytes of expected with the element; exchange when equal.
    ElementType type = ta->type();
    u32 expected_bits = raw_bits(expected);
    u32 replacement_bits = raw_bits(replacement);
    switch (element_size(type)) {
    case 1: {
        u8 e = static_cast<u8>(expected_bits);
        __atomic_compare_exchange_n(p, &e, static_cast<u8>(replacement_bits), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return from_raw(type, e);
    }
    case 2: {
        u16 e = static_cast<u16>(expected_bits);
        __atomic_compare_exchange_n(reinterpret_cast<u16*>(p), &e, static_cast<u16>(replacement_bits), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return from_raw(type, e);
    }
    default: {
        u32 e = expected_bits;
        __atomic_compare_exchange_n(reinterpret_cast<u32*>(p), &e, replacement_bits, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return from_raw(type, e);
    }
    }
}

// Atomics.load ( typedArray, index )
// spec: https://tc39.es/ecma262/#sec-atomics.load
ThrowOr<Value> atomics_load(Vm& vm, CallArgs const& args)
{
    if (wants_property_form(vm, args.arg(0)))
        return property_atomics(vm, AtomicsOp::Load, args);
    TypedArrayObject* ta = TRY(ValidateIntegerTypedArray(vm, args.arg(0), false));
    u64 byte_index = TRY(ValidateAtomicAccess(vm, ta, args.arg(1)));
    u8* p = TRY(RevalidateAtomicAccess(vm, ta, byte_index));
    return from_raw(ta->type(), load_bits(ta->type(), p));
}

// Atomics.store ( typedArray, index, value )
// spec: https://tc39.es/ecma262/#sec-atomics.store
ThrowOr<Value> atomics_store(Vm& vm, CallArgs const& args)
{
    if (wants_property_form(vm, args.arg(0)))
        return property_atomics(vm, AtomicsOp::Store, args);
    TypedArrayObject* ta = TRY(ValidateIntegerTypedArray(vm, args.arg(0), false));
    u64 byte_index = TRY(ValidateAtomicAccess(vm, ta, args.arg(1)));
    // 3-4. Let v be 𝔽(? ToIntegerOrInfinity(value)) (+ 0.0: -0 becomes +0).
    double v = TRY(ToIntegerOrInfinity(vm, args.arg(2))) + 0.0;
    u8* p = TRY(RevalidateAtomicAccess(vm, ta, byte_index));
    u32 bits = raw_bits(v);
    switch (ta->element_size()) {
    case 1: __atomic_store_n(p, static_cast<u8>(bits), __ATOMIC_SEQ_CST); break;
    case 2: __atomic_store_n(reinterpret_cast<u16*>(p), static_cast<u16>(bits), __ATOMIC_SEQ_CST); break;
    default: __atomic_store_n(reinterpret_cast<u32*>(p), bits, __ATOMIC_SEQ_CST); break;
    }
    // 7. Return v.
    return Value::from_number(v);
}

// Atomics.isLockFree ( size )
// spec: https://tc39.es/ecma262/#sec-atomics.islockfree
ThrowOr<Value> atomics_is_lock_free(Vm& vm, CallArgs const& args)
{
    double n = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    return Value::boolean(n == 1 || n == 2 || n == 4 || n == 8);
}

// Atomics.pause ( [ N ] )
// spec: https://tc39.es/proposal-atomics-microwait/
ThrowOr<Value> atomics_pause(Vm& vm, CallArgs const& args)
{
    Value n = args.arg(0);
    // 1. If N is neither undefined nor an integral Number, throw a TypeError exception.
    if (!n.is_undefined() && (!n.is_number() || !std::isfinite(n.as_number()) || n.as_number() != std::trunc(n.as_number())))
        return throw_type_error(vm, "Atomics.pause: the argument must be undefined or an integral Number");
    cpu_relax();
    return Value::undefined();
}

// DoWait steps 1-8 and the bounds check, shared by the sync and async forms: the element to
// wait on, the expected value and the timeout in ms (+Infinity: none).
// spec: https://tc39.es/ecma262/#sec-dowait
struct TypedArrayWait {
    TypedArrayObject* ta;
    i32* address;
    i32 expected;
    double timeout_ms;
};
static ThrowOr<TypedArrayWait> validate_typed_array_wait(Vm& vm, CallArgs const& args, char const* name)
{
    // 1-3. ValidateIntegerTypedArray(typedArray, true); the buffer must be shared.
    TypedArrayObject* ta = TRY(ValidateIntegerTypedArray(vm, args.arg(0), true));
    if (!ta->buffer()->is_shared())
        return throw_type_error(vm, "%s cannot be called on a non-shared buffer", name);
    // 4. Let i be ? ValidateAtomicAccess(taRecord, index).
    u64 byte_index = TRY(ValidateAtomicAccess(vm, ta, args.arg(1)));
    // 5-6. Let v be ? ToInt32(value).
    i32 v = TRY(ToInt32(vm, args.arg(2)));
    // 7-8. Let q be ? ToNumber(timeout); NaN and +∞ wait forever, others at least 0 ms.
    double q = TRY(ToNumber(vm, args.arg(3)));
    double timeout = (std::isnan(q) || q == INFINITY) ? INFINITY : std::max(q, 0.0);
    // Re-check the bounds after the conversions, which may have run JavaScript (R7). A growable
    // buffer cannot shrink, so the element stays inside the data cell.
    TypedArrayView view = typed_array_view(ta);
    if (view.out_of_bounds || byte_index + 4 > ta->byte_offset_raw() + view.length * 4)
        return throw_range_error(vm, "Invalid atomic access index");
    return TypedArrayWait { ta, reinterpret_cast<i32*>(ta->buffer()->bytes() + byte_index), v, timeout };
}

// DoWait ( mode, typedArray, index, value, timeout ) for mode sync.
// spec: https://tc39.es/ecma262/#sec-dowait
ThrowOr<Value> atomics_wait(Vm& vm, CallArgs const& args)
{
    if (wants_property_form(vm, args.arg(0)))
        return property_atomics(vm, AtomicsOp::Wait, args);
    TypedArrayWait wait = TRY(validate_typed_array_wait(vm, args, "Atomics.wait"));
    // 9. AgentCanSuspend(): every thread of this shell may block (the main thread included).
    i32* address = wait.address;
    i32 v = wait.expected;
    ParkResult result;
    {
        // Out of the heap while blocked (R6); `ta` and its buffer stay alive through this frame.
        SafeRegion region(vm.mutator());
        result = parking_lot::park({ address, 0 }, [&] { return __atomic_load_n(address, __ATOMIC_SEQ_CST) == v; },
            std::isinf(wait.timeout_ms) ? -1 : wait.timeout_ms);
    }
    char const* text = result == ParkResult::Invalid ? "not-equal" : result == ParkResult::TimedOut ? "timed-out" : "ok";
    return Value::from_cell(TRY(intern(vm, text)));
}

// DoWait ( mode, typedArray, index, value, timeout ) for mode async.
// spec: https://tc39.es/ecma262/#sec-atomics.waitasync
ThrowOr<Value> atomics_wait_async(Vm& vm, CallArgs const& args)
{
    if (wants_property_form(vm, args.arg(0)))
        return property_atomics(vm, AtomicsOp::WaitAsync, args);
    TypedArrayWait wait = TRY(validate_typed_array_wait(vm, args, "Atomics.waitAsync"));
    // 10-31. Not equal or a zero timeout answer synchronously; otherwise a promise settled by a
    // notify ("ok") or the timeout ("timed-out") in a later turn of this thread's event loop.
    return typed_array_wait_async(vm, wait.ta, wait.address, wait.expected, wait.timeout_ms);
}

// Atomics.notify ( typedArray, index, count )
// spec: https://tc39.es/ecma262/#sec-atomics.notify
ThrowOr<Value> atomics_notify(Vm& vm, CallArgs const& args)
{
    if (wants_property_form(vm, args.arg(0)))
        return property_atomics(vm, AtomicsOp::Notify, args);
    // 1-2. ValidateIntegerTypedArray(typedArray, true); ValidateAtomicAccess(taRecord, index).
    TypedArrayObject* ta = TRY(ValidateIntegerTypedArray(vm, args.arg(0), true));
    u64 byte_index = TRY(ValidateAtomicAccess(vm, ta, args.arg(1)));
    // 3-4. count: +∞ when undefined, else max(? ToIntegerOrInfinity(count), 0).
    double c = INFINITY;
    if (!args.arg(2).is_undefined())
        c = std::max(TRY(ToIntegerOrInfinity(vm, args.arg(2))), 0.0);
    // 7. If IsSharedArrayBuffer(buffer) is false, return +0.
    if (!ta->buffer()->is_shared())
        return Value::from_i32(0);
    u32 count = c >= 4294967295.0 ? 0xffffffffu : static_cast<u32>(c);
    if (count == 0)
        return Value::from_i32(0);
    ParkKey key { ta->buffer()->bytes() + byte_index, 0 };
    return Value::from_u64(parking_lot::unpark(key, count));
}

constexpr NativeMethod kAtomicsMethods[] = {
    { "add", 3, atomics_add },
    { "and", 3, atomics_and },
    { "compareExchange", 4, atomics_compare_exchange },
    { "exchange", 3, atomics_exchange },
    { "isLockFree", 1, atomics_is_lock_free },
    { "load", 2, atomics_load },
    { "notify", 3, atomics_notify },
    { "or", 3, atomics_or },
    { "pause", 0, atomics_pause },
    { "store", 3, atomics_store },
    { "sub", 3, atomics_sub },
    { "wait", 4, atomics_wait },
    { "waitAsync", 4, atomics_wait_async },
    { "xor", 3, atomics_xor },
};

} // namespace

ThrowOr<void> install_atomics(Vm& vm)
{
    Object* atomics = TRY(new_object(vm));
    TRY(install_methods(vm, atomics, kAtomicsMethods));
    String* tag = TRY(intern(vm, "Atomics"));
    TRY(DefinePropertyOrThrow(vm, atomics, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(tag), PropertyAttributes::data(false, false, true))));
    TRY(define_value(vm, vm.realm()->global_object, "Atomics", Value::from_cell(atomics)));
    return {};
}

} // namespace weft
