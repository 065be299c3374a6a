// Runtime: construction of the process-wide engine state.
#include "vm/runtime.h"

#include "objects/atom_table.h"
#include "objects/shape.h"
#include "objects/string.h"

namespace weft {

Runtime::Runtime(RuntimeConfig const& config)
    : m_heap(config.heap)
{
    register_string_cell_kinds();
    register_object_cell_kinds();
    m_atoms = std::make_unique<AtomTable>(m_heap);
    m_shape_roots = std::make_unique<ShapeRoots>(m_heap);
}

Runtime::~Runtime()
{
    if (m_engine && m_engine_deleter)
        m_engine_deleter(m_engine);
}

} // namespace weft
