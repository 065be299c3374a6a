// %TypedArray%.prototype: accessors and methods shared by the nine TypedArray kinds.
// spec: https://tc39.es/ecma262/#sec-properties-of-the-%typedarrayprototype%-object
//
// Every method re-reads the array's view (typed_array_view) after anything that may run
// JavaScript; a detach or a shrink in a callback makes later reads undefined and later
// writes no-ops, as ECMA-262's ! Get / ! Set on an integer-indexed exotic object do.
#include "builtins/iterator.h"
#include "builtins/typed_array_internal.h"

#include "base/number_format.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace weft {

namespace {

TypedArrayObject* ta_of(Value v) { return as_typed_array(v); }

// The start/end clamp of slice, fill, subarray, copyWithin: relative index → [0, len].
u64 clamp_relative(double relative, u64 len)
{
    double l = static_cast<double>(len);
    if (relative < 0)
        return static_cast<u64>(std::max(l + relative, 0.0));
    return static_cast<u64>(std::min(relative, l));
}

ThrowOr<u64> relative_argument(Vm& vm, Value v, u64 len, u64 if_undefined)
{
    if (v.is_undefined())
        return if_undefined;
    double relative = TRY(ToIntegerOrInfinity(vm, v));
    return clamp_relative(relative, len);
}

ThrowOr<Value> require_callable(Vm& vm, Value f)
{
    if (!is_callable(f))
        return throw_type_error(vm, "%s is not a function", describe_for_error(vm, f).c_str());
    return f;
}

// --- Accessors ---------------------------------------------------------------------------------------

// get %TypedArray%.prototype.buffer
ThrowOr<Value> get_buffer(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (!is_typed_array(t))
        return throw_type_error(vm, "Method get %%TypedArray%%.prototype.buffer called on incompatible receiver %s", describe_for_error(vm, t).c_str());
    return Value::from_cell(ta_of(t)->buffer());
}

// get %TypedArray%.prototype.byteLength: TypedArrayByteLength, 0 when out of bounds.
ThrowOr<Value> get_byte_length(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (!is_typed_array(t))
        return throw_type_error(vm, "Method get %%TypedArray%%.prototype.byteLength called on incompatible receiver %s", describe_for_error(vm, t).c_str());
    TypedArrayView view = typed_array_view(ta_of(t));
    return Value::from_u64(view.length * ta_of(t)->element_size());
}

// get %TypedArray%.prototype.byteOffset: 0 when out of bounds.
ThrowOr<Value> get_byte_offset(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (!is_typed_array(t))
        return throw_type_error(vm, "Method get %%TypedArray%%.prototype.byteOffset called on incompatible receiver %s", describe_for_error(vm, t).c_str());
    TypedArrayView view = typed_array_view(ta_of(t));
    return Value::from_u64(view.out_of_bounds ? 0 : ta_of(t)->byte_offset_raw());
}

// get %TypedArray%.prototype.length
ThrowOr<Value> get_length(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (!is_typed_array(t))
        return throw_type_error(vm, "Method get %%TypedArray%%.prototype.length called on incompatible receiver %s", describe_for_error(vm, t).c_str());
    return Value::from_u64(typed_array_view(ta_of(t)).length);
}

// get %TypedArray%.prototype [ @@toStringTag ]
ThrowOr<Value> get_to_string_tag(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (!is_typed_array(t))
        return Value::undefined();
    return Value::from_cell(TRY(intern(vm, typed_array_name(ta_of(t)->type()))));
}

// --- Searching and iteration with callbacks ---------------------------------------------------------

// %TypedArray%.prototype.at ( index )
ThrowOr<Value> ta_at(Vm& vm, CallArgs const& args)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), "%TypedArray%.prototype.at"));
    double len = static_cast<double>(view.length);
    double relative = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    double k = relative >= 0 ? relative : len + relative;
    if (k < 0 || k >= len)
        return Value::undefined();
    return typed_array_get_index(ta_of(args.this_value()), static_cast<u64>(k));
}

enum class Predicate : u8 { Every, Some, ForEach, Find, FindIndex, FindLast, FindLastIndex };

