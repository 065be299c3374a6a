// ArrayBuffer, SharedArrayBuffer, the TypedArrays and DataView: not built yet.
#include "builtins/builtins.h"

namespace weft {

ThrowOr<void> install_typed_arrays(Vm&) { return {}; }

} // namespace weft
