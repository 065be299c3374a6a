// Vm: attaching a thread to the runtime's heap.
#include "vm/vm.h"

namespace weft {

Vm::Vm(Runtime& runtime)
    : m_runtime(runtime)
    , m_mutator(runtime.heap().attach_current_thread())
{
}

Vm::~Vm()
{
    m_runtime.heap().detach_current_thread(m_mutator);
}

} // namespace weft