// every, some, forEach, find, findIndex, findLast, findLastIndex: one loop.
ThrowOr<Value> callback_loop(Vm& vm, CallArgs const& args, Predicate kind, char const* method)
{
    // 1-3. Let taRecord be ? ValidateTypedArray(O, seq-cst); let len be TypedArrayLength(taRecord).
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    // 4. If IsCallable(callbackfn) is false, throw a TypeError exception.
    Value callback = TRY(require_callable(vm, args.arg(0)));
    bool backwards = kind == Predicate::FindLast || kind == Predicate::FindLastIndex;
    for (u64 n = 0; n < len; ++n) {
        u64 k = backwards ? len - 1 - n : n;
        Value k_value = typed_array_get_index(o, k);
        Value call_args[3] = { k_value, Value::from_u64(k), args.this_value() };
        Value result = TRY(Call(vm, callback, args.arg(1), call_args));
        bool truthy = ToBoolean(result);
        switch (kind) {
        case Predicate::Every:
            if (!truthy)
                return Value::boolean(false);
            break;
        case Predicate::Some:
            if (truthy)
                return Value::boolean(true);
            break;
        case Predicate::ForEach:
            break;
        case Predicate::Find:
        case Predicate::FindLast:
            if (truthy)
                return k_value;
            break;
        case Predicate::FindIndex:
        case Predicate::FindLastIndex:
            if (truthy)
                return Value::from_u64(k);
            break;
        }
    }
    switch (kind) {
    case Predicate::Every: return Value::boolean(true);
    case Predicate::Some: return Value::boolean(false);
    case Predicate::FindIndex:
    case Predicate::FindLastIndex: return Value::from_i32(-1);
    default: return Value::undefined();
    }
}

ThrowOr<Value> ta_every(Vm& vm, CallArgs const& args) { return callback_loop(vm, args, Predicate::Every, "%TypedArray%.prototype.every"); }
ThrowOr<Value> ta_some(Vm& vm, CallArgs const& args) { return callback_loop(vm, args, Predicate::Some, "%TypedArray%.prototype.some"); }
ThrowOr<Value> ta_for_each(Vm& vm, CallArgs const& args) { return callback_loop(vm, args, Predicate::ForEach, "%TypedArray%.prototype.forEach"); }
ThrowOr<Value> ta_find(Vm& vm, CallArgs const& args) { return callback_loop(vm, args, Predicate::Find, "%TypedArray%.prototype.find"); }
ThrowOr<Value> ta_find_index(Vm& vm, CallArgs const& args) { return callback_loop(vm, args, Predicate::FindIndex, "%TypedArray%.prototype.findIndex"); }
ThrowOr<Value> ta_find_last(Vm& vm, CallArgs const& args) { return callback_loop(vm, args, Predicate::FindLast, "%TypedArray%.prototype.findLast"); }
ThrowOr<Value> ta_find_last_index(Vm& vm, CallArgs const& args) { return callback_loop(vm, args, Predicate::FindLastIndex, "%TypedArray%.prototype.findLastIndex"); }

// %TypedArray%.prototype.indexOf / lastIndexOf / includes
enum class Search : u8 { IndexOf, LastIndexOf, Includes };
ThrowOr<Value> search(Vm& vm, CallArgs const& args, Search kind, char const* method)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    Value not_found = kind == Search::Includes ? Value::boolean(false) : Value::from_i32(-1);
    if (len == 0)
        return not_found;
    double l = static_cast<double>(len);
    Value target = args.arg(0);
    if (kind == Search::LastIndexOf) {
        // 5. If fromIndex is present, let n be ? ToIntegerOrInfinity(fromIndex); else len - 1.
        double n = args.count() > 1 ? TRY(ToIntegerOrInfinity(vm, args.arg(1))) : l - 1;
        if (n == -INFINITY)
            return not_found;
        double k = n >= 0 ? std::min(n, l - 1) : l + n;
        for (; k >= 0; --k) {
            double index = k;
            if (auto v = typed_array_get_element(o, index); v && IsStrictlyEqual(*v, target))
                return Value::from_number(k);
        }
        return not_found;
    }
    // 5. Let n be ? ToIntegerOrInfinity(fromIndex).
    double n = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    if (n == INFINITY)
        return not_found;
    if (n == -INFINITY)
        n = 0;
    double k = n >= 0 ? n : std::max(l + n, 0.0);
    for (; k < l; ++k) {
        if (kind == Search::Includes) {
            // Includes reads with ! Get: undefined past a shrink or a detach.
            Value v = typed_array_get_index(o, static_cast<u64>(k));
            if (SameValueZero(v, target))
                return Value::boolean(true);
        } else if (auto v = typed_array_get_element(o, k); v && IsStrictlyEqual(*v, target)) {
            // indexOf checks HasProperty first: a missing element never matches.
            return Value::from_number(k);
        }
    }
    return not_found;
}
ThrowOr<Value> ta_index_of(Vm& vm, CallArgs const& args) { return search(vm, args, Search::IndexOf, "%TypedArray%.prototype.indexOf"); }
ThrowOr<Value> ta_last_index_of(Vm& vm, CallArgs const& args) { return search(vm, args, Search::LastIndexOf, "%TypedArray%.prototype.lastIndexOf"); }
ThrowOr<Value> ta_includes(Vm& vm, CallArgs const& args) { return search(vm, args, Search::Includes, "%TypedArray%.prototype.includes"); }

