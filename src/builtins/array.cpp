// The Array constructor and Array.prototype.
// spec: https://tc39.es/ecma262/#sec-array-objects
#include "builtins/builtins.h"

#include "base/number_format.h"
#include "builtins/iterator.h"

#include <algorithm>
#include <cmath>

namespace weft {

static PropertyKey length_key(Vm& vm) { return PropertyKey::from_atom(common_names(vm).length); }

static ThrowOr<Value> get_index(Vm& vm, Object* o, u64 i)
{
    PropertyKey key = TRY(key_for_index(vm, i));
    return Get(vm, o, key);
}

static ThrowOr<void> set_index(Vm& vm, Object* o, u64 i, Value v)
{
    PropertyKey key = TRY(key_for_index(vm, i));
    TRY(Set(vm, o, key, v, ThrowOnFailure::Yes));
    return {};
}

static ThrowOr<bool> has_index(Vm& vm, Object* o, u64 i)
{
    PropertyKey key = TRY(key_for_index(vm, i));
    return HasProperty(vm, o, key);
}

static ThrowOr<void> delete_index(Vm& vm, Object* o, u64 i)
{
    PropertyKey key = TRY(key_for_index(vm, i));
    TRY(delete_property(vm, o, key, true));
    return {};
}

static ThrowOr<void> set_length(Vm& vm, Object* o, u64 length)
{
    TRY(Set(vm, o, length_key(vm), Value::from_number(static_cast<double>(length)), ThrowOnFailure::Yes));
    return {};
}

// Relative index arguments (slice, splice, fill, at ...).
static ThrowOr<u64> relative_index(Vm& vm, Value v, u64 length, u64 default_value)
{
    if (v.is_undefined())
        return default_value;
    double d = TRY(ToIntegerOrInfinity(vm, v));
    if (d < 0)
        return static_cast<u64>(std::max(0.0, double(length) + d));
    return static_cast<u64>(std::min(d, double(length)));
}

static ThrowOr<Value> callable_argument(Vm& vm, Value f)
{
    if (!is_callable(f))
        return throw_type_error(vm, "%s is not a function", describe_for_error(vm, f).c_str());
    return f;
}

// ArraySpeciesCreate ( originalArray, length ): plain arrays (subclassing via species is not supported yet).
static ThrowOr<Object*> array_species_create(Vm& vm, Object*, u64 length)
{
    if (length > 0xffffffffULL)
        return throw_range_error(vm, "Invalid array length");
    ArrayObject* a = TRY(new_array(vm, static_cast<u32>(length)));
    return static_cast<Object*>(a);
}

// Array ( ...values )
// spec: https://tc39.es/ecma262/#sec-array
static ThrowOr<Value> array_constructor(Vm& vm, CallArgs const& args)
{
    Object* proto = vm.realm()->array_prototype;
    if (args.is_construct())
        proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), proto));
    if (args.count() == 1 && args.arg(0).is_number()) {
        double len = args.arg(0).as_number();
        if (len < 0 || len != std::floor(len) || len > 4294967295.0)
            return throw_range_error(vm, "Invalid array length");
        ArrayObject* a = ArrayObject::try_create(vm, proto, static_cast<u32>(len));
        if (!a)
            return throw_out_of_memory(vm);
        return Value::from_cell(a);
    }
    ArrayObject* a = ArrayObject::try_create(vm, proto, 0);
    if (!a)
        return throw_out_of_memory(vm);
    for (u32 i = 0; i < args.count(); ++i) {
        if (a->push(vm, args.arg(i)) != Outcome::True)
            return throw_out_of_memory(vm);
    }
    return Value::from_cell(a);
}

static ThrowOr<Value> array_is_array(Vm&, CallArgs const& args) { return Value::boolean(args.arg(0).is_cell_of_kind(CellKind::ArrayObject)); }

