// The Atomics global: not built yet.
#include "builtins/atomics.h"
#include "builtins/builtins.h"

namespace weft {

ThrowOr<void> install_atomics(Vm&) { return {}; }

} // namespace weft