// %TypedArray%.prototype.reduce / reduceRight ( callbackfn [ , initialValue ] )
ThrowOr<Value> reduce(Vm& vm, CallArgs const& args, bool right, char const* method)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    Value callback = TRY(require_callable(vm, args.arg(0)));
    // 5. If len = 0 and initialValue is not present, throw a TypeError exception.
    if (len == 0 && args.count() < 2)
        return throw_type_error(vm, "Reduce of empty array with no initial value");
    u64 n = 0;
    Value accumulator;
    if (args.count() >= 2) {
        accumulator = args.arg(1);
    } else {
        accumulator = typed_array_get_index(o, right ? len - 1 : 0);
        n = 1;
    }
    for (; n < len; ++n) {
        u64 k = right ? len - 1 - n : n;
        Value call_args[4] = { accumulator, typed_array_get_index(o, k), Value::from_u64(k), args.this_value() };
        accumulator = TRY(Call(vm, callback, Value::undefined(), call_args));
    }
    return accumulator;
}
ThrowOr<Value> ta_reduce(Vm& vm, CallArgs const& args) { return reduce(vm, args, false, "%TypedArray%.prototype.reduce"); }
ThrowOr<Value> ta_reduce_right(Vm& vm, CallArgs const& args) { return reduce(vm, args, true, "%TypedArray%.prototype.reduceRight"); }

// --- Producing arrays ---------------------------------------------------------------------------------

// %TypedArray%.prototype.map ( callbackfn [ , thisArg ] )
ThrowOr<Value> ta_map(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.map";
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    Value callback = TRY(require_callable(vm, args.arg(0)));
    // 5. Let A be ? TypedArraySpeciesCreate(O, « 𝔽(len) »).
    TypedArrayObject* a = TRY(typed_array_species_create_length(vm, o, len, method));
    for (u64 k = 0; k < len; ++k) {
        Value call_args[3] = { typed_array_get_index(o, k), Value::from_u64(k), args.this_value() };
        Value mapped = TRY(Call(vm, callback, args.arg(1), call_args));
        TRY(Set(vm, a, TRY(key_for_index(vm, k)), mapped, ThrowOnFailure::Yes));
    }
    return Value::from_cell(a);
}

// %TypedArray%.prototype.filter ( callbackfn [ , thisArg ] )
ThrowOr<Value> ta_filter(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.filter";
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    Value callback = TRY(require_callable(vm, args.arg(0)));
    std::vector<Value> kept; // Numbers only (no cells): nothing to root
    for (u64 k = 0; k < len; ++k) {
        Value k_value = typed_array_get_index(o, k);
        Value call_args[3] = { k_value, Value::from_u64(k), args.this_value() };
        if (ToBoolean(TRY(Call(vm, callback, args.arg(1), call_args))))
            kept.push_back(k_value);
    }
    TypedArrayObject* a = TRY(typed_array_species_create_length(vm, o, kept.size(), method));
    for (usize n = 0; n < kept.size(); ++n)
        TRY(Set(vm, a, TRY(key_for_index(vm, n)), kept[n], ThrowOnFailure::Yes));
    return Value::from_cell(a);
}