// Array.from ( items [ , mapfn [ , thisArg ] ] )
// spec: https://tc39.es/ecma262/#sec-array.from
static ThrowOr<Value> array_from(Vm& vm, CallArgs const& args)
{
    Value items = args.arg(0);
    Value mapfn = args.arg(1);
    if (!mapfn.is_undefined())
        TRY(callable_argument(vm, mapfn));
    ArrayObject* a = TRY(new_array(vm));
    Value using_iterator = TRY(GetMethod(vm, items, PropertyKey::from_symbol(well_known_symbols(vm).iterator)));
    RootedValues values(vm);
    if (!using_iterator.is_undefined()) {
        TRY(iterable_to_list(vm, items, values));
    } else {
        Object* o = TRY(ToObject(vm, items));
        u64 len = TRY(LengthOfArrayLike(vm, o));
        for (u64 i = 0; i < len; ++i) {
            Value v = TRY(get_index(vm, o, i));
            values.push(v);
        }
    }
    for (u32 i = 0; i < values.size(); ++i) {
        Value v = values[i];
        if (!mapfn.is_undefined()) {
            Value call_args[2] = { v, Value::from_u64(i) };
            v = TRY(Call(vm, mapfn, args.arg(2), call_args));
        }
        TRY(CreateDataPropertyOrThrow(vm, a, PropertyKey::from_index(i), v));
    }
    return Value::from_cell(a);
}

static ThrowOr<Value> array_of(Vm& vm, CallArgs const& args)
{
    ArrayObject* a = TRY(CreateArrayFromList(vm, std::span<Value const>(args.values(), args.count())));
    return Value::from_cell(a);
}

// --- Mutators ------------------------------------------------------------------------------------

// Array.prototype.push ( ...items )
// spec: https://tc39.es/ecma262/#sec-array.prototype.push
static ThrowOr<Value> array_prototype_push(Vm& vm, CallArgs const& args)
{
    // Fast path: a plain array appends through the object model's push (an unobservable Set).
    if (args.this_value().is_cell_of_kind(CellKind::ArrayObject)) {
        auto* a = static_cast<ArrayObject*>(args.this_value().as_cell());
        if (a->length_writable() && a->is_extensible()) {
            for (u32 i = 0; i < args.count(); ++i) {
                Outcome outcome = a->push(vm, args.arg(i));
                if (outcome == Outcome::OutOfMemory)
                    return throw_out_of_memory(vm);
                if (outcome == Outcome::False)
                    return throw_type_error(vm, "Cannot add property, object is not extensible");
            }
            return Value::from_u64(a->length_acquire());
        }
    }
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    if (len + args.count() > 9007199254740991ULL)
        return throw_type_error(vm, "Pushing %u elements on an array-like of length %llu is disallowed", args.count(), static_cast<unsigned long long>(len));
    for (u32 i = 0; i < args.count(); ++i)
        TRY(set_index(vm, o, len++, args.arg(i)));
    TRY(set_length(vm, o, len));
    return Value::from_number(static_cast<double>(len));
}

// Array.prototype.pop ( )
// spec: https://tc39.es/ecma262/#sec-array.prototype.pop
static ThrowOr<Value> array_prototype_pop(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    if (len == 0) {
        TRY(set_length(vm, o, 0));
        return Value::undefined();
    }
    Value element = TRY(get_index(vm, o, len - 1));
    TRY(delete_index(vm, o, len - 1));
    TRY(set_length(vm, o, len - 1));
    return element;
}

// Array.prototype.shift ( )
// spec: https://tc39.es/ecma262/#sec-array.prototype.shift
static ThrowOr<Value> array_prototype_shift(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    if (len == 0) {
        TRY(set_length(vm, o, 0));
        return Value::undefined();
    }
    Value first = TRY(get_index(vm, o, 0));
    for (u64 k = 1; k < len; ++k) {
        bool present = TRY(has_index(vm, o, k));
        if (present) {
            Value v = TRY(get_index(vm, o, k));
            TRY(set_index(vm, o, k - 1, v));
        } else {
            TRY(delete_index(vm, o, k - 1));
        }
    }
    TRY(delete_index(vm, o, len - 1));
    TRY(set_length(vm, o, len - 1));
    return first;
}

