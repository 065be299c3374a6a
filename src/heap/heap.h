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
// Layout of MutatorThread (one per attached thread, owned by the Heap, reused after detach):
//   m_safepoint_requested   Atomic<bool>  set by a conductor / handshaker, cleared by owner
//   m_caches[36]            AllocationCache per size class (owner only; reset in pauses)
//   m_state                 Atomic<u32>   Running / Parked / InSafeRegion / Detached
//   m_handshake_seen        Atomic<u64>   last handshake epoch the owner acknowledged
//   m_saved_sp, m_registers snapshot for conservative scanning, written by the owner before
//                           it publishes Parked / InSafeRegion (release), read in pauses
// Invariants:
//  - The allocation fast path takes no lock and performs no atomic read-modify-write.
//  - While a collection runs, every attached thread is Parked (at a safepoint, with a fresh
//    register snapshot) or InSafeRegion (snapshot taken on leaving); no thread touches cells.
//  - A thread's allocation caches are reset by every collection; only the owner uses them
//    in between.
//
// Thread-safety: every Heap method may be called from any attached thread unless it says
// otherwise. MutatorThread methods are called only by the thread that owns it.
#pragma once

#include "base/assert.h"
#include "base/atomic.h"
#include "base/types.h"
#include "heap/cell.h"
#include "heap/size_classes.h"

#include <functional>
#include <memory>

namespace weft {

class Heap;
class HeapState;
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
    // Upper bound on threads marking in a collection (the conductor plus parked threads);
    // 0 means the number of hardware threads.
    unsigned max_marker_threads = 0;
    // Hooks for the thread runtime's locked mode (`--threads=gil`): on_leave_heap runs when a
    // thread leaves the heap (its outermost SafeRegion begins, or it detaches) and
    // on_enter_heap before it comes back (its outermost SafeRegion ends, or it attaches); both
    // also run, in that order, at a safepoint poll after MutatorThread::request_yield(). Called
    // on the thread itself, outside every heap lock; they may block (the thread is out of the
    // heap). Null: nothing.
    void (*on_leave_heap)(MutatorThread&) = nullptr;
    void (*on_enter_heap)(MutatorThread&) = nullptr;
};

struct GcStats {
    u64 collections = 0;
    u64 total_pause_ns = 0;
    u64 max_pause_ns = 0;
    u64 last_pause_ns = 0;
    u64 last_mark_ns = 0;          // the parallel marking part of the last pause
    u64 total_mark_ns = 0;
    u64 bytes_allocated_total = 0; // flushed per-thread counters (exact at a collection)
    u64 live_bytes_after_last = 0;
    u64 heap_bytes = 0;            // bytes in blocks and large objects currently held
    u32 last_marker_threads = 0;   // threads that marked in the last collection
};

// Marks cells. Given to trace functions and root sources; one per marking thread.
class Tracer {
public:
    // Marks `cell` (may be null) and queues it for tracing if it was not marked yet.
    // `cell` must be the start of an allocated cell.
    void visit(Cell* cell);
    // Treats `word` as a possible pointer: marks the cell it points into (interior pointers
    // count), if it points at an allocated cell. Any value is safe.
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
    // Safe during a collection: the thread leaves the heap first.
    void detach_current_thread(MutatorThread&);

    // --- Allocation ------------------------------------------------------------------------
    // Returns zeroed memory of at least `bytes` bytes, 16-byte aligned, whose header has kind
    // `kind`; or nullptr when the heap limit is reached even after a collection. May collect
    // (so it is a safepoint). Fast path: a per-thread free list, no lock, no atomic RMW.
    Cell* try_allocate(MutatorThread&, usize bytes, u8 kind);

    // --- Collection ------------------------------------------------------------------------
    // Runs a full stop-the-world collection now (the caller conducts it and marks too). If
    // another thread is conducting one already, waits (parked) for that one instead.
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
    // in safe regions or detached count as passed). Nobody stops; the caller itself stays
    // responsive to collections while it waits. The primitive for epoch-based retirement of
    // side data.
    void ragged_handshake(MutatorThread&);

    GcStats stats() const;
    HeapConfig const& config() const;
    usize attached_thread_count() const;

    // Internal: the collector's state (heap/heap_state.h).
    HeapState& state() { return *m_state; }

private:
    friend class MutatorThread;
    Cell* allocate_small_slow(MutatorThread&, unsigned size_class, u8 kind);
    Cell* allocate_large(MutatorThread&, usize bytes, u8 kind);

    std::unique_ptr<HeapState> m_state;
};

// Per-thread heap state. Created by Heap::attach_current_thread; used only by its thread.
// Cache-line aligned so two threads' allocation caches never share a line.
class alignas(64) MutatorThread {
public:
    enum class State : u32 { Running = 0, Parked = 1, InSafeRegion = 2, Detached = 3 };
    static constexpr unsigned kSavedRegisterCount = 16;

    // The safepoint poll: one relaxed load of this thread's own flag and a predictable branch.
    // Call at loop back-edges and calls; allocation polls by itself.
    WEFT_ALWAYS_INLINE void safepoint_poll()
    {
        if (m_safepoint_requested.load_relaxed()) [[unlikely]]
            safepoint_slow();
    }
    Heap& heap() { return *m_heap; }
    // Any thread: asks this thread to run the heap's leave/enter hooks at its next safepoint
    // poll (the `gil` mode's time-slice hand-over).
    void request_yield()
    {
        m_yield_requested.store_seq_cst(true);
        m_safepoint_requested.store_seq_cst(true);
    }
    // The current thread's MutatorThread, or nullptr if it is not attached.
    static MutatorThread* current();