// %TypedArray%.prototype.slice ( start, end )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.prototype.slice
ThrowOr<Value> ta_slice(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.slice";
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    u64 start = TRY(relative_argument(vm, args.arg(0), len, 0));
    u64 end = TRY(relative_argument(vm, args.arg(1), len, len));
    u64 count = end > start ? end - start : 0;
    // 13. Let A be ? TypedArraySpeciesCreate(O, « 𝔽(countBytes) »).
    TypedArrayObject* a = TRY(typed_array_species_create_length(vm, o, count, method));
    if (count > 0) {
        // 15.a-c. The source again: out of bounds now is a TypeError; the end shrinks with it.
        view = typed_array_view(o);
        if (view.out_of_bounds)
            return throw_type_error(vm, "Cannot perform %s on a detached or out-of-bounds TypedArray", method);
        end = std::min(end, view.length);
        count = end > start ? end - start : 0;
        if (o->type() == a->type()) {
            // 15.f. Same type: copy the bytes (bit patterns preserved), bounded by both views.
            TypedArrayView target = typed_array_view(a);
            u32 size = o->element_size();
            u64 bytes = std::min(count, target.length) * size;
            if (target.out_of_bounds)
                bytes = 0;
            u8 const* src = view.base + start * size;
            for (u64 i = 0; i < bytes; ++i)
                __atomic_store_n(target.base + i, __atomic_load_n(src + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
        } else {
            // 15.g. Else element by element through ! Get / ! Set.
            for (u64 n = 0, k = start; k < end; ++k, ++n) {
                Value v = typed_array_get_index(o, k);
                if (v.is_number())
                    typed_array_set_element_number(a, static_cast<double>(n), v.as_number());
            }
        }
    }
    return Value::from_cell(a);
}

// %TypedArray%.prototype.subarray ( start, end )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.prototype.subarray
ThrowOr<Value> ta_subarray(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.subarray";
    Value t = args.this_value();
    if (!is_typed_array(t))
        return throw_type_error(vm, "Method %s called on incompatible receiver %s", method, describe_for_error(vm, t).c_str());
    TypedArrayObject* o = ta_of(t);
    // 4-6. srcLength: 0 when out of bounds.
    TypedArrayView view = typed_array_view(o);
    u64 src_length = view.length;
    u64 start = TRY(relative_argument(vm, args.arg(0), src_length, 0));
    u32 size = o->element_size();
    // 14. Let beginByteOffset be srcByteOffset + startIndex × elementSize.
    u64 begin_byte_offset = o->byte_offset_raw() + start * size;
    Value arguments[3] = { Value::from_cell(o->buffer()), Value::from_u64(begin_byte_offset), Value::undefined() };
    u32 count = 2;
    // 15. If O.[[ArrayLength]] is auto and end is undefined: « buffer, beginByteOffset ».
    if (!(o->tracks_length() && args.arg(1).is_undefined())) {
        u64 end = TRY(relative_argument(vm, args.arg(1), src_length, src_length));
        u64 new_length = end > start ? end - start : 0;
        arguments[2] = Value::from_u64(new_length);
        count = 3;
    }
    // 17. Return ? TypedArraySpeciesCreate(O, argumentsList).
    return Value::from_cell(TRY(TypedArraySpeciesCreate(vm, o, std::span<Value const>(arguments, count), method)));
}

// --- Mutation -------------------------------------------------------------------------------------------------

// %TypedArray%.prototype.fill ( value [ , start [ , end ] ] )
ThrowOr<Value> ta_fill(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.fill";
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    // 5. Otherwise, set value to ? ToNumber(value).
    double value = TRY(ToNumber(vm, args.arg(0)));
    u64 start = TRY(relative_argument(vm, args.arg(1), len, 0));
    u64 end = TRY(relative_argument(vm, args.arg(2), len, len));
    // 15-17. The view again: out of bounds is a TypeError; the end shrinks with the array.
    view = typed_array_view(o);
    if (view.out_of_bounds)
        return throw_type_error(vm, "Cannot perform %s on a detached or out-of-bounds TypedArray", method);
    end = std::min(end, view.length);
    u32 size = o->element_size();
    for (u64 k = start; k < end; ++k)
        typed_array_store(o->type(), view.base + k * size, value);
    return args.this_value();
}

// %TypedArray%.prototype.copyWithin ( target, start [ , end ] )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.prototype.copywithin
ThrowOr<Value> ta_copy_within(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.copyWithin";
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    u64 to = TRY(relative_argument(vm, args.arg(0), len, 0));
    u64 from = TRY(relative_argument(vm, args.arg(1), len, 0));
    u64 final_ = TRY(relative_argument(vm, args.arg(2), len, len));
    // 12. Let count be min(final - from, len - to).
    i64 count = std::min<i64>(static_cast<i64>(final_) - static_cast<i64>(from), static_cast<i64>(len) - static_cast<i64>(to));
    if (count > 0) {
        view = typed_array_view(o);
        if (view.out_of_bounds)
            return throw_type_error(vm, "Cannot perform %s on a detached or out-of-bounds TypedArray", method);
        // 13.e-f. bufferByteLimit from the current length; copying stops at it.
        u32 size = o->element_size();
        u64 limit = view.length * size;
        u64 to_byte = to * size;
        u64 from_byte = from * size;
        u64 count_bytes = static_cast<u64>(count) * size;
        u8* base = view.base;
        if (from_byte < to_byte && to_byte < from_byte + count_bytes) {
            // Overlap: copy backwards.
            for (u64 i = count_bytes; i-- > 0;) {
                if (from_byte + i < limit && to_byte + i < limit)
                    __atomic_store_n(base + to_byte + i, __atomic_load_n(base + from_byte + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
            }
        } else {
            for (u64 i = 0; i < count_bytes; ++i) {
                if (from_byte + i >= limit || to_byte + i >= limit)
                    break;
                __atomic_store_n(base + to_byte + i, __atomic_load_n(base + from_byte + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
            }
        }
    }
    return args.this_value();
}

// %TypedArray%.prototype.reverse ( )
ThrowOr<Value> ta_reverse(Vm& vm, CallArgs const& args)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), "%TypedArray%.prototype.reverse"));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    u32 size = o->element_size();
    for (u64 lower = 0; len > 1 && lower < len / 2; ++lower) {
        u64 upper = len - 1 - lower;
        // Raw element swap: the bit patterns (NaN payloads included) are preserved.
        for (u32 i = 0; i < size; ++i) {
            u8 x = __atomic_load_n(view.base + lower * size + i, __ATOMIC_RELAXED);
            u8 y = __atomic_load_n(view.base + upper * size + i, __ATOMIC_RELAXED);
            __atomic_store_n(view.base + lower * size + i, y, __ATOMIC_RELAXED);
            __atomic_store_n(view.base + upper * size + i, x, __ATOMIC_RELAXED);
        }
    }
    return args.this_value();
}

// SetTypedArrayFromTypedArray ( target, targetOffset, source )
// spec: https://tc39.es/ecma262/#sec-settypedarrayfromtypedarray
ThrowOr<void> set_from_typed_array(Vm& vm, TypedArrayObject* target, double target_offset, TypedArrayObject* source)
{
    TypedArrayView target_view = typed_array_view(target);
    if (target_view.out_of_bounds)
        return throw_type_error(vm, "Cannot perform %%TypedArray%%.prototype.set on a detached or out-of-bounds TypedArray");
    TypedArrayView source_view = typed_array_view(source);
    if (source_view.out_of_bounds)
        return throw_type_error(vm, "Cannot perform %%TypedArray%%.prototype.set from a detached or out-of-bounds TypedArray");
    // 17-18. If targetOffset = +∞ or srcLength + targetOffset > targetLength, throw a RangeError.
    if (target_offset == INFINITY || static_cast<double>(source_view.length) + target_offset > static_cast<double>(target_view.length))
        return throw_range_error(vm, "offset is out of bounds");
    u64 offset = static_cast<u64>(target_offset);
    u64 count = source_view.length;
    ElementType source_type = source->type();
    ElementType target_type = target->type();
    u32 source_size = element_size(source_type);
    u32 target_size = element_size(target_type);
    u8* dst = target_view.base + offset * target_size;
    u8 const* src = source_view.base;
    if (source_type == target_type) {
        // 25. Same type: a byte copy; memmove order handles a shared buffer.
        u64 bytes = count * source_size;
        if (dst < src || dst >= src + bytes) {
            for (u64 i = 0; i < bytes; ++i)
                __atomic_store_n(dst + i, __atomic_load_n(src + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
        } else {
            for (u64 i = bytes; i-- > 0;)
                __atomic_store_n(dst + i, __atomic_load_n(src + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
        }
        return {};
    }
    // 23-24, 26. Different types: if both share a buffer, clone the source bytes first.
    std::vector<Value> values(count);
    for (u64 i = 0; i < count; ++i)
        values[i] = typed_array_load(source_type, src + i * source_size);
    for (u64 i = 0; i < count; ++i)
        typed_array_store(target_type, dst + i * target_size, values[i].as_number());
    return {};
}

// SetTypedArrayFromArrayLike ( target, targetOffset, source )
// spec: https://tc39.es/ecma262/#sec-settypedarrayfromarraylike
ThrowOr<void> set_from_array_like(Vm& vm, TypedArrayObject* target, double target_offset, Value source)
{
    TypedArrayView target_view = typed_array_view(target);
    if (target_view.out_of_bounds)
        return throw_type_error(vm, "Cannot perform %%TypedArray%%.prototype.set on a detached or out-of-bounds TypedArray");
    u64 target_length = target_view.length;
    // 5. Let src be ? ToObject(source). 6. Let srcLength be ? LengthOfArrayLike(src).
    Object* src = TRY(ToObject(vm, source));
    u64 src_length = TRY(LengthOfArrayLike(vm, src));
    // 7-8. If targetOffset = +∞ or srcLength + targetOffset > targetLength, throw a RangeError.
    if (target_offset == INFINITY || static_cast<double>(src_length) + target_offset > static_cast<double>(target_length))
        return throw_range_error(vm, "offset is out of bounds");
    for (u64 k = 0; k < src_length; ++k) {
        Value value = TRY(Get(vm, src, TRY(key_for_index(vm, k))));
        TRY(TypedArraySetElement(vm, target, target_offset + static_cast<double>(k), value));
    }
    return {};
}

// %TypedArray%.prototype.set ( source [ , offset ] )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.prototype.set
ThrowOr<Value> ta_set(Vm& vm, CallArgs const& args)
{
    Value t = args.this_value();
    if (!is_typed_array(t))
        return throw_type_error(vm, "Method %%TypedArray%%.prototype.set called on incompatible receiver %s", describe_for_error(vm, t).c_str());
    // 4. Let targetOffset be ? ToIntegerOrInfinity(offset). 5. If < 0, throw a RangeError.
    double offset = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    if (offset < 0)
        return throw_range_error(vm, "offset is out of bounds");
    Value source = args.arg(0);
    if (is_typed_array(source))
        TRY(set_from_typed_array(vm, ta_of(t), offset, ta_of(source)));
    else
        TRY(set_from_array_like(vm, ta_of(t), offset, source));
    return Value::undefined();
}

// --- Sorting ----------------------------------------------------------------------------------------------

// The default comparison of numbers: ascending, -0 before +0, NaN last.
bool number_less(double x, double y)
{
    if (std::isnan(x))
        return false;
    if (std::isnan(y))
        return true;
    if (x < y)
        return true;
    if (x > y)
        return false;
    return std::signbit(x) && !std::signbit(y);
}

// SortIndexedProperties' sort with an optional comparator (a stable merge sort; the comparator
// may throw or detach the array).
ThrowOr<void> sort_values(Vm& vm, std::vector<Value>& values, Value comparator)
{
    if (comparator.is_undefined()) {
        std::stable_sort(values.begin(), values.end(), [](Value a, Value b) { return number_less(a.as_number(), b.as_number()); });
        return {};
    }
    std::vector<Value> scratch(values.size());
    for (usize width = 1; width < values.size(); width *= 2) {
        for (usize lo = 0; lo < values.size(); lo += 2 * width) {
            usize mid = std::min(lo + width, values.size());
            usize hi = std::min(lo + 2 * width, values.size());
            usize i = lo, j = mid, out = lo;
            while (i < mid && j < hi) {
                Value call_args[2] = { values[j], values[i] };
                // take values[j] first only if comparator(b, a) < 0, i.e. a > b strictly.
                double v = TRY(ToNumber(vm, TRY(Call(vm, comparator, Value::undefined(), call_args))));
                if (v < 0)
                    scratch[out++] = values[j++];
                else
                    scratch[out++] = values[i++];
            }
            while (i < mid)
                scratch[out++] = values[i++];
            while (j < hi)
                scratch[out++] = values[j++];
        }
        values.swap(scratch);
    }
    return {};
}

// %TypedArray%.prototype.sort ( comparefn )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.prototype.sort
ThrowOr<Value> ta_sort(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.sort";
    // 1. If comparefn is not undefined and IsCallable(comparefn) is false, throw a TypeError.
    Value comparator = args.arg(0);
    if (!comparator.is_undefined() && !is_callable(comparator))
        return throw_type_error(vm, "The comparison function must be either a function or undefined");
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    std::vector<Value> values(len);
    for (u64 k = 0; k < len; ++k)
        values[k] = typed_array_load(o->type(), view.base + k * o->element_size());
    TRY(sort_values(vm, values, comparator));
    // Write back with ! Set: indices past a shrink or a detach are ignored.
    for (u64 k = 0; k < len; ++k)
        typed_array_set_element_number(o, static_cast<double>(k), values[k].as_number());
    return args.this_value();
}

// %TypedArray%.prototype.toSorted ( comparefn )
ThrowOr<Value> ta_to_sorted(Vm& vm, CallArgs const& args)
{
    char const* method = "%TypedArray%.prototype.toSorted";
    Value comparator = args.arg(0);
    if (!comparator.is_undefined() && !is_callable(comparator))
        return throw_type_error(vm, "The comparison function must be either a function or undefined");
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), method));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    TypedArrayObject* a = TRY(TypedArrayCreateSameType(vm, o, len));
    std::vector<Value> values(len);
    for (u64 k = 0; k < len; ++k)
        values[k] = typed_array_get_index(o, k);
    TRY(sort_values(vm, values, comparator));
    for (u64 k = 0; k < len; ++k)
        typed_array_set_element_number(a, static_cast<double>(k), values[k].as_number());
    return Value::from_cell(a);
}

// %TypedArray%.prototype.toReversed ( )
ThrowOr<Value> ta_to_reversed(Vm& vm, CallArgs const& args)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), "%TypedArray%.prototype.toReversed"));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    TypedArrayObject* a = TRY(TypedArrayCreateSameType(vm, o, len));
    for (u64 k = 0; k < len; ++k) {
        Value v = typed_array_get_index(o, len - 1 - k);
        if (v.is_number())
            typed_array_set_element_number(a, static_cast<double>(k), v.as_number());
    }
    return Value::from_cell(a);
}