// Array.prototype.unshift ( ...items )
// spec: https://tc39.es/ecma262/#sec-array.prototype.unshift
static ThrowOr<Value> array_prototype_unshift(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    u32 count = args.count();
    if (count > 0) {
        for (u64 k = len; k > 0; --k) {
            bool present = TRY(has_index(vm, o, k - 1));
            if (present) {
                Value v = TRY(get_index(vm, o, k - 1));
                TRY(set_index(vm, o, k - 1 + count, v));
            } else {
                TRY(delete_index(vm, o, k - 1 + count));
            }
        }
        for (u32 j = 0; j < count; ++j)
            TRY(set_index(vm, o, j, args.arg(j)));
    }
    TRY(set_length(vm, o, len + count));
    return Value::from_number(static_cast<double>(len + count));
}

// Array.prototype.splice ( start, deleteCount, ...items )
// spec: https://tc39.es/ecma262/#sec-array.prototype.splice
static ThrowOr<Value> array_prototype_splice(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    u64 start = TRY(relative_index(vm, args.arg(0), len, 0));
    u64 delete_count;
    u32 item_count = args.count() > 2 ? args.count() - 2 : 0;
    if (args.count() == 0) {
        delete_count = 0;
    } else if (args.count() == 1) {
        delete_count = len - start;
    } else {
        double dc = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
        delete_count = static_cast<u64>(std::min(std::max(dc, 0.0), double(len - start)));
    }
    Object* removed = TRY(array_species_create(vm, o, delete_count));
    for (u64 k = 0; k < delete_count; ++k) {
        bool present = TRY(has_index(vm, o, start + k));
        if (present) {
            Value v = TRY(get_index(vm, o, start + k));
            TRY(CreateDataPropertyOrThrow(vm, removed, PropertyKey::from_index(static_cast<u32>(k)), v));
        }
    }
    TRY(set_length(vm, removed, delete_count));
    if (item_count < delete_count) {
        for (u64 k = start; k < len - delete_count; ++k) {
            bool present = TRY(has_index(vm, o, k + delete_count));
            if (present) {
                Value v = TRY(get_index(vm, o, k + delete_count));
                TRY(set_index(vm, o, k + item_count, v));
            } else {
                TRY(delete_index(vm, o, k + item_count));
            }
        }
        for (u64 k = len; k > len - delete_count + item_count; --k)
            TRY(delete_index(vm, o, k - 1));
    } else if (item_count > delete_count) {
        for (u64 k = len - delete_count; k > start; --k) {
            bool present = TRY(has_index(vm, o, k + delete_count - 1));
            if (present) {
                Value v = TRY(get_index(vm, o, k + delete_count - 1));
                TRY(set_index(vm, o, k + item_count - 1, v));
            } else {
                TRY(delete_index(vm, o, k + item_count - 1));
            }
        }
    }
    for (u32 i = 0; i < item_count; ++i)
        TRY(set_index(vm, o, start + i, args.arg(2 + i)));
    TRY(set_length(vm, o, len - delete_count + item_count));
    return Value::from_cell(removed);
}

// Array.prototype.reverse ( )
static ThrowOr<Value> array_prototype_reverse(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    for (u64 lower = 0; lower < len / 2; ++lower) {
        u64 upper = len - lower - 1;
        bool lower_exists = TRY(has_index(vm, o, lower));
        Value lower_value = lower_exists ? TRY(get_index(vm, o, lower)) : Value::undefined();
        bool upper_exists = TRY(has_index(vm, o, upper));
        Value upper_value = upper_exists ? TRY(get_index(vm, o, upper)) : Value::undefined();
        if (upper_exists)
            TRY(set_index(vm, o, lower, upper_value));
        else
            TRY(delete_index(vm, o, lower));
        if (lower_exists)
            TRY(set_index(vm, o, upper, lower_value));
        else
            TRY(delete_index(vm, o, upper));
    }
    return Value::from_cell(o);
}

