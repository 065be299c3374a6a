// Registration of built-in functions: NativeMethod tables (one per global, in spec order, at the
// bottom of each builtins/*.cpp) and the per-file install functions the realm calls.
//
// The call ABI for a built-in (what every other engineer adding one writes):
//   ThrowOr<Value> fn(Vm& vm, CallArgs const& args)
//     args.this_value()   the this value (not coerced: call ToObject yourself where the spec does)
//     args.arg(i)         the i-th argument or undefined; args.count(), args.values()
//     args.new_target()   undefined for [[Call]], the new.target for [[Construct]]
//     args.callee()       the function object (data slots of internal closures)
//   Return a Value, or `return throw_type_error(vm, "...")` (any ThrowCompletion); use TRY(...)
//   on every operation that may throw or run JavaScript. Values kept in C++ containers across an
//   allocation must be in a RootedValues (interpreter/thread_state.h); locals are found by the
//   collector's conservative stack scan.
#pragma once

#include "interpreter/operations.h"
#include "objects/environment.h"

#include <span>

namespace weft {

struct NativeMethod {
    char const* name;      // a property name, or "@@iterator" style for well-known symbols
    u32 length;
    NativeFn fn;
};

struct NativeAccessor {
    char const* name;
    NativeFn getter;       // may be null
    NativeFn setter;       // may be null
};

// Defines each method as a non-enumerable, writable, configurable property of `target`.
ThrowOr<void> install_methods(Vm&, Object* target, std::span<NativeMethod const>);
ThrowOr<void> install_accessors(Vm&, Object* target, std::span<NativeAccessor const>);
// A constructor function with its `prototype` (non-writable, as for built-in constructors) and
// prototype.constructor; installed on the global object under `name`.
ThrowOr<NativeFunction*> install_constructor(Vm&, char const* name, u32 length, NativeFn, Object* prototype);
ThrowOr<void> define_value(Vm&, Object* target, char const* name, Value, PropertyAttributes = PropertyAttributes::data(true, false, true));
// The PropertyKey for a table name ("name" or "@@iterator").
ThrowOr<PropertyKey> key_from_table_name(Vm&, char const* name);

// Per-global installers (builtins/<global>.cpp), called by create_realm in this order.
ThrowOr<void> install_object(Vm&);
ThrowOr<void> install_function(Vm&);
ThrowOr<void> install_error(Vm&);
ThrowOr<void> install_array(Vm&);
ThrowOr<void> install_string(Vm&);
ThrowOr<void> install_number(Vm&);
ThrowOr<void> install_boolean(Vm&);
ThrowOr<void> install_symbol(Vm&);
ThrowOr<void> install_math(Vm&);
ThrowOr<void> install_json(Vm&);
ThrowOr<void> install_map_set(Vm&);
ThrowOr<void> install_promise(Vm&);
ThrowOr<void> install_iterator(Vm&);
ThrowOr<void> install_generator(Vm&);
ThrowOr<void> install_reflect(Vm&);
ThrowOr<void> install_global(Vm&);
ThrowOr<void> install_console(Vm&);
// ArrayBuffer, SharedArrayBuffer, the TypedArrays, DataView (builtins/typed_array*.cpp) and the
// Atomics global (builtins/atomics.cpp).
ThrowOr<void> install_typed_arrays(Vm&);
ThrowOr<void> install_atomics(Vm&);

// Node's util.inspect for console.log (builtins/inspect.cpp).
std::string inspect_value(Vm&, Value, bool top_level_string_raw = true);
// Error.prototype.toString-like "Name: message" for an error object (uncaught reports).
std::string error_summary(Vm&, Value);

} // namespace weft