// %TypedArray%.prototype.with ( index, value )
// spec: https://tc39.es/ecma262/#sec-%typedarray%.prototype.with
ThrowOr<Value> ta_with(Vm& vm, CallArgs const& args)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), "%TypedArray%.prototype.with"));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    double relative = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    // + 0.0: a mathematical value, never -0 (ToIntegerOrInfinity(-0.5) is 0).
    double actual = (relative >= 0 ? relative : static_cast<double>(len) + relative) + 0.0;
    double value = TRY(ToNumber(vm, args.arg(1)));
    // 9. If IsValidIntegerIndex(O, 𝔽(actualIndex)) is false, throw a RangeError exception.
    if (!typed_array_get_element(o, actual))
        return throw_range_error(vm, "Invalid typed array index");
    TypedArrayObject* a = TRY(TypedArrayCreateSameType(vm, o, len));
    for (u64 k = 0; k < len; ++k) {
        Value v = static_cast<double>(k) == actual ? Value::from_number(value) : typed_array_get_index(o, k);
        typed_array_set_element_number(a, static_cast<double>(k), v.is_number() ? v.as_number() : NAN);
    }
    return Value::from_cell(a);
}

// --- Strings ---------------------------------------------------------------------------------------------

// %TypedArray%.prototype.join ( separator )
ThrowOr<Value> ta_join(Vm& vm, CallArgs const& args)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), "%TypedArray%.prototype.join"));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    std::u16string separator = u",";
    if (!args.arg(0).is_undefined())
        separator = TRY(ToString(vm, args.arg(0)))->to_utf16();
    std::u16string result;
    char buffer[kMaxNumberChars];
    for (u64 k = 0; k < len; ++k) {
        if (k > 0)
            result += separator;
        Value v = typed_array_get_index(o, k);
        if (v.is_undefined())
            continue;
        usize n = number_to_chars(v.as_number(), buffer);
        for (usize i = 0; i < n; ++i)
            result.push_back(static_cast<char16_t>(buffer[i]));
        if (result.size() > (usize(1) << 30))
            return throw_range_error(vm, "Invalid string length");
    }
    return Value::from_cell(TRY(new_string_utf16(vm, result)));
}