// Array.prototype.fill ( value [ , start [ , end ] ] )
static ThrowOr<Value> array_prototype_fill(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    u64 k = TRY(relative_index(vm, args.arg(1), len, 0));
    u64 end = TRY(relative_index(vm, args.arg(2), len, len));
    for (; k < end; ++k)
        TRY(set_index(vm, o, k, args.arg(0)));
    return Value::from_cell(o);
}

// SortCompare ( x, y ) for Array.prototype.sort
// spec: https://tc39.es/ecma262/#sec-sortcompare
static ThrowOr<bool> sort_less(Vm& vm, Value comparator, Value x, Value y)
{
    if (x.is_undefined())
        return false;
    if (y.is_undefined())
        return true;
    if (!comparator.is_undefined()) {
        Value call_args[2] = { x, y };
        Value r = TRY(Call(vm, comparator, Value::undefined(), call_args));
        double d = TRY(ToNumber(vm, r));
        return d < 0;
    }
    if (x.is_int32() && y.is_int32()) {
        // Compare decimal strings of integers without allocating.
        char a[kMaxInt32Chars], b[kMaxInt32Chars];
        usize la = int32_to_chars(x.as_i32(), a), lb = int32_to_chars(y.as_i32(), b);
        return std::string_view(a, la) < std::string_view(b, lb);
    }
    String* xs = TRY(ToString(vm, x));
    String* ys = TRY(ToString(vm, y));
    return string_compare(xs, ys) < 0;
}

// A stable merge sort that survives comparators that throw or are inconsistent.
static ThrowOr<void> merge_sort(Vm& vm, Value comparator, std::vector<Value>& items, std::vector<Value>& scratch, usize lo, usize hi)
{
    if (hi - lo < 2)
        return {};
    usize mid = lo + (hi - lo) / 2;
    TRY(merge_sort(vm, comparator, items, scratch, lo, mid));
    TRY(merge_sort(vm, comparator, items, scratch, mid, hi));
    usize i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        bool less = TRY(sort_less(vm, comparator, items[j], items[i]));
        scratch[k++] = less ? items[j++] : items[i++];
    }
    while (i < mid)
        scratch[k++] = items[i++];
    while (j < hi)
        scratch[k++] = items[j++];
    for (usize x = lo; x < hi; ++x)
        items[x] = scratch[x];
    return {};
}

// Array.prototype.sort ( comparefn )
// spec: https://tc39.es/ecma262/#sec-array.prototype.sort
static ThrowOr<Value> array_prototype_sort(Vm& vm, CallArgs const& args)
{
    Value comparator = args.arg(0);
    if (!comparator.is_undefined() && !is_callable(comparator))
        return throw_type_error(vm, "The comparison function must be either a function or undefined");
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    RootedValues items(vm);
    for (u64 k = 0; k < len; ++k) {
        bool present = TRY(has_index(vm, o, k));
        if (present) {
            Value v = TRY(get_index(vm, o, k));
            items.push(v);
        }
    }
    RootedValues scratch(vm);
    scratch.values().resize(items.size());
    TRY(merge_sort(vm, comparator, items.values(), scratch.values(), 0, items.size()));
    u64 i = 0;
    for (; i < items.size(); ++i)
        TRY(set_index(vm, o, i, items[i]));
    for (; i < len; ++i)
        TRY(delete_index(vm, o, i));
    return Value::from_cell(o);
}

// --- Accessors -----------------------------------------------------------------------------------

