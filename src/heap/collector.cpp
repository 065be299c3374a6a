// The stop-the-world collection: electing a conductor, stopping and resuming the world,
// roots, the parallel marking rendezvous, weak references, and reclaiming memory.
#include "heap/cell_kind_table.h"
#include "heap/heap_state.h"
#include "heap/spin_wait.h"

#include <chrono>
#include <cstdio>
#include <thread>

namespace weft {

namespace {

u64 now_ns()
{
    return static_cast<u64>(std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch()).count());
}

constexpr u32 state_value(MutatorThread::State state) { return static_cast<u32>(state); }

bool is_stopped(MutatorThread const& thread, u32 state)
{
    return state == state_value(MutatorThread::State::Parked) || state == state_value(MutatorThread::State::InSafeRegion);
}

} // namespace

void HeapState::collect(MutatorThread& self)
{
    WEFT_ASSERT(self.m_safe_region_depth == 0);
    bool expected = false;
    if (!m_collection_requested.compare_exchange_acq_rel(expected, true)) {
        // Another thread conducts. Keep answering safepoints (our flag is about to be
        // raised) until it is done; its collection serves our request too.
        while (m_collection_requested.load_acquire()) {
            self.safepoint_poll();
            std::this_thread::yield();
        }
        return;
    }
    conduct(self);
    m_collection_requested.store_release(false);
}

void HeapState::park(MutatorThread& thread)
{
    thread.take_register_snapshot();
    std::unique_lock lock(m_gc_mutex);
    // Release: the conductor reads our snapshot and caches after seeing Parked (acquire).
    thread.m_state.store_release(state_value(MutatorThread::State::Parked));
    m_gc_cv.notify_all();
    auto parked = [&] { return thread.m_state.load_relaxed() == state_value(MutatorThread::State::Parked); };
    // Under m_gc_mutex: may this thread join the marking now?
    auto can_join = [&] {
        return m_phase.load_relaxed() == GcPhase::Marking && thread.m_marked_in_epoch != m_gc_epoch + 1
            && m_helpers_joined + 1 < m_max_markers;
    };
    for (;;) {
        if (!parked())
            break; // the conductor resumed us
        if (can_join()) {
            thread.m_marked_in_epoch = m_gc_epoch + 1;
            ++m_helpers_joined;
            m_helpers_active.store_relaxed(m_helpers_active.load_relaxed() + 1);
            u64 cycle = m_cycle;
            lock.unlock();
            if (m_marking.join()) {
                Marker marker(m_blocks, m_large, m_marking, cycle);
                marker.drain();
            }
            lock.lock();
            m_helpers_active.store_relaxed(m_helpers_active.load_relaxed() - 1);
            m_gc_cv.notify_all();
            continue;
        }
        // Wait for the marking phase or the resume: spin briefly, then sleep.
        lock.unlock();
        spin_briefly([&] { return !parked() || m_phase.load_relaxed() == GcPhase::Marking; }, spin_budget_ns());
        lock.lock();
        m_gc_cv.wait(lock, [&] { return !parked() || can_join(); });
    }
}