// %TypedArray%.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] )
ThrowOr<Value> ta_to_locale_string(Vm& vm, CallArgs const& args)
{
    TypedArrayView view = TRY(ValidateTypedArray(vm, args.this_value(), "%TypedArray%.prototype.toLocaleString"));
    TypedArrayObject* o = ta_of(args.this_value());
    u64 len = view.length;
    std::u16string result;
    PropertyKey to_locale = TRY(key_for(vm, "toLocaleString"));
    for (u64 k = 0; k < len; ++k) {
        if (k > 0)
            result += u",";
        Value v = typed_array_get_index(o, k);
        if (v.is_nullish())
            continue;
        Value s = TRY(Invoke(vm, v, to_locale));
        result += TRY(ToString(vm, s))->to_utf16();
    }
    return Value::from_cell(TRY(new_string_utf16(vm, result)));
}

// --- Iterators -----------------------------------------------------------------------------------------------

ThrowOr<Value> make_iterator(Vm& vm, CallArgs const& args, InternalIterator::Kind kind, char const* method)
{
    // 1-3. Perform ? ValidateTypedArray(O, seq-cst). Return CreateArrayIterator(O, kind).
    TRY(ValidateTypedArray(vm, args.this_value(), method));
    InternalIterator* it = InternalIterator::try_create(vm, vm.realm()->array_iterator_prototype, args.this_value(), InternalIterator::Array, kind);
    if (!it)
        return throw_out_of_memory(vm);
    return Value::from_cell(it);
}
ThrowOr<Value> ta_keys(Vm& vm, CallArgs const& args) { return make_iterator(vm, args, InternalIterator::Keys, "%TypedArray%.prototype.keys"); }
ThrowOr<Value> ta_values(Vm& vm, CallArgs const& args) { return make_iterator(vm, args, InternalIterator::Values, "%TypedArray%.prototype.values"); }
ThrowOr<Value> ta_entries(Vm& vm, CallArgs const& args) { return make_iterator(vm, args, InternalIterator::Entries, "%TypedArray%.prototype.entries"); }

