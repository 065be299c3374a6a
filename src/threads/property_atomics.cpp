// Atomics on object properties (THREADS-API.md section 5).
#include "builtins/atomics.h"

namespace weft {

ThrowOr<Value> property_atomics(Vm& vm, AtomicsOp, CallArgs const&)
{
    return throw_type_error(vm, "Atomics on object properties needs the thread runtime");
}

} // namespace weft