// Array.prototype.slice ( start, end )
// spec: https://tc39.es/ecma262/#sec-array.prototype.slice
static ThrowOr<Value> array_prototype_slice(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    u64 k = TRY(relative_index(vm, args.arg(0), len, 0));
    u64 end = TRY(relative_index(vm, args.arg(1), len, len));
    u64 count = end > k ? end - k : 0;
    Object* a = TRY(array_species_create(vm, o, 0));
    u32 n = 0;
    for (; k < end; ++k, ++n) {
        bool present = TRY(has_index(vm, o, k));
        if (present) {
            Value v = TRY(get_index(vm, o, k));
            TRY(CreateDataPropertyOrThrow(vm, a, PropertyKey::from_index(n), v));
        }
    }
    TRY(set_length(vm, a, count));
    return Value::from_cell(a);
}

// IsConcatSpreadable ( O )
static ThrowOr<bool> is_concat_spreadable(Vm& vm, Value v)
{
    if (!is_object(v))
        return false;
    Value spreadable = TRY(Get(vm, as_object(v), PropertyKey::from_symbol(well_known_symbols(vm).isConcatSpreadable)));
    if (!spreadable.is_undefined())
        return ToBoolean(spreadable);
    return v.is_cell_of_kind(CellKind::ArrayObject);
}

// Array.prototype.concat ( ...items )
// spec: https://tc39.es/ecma262/#sec-array.prototype.concat
static ThrowOr<Value> array_prototype_concat(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    Object* a = TRY(array_species_create(vm, o, 0));
    u64 n = 0;
    auto append = [&](Value e) -> ThrowOr<void> {
        bool spreadable = TRY(is_concat_spreadable(vm, e));
        if (spreadable) {
            Object* eo = as_object(e);
            u64 len = TRY(LengthOfArrayLike(vm, eo));
            for (u64 k = 0; k < len; ++k, ++n) {
                bool present = TRY(has_index(vm, eo, k));
                if (present) {
                    Value v = TRY(get_index(vm, eo, k));
                    PropertyKey key = TRY(key_for_index(vm, n));
                    TRY(CreateDataPropertyOrThrow(vm, a, key, v));
                }
            }
        } else {
            PropertyKey key = TRY(key_for_index(vm, n++));
            TRY(CreateDataPropertyOrThrow(vm, a, key, e));
        }
        return {};
    };
    TRY(append(Value::from_cell(o)));
    for (u32 i = 0; i < args.count(); ++i)
        TRY(append(args.arg(i)));
    TRY(set_length(vm, a, n));
    return Value::from_cell(a);
}

// Array.prototype.join ( separator )
// spec: https://tc39.es/ecma262/#sec-array.prototype.join
static ThrowOr<Value> array_prototype_join(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    std::u16string separator = u",";
    if (!args.arg(0).is_undefined()) {
        String* s = TRY(ToString(vm, args.arg(0)));
        separator = s->to_utf16();
    }
    std::u16string result;
    for (u64 k = 0; k < len; ++k) {
        if (k > 0)
            result += separator;
        Value element = TRY(get_index(vm, o, k));
        if (element.is_nullish())
            continue;
        String* s = TRY(ToString(vm, element));
        result += s->to_utf16();
        if (result.size() > String::kMaxLength)
            return throw_range_error(vm, "Invalid string length");
    }
    String* s = TRY(new_string_utf16(vm, result));
    return Value::from_cell(s);
}

static ThrowOr<Value> array_prototype_to_string(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    Value join = TRY(Get(vm, o, PropertyKey::from_atom(common_names(vm).join)));
    if (is_callable(join))
        return Call(vm, join, Value::from_cell(o));
    return Call(vm, Value::from_cell(vm.realm()->object_prototype_to_string), Value::from_cell(o));
}

// indexOf / lastIndexOf / includes
static ThrowOr<Value> array_prototype_index_of(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    if (len == 0)
        return Value::from_i32(-1);
    u64 k = TRY(relative_index(vm, args.arg(1), len, 0));
    for (; k < len; ++k) {
        bool present = TRY(has_index(vm, o, k));
        if (!present)
            continue;
        Value v = TRY(get_index(vm, o, k));
        if (IsStrictlyEqual(v, args.arg(0)))
            return Value::from_number(static_cast<double>(k));
    }
    return Value::from_i32(-1);
}

