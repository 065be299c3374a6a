// BlockSpace: the reserved virtual region all blocks live in, the free-block pool, and the
// per-size-class lists of blocks waiting to be swept.
//
// Layout: one contiguous reservation [base, base + reserved), PROT_NONE until committed.
// Blocks are committed in 1 MiB steps from the low end (so the mapping count stays tiny) and
// never returned to the kernel's reservation; freed blocks go to the pool. "Does this word
// point into the heap?" is a subtraction and a compare, then a look at the block header.
//
// Invariants:
//  - Block index i lives at base + i * kBlockSize; indexes below m_fresh_index have a valid
//    header (state Free or InUse); above it nothing was ever committed.
//  - The unswept lists are rebuilt only with the world stopped; between collections they
//    are read-only and threads claim entries with one fetch_add on the class's cursor, so
//    each block is handed to exactly one thread.
//  - m_pool_lock is a leaf lock held for a few instructions, never across a safepoint poll.
#pragma once

#include "base/atomic.h"
#include "base/mutex.h"
#include "base/types.h"
#include "heap/block.h"

#include <vector>

namespace weft {

class BlockSpace {
public:
    explicit BlockSpace(usize reserve_bytes);
    ~BlockSpace();
    BlockSpace(BlockSpace const&) = delete;
    BlockSpace& operator=(BlockSpace const&) = delete;

    // Is `address` inside the reservation? (Cheap pre-filter for conservative scanning.)
    bool contains(uptr address) const { return address - m_base < m_reserved; }
    // The in-use block containing `address`, or nullptr. World stopped (or the owner).
    Block* in_use_block_containing(uptr address) const;

    // A formatted block for `size_class` from the pool or fresh memory, or nullptr when
    // taking it would make in-use blocks plus `other_bytes` exceed `limit_bytes`.
    Block* take_free_block(unsigned size_class, usize limit_bytes, usize other_bytes);
    // A block of `size_class` waiting to be swept, or nullptr. Lock-free, any thread.
    Block* take_unswept(unsigned size_class)
    {
        Atomic<usize>& cursor = m_unswept_cursor[size_class];
        auto const& list = m_unswept[size_class];
        if (cursor.load_relaxed() >= list.size())
            return nullptr;
        usize index = cursor.fetch_add_relaxed(1);
        return index < list.size() ? list[index] : nullptr;
    }

    // --- With the world stopped ------------------------------------------------------------
    template<typename Fn>
    void for_each_block_in_use(Fn const& fn)
    {
        for (u32 i = 0; i < m_fresh_index; ++i) {
            Block* block = block_at(i);
            if (block->m_state == BlockState::InUse)
                fn(block);
        }
    }
    // Returns in-use blocks to the pool (one lock for all of them).
    void release_blocks(std::vector<Block*> const&);
    // Empties the unswept lists (before re-adding the blocks that survived marking).
    void clear_unswept_lists();
    void add_unswept(Block* block) { m_unswept[block->size_class()].push_back(block); }

    usize blocks_in_use() const { return m_blocks_in_use.load_relaxed(); }
    usize reserved_bytes() const { return m_reserved; }

private:
    Block* block_at(u32 index) const { return reinterpret_cast<Block*>(m_base + uptr(index) * kBlockSize); }

    uptr m_base = 0;
    usize m_reserved = 0;
    u32 m_block_capacity = 0;

    Mutex m_pool_lock;
    std::vector<Block*> m_free GUARDED_BY(m_pool_lock); // released blocks, memory dirty
    // Written under m_pool_lock; read without it only with the world stopped.
    u32 m_fresh_index = 0;     // next never-used block
    u32 m_committed_index = 0; // blocks below this are committed (read/write)
    // Atomic: changed under m_pool_lock (or in a pause), read relaxed for limits and stats.
    Atomic<usize> m_blocks_in_use { 0 };

    // Rebuilt in pauses; see the invariants.
    std::vector<Block*> m_unswept[kSizeClassCount];
    Atomic<usize> m_unswept_cursor[kSizeClassCount];
};

} // namespace weft