constexpr NativeMethod kMethods[] = {
    { "at", 1, ta_at },
    { "copyWithin", 2, ta_copy_within },
    { "entries", 0, ta_entries },
    { "every", 1, ta_every },
    { "fill", 1, ta_fill },
    { "filter", 1, ta_filter },
    { "find", 1, ta_find },
    { "findIndex", 1, ta_find_index },
    { "findLast", 1, ta_find_last },
    { "findLastIndex", 1, ta_find_last_index },
    { "forEach", 1, ta_for_each },
    { "includes", 1, ta_includes },
    { "indexOf", 1, ta_index_of },
    { "join", 1, ta_join },
    { "keys", 0, ta_keys },
    { "lastIndexOf", 1, ta_last_index_of },
    { "map", 1, ta_map },
    { "reduce", 1, ta_reduce },
    { "reduceRight", 1, ta_reduce_right },
    { "reverse", 0, ta_reverse },
    { "set", 1, ta_set },
    { "slice", 2, ta_slice },
    { "some", 1, ta_some },
    { "sort", 1, ta_sort },
    { "subarray", 2, ta_subarray },
    { "toLocaleString", 0, ta_to_locale_string },
    { "toReversed", 0, ta_to_reversed },
    { "toSorted", 1, ta_to_sorted },
    { "values", 0, ta_values },
    { "with", 2, ta_with },
};

constexpr NativeAccessor kAccessors[] = {
    { "buffer", get_buffer, nullptr },
    { "byteLength", get_byte_length, nullptr },
    { "byteOffset", get_byte_offset, nullptr },
    { "length", get_length, nullptr },
    { "@@toStringTag", get_to_string_tag, nullptr },
};

} // namespace

ThrowOr<void> install_typed_array_prototype(Vm& vm, Object* prototype)
{
    TRY(install_methods(vm, prototype, kMethods));
    TRY(install_accessors(vm, prototype, kAccessors));
    // %TypedArray%.prototype [ @@iterator ] is the same function as values; toString is
    // Array.prototype.toString.
    Value values = TRY(Get(vm, prototype, TRY(key_for(vm, "values"))));
    TRY(define_builtin_property(vm, prototype, PropertyKey::from_symbol(well_known_symbols(vm).iterator), values));
    Value to_string = TRY(Get(vm, vm.realm()->array_prototype, TRY(key_for(vm, "toString"))));
    TRY(define_builtin_property(vm, prototype, TRY(key_for(vm, "toString")), to_string));
    return {};
}

} // namespace weft