static ThrowOr<Value> array_prototype_last_index_of(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    if (len == 0)
        return Value::from_i32(-1);
    double from = double(len) - 1;
    if (args.count() > 1) {
        double n = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
        from = n >= 0 ? std::min(n, double(len) - 1) : double(len) + n;
    }
    for (double k = from; k >= 0; --k) {
        bool present = TRY(has_index(vm, o, static_cast<u64>(k)));
        if (!present)
            continue;
        Value v = TRY(get_index(vm, o, static_cast<u64>(k)));
        if (IsStrictlyEqual(v, args.arg(0)))
            return Value::from_number(k);
    }
    return Value::from_i32(-1);
}

static ThrowOr<Value> array_prototype_includes(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    u64 k = TRY(relative_index(vm, args.arg(1), len, 0));
    for (; k < len; ++k) {
        Value v = TRY(get_index(vm, o, k));
        if (SameValueZero(v, args.arg(0)))
            return Value::boolean(true);
    }
    return Value::boolean(false);
}

static ThrowOr<Value> array_prototype_at(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    double rel = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    double k = rel >= 0 ? rel : double(len) + rel;
    if (k < 0 || k >= double(len))
        return Value::undefined();
    return get_index(vm, o, static_cast<u64>(k));
}

// --- Iteration methods ------------------------------------------------------------------------------

enum class IterationKind { ForEach, Map, Filter, Some, Every, Find, FindIndex, FindLast, FindLastIndex };

static ThrowOr<Value> iterate(Vm& vm, CallArgs const& args, IterationKind kind)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    Value callback = TRY(callable_argument(vm, args.arg(0)));
    Value this_arg = args.arg(1);
    Object* result = nullptr;
    if (kind == IterationKind::Map)
        result = TRY(array_species_create(vm, o, len));
    else if (kind == IterationKind::Filter)
        result = TRY(array_species_create(vm, o, 0));
    u32 filtered = 0;
    bool reverse = kind == IterationKind::FindLast || kind == IterationKind::FindLastIndex;
    bool find = kind == IterationKind::Find || kind == IterationKind::FindIndex || reverse;
    for (u64 step = 0; step < len; ++step) {
        u64 k = reverse ? len - 1 - step : step;
        if (!find) {
            bool present = TRY(has_index(vm, o, k));
            if (!present)
                continue;
        }
        Value v = TRY(get_index(vm, o, k));
        Value call_args[3] = { v, Value::from_number(static_cast<double>(k)), Value::from_cell(o) };
        Value r = TRY(Call(vm, callback, this_arg, call_args));
        switch (kind) {
        case IterationKind::ForEach:
            break;
        case IterationKind::Map:
            TRY(CreateDataPropertyOrThrow(vm, result, PropertyKey::from_index(static_cast<u32>(k)), r));
            break;
        case IterationKind::Filter:
            if (ToBoolean(r))
                TRY(CreateDataPropertyOrThrow(vm, result, PropertyKey::from_index(filtered++), v));
            break;
        case IterationKind::Some:
            if (ToBoolean(r))
                return Value::boolean(true);
            break;
        case IterationKind::Every:
            if (!ToBoolean(r))
                return Value::boolean(false);
            break;
        case IterationKind::Find:
        case IterationKind::FindLast:
            if (ToBoolean(r))
                return v;
            break;
        case IterationKind::FindIndex:
        case IterationKind::FindLastIndex:
            if (ToBoolean(r))
                return Value::from_number(static_cast<double>(k));
            break;
        }
    }
    switch (kind) {
    case IterationKind::Map:
    case IterationKind::Filter:
        return Value::from_cell(result);
    case IterationKind::Some:
        return Value::boolean(false);
    case IterationKind::Every:
        return Value::boolean(true);
    case IterationKind::FindIndex:
    case IterationKind::FindLastIndex:
        return Value::from_i32(-1);
    default:
        return Value::undefined();
    }
}

