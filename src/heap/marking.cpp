// Parallel marking: the Tracer entry points, conservative pointer checks, work sharing.
#include "heap/marking.h"

#include "heap/block_space.h"
#include "heap/cell_kind_table.h"
#include "heap/large_object_space.h"
#include "heap/spin_wait.h"

#include <utility>

namespace weft {

// --- Tracer: the interface trace functions see ------------------------------------------------

void Tracer::visit(Cell* cell) { static_cast<Marker*>(this)->mark(cell); }
void Tracer::visit_conservative(uptr word) { static_cast<Marker*>(this)->mark_conservative(word); }
void Tracer::visit_weak(Atomic<Cell*>* slot) { static_cast<Marker*>(this)->record_weak(slot); }

// --- MarkPool ---------------------------------------------------------------------------------

void MarkPool::reset()
{
    std::lock_guard guard(m_lock);
    m_packets.clear();
    m_markers = 0;
    m_done = false;
    m_packet_count.store_relaxed(0);
    m_done_flag.store_relaxed(false);
    m_idle.store_relaxed(0);
    m_weak_slots.clear();
    m_marked_bytes = 0;
}

bool MarkPool::join()
{
    std::lock_guard guard(m_lock);
    if (m_done)
        return false;
    ++m_markers;
    return true;
}

unsigned MarkPool::markers() const
{
    std::lock_guard guard(m_lock);
    return m_markers;
}

void MarkPool::donate(std::vector<Cell*>&& packet)
{
    {
        std::lock_guard guard(m_lock);
        m_packets.push_back(std::move(packet));
        m_packet_count.store_relaxed(m_packets.size());
    }
    m_cv.notify_one();
}

bool MarkPool::take(std::vector<Cell*>& stack)
{
    std::unique_lock lock(m_lock);
    if (m_packets.empty()) {
        unsigned idle = m_idle.load_relaxed() + 1;
        m_idle.store_relaxed(idle);
        if (idle == m_markers) {
            m_done = true;
            m_done_flag.store_relaxed(true);
            lock.unlock();
            m_cv.notify_all();
            return false;
        }
        // Idle: spin briefly for a packet or the end, then sleep.
        lock.unlock();
        spin_briefly([&] { return m_done_flag.load_relaxed() || m_packet_count.load_relaxed() != 0; });
        lock.lock();
        m_cv.wait(lock, [&] { return m_done || !m_packets.empty(); });
        if (m_done)
            return false;
        m_idle.store_relaxed(m_idle.load_relaxed() - 1);
    }
    stack = std::move(m_packets.back());
    m_packets.pop_back();
    m_packet_count.store_relaxed(m_packets.size());
    return true;
}

void MarkPool::deposit(std::vector<Atomic<Cell*>*>& slots, usize marked_bytes)
{
    std::lock_guard guard(m_lock);
    m_weak_slots.insert(m_weak_slots.end(), slots.begin(), slots.end());
    slots.clear();
    m_marked_bytes += marked_bytes;
}

usize MarkPool::marked_bytes() const
{
    std::lock_guard guard(m_lock);
    return m_marked_bytes;
}

std::vector<Atomic<Cell*>*> MarkPool::take_weak_slots()
{
    std::lock_guard guard(m_lock);
    return std::move(m_weak_slots);
}

// --- Marker -----------------------------------------------------------------------------------

Marker::Marker(BlockSpace& blocks, LargeObjectSpace& large, MarkPool& pool, u64 cycle)
    : m_blocks(blocks)
    , m_large(large)
    , m_pool(pool)
    , m_cycle(cycle)
    , m_completed(cycle - 1)
{
    m_stack.reserve(1024);
}

Marker::~Marker() = default;

void Marker::mark(Cell* cell)
{
    if (!cell)
        return;
    uptr address = reinterpret_cast<uptr>(cell);
    if (m_blocks.contains(address)) [[likely]] {
        Block* block = Block::of(cell);
        WEFT_ASSERT(block == m_blocks.in_use_block_containing(address));
        WEFT_ASSERT(block->is_allocated(cell, m_completed));
        mark_in_block(block, cell);
        return;
    }
    LargeObject* object = LargeObject::of(cell);
    WEFT_ASSERT(m_large.contains_cell(cell));
    if (object->marked_cycle.load_relaxed() != m_cycle && object->marked_cycle.exchange_acq_rel(m_cycle) != m_cycle) {
        m_marked_bytes += object->cell_size;
        push(cell);
    }
}

void Marker::mark_in_block(Block* block, Cell* cell)
{
    if (block->test_and_set_mark(cell, m_cycle)) {
        m_marked_bytes += block->cell_size();
        m_blocks.note_live(block, m_cycle);
        push(cell);
    }
}

void Marker::mark_conservative(uptr word)
{
    if (m_blocks.contains(word)) {
        Block* block = m_blocks.in_use_block_containing(word);
        if (!block)
            return;
        if (Cell* cell = block->allocated_cell_containing(word, m_completed))
            mark_in_block(block, cell);
        return;
    }
    if (Cell* cell = m_large.cell_containing(word))
        mark(cell);
}

__attribute__((no_sanitize("address", "thread"))) void Marker::scan_range_conservatively(uptr begin, uptr end)
{
    begin = (begin + sizeof(uptr) - 1) & ~(sizeof(uptr) - 1);
    for (uptr p = begin; p + sizeof(uptr) <= end; p += sizeof(uptr))
        mark_conservative(*reinterpret_cast<uptr const volatile*>(p));
}

void Marker::mark_all_allocated(Block* block)
{
    block->for_each_allocated_cell(m_completed, [&](Cell* cell) { mark_in_block(block, cell); });
}

void Marker::share()
{
    // Donate the older (bottom) half: those entries tend to root the larger subgraphs.
    usize half = m_stack.size() / 2;
    std::vector<Cell*> packet(m_stack.begin(), m_stack.begin() + half);
    m_stack.erase(m_stack.begin(), m_stack.begin() + half);
    m_pool.donate(std::move(packet));
}

void Marker::drain()
{
    unsigned since_check = 0;
    for (;;) {
        while (!m_stack.empty()) {
            Cell* cell = m_stack.back();
            m_stack.pop_back();
            if (u8 kind = cell->kind_raw()) {
                if (auto trace = g_cell_kind_table[kind].trace)
                    trace(cell, *this);
            }
            if (++since_check == 64) {
                since_check = 0;
                if (m_stack.size() >= 2 && m_pool.someone_idle())
                    share();
            }
        }
        if (!m_pool.take(m_stack))
            break;
    }
    m_pool.deposit(m_weak_slots, m_marked_bytes);
}

} // namespace weft
