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

} // namespace weft
