// Heap: the process-wide garbage-collected heap that every thread allocates in at once.
//
// This header is the contract the rest of the engine codes against. See docs/GC.md for the
// protocol (roots, safepoints, safe regions, the ragged handshake) and its invariants.
//
// Shape of the API:
//   Heap                one per process (per Runtime). Owns blocks, the thread registry, GC.
//   MutatorThread       one per attached OS thread: allocation caches, safepoint flag, stats.
//   SafeRegion          RAII: the thread leaves the heap (may block) and re-enters after.
//   Tracer              handed to CellKindInfo::trace; marks and queues what it is shown.
//
// Thread-safety: every Heap method may be called from any attached thread unless it says
// otherwise. MutatorThread methods are called only by the thread that owns it.
#pragma once

#include "base/assert.h"
#include "base/atomic.h"
#include "base/types.h"
#include "heap/cell.h"

#include <functional>

namespace weft {

class Heap;
class MutatorThread;

struct HeapConfig {
    // Allocation fails (try_allocate returns nullptr) once live + new bytes would exceed this.
    usize limit_bytes = 8 * GiB;
    // A collection starts when bytes allocated since the last one exceed
    // max(min_trigger_bytes, growth_factor * live bytes after the last one).
    usize min_trigger_bytes = 32 * MiB;
    double growth_factor = 1.0;
    // Debug aid: collect at every block refill (slow, finds missing roots).
    bool gc_stress = false;
};

struct GcStats {
    u64 collections = 0;
    u64 total_pause_ns = 0;
    u64 max_pause_ns = 0;
    u64 last_pause_ns = 0;
    u64 last_mark_ns = 0;          // the parallel marking part of the last pause
    u64 bytes_allocated_total = 0; // flushed per-thread counters (exact at a collection)
    u64 live_bytes_after_last = 0;
    u64 heap_bytes = 0;            // bytes in blocks and large objects currently held
    u32 last_marker_threads = 0;   // threads that marked in the last collection
};

// Marks cells. Given to trace functions; one per marking thread.
class Tracer {
public:
    // Marks `cell` (may be null) and queues it for tracing if it was not marked yet.
    void visit(Cell* cell);
    // Treats `word` as a possible pointer: marks the cell it points into, if any.
    void visit_conservative(uptr word);
    // Records a weak reference: after marking, if *slot's target is unmarked, *slot is set to
    // null. The slot must stay valid until the end of this collection.
    void visit_weak(Atomic<Cell*>* slot);

protected:
    Tracer() = default;
    ~Tracer() = default;
};

class Heap {
public:
    explicit Heap(HeapConfig const& = {});
    ~Heap(); // All threads must have detached.
    Heap(Heap const&) = delete;
    Heap& operator=(Heap const&) = delete;

    // --- Threads ---------------------------------------------------------------------------
    // Attaches the calling OS thread; it is in the heap (running) on return. May wait for a
    // collection in progress. The thread's stack is scanned conservatively from now on.
    MutatorThread& attach_current_thread();
    // Detaches the calling thread. Cells it referenced only from its stack become garbage.
    void detach_current_thread(MutatorThread&);

    // --- Allocation ------------------------------------------------------------------------
    // Returns zeroed memory of at least `bytes` bytes, 16-byte aligned, whose header has kind
    // `kind`; or nullptr when the heap limit is reached even after a collection. May collect
    // (so it is a safepoint). Fast path: a per-thread free list, no lock, no atomic RMW.
    Cell* try_allocate(MutatorThread&, usize bytes, u8 kind);

    // --- Collection ------------------------------------------------------------------------
    // Runs a full stop-the-world collection now (the caller conducts it and marks too).
    void collect(MutatorThread&);
    // Is `cell` marked in the collection in progress? Only valid inside weak callbacks.
    bool is_marked(Cell const*) const;

    // Precise roots outside the stacks (runtime globals, handles). `visit_roots` is called
    // during each collection with the world stopped. Returns an id for remove_root_source.
    u64 add_root_source(std::function<void(Tracer&)> visit_roots);
    void remove_root_source(u64 id);
    // Called after marking, with the world stopped, before any cell is reclaimed: clear weak
    // entries whose targets are unmarked (is_marked). Returns an id.
    u64 add_weak_callback(std::function<void(Heap&)> callback);
    void remove_weak_callback(u64 id);

    // --- Ragged handshake -------------------------------------------------------------------
    // Returns once every thread attached when the call began has passed a safepoint (threads
    // in safe regions count as passed). Nobody stops; the caller itself stays responsive to
    // collections while it waits. The primitive for epoch-based retirement of side data.
    void ragged_handshake(MutatorThread&);

    GcStats stats() const;
    HeapConfig const& config() const;
    usize attached_thread_count() const;
};

// Per-thread heap state. Created by Heap::attach_current_thread; used only by its thread.
class MutatorThread {
public:
    // The safepoint poll: one relaxed load of this thread's own flag and a predictable branch.
    // Call at loop back-edges and calls; allocation polls by itself.
    WEFT_ALWAYS_INLINE void safepoint_poll()
    {
        if (m_safepoint_requested.load_relaxed()) [[unlikely]]
            safepoint_slow();
    }
    Heap& heap() { return *m_heap; }
    // The current thread's MutatorThread, or nullptr if it is not attached.
    static MutatorThread* current();

protected:
    MutatorThread() = default;
    void safepoint_slow();
    Heap* m_heap = nullptr;
    Atomic<bool> m_safepoint_requested { false };
};

// Leaves the heap for a blocking operation (R6): takes a register snapshot for conservative
// scanning, and lets collections proceed without this thread. Do not touch heap cells inside,
// except through values already on the stack (they are kept alive, not locked).
class SafeRegion {
public:
    explicit SafeRegion(MutatorThread&);
    ~SafeRegion(); // Re-enters the heap, waiting for a collection in progress to finish.
    SafeRegion(SafeRegion const&) = delete;
    SafeRegion& operator=(SafeRegion const&) = delete;

private:
    MutatorThread& m_thread;
};

} // namespace weft
