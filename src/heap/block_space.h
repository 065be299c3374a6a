// BlockSpace: the reserved virtual region all blocks live in, the free-block pool, and the
// per-size-class lists of blocks waiting to be swept.
//
// Layout: one contiguous reservation [base, base + reserved), PROT_NONE until committed.
// Blocks are committed in 1 MiB steps from the low end (so the mapping count stays tiny) and
// never returned to the kernel's reservation; freed blocks go to the pool. "Does this word
// point into the heap?" is a subtraction and a compare, then a look at the block header.
//
// Which blocks are in use, per size class, without touching block headers in a pause:
//   m_unswept[c]     the blocks of class c that survived the last collection; entries below
//                    the cursor were claimed (and swept) since, the rest are still unswept
//   m_new_blocks[c]  blocks of class c taken from the pool since the last collection
//   m_live_cycle[i]  the last collection that marked a cell in block i (set by markers)
// A pause clears the marks of the unclaimed unswept blocks before marking and afterwards
// keeps, per class, the listed blocks whose m_live_cycle is this collection; the others had
// no survivor and go back to the pool. Cost: proportional to the number of blocks, reading
// only these dense arrays, never the (cold) block headers.
//
// Invariants:
//  - Block index i lives at base + i * kBlockSize; indexes below m_fresh_index have a valid
//    header (state Free or InUse); above it nothing was ever committed.
//  - Every in-use block is in exactly one of m_unswept or m_new_blocks of its class.
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
    // `completed`: the last finished collection (see block.h).
    Block* take_free_block(unsigned size_class, usize limit_bytes, usize other_bytes, u64 completed);
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
    // Markers: block `block` has a cell marked in `cycle`.
    void note_live(Block* block, u64 cycle)
    {
        Atomic<u64>& live = m_live_cycle[block->m_index];
        if (live.load_relaxed() != cycle)
            live.store_relaxed(cycle);
    }
    // Before marking `cycle`: clear the marks bitmap of every block nobody swept since the
    // last collection (swept blocks keep it clear themselves).
    void prepare_for_marking(u64 cycle);
    // After marking `cycle`: blocks with no marked cell go back to the pool (`on_release`
    // is called for each first); the rest become the new unswept lists. At most
    // `keep_free_blocks` free blocks stay committed (enough for the next cycle's allocation).
    template<typename OnRelease>
    void finish_marking(u64 cycle, usize keep_free_blocks, OnRelease const& on_release);
    // Every in-use block, by reading headers (slow; for teardown and debug checks).
    template<typename Fn>
    void for_each_block_in_use(Fn const& fn)
    {
        for (u32 i = 0; i < m_fresh_index; ++i) {
            Block* block = block_at(i);
            if (block->m_state == BlockState::InUse)
                fn(block);
        }
    }

    usize blocks_in_use() const { return m_blocks_in_use.load_relaxed(); }
    usize reserved_bytes() const { return m_reserved; }

private:
    Block* block_at(u32 index) const { return reinterpret_cast<Block*>(m_base + uptr(index) * kBlockSize); }

    uptr m_base = 0;
    usize m_reserved = 0;
    u32 m_block_capacity = 0;

    Mutex m_pool_lock;
    std::vector<Block*> m_free GUARDED_BY(m_pool_lock);     // released blocks, memory dirty
    std::vector<Block*> m_decommitted GUARDED_BY(m_pool_lock); // released and given back to
                                                             // the kernel (cells read as zero)
    // Gives the cell memory of free blocks beyond `keep` back to the kernel (the header page
    // stays). Called at the end of a pause.
    void decommit_excess_free_blocks(usize keep) REQUIRES(m_pool_lock);
    // Written under m_pool_lock; read without it only with the world stopped.
    u32 m_fresh_index = 0;     // next never-used block
    u32 m_committed_index = 0; // blocks below this are committed (read/write)
    // Atomic: changed under m_pool_lock (or in a pause), read relaxed for limits and stats.
    Atomic<usize> m_blocks_in_use { 0 };

    // Rebuilt in pauses; see the invariants.
    std::vector<Block*> m_unswept[kSizeClassCount];
    Atomic<usize> m_unswept_cursor[kSizeClassCount];
    std::vector<Block*> m_new_blocks[kSizeClassCount] GUARDED_BY(m_pool_lock);
    // One entry per block of the region (lazily committed zero pages). Atomic: stored by
    // markers during a pause, read by the conductor after marking.
    Atomic<u64>* m_live_cycle = nullptr;
};

template<typename OnRelease>
void BlockSpace::finish_marking(u64 cycle, usize keep_free_blocks, OnRelease const& on_release)
{
    LockGuard guard(m_pool_lock);
    usize released = 0;
    for (unsigned c = 0; c < kSizeClassCount; ++c) {
        std::vector<Block*>& keep = m_unswept[c];
        keep.insert(keep.end(), m_new_blocks[c].begin(), m_new_blocks[c].end());
        m_new_blocks[c].clear();
        usize kept = 0;
        for (Block* block : keep) {
            if (m_live_cycle[block->m_index].load_relaxed() == cycle) {
                keep[kept++] = block;
                continue;
            }
            on_release(block);
            block->m_state = BlockState::Free;
            m_free.push_back(block);
            ++released;
        }
        keep.resize(kept);
        m_unswept_cursor[c].store_relaxed(0);
    }
    m_blocks_in_use.store_relaxed(m_blocks_in_use.load_relaxed() - released);
    decommit_excess_free_blocks(keep_free_blocks);
}

} // namespace weft
