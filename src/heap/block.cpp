// Block: formatting, lazy sweeping and the allocated-cell test used by conservative scanning.
#include "heap/block.h"

#include "base/assert.h"
#include "heap/cell.h"
#include "heap/cell_kind_table.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace weft {

namespace {

inline Cell** link_of(char* cell) { return reinterpret_cast<Cell**>(cell + 8); }

constexpr u32 kFirstCellOffset = (sizeof(Block) + kCellAlignment - 1) & ~u32(kCellAlignment - 1);

} // namespace

void Block::format(unsigned size_class, bool dirty, u64 completed)
{
    m_size_class = static_cast<u8>(size_class);
    m_cell_size = kSizeClassCellSize[size_class];
    m_first_cell_offset = kFirstCellOffset;
    m_carved_end_offset = kFirstCellOffset;
    m_cell_count = static_cast<u32>((kBlockSize - kFirstCellOffset) / m_cell_size);
    m_dirty = dirty;
    m_swept_at = completed;
    // A swept block keeps the bitmap of the next collection clear; clear both.
    for (auto& bitmap : m_marks) {
        for (auto& word : bitmap)
            word.store_relaxed(0);
    }
    m_state = BlockState::InUse;
}

usize Block::carve(Cell** out_list)
{
    constexpr usize kCarveBytes = 4 * KiB;
    usize end_offset = m_first_cell_offset + usize(m_cell_count) * m_cell_size;
    usize remaining = (end_offset - m_carved_end_offset) / m_cell_size;
    if (remaining == 0)
        return 0;
    usize count = std::min<usize>(remaining, std::max<usize>(1, kCarveBytes / m_cell_size));
    char* start = base() + m_carved_end_offset;
    if (m_dirty)
        std::memset(start, 0, count * m_cell_size);
    Cell* head = nullptr;
    for (usize i = count; i-- > 0;) {
        char* cell = start + i * m_cell_size;
        *link_of(cell) = head;
        head = reinterpret_cast<Cell*>(cell);
    }
    m_carved_end_offset += static_cast<u32>(count * m_cell_size);
    *out_list = head;
    return count;
}

usize Block::sweep(Cell** out_list, u64 completed)
{
    WEFT_ASSERT(!swept(completed));
    unsigned which = completed & 1;
    bool const finalizers = g_any_cell_kind_finalizes.load_acquire();
    Cell* head = nullptr;
    Cell** tail = &head;
    usize free_cells = 0;
    char* first = first_cell();
    char* end = base() + m_carved_end_offset;
    // Runs of consecutive unmarked cells are zeroed with one memset each (dead cells hold
    // old data; free cells are zero but for their stale link), then linked in address order.
    auto flush_run = [&](char* run_start, char* run_end) {
        std::memset(run_start, 0, run_end - run_start);
        for (char* cell = run_start; cell < run_end; cell += m_cell_size) {
            *tail = reinterpret_cast<Cell*>(cell);
            tail = link_of(cell);
            ++free_cells;
        }
    };
    char* run_start = nullptr;
    for (char* cell = first; cell < end; cell += m_cell_size) {
        if (bitmap_bit(which, cell)) {
            if (run_start) {
                flush_run(run_start, cell);
                run_start = nullptr;
            }
            continue;
        }
        if (finalizers) {
            // Dead since the collection that marked this block: finalize before zeroing.
            if (u8 kind = reinterpret_cast<Cell*>(cell)->kind_raw()) {
                if (auto finalize = g_cell_kind_table[kind].finalize)
                    finalize(reinterpret_cast<Cell*>(cell));
            }
        }
        if (!run_start)
            run_start = cell;
    }
    if (run_start)
        flush_run(run_start, end);
    *tail = nullptr;
    m_swept_at = completed;
    // The old "allocated" bits (the other bitmap) are dead now; clear them so the next
    // collection, which marks into that bitmap, need not touch this block before marking.
    for (auto& word : m_marks[which ^ 1])
        word.store_relaxed(0);
    *out_list = head;
    return free_cells;
}

bool Block::is_allocated(Cell const* cell, u64 completed) const
{
    if ((reinterpret_cast<uptr>(cell) & ~kBlockMask) >= m_carved_end_offset)
        return false;
    if (swept(completed))
        return cell->kind_raw() != 0;
    return bitmap_bit(completed & 1, cell);
}

Cell* Block::allocated_cell_containing(uptr address, u64 completed)
{
    uptr first = reinterpret_cast<uptr>(first_cell());
    if (address < first)
        return nullptr;
    usize index = (address - first) / m_cell_size;
    if (index >= m_cell_count)
        return nullptr;
    auto* cell = reinterpret_cast<Cell*>(first + index * m_cell_size);
    return is_allocated(cell, completed) ? cell : nullptr;
}

} // namespace weft
