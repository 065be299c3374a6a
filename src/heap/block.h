// Block: a 64 KiB aligned piece of the heap region holding cells of one size class.
//
// Layout (offsets inside the block; the header is found by masking any interior address):
//   +0       BlockHeader: size class, cell size and count, sweep state, two mark bitmaps
//   +first   cell 0, cell 1, ... cell_count-1, each cell_size bytes (16-byte aligned)
//            [first, carved_end) has been handed out to free lists at least once;
//            [carved_end, end) never has since the block was formatted (and may be dirty)
// Mark bitmaps have one bit per 16-byte granule of the block, indexed by (addr & mask) >> 4,
// so marking a cell from its address needs no division. Collection number c marks into
// bitmap c & 1; bitmap (c - 1) & 1 then still holds the previous collection's marks.
//
// "Completed" below is the number of the last finished collection (HeapState::m_cycle
// between collections, m_cycle - 1 while one runs). Every in-use block takes part in every
// collection, so after collection c an in-use block's allocated cells are exactly its cells
// marked in c, whether or not anybody touches the block: no per-block work at the end of a
// pause is needed to make a block "unswept".
//
// Is a cell allocated? (what a conservative pointer must be checked against)
//  - A cell at or above carved_end never is.
//  - Swept block (m_swept_at == completed: formatted or swept since the last collection):
//    iff its header kind != 0. Free cells have a zero header; allocation writes the kind.
//  - Unswept block (m_swept_at < completed): iff its bit is set in bitmap completed & 1.
//
// Bitmap hygiene: a swept block keeps bitmap (completed + 1) & 1 clear (format clears both,
// sweep clears the one it no longer needs), so the next collection marks into a clean bitmap.
// Blocks still unswept when a collection starts get that bitmap cleared in the pause.
//
// Invariants:
//  - A block in use is owned by exactly one of: a per-class unswept list (no owner; taken by
//    one thread through an atomic cursor), one thread's allocation cache, or nobody (full,
//    swept). Only its owner changes its cells' free/allocated state between collections.
//  - Free cells are zero except the free-list link word at offset 8 (and the link is only
//    meaningful on the owning thread's free list).
//  - Header fields other than the bitmaps change only on the owning thread or in a pause;
//    readers on other threads read them only in a pause (ordered by the stop protocol).
#pragma once

#include "base/atomic.h"
#include "base/types.h"
#include "heap/size_classes.h"

namespace weft {

class Cell;

constexpr usize kBlockSize = 64 * KiB;
constexpr uptr kBlockMask = ~(uptr(kBlockSize) - 1);
constexpr usize kGranulesPerBlock = kBlockSize / kCellAlignment;
constexpr usize kBitmapWords = kGranulesPerBlock / 64;

enum class BlockState : u8 {
    Free = 0, // in the block pool; contents meaningless
    InUse,    // formatted for a size class
};

class Block {
public:
    static Block* of(void const* address) { return reinterpret_cast<Block*>(reinterpret_cast<uptr>(address) & kBlockMask); }
    char* base() { return reinterpret_cast<char*>(this); }

    // Formats a free block for `size_class`; `dirty` if its memory may be non-zero. Nothing
    // is carved yet, so no cell is allocated. `completed`: see above.
    void format(unsigned size_class, bool dirty, u64 completed);
    // Carves the next few KiB of never-handed-out cells into a free list (zeroing them first
    // if the block is dirty, so they are in cache when allocated). Returns how many cells,
    // 0 when the block is fully carved. Owner only.
    usize carve(Cell** out_list);
    // Sweeps an unswept block: dead cells are finalized and zeroed, every unallocated carved
    // cell goes on the returned free list (in address order). The block becomes swept.
    usize sweep(Cell** out_list, u64 completed);

    bool swept(u64 completed) const { return m_swept_at == completed; }
    // The allocated cell containing `address`, or nullptr. Only valid with the world stopped
    // (or on the owning thread).
    Cell* allocated_cell_containing(uptr address, u64 completed);
    // Is the cell starting at `cell` allocated (per the rules above)?
    bool is_allocated(Cell const* cell, u64 completed) const;

    // Marking (collection `cycle`): returns true if this call set the bit.
    bool test_and_set_mark(void const* cell, u64 cycle)
    {
        usize granule = (reinterpret_cast<uptr>(cell) & ~kBlockMask) >> 4;
        Atomic<u64>& word = m_marks[cycle & 1][granule >> 6];
        u64 bit = u64(1) << (granule & 63);
        if (word.load_relaxed() & bit)
            return false;
        return !(word.fetch_or_relaxed(bit) & bit);
    }
    bool is_marked(void const* cell, u64 cycle) const { return bitmap_bit(cycle & 1, cell); }
    // Clears the bitmap collection `cycle` marks into (world stopped).
    void clear_marks(u64 cycle)
    {
        for (auto& word : m_marks[cycle & 1])
            word.store_relaxed(0);
    }
    bool marks_clear(u64 cycle) const
    {
        for (auto const& word : m_marks[cycle & 1]) {
            if (word.load_relaxed())
                return false;
        }
        return true;
    }
    // Calls `fn(Cell*)` for every allocated cell (world stopped or owner only).
    template<typename Fn>
    void for_each_allocated_cell(u64 completed, Fn const& fn);

    unsigned size_class() const { return m_size_class; }
    u32 cell_size() const { return m_cell_size; }
    u32 cell_count() const { return m_cell_count; }
    char* first_cell() { return base() + m_first_cell_offset; }

    // Pool bookkeeping (guarded by the block space's pool lock, or the world is stopped).
    BlockState m_state = BlockState::Free;
    u32 m_index = 0; // position in the region

private:
    bool bitmap_bit(unsigned which, void const* cell) const
    {
        usize granule = (reinterpret_cast<uptr>(cell) & ~kBlockMask) >> 4;
        return m_marks[which][granule >> 6].load_relaxed() & (u64(1) << (granule & 63));
    }

    u32 m_cell_size = 0;
    u32 m_cell_count = 0;
    u32 m_first_cell_offset = 0;
    // Owner only between pauses (read in pauses): end of the carved prefix, as an offset.
    u32 m_carved_end_offset = 0;
    u8 m_size_class = 0;
    bool m_dirty = false; // the uncarved part may hold old data
    // The completed-collection count when this block was last formatted or swept.
    u64 m_swept_at = 0;
    // Atomic: set by markers (fetch_or) during a pause; read by the owner when sweeping.
    Atomic<u64> m_marks[2][kBitmapWords];
};

static_assert(sizeof(Block) <= 2 * KiB, "the block header must stay small");

template<typename Fn>
void Block::for_each_allocated_cell(u64 completed, Fn const& fn)
{
    char* cell = first_cell();
    char* end = base() + m_carved_end_offset;
    for (; cell < end; cell += m_cell_size) {
        if (is_allocated(reinterpret_cast<Cell*>(cell), completed))
            fn(reinterpret_cast<Cell*>(cell));
    }
}

} // namespace weft
