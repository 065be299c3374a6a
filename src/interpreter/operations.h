// The abstract operations of ECMA-262 the interpreter and the builtins share: type conversion,
// property access through the prototype chain (calling getters and setters), calls, equality,
// iteration, and throwing errors. Everything here may run JavaScript unless its name says
// otherwise, and reports exceptions through ThrowOr (vm/throw_or.h).
#pragma once

#include "objects/array.h"
#include "objects/atom_table.h"
#include "objects/function.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include "interpreter/thread_state.h"
#include "vm/realm.h"
#include "vm/throw_or.h"
#include "vm/vm.h"

#include <span>
#include <string>
#include <string_view>

namespace weft {

enum class ThrowOnFailure : u8 { No, Yes };
enum class PreferredType : u8 { Default, String, Number };
enum class ErrorType : u8 { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError };

// --- Throwing -------------------------------------------------------------------------------

ThrowCompletion throw_value(Vm&, Value);
ThrowCompletion throw_error(Vm&, ErrorType, std::string const& message);
[[gnu::format(printf, 2, 3)]] ThrowCompletion throw_type_error(Vm&, char const* fmt, ...);
[[gnu::format(printf, 2, 3)]] ThrowCompletion throw_range_error(Vm&, char const* fmt, ...);
[[gnu::format(printf, 2, 3)]] ThrowCompletion throw_reference_error(Vm&, char const* fmt, ...);
[[gnu::format(printf, 2, 3)]] ThrowCompletion throw_syntax_error(Vm&, char const* fmt, ...);
// RangeError("Out of memory"): the heap limit was reached (uses a pre-allocated error).
ThrowCompletion throw_out_of_memory(Vm&);
// RangeError("Maximum call stack size exceeded").
ThrowCompletion throw_stack_overflow(Vm&);
// An Error object of the given type with `message` and a `stack` captured now; nullptr at the heap limit.
Object* create_error(Vm&, ErrorType, String* message);
Object* error_prototype_for(Vm&, ErrorType);
// The `stack` text for an error named `header` ("TypeError: x is not a function") thrown here.
std::string capture_stack_trace(Vm&, std::string const& header);
// Is the native stack nearly exhausted? (checked on recursive entries)
bool native_stack_exhausted(Vm&);

// --- Allocation that throws RangeError at the heap limit --------------------------------------

ThrowOr<Object*> new_object(Vm&, Object* prototype = nullptr /* %Object.prototype% */);
ThrowOr<ArrayObject*> new_array(Vm&, u32 length = 0);
ThrowOr<String*> new_string(Vm&, std::string_view utf8);
ThrowOr<String*> new_string_utf16(Vm&, std::u16string_view units);
ThrowOr<String*> intern(Vm&, std::string_view utf8);
ThrowOr<PropertyKey> key_for(Vm&, std::string_view utf8);
ThrowOr<String*> concat_strings(Vm&, String* a, String* b);
// CreateArrayFromList ( elements )
// spec: https://tc39.es/ecma262/#sec-createarrayfromlist
ThrowOr<ArrayObject*> CreateArrayFromList(Vm&, std::span<Value const>);
// A built-in function object; nullptr at the heap limit.
NativeFunction* make_native_function(Vm&, NativeFn, std::string_view name, u32 length, u32 flags = 0);
// CreateIterResultObject ( value, done )
// spec: https://tc39.es/ecma262/#sec-createiterresultobject
ThrowOr<Object*> CreateIterResultObject(Vm&, Value, bool done);

// --- Type conversion ------------------------------------------------------------------------

// ToBoolean ( argument ) — never throws.
// spec: https://tc39.es/ecma262/#sec-toboolean
bool ToBoolean(Value);
// spec: https://tc39.es/ecma262/#sec-toprimitive
ThrowOr<Value> ToPrimitive(Vm&, Value, PreferredType = PreferredType::Default);
// spec: https://tc39.es/ecma262/#sec-tonumber
ThrowOr<double> ToNumber(Vm&, Value);
// spec: https://tc39.es/ecma262/#sec-tonumeric (no BigInt yet: a Number Value)
ThrowOr<Value> ToNumeric(Vm&, Value);
// spec: https://tc39.es/ecma262/#sec-tostring
ThrowOr<String*> ToString(Vm&, Value);
// spec: https://tc39.es/ecma262/#sec-toobject
ThrowOr<Object*> ToObject(Vm&, Value);
// spec: https://tc39.es/ecma262/#sec-topropertykey
ThrowOr<PropertyKey> ToPropertyKey(Vm&, Value);
// spec: https://tc39.es/ecma262/#sec-tointegerorinfinity
ThrowOr<double> ToIntegerOrInfinity(Vm&, Value);
// spec: https://tc39.es/ecma262/#sec-tolength
ThrowOr<u64> ToLength(Vm&, Value);
ThrowOr<i32> ToInt32(Vm&, Value);
ThrowOr<u32> ToUint32(Vm&, Value);
// A key as a Value (string or symbol) for callbacks and Object.keys.
ThrowOr<Value> key_to_value(Vm&, PropertyKey);
// A PropertyKey for an array index that may exceed 2^32 - 2 (then a string key).
ThrowOr<PropertyKey> key_for_index(Vm&, u64 index);
// Number::toString(x) for a Value that is a number.
ThrowOr<String*> number_to_string_or_throw(Vm&, double);

// --- Objects --------------------------------------------------------------------------------

// Get ( O, P ) / [[Get]] with a receiver (getters get `receiver` as this).
// spec: https://tc39.es/ecma262/#sec-get-o-p
ThrowOr<Value> Get(Vm&, Object*, PropertyKey);
ThrowOr<Value> get_with_receiver(Vm&, Object*, PropertyKey, Value receiver);
// GetV ( V, P ): property access on any value (primitives use their prototype).
// spec: https://tc39.es/ecma262/#sec-getv
ThrowOr<Value> GetV(Vm&, Value, PropertyKey);
// Set ( O, P, V, Throw )
// spec: https://tc39.es/ecma262/#sec-set-o-p-v-throw
ThrowOr<bool> Set(Vm&, Object*, PropertyKey, Value, ThrowOnFailure);
// PutValue on a property reference: base may be a primitive; strict mode throws on failure.
ThrowOr<void> put_value(Vm&, Value base, PropertyKey, Value, bool strict);
ThrowOr<bool> set_with_receiver(Vm&, Object*, PropertyKey, Value, Value receiver);
// OrdinarySet ( O, P, V, Receiver ) without the typed-array dispatch of set_with_receiver.
// spec: https://tc39.es/ecma262/#sec-ordinaryset
ThrowOr<bool> ordinary_set_with_receiver(Vm&, Object*, PropertyKey, Value, Value receiver);
// spec: https://tc39.es/ecma262/#sec-hasproperty
ThrowOr<bool> HasProperty(Vm&, Object*, PropertyKey);
ThrowOr<bool> HasOwnProperty(Vm&, Object*, PropertyKey);
// spec: https://tc39.es/ecma262/#sec-createdatapropertyorthrow
ThrowOr<void> CreateDataPropertyOrThrow(Vm&, Object*, PropertyKey, Value);
// spec: https://tc39.es/ecma262/#sec-definepropertyorthrow
ThrowOr<void> DefinePropertyOrThrow(Vm&, Object*, PropertyKey, PropertyDescriptor const&);
// spec: https://tc39.es/ecma262/#sec-deletepropertyorthrow
ThrowOr<bool> delete_property(Vm&, Object*, PropertyKey, bool strict);
// A non-enumerable data property (the default for built-in methods).
ThrowOr<void> define_builtin_property(Vm&, Object*, PropertyKey, Value, PropertyAttributes = PropertyAttributes::data(true, false, true));
// spec: https://tc39.es/ecma262/#sec-getmethod
ThrowOr<Value> GetMethod(Vm&, Value, PropertyKey);
// spec: https://tc39.es/ecma262/#sec-lengthofarraylike
ThrowOr<u64> LengthOfArrayLike(Vm&, Object*);
// [[OwnPropertyKeys]] with OOM and thread-safety handled (keys rooted by the caller's use).
std::vector<PropertyKey> own_property_keys(Vm&, Object*);
// Is this symbol a private name (#x)? Private names never appear in [[OwnPropertyKeys]] results.
bool is_private_name(PropertyKey);
Symbol* create_private_name(Vm&, String* description);
// [[GetPrototypeOf]] of any value's object form (primitives: their prototype).
Object* prototype_for_primitive(Vm&, Value);

// --- Calls ----------------------------------------------------------------------------------

// spec: https://tc39.es/ecma262/#sec-call
ThrowOr<Value> Call(Vm&, Value f, Value this_value, std::span<Value const> args = {});
// spec: https://tc39.es/ecma262/#sec-construct
ThrowOr<Value> Construct(Vm&, Value f, std::span<Value const> args, Value new_target = Value::empty());
// spec: https://tc39.es/ecma262/#sec-isconstructor
bool IsConstructor(Value);
// spec: https://tc39.es/ecma262/#sec-invoke
ThrowOr<Value> Invoke(Vm&, Value v, PropertyKey, std::span<Value const> args = {});
// spec: https://tc39.es/ecma262/#sec-getprototypefromconstructor
ThrowOr<Object*> GetPrototypeFromConstructor(Vm&, Value constructor, Object* fallback);
// spec: https://tc39.es/ecma262/#sec-ordinarycreatefromconstructor
ThrowOr<Object*> OrdinaryCreateFromConstructor(Vm&, Value constructor, Object* fallback);
// A short description of a value for error messages ("undefined", "foo", "[object Object]").
std::string describe_for_error(Vm&, Value);

// --- Operators ------------------------------------------------------------------------------

// spec: https://tc39.es/ecma262/#sec-isstrictlyequal
bool IsStrictlyEqual(Value, Value);
// spec: https://tc39.es/ecma262/#sec-islooselyequal
ThrowOr<bool> IsLooselyEqual(Vm&, Value, Value);
// spec: https://tc39.es/ecma262/#sec-samevaluezero
bool SameValueZero(Value, Value);
// The typeof operator's result.
String* typeof_string(Vm&, Value);
// spec: https://tc39.es/ecma262/#sec-instanceofoperator
ThrowOr<bool> InstanceofOperator(Vm&, Value v, Value target);
// spec: https://tc39.es/ecma262/#sec-ordinaryhasinstance
ThrowOr<bool> OrdinaryHasInstance(Vm&, Value c, Value o);
// The + operator after ToPrimitive (numbers or string concatenation).
ThrowOr<Value> add_values(Vm&, Value, Value);
// IsLessThan: true, false, or undefined (NaN) as a Value.
ThrowOr<Value> IsLessThan(Vm&, Value x, Value y, bool left_first);

// --- Iteration ------------------------------------------------------------------------------

struct IteratorRecord {
    Value iterator;
    Value next_method;
    bool done = false;
};
// spec: https://tc39.es/ecma262/#sec-getiterator
ThrowOr<IteratorRecord> GetIterator(Vm&, Value);
// IteratorStepValue: the next value, or empty when done.
// spec: https://tc39.es/ecma262/#sec-iteratorstepvalue
ThrowOr<Value> IteratorStepValue(Vm&, IteratorRecord&);
// IteratorClose with a normal completion.
// spec: https://tc39.es/ecma262/#sec-iteratorclose
ThrowOr<void> IteratorClose(Vm&, Value iterator);
// IteratorClose with a throw completion: calls return() and ignores what it does.
void iterator_close_quietly(Vm&, Value iterator);
// IteratorToList ( GetIterator(v) ), appended to a rooted list.
ThrowOr<void> iterable_to_list(Vm&, Value iterable, RootedValues& out);

// --- Strings --------------------------------------------------------------------------------

std::string to_utf8(String*);
String* atom_or_null(Vm&, std::string_view);

} // namespace weft
