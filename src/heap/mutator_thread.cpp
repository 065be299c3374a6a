// MutatorThread: attaching and detaching threads, register snapshots, safe regions, polls.
#include "heap/heap.h"

#include "heap/heap_state.h"

#include <algorithm>
#include <pthread.h>

namespace weft {

namespace {

thread_local MutatorThread* t_current_thread = nullptr;

uptr current_stack_base()
{
    pthread_attr_t attr;
    WEFT_VERIFY(pthread_getattr_np(pthread_self(), &attr) == 0);
    void* low = nullptr;
    usize size = 0;
    WEFT_VERIFY(pthread_attr_getstack(&attr, &low, &size) == 0);
    pthread_attr_destroy(&attr);
    return reinterpret_cast<uptr>(low) + size;
}

} // namespace

MutatorThread* MutatorThread::current() { return t_current_thread; }

MutatorThread& Heap::attach_current_thread()
{
    HeapState& state = *m_state;
    WEFT_VERIFY(t_current_thread == nullptr);
    MutatorThread* thread = nullptr;
    {
        // The record is chosen first so that the enter hook (which may wait for the locked
        // mode's lock) runs before this thread is visible to collections.
        LockGuard guard(state.m_registry_lock);
        if (!state.m_spare_threads.empty()) {
            thread = state.m_spare_threads.back();
            state.m_spare_threads.pop_back();
        } else {
            state.m_all_threads.push_back(std::unique_ptr<MutatorThread>(new MutatorThread));
            thread = state.m_all_threads.back().get();
        }
    }
    if (state.m_config.on_enter_heap)
        state.m_config.on_enter_heap(*thread);
    {
        // Blocks while a collection runs (the conductor holds the registry lock): this thread
        // is not attached yet, so nobody waits for it.
        LockGuard guard(state.m_registry_lock);
        thread->m_heap = this;
        thread->m_stack_base = current_stack_base();
        thread->m_safe_region_depth = 0;
        thread->m_saved_sp = 0;
        HeapState::reset_caches(*thread);
        thread->m_unflushed_bytes = 0;
        thread->m_safepoint_requested.store_seq_cst(false);
        thread->m_yield_requested.store_seq_cst(false);
        thread->m_handshake_seen.store_release(state.m_handshake_epoch.load_seq_cst());
        thread->m_state.store_seq_cst(static_cast<u32>(MutatorThread::State::Running));
        state.m_threads.push_back(thread);
        state.m_attached_count.store_relaxed(state.m_threads.size());
    }
    t_current_thread = thread;
    return *thread;
}

void Heap::detach_current_thread(MutatorThread& thread)
{
    HeapState& state = *m_state;
    WEFT_VERIFY(t_current_thread == &thread && thread.m_safe_region_depth == 0);
    // Leave the heap first: a collection may run (and scan this stack) while we wait.
    thread.take_register_snapshot();
    thread.enter_safe_region();
    {
        LockGuard guard(state.m_registry_lock);
        auto& list = state.m_threads;
        list.erase(std::find(list.begin(), list.end(), &thread));
        state.m_attached_count.store_relaxed(list.size());
        HeapState::reset_caches(thread);
        state.account_allocation(thread.m_unflushed_bytes);
        thread.m_unflushed_bytes = 0;
        thread.m_state.store_seq_cst(static_cast<u32>(MutatorThread::State::Detached));
        state.m_spare_threads.push_back(&thread);
    }
    t_current_thread = nullptr; // (enter_safe_region above ran the leave hook)
}

void MutatorThread::safepoint_slow()
{
    WEFT_ASSERT(m_safe_region_depth == 0);
    HeapState& state = m_heap->state();
    // Clear the flag before looking at the reasons (seq_cst both sides): a request raised
    // after the exchange leaves the flag set for the next poll.
    m_safepoint_requested.exchange_seq_cst(false);
    m_handshake_seen.store_release(state.m_handshake_epoch.load_seq_cst());
    if (state.m_stop_requested.load_seq_cst())
        state.park(*this);
    if (m_yield_requested.exchange_seq_cst(false)) {
        // Leave the heap and come back: the hooks hand the locked mode's lock over.
        take_register_snapshot();
        enter_safe_region();
        leave_safe_region();
    }
}

void MutatorThread::enter_safe_region()
{
    if (m_safe_region_depth++ > 0)
        return;
    // The caller took the register snapshot in its own (live) frame.
    HeapState& state = m_heap->state();
    // Dekker with the conductor: publish the state, then look for a stop request.
    m_state.store_seq_cst(static_cast<u32>(State::InSafeRegion));
    if (state.m_stop_requested.load_seq_cst()) {
        std::lock_guard lock(state.m_gc_mutex);
        state.m_gc_cv.notify_all();
    }
    if (state.m_config.on_leave_heap)
        state.m_config.on_leave_heap(*this);
}

void MutatorThread::leave_safe_region()
{
    WEFT_ASSERT(m_safe_region_depth > 0);
    if (--m_safe_region_depth > 0)
        return;
    HeapState& state = m_heap->state();
    if (state.m_config.on_enter_heap)
        state.m_config.on_enter_heap(*this);
    for (;;) {
        // Dekker: publish Running, then check for a stop. If the conductor's request is
        // ordered before our store we see it and step back out; otherwise it sees Running.
        m_state.store_seq_cst(static_cast<u32>(State::Running));
        if (!state.m_stop_requested.load_seq_cst())
            break;
        std::unique_lock lock(state.m_gc_mutex);
        m_state.store_seq_cst(static_cast<u32>(State::InSafeRegion));
        state.m_gc_cv.notify_all();
        state.m_gc_cv.wait(lock, [&] { return !state.m_stop_requested.load_seq_cst(); });
    }
    // Being outside the heap counts as passing any handshake that began meanwhile.
    m_handshake_seen.store_release(state.m_handshake_epoch.load_seq_cst());
}

} // namespace weft
