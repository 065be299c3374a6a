// HeapState: the heap's internal state behind the public Heap facade (heap.h).
//
// Layout (what lives where):
//   m_blocks / m_large        memory: block region and pool, large-object mappings
//   m_threads                 the registry of attached MutatorThreads
//   m_collection_requested    conductor election (CAS false -> true)
//   m_stop_requested          "the world must stop": Dekker partner of each thread's m_state
//   m_gc_mutex / m_gc_cv      parking, resuming and the marking-phase rendezvous
//   m_marking                 the parallel marking work pool (marking.h)
//   trigger counters, root sources, weak callbacks, handshake epoch, statistics
// Invariants:
//  - At most one conductor at a time (whoever wins m_collection_requested). It holds
//    m_registry_lock for the whole pause, so threads cannot attach or finish detaching
//    while the world is stopped.
//  - m_cycle is written only by the conductor before the marking phase is announced (under
//    m_gc_mutex); markers read it after joining (under m_gc_mutex), so they see it.
//  - Lock order: m_registry_lock -> m_gc_mutex -> {pool, large, callbacks, stats, mark pool}.
//    Only the conductor (or a thread in a safe region, or an unattached thread) blocks on
//    m_registry_lock. No heap lock is held across a safepoint poll or a park.
#pragma once

#include "base/atomic.h"
#include "base/mutex.h"
#include "base/types.h"
#include "heap/block_space.h"
#include "heap/heap.h"
#include "heap/large_object_space.h"
#include "heap/marking.h"
#include "heap/spin_wait.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace weft {

enum class GcPhase : u8 {
    Idle,     // no collection, or stopping the world
    Marking,  // parked threads may join the marking
    Finishing // marking over; the conductor is processing weak refs and sweeping
};

class HeapState {
public:
    HeapState(Heap&, HeapConfig const&);
    ~HeapState();

    // --- Collection (collector.cpp) --------------------------------------------------------
    // Conducts a collection, or parks until the one already running finishes.
    void collect(MutatorThread&);
    // Called by a thread at a safepoint when m_stop_requested is set: park (and help mark)
    // until the collection ends.
    void park(MutatorThread&);
    // The conductor's side: stop the world, mark, reclaim, resume.
    void conduct(MutatorThread&);
    bool is_marked(Cell const*) const;

    // --- Allocation helpers (heap.cpp) -----------------------------------------------------
    bool refill(MutatorThread&, unsigned size_class);
    usize heap_bytes() const { return m_blocks.blocks_in_use() * kBlockSize + m_large.bytes(); }
    bool trigger_reached() const
    {
        return m_bytes_since_gc.load_relaxed() >= m_trigger_bytes.load_relaxed();
    }
    void account_allocation(usize bytes)
    {
        m_bytes_since_gc.fetch_add_relaxed(bytes);
        m_bytes_allocated_total.fetch_add_relaxed(bytes);
    }
    // Every size class of `thread` forgets its allocation window.
    static void reset_caches(MutatorThread&);

    Heap& m_heap;
    HeapConfig const m_config;
    unsigned const m_max_markers;
    unsigned const m_hardware_threads;
    // Spinning at a rendezvous pays only when every attached thread can have a core; with
    // more threads than cores a spinner steals the time others need to reach the safepoint.
    u64 spin_budget_ns() const
    {
        return m_attached_count.load_relaxed() <= m_hardware_threads ? kSpinBudgetNs : 0;
    }

    BlockSpace m_blocks;
    LargeObjectSpace m_large;

    // --- Thread registry -------------------------------------------------------------------
    Mutex m_registry_lock;
    std::vector<MutatorThread*> m_threads GUARDED_BY(m_registry_lock);            // attached
    std::vector<std::unique_ptr<MutatorThread>> m_all_threads GUARDED_BY(m_registry_lock);
    std::vector<MutatorThread*> m_spare_threads GUARDED_BY(m_registry_lock);      // detached
    // Atomic: written under m_registry_lock, read relaxed by attached_thread_count().
    Atomic<usize> m_attached_count { 0 };

    // --- Stop-the-world --------------------------------------------------------------------
    // Atomic: CAS false -> true elects the conductor; it stores false (release) when done.
    Atomic<bool> m_collection_requested { false };
    // Atomic: seq_cst; set by the conductor before it raises safepoint flags, cleared when it
    // resumes the world. Threads re-entering from a safe region check it after publishing
    // Running (Dekker).
    Atomic<bool> m_stop_requested { false };
    std::mutex m_gc_mutex;
    std::condition_variable m_gc_cv;
    // Atomic: written under m_gc_mutex; read under it, or relaxed while spinning (spin_wait.h).
    Atomic<GcPhase> m_phase { GcPhase::Idle };
    u64 m_gc_epoch = 0;                // guarded by m_gc_mutex: collections finished
    unsigned m_helpers_joined = 0;     // guarded by m_gc_mutex: parked threads marking
    // Atomic: changed under m_gc_mutex (helpers marking, not yet back); read relaxed to spin.
    Atomic<unsigned> m_helpers_active { 0 };
    // The collection number (1, 2, ...). Written by the conductor in the pause only.
    u64 m_cycle = 0;
    MarkPool m_marking;

    // --- Trigger ---------------------------------------------------------------------------
    // Atomic: added to at block refill (never on the fast path), reset in pauses.
    Atomic<u64> m_bytes_since_gc { 0 };
    Atomic<u64> m_trigger_bytes { 0 };
    Atomic<u64> m_bytes_allocated_total { 0 };

    // --- Roots and weak callbacks ----------------------------------------------------------
    Mutex m_callbacks_lock;
    std::vector<std::pair<u64, std::function<void(Tracer&)>>> m_root_sources GUARDED_BY(m_callbacks_lock);
    std::vector<std::pair<u64, std::function<void(Heap&)>>> m_weak_callbacks GUARDED_BY(m_callbacks_lock);
    u64 m_next_callback_id GUARDED_BY(m_callbacks_lock) = 1;

    // --- Ragged handshake ------------------------------------------------------------------
    // Atomic: incremented (seq_cst) by each handshake; threads publish the value they saw.
    Atomic<u64> m_handshake_epoch { 0 };

    // --- Statistics ------------------------------------------------------------------------
    mutable Mutex m_stats_lock;
    GcStats m_stats GUARDED_BY(m_stats_lock);
};

} // namespace weft