void HeapState::conduct(MutatorThread& self)
{
    u64 start = now_ns();
    LockGuard registry(m_registry_lock);

    // 1. Stop the world: request, raise every flag, wait for each thread to park or be out.
    m_stop_requested.store_seq_cst(true);
    for (MutatorThread* thread : m_threads) {
        if (thread != &self)
            thread->m_safepoint_requested.store_seq_cst(true);
    }
    self.take_register_snapshot();
    {
        auto all_stopped = [&]() NO_THREAD_SAFETY_ANALYSIS {
            for (MutatorThread* thread : m_threads) {
                if (thread != &self && !is_stopped(*thread, thread->m_state.load_seq_cst()))
                    return false;
            }
            return true;
        };
        spin_briefly(all_stopped, spin_budget_ns());
        std::unique_lock lock(m_gc_mutex);
        // A thread that never polls stops every thread forever; say so once (a debugging aid,
        // the wait itself goes on: the contract is that attached threads poll).
        if (!m_gc_cv.wait_for(lock, std::chrono::seconds(10), all_stopped)) {
            std::fprintf(stderr,
                "weft heap: a collection has waited 10 s for attached threads to reach a safepoint. "
                "Is a thread looping without safepoint_poll(), blocking outside a SafeRegion, or "
                "exited without detaching?\n");
            m_gc_cv.wait(lock, all_stopped);
        }
    }

    // 2. Prepare: a new cycle number, clear this cycle's mark bitmaps, index large objects.
    u64 cycle = ++m_cycle;
    m_blocks.prepare_for_marking(cycle);
#ifndef NDEBUG
    m_blocks.for_each_block_in_use([&](Block* block) { WEFT_ASSERT(block->marks_clear(cycle)); });
#endif
    m_large.sort_for_lookup();
    m_marking.reset();
    m_marking.join();
    {
        std::lock_guard lock(m_gc_mutex);
        m_phase.store_relaxed(GcPhase::Marking);
        m_helpers_joined = 0;
    }
    m_gc_cv.notify_all();

    // 3. Roots, then mark (parked threads join through park()).
    u64 mark_start = now_ns();
    Marker marker(m_blocks, m_large, m_marking, cycle);
    for (MutatorThread* thread : m_threads) {
        marker.scan_range_conservatively(thread->m_saved_sp, thread->m_stack_base);
        auto registers = reinterpret_cast<uptr>(thread->m_registers);
        marker.scan_range_conservatively(registers, registers + sizeof(thread->m_registers));
        // Cells in flight: everything allocated in the thread's current blocks stays.
        for (AllocationCache const& cache : thread->m_caches) {
            if (cache.block)
                marker.mark_all_allocated(cache.block);
        }
    }
    {
        LockGuard guard(m_callbacks_lock);
        for (auto& [id, visit_roots] : m_root_sources)
            visit_roots(marker);
    }
    marker.drain();
    {
        std::unique_lock lock(m_gc_mutex);
        m_phase.store_relaxed(GcPhase::Finishing);
        lock.unlock();
        spin_briefly([&] { return m_helpers_active.load_relaxed() == 0; }, spin_budget_ns());
        lock.lock();
        m_gc_cv.wait(lock, [&] { return m_helpers_active.load_relaxed() == 0; });
    }
    u64 mark_end = now_ns();
    unsigned markers = m_marking.markers();

    // 4. Weak references: clear slots whose targets died, then the weak callbacks.
    for (Atomic<Cell*>* slot : m_marking.take_weak_slots()) {
        Cell* target = slot->load_relaxed();
        if (target && !is_marked(target))
            slot->store_relaxed(nullptr);
    }
    {
        LockGuard guard(m_callbacks_lock);
        for (auto& [id, callback] : m_weak_callbacks)
            callback(m_heap);
    }

    // 5. Reclaim: dead large objects now; small blocks are swept lazily by allocating
    //    threads, except blocks with no survivor, which go straight back to the pool.
    auto finalize = [](Cell* cell) {
        if (auto fn = g_cell_kind_table[cell->kind_raw()].finalize)
            fn(cell);
    };
    usize live = m_large.sweep(cycle, finalize) + m_marking.marked_bytes();
    // Next trigger: the heap will hand out about that many bytes before the next collection,
    // so that many free blocks stay committed; the rest go back to the kernel.
    u64 trigger = std::max<u64>(m_config.min_trigger_bytes, static_cast<u64>(m_config.growth_factor * static_cast<double>(live)));
    m_trigger_bytes.store_relaxed(trigger);
    m_bytes_since_gc.store_relaxed(0);
    bool finalizers = g_any_cell_kind_finalizes.load_acquire();
    m_blocks.finish_marking(cycle, trigger / kBlockSize + 16, [&](Block* block) {
        if (finalizers)
            block->for_each_allocated_cell(cycle - 1, finalize);
    });
    for (MutatorThread* thread : m_threads) {
        reset_caches(*thread);
        // Bytes handed out before this pause count toward the total, not the next trigger.
        m_bytes_allocated_total.fetch_add_relaxed(thread->m_unflushed_bytes);
        thread->m_unflushed_bytes = 0;
    }

    // 6. Statistics.
    u64 pause = now_ns() - start;
    {
        LockGuard guard(m_stats_lock);
        m_stats.collections++;
        m_stats.total_pause_ns += pause;
        m_stats.max_pause_ns = std::max(m_stats.max_pause_ns, pause);
        m_stats.last_pause_ns = pause;
        m_stats.last_mark_ns = mark_end - mark_start;
        m_stats.total_mark_ns += mark_end - mark_start;
        m_stats.live_bytes_after_last = live;
        m_stats.last_marker_threads = markers;
    }

    // 7. Resume the world.
    {
        std::lock_guard lock(m_gc_mutex);
        m_phase.store_relaxed(GcPhase::Idle);
        ++m_gc_epoch;
        m_stop_requested.store_seq_cst(false);
        for (MutatorThread* thread : m_threads) {
            if (thread->m_state.load_relaxed() == state_value(MutatorThread::State::Parked))
                thread->m_state.store_release(state_value(MutatorThread::State::Running));
        }
    }
    m_gc_cv.notify_all();
}

} // namespace weft
