// The process-wide table of cell kinds: how the collector traces and finalizes each kind.
#include "heap/cell.h"

#include "base/assert.h"
#include "base/mutex.h"
#include "heap/cell_kind_table.h"

namespace weft {

CellKindInfo g_cell_kind_table[256];
Atomic<bool> g_any_cell_kind_finalizes { false };

namespace {
Mutex& registration_lock()
{
    static Mutex lock;
    return lock;
}
} // namespace

void register_cell_kind(u8 kind, CellKindInfo const& info)
{
    WEFT_VERIFY(kind != 0);
    LockGuard guard(registration_lock());
    CellKindInfo& entry = g_cell_kind_table[kind];
    // Registering the same kind again with the same table (every Runtime registers its
    // kinds) writes nothing, so it cannot race with markers reading the entry.
    if (entry.name == info.name && entry.trace == info.trace && entry.finalize == info.finalize)
        return;
    entry = info;
    if (info.finalize)
        g_any_cell_kind_finalizes.store_release(true);
}

CellKindInfo const& cell_kind_info(u8 kind) { return g_cell_kind_table[kind]; }

} // namespace weft