    MutatorThread(MutatorThread const&) = delete;
    MutatorThread& operator=(MutatorThread const&) = delete;

private:
    friend class Heap;
    friend class HeapState;
    friend class SafeRegion;
    MutatorThread() = default;

    void safepoint_slow();
    void enter_safe_region();
    void leave_safe_region();
    // Records the callee-saved registers and the stack pointer for conservative scanning.
    // Always inlined: the snapshot must be taken in a frame that stays alive until the
    // thread is back in the heap (a callee's prologue could have moved a caller's register
    // into its own frame, which dies when it returns).
    WEFT_ALWAYS_INLINE void take_register_snapshot();

    Heap* m_heap = nullptr;
    // Atomic: set (seq_cst) by a collection's conductor or a ragged handshake; cleared by the
    // owner on entering safepoint_slow (seq_cst exchange), then it checks why.
    Atomic<bool> m_safepoint_requested { false };
    // Atomic: set by request_yield (any thread), cleared by the owner in safepoint_slow.
    Atomic<bool> m_yield_requested { false };
    // Owner only between pauses; read and reset by the conductor with the world stopped.
    AllocationCache m_caches[kSizeClassCount];
    // Owner only: bytes handed to this thread's free lists since its last block refill, when
    // they are added to the heap's global count (never a global atomic per allocation).
    u64 m_unflushed_bytes = 0;
    // Atomic: written by the owner (seq_cst for the safe-region Dekker handshake, release when
    // parking) and by the conductor when it resumes parked threads; read by conductors.
    Atomic<u32> m_state { static_cast<u32>(State::Detached) };
    // Atomic: the last ragged-handshake epoch this thread passed (owner writes, release).
    Atomic<u64> m_handshake_seen { 0 };
    // Register snapshot: written by the owner before it publishes Parked or InSafeRegion,
    // read by the conductor after observing that state (acquire).
    uptr m_saved_sp = 0;
    uptr m_registers[kSavedRegisterCount] = {};
    // Immutable while attached: the highest address of this thread's stack.
    uptr m_stack_base = 0;
    unsigned m_safe_region_depth = 0; // owner only
    // Collection epoch whose marking this thread joined (guarded by the heap's GC mutex).
    u64 m_marked_in_epoch = 0;
};

// Leaves the heap for a blocking operation (R6): takes a register snapshot for conservative
// scanning, and lets collections proceed without this thread. Do not touch heap cells inside,
// except through values already on the stack (they are kept alive, not locked). Nests.
class SafeRegion {
public:
    WEFT_ALWAYS_INLINE explicit SafeRegion(MutatorThread& thread)
        : m_thread(thread)
    {
        m_thread.take_register_snapshot(); // here, in the caller's frame, which stays alive
        m_thread.enter_safe_region();
    }
    ~SafeRegion() { m_thread.leave_safe_region(); } // Re-enters, waiting for a collection in progress.
    SafeRegion(SafeRegion const&) = delete;
    SafeRegion& operator=(SafeRegion const&) = delete;

private:
    MutatorThread& m_thread;
};

WEFT_ALWAYS_INLINE void MutatorThread::take_register_snapshot()
{
    // Only callee-saved registers can hold pointers the caller still needs across the calls
    // that follow; caller-saved live values are spilled to this (scanned) frame first.
    uptr sp;
#if defined(__x86_64__)
    asm volatile(
        "movq %%rbx, 0(%1)\n\t"
        "movq %%rbp, 8(%1)\n\t"
        "movq %%r12, 16(%1)\n\t"
        "movq %%r13, 24(%1)\n\t"
        "movq %%r14, 32(%1)\n\t"
        "movq %%r15, 40(%1)\n\t"
        "movq %%rsp, %0\n\t"
        : "=&r"(sp)
        : "r"(m_registers)
        : "memory");
    sp -= 128; // the red zone
#elif defined(__aarch64__)
    asm volatile(
        "stp x19, x20, [%1, #0]\n\t"
        "stp x21, x22, [%1, #16]\n\t"
        "stp x23, x24, [%1, #32]\n\t"
        "stp x25, x26, [%1, #48]\n\t"
        "stp x27, x28, [%1, #64]\n\t"
        "str x29, [%1, #80]\n\t"
        "mov %0, sp\n\t"
        : "=&r"(sp)
        : "r"(m_registers)
        : "memory");
#else
#error "take_register_snapshot: add the callee-saved registers of this architecture"
#endif
    m_saved_sp = sp;
}

// The allocation fast path: pop the thread's free list for the size class.
inline Cell* Heap::try_allocate(MutatorThread& thread, usize bytes, u8 kind)
{
    WEFT_ASSERT(kind != 0); // kind 0 marks a free cell
    thread.safepoint_poll();
    if (bytes - 1 < kMaxSmallCellSize) [[likely]] {
        unsigned size_class = size_class_for(bytes);
        AllocationCache& cache = thread.m_caches[size_class];
        Cell* cell = cache.free_list;
        if (cell) [[likely]] {
            // The free cell is zeroed except for its link word at offset 8.
            Cell** link = reinterpret_cast<Cell**>(reinterpret_cast<char*>(cell) + 8);
            cache.free_list = *link;
            *link = nullptr;
            cell->m_header.store_relaxed(kind);
            return cell;
        }
        return allocate_small_slow(thread, size_class, kind);
    }
    return allocate_large(thread, bytes, kind);
}

} // namespace weft
