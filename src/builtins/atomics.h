// The Atomics global: ECMA-262 25.4 on integer typed arrays, and the (object, key, ...) forms on
// ordinary objects' properties that the thread runtime adds (THREADS-API.md section 5).
#pragma once

#include "interpreter/operations.h"

namespace weft {

enum class AtomicsOp : u8 {
    Load, Store, Add, Sub, And, Or, Xor, Exchange, CompareExchange, Wait, WaitAsync, Notify,
};

// The property forms. Implemented by the thread runtime (threads/property_atomics.cpp); called by
// every Atomics function whose first argument is an object that is not a typed array, when the
// runtime runs with threads (see threads_enabled(), threads/thread_runtime.h). Otherwise those
// calls throw the TypeError of ECMA-262 ValidateIntegerTypedArray.
ThrowOr<Value> property_atomics(Vm&, AtomicsOp, CallArgs const&);

// The asynchronous wait of DoWait on a validated Int32Array element at `address` (parking-lot
// key: the address, as Atomics.wait and notify use): the { async, value } result object. The
// typed array stays alive while waited on. Timeout in ms, +Infinity for none.
ThrowOr<Value> typed_array_wait_async(Vm&, Object* typed_array, i32* address, i32 expected, double timeout_ms);

} // namespace weft