static ThrowOr<Value> array_prototype_for_each(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::ForEach); }
static ThrowOr<Value> array_prototype_map(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::Map); }
static ThrowOr<Value> array_prototype_filter(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::Filter); }
static ThrowOr<Value> array_prototype_some(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::Some); }
static ThrowOr<Value> array_prototype_every(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::Every); }
static ThrowOr<Value> array_prototype_find(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::Find); }
static ThrowOr<Value> array_prototype_find_index(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::FindIndex); }
static ThrowOr<Value> array_prototype_find_last(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::FindLast); }
static ThrowOr<Value> array_prototype_find_last_index(Vm& vm, CallArgs const& args) { return iterate(vm, args, IterationKind::FindLastIndex); }

// Array.prototype.reduce / reduceRight
// spec: https://tc39.es/ecma262/#sec-array.prototype.reduce
static ThrowOr<Value> reduce(Vm& vm, CallArgs const& args, bool right)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    Value callback = TRY(callable_argument(vm, args.arg(0)));
    u64 step = 0;
    Value accumulator;
    auto index = [&](u64 s) { return right ? len - 1 - s : s; };
    if (args.count() >= 2) {
        accumulator = args.arg(1);
    } else {
        bool found = false;
        for (; step < len && !found; ++step) {
            bool present = TRY(has_index(vm, o, index(step)));
            if (present) {
                accumulator = TRY(get_index(vm, o, index(step)));
                found = true;
            }
        }
        if (!found)
            return throw_type_error(vm, "Reduce of empty array with no initial value");
    }
    for (; step < len; ++step) {
        u64 k = index(step);
        bool present = TRY(has_index(vm, o, k));
        if (!present)
            continue;
        Value v = TRY(get_index(vm, o, k));
        Value call_args[4] = { accumulator, v, Value::from_number(static_cast<double>(k)), Value::from_cell(o) };
        accumulator = TRY(Call(vm, callback, Value::undefined(), call_args));
    }
    return accumulator;
}
static ThrowOr<Value> array_prototype_reduce(Vm& vm, CallArgs const& args) { return reduce(vm, args, false); }
static ThrowOr<Value> array_prototype_reduce_right(Vm& vm, CallArgs const& args) { return reduce(vm, args, true); }

// FlattenIntoArray
static ThrowOr<u64> flatten_into(Vm& vm, Object* target, Object* source, u64 source_len, u64 start, double depth, Value mapper, Value this_arg)
{
    u64 target_index = start;
    for (u64 k = 0; k < source_len; ++k) {
        bool present = TRY(has_index(vm, source, k));
        if (!present)
            continue;
        Value element = TRY(get_index(vm, source, k));
        if (!mapper.is_undefined()) {
            Value call_args[3] = { element, Value::from_number(static_cast<double>(k)), Value::from_cell(source) };
            element = TRY(Call(vm, mapper, this_arg, call_args));
        }
        if (depth > 0 && element.is_cell_of_kind(CellKind::ArrayObject)) {
            u64 len = TRY(LengthOfArrayLike(vm, as_object(element)));
            target_index = TRY(flatten_into(vm, target, as_object(element), len, target_index, depth - 1, Value::undefined(), Value::undefined()));
        } else {
            PropertyKey key = TRY(key_for_index(vm, target_index++));
            TRY(CreateDataPropertyOrThrow(vm, target, key, element));
        }
    }
    return target_index;
}

static ThrowOr<Value> array_prototype_flat(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    double depth = 1;
    if (!args.arg(0).is_undefined())
        depth = std::max(0.0, TRY(ToIntegerOrInfinity(vm, args.arg(0))));
    Object* a = TRY(array_species_create(vm, o, 0));
    TRY(flatten_into(vm, a, o, len, 0, depth, Value::undefined(), Value::undefined()));
    return Value::from_cell(a);
}

