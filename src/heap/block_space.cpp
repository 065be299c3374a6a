// BlockSpace: reserving the heap region, committing blocks on demand, the free-block pool.
#include "heap/block_space.h"

#include "base/assert.h"

#include <algorithm>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace weft {

namespace {

constexpr usize kCommitStep = 1 * MiB;
constexpr u32 kBlocksPerCommitStep = kCommitStep / kBlockSize;

} // namespace

BlockSpace::BlockSpace(usize reserve_bytes)
{
    // Round up to whole commit steps; shrink the request if the address space refuses it.
    usize size = (reserve_bytes + kCommitStep - 1) & ~(kCommitStep - 1);
    if (size < kCommitStep)
        size = kCommitStep;
    void* mapping = MAP_FAILED;
    while (size >= kCommitStep) {
        // Over-reserve by one block so the base can be aligned to kBlockSize.
        mapping = mmap(nullptr, size + kBlockSize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (mapping != MAP_FAILED)
            break;
        size /= 2;
    }
    if (mapping == MAP_FAILED)
        fatal_error("heap: cannot reserve address space");
    uptr raw = reinterpret_cast<uptr>(mapping);
    uptr aligned = (raw + kBlockSize - 1) & kBlockMask;
    // Give back the unaligned head and tail.
    if (aligned != raw)
        munmap(mapping, aligned - raw);
    uptr tail = aligned + size;
    uptr raw_end = raw + size + kBlockSize;
    if (raw_end != tail)
        munmap(reinterpret_cast<void*>(tail), raw_end - tail);
    m_base = aligned;
    m_reserved = size;
    m_block_capacity = static_cast<u32>(size / kBlockSize);
    for (auto& cursor : m_unswept_cursor)
        cursor.store_relaxed(0);
    // Anonymous memory: pages stay uncommitted until a block in their range is used.
    usize table_bytes = (usize(m_block_capacity) * sizeof(Atomic<u64>) + 4095) & ~usize(4095);
    void* table = mmap(nullptr, table_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (table == MAP_FAILED)
        fatal_error("heap: cannot map the block table");
    m_live_cycle = static_cast<Atomic<u64>*>(table);
}

BlockSpace::~BlockSpace()
{
    munmap(reinterpret_cast<void*>(m_base), m_reserved);
    munmap(m_live_cycle, (usize(m_block_capacity) * sizeof(Atomic<u64>) + 4095) & ~usize(4095));
}

Block* BlockSpace::in_use_block_containing(uptr address) const
{
    if (!contains(address))
        return nullptr;
    u32 index = static_cast<u32>((address - m_base) / kBlockSize);
    if (index >= m_fresh_index)
        return nullptr;
    Block* block = block_at(index);
    return block->m_state == BlockState::InUse ? block : nullptr;
}

Block* BlockSpace::take_free_block(unsigned size_class, usize limit_bytes, usize other_bytes, u64 completed)
{
    Block* block = nullptr;
    bool dirty = true;
    {
        LockGuard guard(m_pool_lock);
        usize in_use = m_blocks_in_use.load_relaxed();
        if ((in_use + 1) * kBlockSize + other_bytes > limit_bytes)
            return nullptr;
        if (!m_free.empty()) {
            block = m_free.back();
            m_free.pop_back();
        } else if (!m_decommitted.empty()) {
            block = m_decommitted.back();
            m_decommitted.pop_back();
            dirty = false; // the kernel hands back zero pages
        } else {
            if (m_fresh_index == m_block_capacity)
                return nullptr;
            if (m_fresh_index == m_committed_index) {
                u32 step = std::min(kBlocksPerCommitStep, m_block_capacity - m_committed_index);
                void* start = block_at(m_committed_index);
                if (mprotect(start, usize(step) * kBlockSize, PROT_READ | PROT_WRITE) != 0)
                    return nullptr;
                m_committed_index += step;
            }
            block = block_at(m_fresh_index);
            block->m_index = m_fresh_index;
            ++m_fresh_index;
            dirty = false; // fresh anonymous memory is zero
        }
        m_blocks_in_use.store_relaxed(in_use + 1);
        block->m_state = BlockState::InUse;
        m_new_blocks[size_class].push_back(block);
    }
    // No pause can run before this thread's next safepoint poll, so formatting outside the
    // lock is safe: nobody else looks at this block before then.
    block->format(size_class, dirty, completed);
    return block;
}

void BlockSpace::decommit_excess_free_blocks(usize keep)
{
    static usize const page = static_cast<usize>(sysconf(_SC_PAGESIZE));
    if (page < sizeof(Block) || page >= kBlockSize)
        return; // the header would not keep its own page: keep everything committed
    while (m_free.size() > keep) {
        Block* block = m_free.back();
        // Zero the cells sharing the header's page by hand; the kernel zeroes the rest.
        std::memset(block->first_cell(), 0, block->base() + page - block->first_cell());
        if (madvise(block->base() + page, kBlockSize - page, MADV_DONTNEED) != 0)
            return; // keep it (and the rest) committed and dirty
        m_free.pop_back();
        m_decommitted.push_back(block);
    }
}

void BlockSpace::prepare_for_marking(u64 cycle)
{
    for (unsigned c = 0; c < kSizeClassCount; ++c) {
        auto const& list = m_unswept[c];
        for (usize i = std::min(m_unswept_cursor[c].load_relaxed(), list.size()); i < list.size(); ++i)
            list[i]->clear_marks(cycle);
    }
}

} // namespace weft
