// Out-of-line parts of the opcode handlers: everything that may allocate, call JavaScript or
// throw. Each returns ThrowOr; the dispatch loop turns a throw into unwinding.
#pragma once

#include "interpreter/bytecode.h"
#include "interpreter/code.h"
#include "objects/environment.h"
#include "interpreter/operations.h"

namespace weft::slow {

ThrowOr<Value> get_named(Vm&, Value object, String* name, Atomic<u64>& ic);
ThrowOr<void> set_named(Vm&, Value object, String* name, Value value, Atomic<u64>& ic, bool strict);
ThrowOr<Value> get_keyed(Vm&, Value object, Value key);
ThrowOr<void> set_keyed(Vm&, Value object, Value key, Value value, bool strict);
ThrowOr<Value> load_global(Vm&, String* name, Atomic<u64>& ic, bool for_typeof);
ThrowOr<void> store_global(Vm&, String* name, Value value, Atomic<u64>& ic, bool strict);
ThrowOr<void> declare_global_var(Vm&, String* name);
ThrowOr<void> declare_global_function(Vm&, String* name, Value function);
ThrowOr<void> declare_global_lexical(Vm&, String* name, bool is_const);
ThrowOr<void> init_global_lexical(Vm&, String* name, Value value);
ThrowOr<Value> binary(Vm&, Opcode, Value left, Value right);
ThrowOr<Value> unary(Vm&, Opcode, Value);
ThrowOr<Value> create_closure(Vm&, SharedFunctionInfo*, Environment*);
ThrowOr<Value> create_class(Vm&, SharedFunctionInfo*, Environment*, bool has_super, Value super_class, Value* prototype_out);
ThrowOr<void> define_accessor(Vm&, Value object, Value key, Value function, bool getter, bool enumerable);
ThrowOr<void> define_keyed(Vm&, Value object, Value key, Value value, bool enumerable);
ThrowOr<Value> delete_keyed(Vm&, Value object, Value key, bool strict);
ThrowOr<Value> get_super(Vm&, Value home, Value this_value, Value key);
ThrowOr<void> set_super(Vm&, Value home, Value this_value, Value key, Value value, bool strict);
ThrowOr<Value> get_private(Vm&, Value object, Value name);
ThrowOr<void> set_private(Vm&, Value object, Value name, Value value);
ThrowOr<void> define_private(Vm&, Value object, Value name, Value value);
ThrowOr<Value> has_private(Vm&, Value name, Value object);
ThrowOr<Value> in(Vm&, Value key, Value object);
ThrowOr<void> array_spread(Vm&, Value array, Value iterable);
ThrowOr<void> copy_data_properties(Vm&, Value target, Value source, Value const* excluded, u32 excluded_count);
ThrowOr<Value> create_regexp(Vm&, Value pattern, Value flags);
ThrowOr<Value> get_template_object(Vm&, ValueArray* strings, Atomic<u64>& cache);
ThrowOr<Value> create_arguments(Vm&, Value callee, Value const* argv, u32 argc, bool strict);
ThrowOr<Value> create_rest(Vm&, Value const* argv, u32 argc, u32 first);
ThrowOr<Value> call_runtime(Vm&, RuntimeFunction, Value* args, u32 count);
ThrowOr<void> get_iterator(Vm&, Value iterable, Value* out, bool async);
// The next value, or empty when done.
ThrowOr<Value> iterator_step(Vm&, Value* record);
ThrowOr<void> for_in_prepare(Vm&, Value object, Value* out);
ThrowOr<Value> for_in_next(Vm&, Value* state); // empty when done
ThrowOr<Value> super_construct(Vm&, Value active_function, Value new_target, std::span<Value const> args);
ThrowOr<void> initialize_instance_elements(Vm&, Value object, Value constructor);
ThrowOr<Value> spread_arguments(Vm&, Value array, RootedValues& out);
std::string call_site_text(Vm&, CodeBlock*, u32 offset);

} // namespace weft::slow