static ThrowOr<Value> array_prototype_flat_map(Vm& vm, CallArgs const& args)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    u64 len = TRY(LengthOfArrayLike(vm, o));
    Value mapper = TRY(callable_argument(vm, args.arg(0)));
    Object* a = TRY(array_species_create(vm, o, 0));
    TRY(flatten_into(vm, a, o, len, 0, 1, mapper, args.arg(1)));
    return Value::from_cell(a);
}

static ThrowOr<Value> make_array_iterator(Vm& vm, CallArgs const& args, InternalIterator::Kind kind)
{
    Object* o = TRY(ToObject(vm, args.this_value()));
    InternalIterator* it = InternalIterator::try_create(vm, vm.realm()->array_iterator_prototype, Value::from_cell(o), InternalIterator::Array, kind);
    if (!it)
        return throw_out_of_memory(vm);
    return Value::from_cell(it);
}
static ThrowOr<Value> array_prototype_keys(Vm& vm, CallArgs const& args) { return make_array_iterator(vm, args, InternalIterator::Keys); }
static ThrowOr<Value> array_prototype_values(Vm& vm, CallArgs const& args) { return make_array_iterator(vm, args, InternalIterator::Values); }
static ThrowOr<Value> array_prototype_entries(Vm& vm, CallArgs const& args) { return make_array_iterator(vm, args, InternalIterator::Entries); }

constexpr NativeMethod kArrayMethods[] = {
    { "from", 1, array_from },
    { "isArray", 1, array_is_array },
    { "of", 0, array_of },
};

constexpr NativeMethod kArrayPrototypeMethods[] = {
    { "at", 1, array_prototype_at },
    { "concat", 1, array_prototype_concat },
    { "entries", 0, array_prototype_entries },
    { "every", 1, array_prototype_every },
    { "fill", 1, array_prototype_fill },
    { "filter", 1, array_prototype_filter },
    { "find", 1, array_prototype_find },
    { "findIndex", 1, array_prototype_find_index },
    { "findLast", 1, array_prototype_find_last },
    { "findLastIndex", 1, array_prototype_find_last_index },
    { "flat", 0, array_prototype_flat },
    { "flatMap", 1, array_prototype_flat_map },
    { "forEach", 1, array_prototype_for_each },
    { "includes", 1, array_prototype_includes },
    { "indexOf", 1, array_prototype_index_of },
    { "join", 1, array_prototype_join },
    { "keys", 0, array_prototype_keys },
    { "lastIndexOf", 1, array_prototype_last_index_of },
    { "map", 1, array_prototype_map },
    { "pop", 0, array_prototype_pop },
    { "push", 1, array_prototype_push },
    { "reduce", 1, array_prototype_reduce },
    { "reduceRight", 1, array_prototype_reduce_right },
    { "reverse", 0, array_prototype_reverse },
    { "shift", 0, array_prototype_shift },
    { "slice", 2, array_prototype_slice },
    { "some", 1, array_prototype_some },
    { "sort", 1, array_prototype_sort },
    { "splice", 2, array_prototype_splice },
    { "toString", 0, array_prototype_to_string },
    { "unshift", 1, array_prototype_unshift },
    { "values", 0, array_prototype_values },
};

ThrowOr<void> install_array(Vm& vm)
{
    Realm& realm = *vm.realm();
    NativeFunction* ctor = TRY(install_constructor(vm, "Array", 1, array_constructor, realm.array_prototype));
    realm.array_constructor = ctor;
    TRY(install_methods(vm, ctor, kArrayMethods));
    TRY(install_methods(vm, realm.array_prototype, kArrayPrototypeMethods));
    Value values = TRY(Get(vm, realm.array_prototype, TRY(key_for(vm, "values"))));
    realm.array_prototype_values = as_object(values);
    TRY(define_builtin_property(vm, realm.array_prototype, PropertyKey::from_symbol(well_known_symbols(vm).iterator), values));
    return {};
}

} // namespace weft
