// Parallel marking: Marker (the Tracer each marking thread uses) and MarkPool (work packets
// shared between markers, with termination detection).
//
// Layout of the work distribution:
//   each Marker    a private mark stack (std::vector<Cell*>), no synchronisation
//   MarkPool       a list of packets (vectors of cells) under one mutex, the number of
//                  registered markers, how many of them are idle, and a done flag
// A marker whose stack runs dry takes a packet from the pool; if the pool is empty it goes
// idle and sleeps until a packet arrives or every registered marker is idle (then marking is
// over). A busy marker checks every few cells whether somebody is idle and, if so, donates
// the older half of its stack as a packet.
//
// Invariants:
//  - A cell is pushed on a mark stack only by the marker whose fetch_or set its mark bit,
//    so each live cell is traced exactly once per collection.
//  - Termination: done is set under the pool lock when idle == registered and the pool is
//    empty. An idle marker holds no cells, and only non-idle markers create packets, so at
//    that point no work exists anywhere.
//  - Markers run only while the world is stopped; they read cells with the layer's atomic
//    accessors (trace functions) and never write cells.
#pragma once

#include "base/atomic.h"
#include "base/types.h"
#include "heap/heap.h"

#include <condition_variable>
#include <mutex>
#include <vector>

namespace weft {

class BlockSpace;
class LargeObjectSpace;
class Block;

class MarkPool {
public:
    // Start of a collection (world stopped, no markers running).
    void reset();
    // Registers one more marker. Returns false if marking already finished.
    bool join();
    void donate(std::vector<Cell*>&& packet);
    // Fills `stack` with a packet; false when marking is over. May sleep.
    bool take(std::vector<Cell*>& stack);
    bool someone_idle() const { return m_idle.load_relaxed() != 0; }
    // Markers hand in the weak slots they recorded and the bytes they marked when they stop.
    void deposit(std::vector<Atomic<Cell*>*>& slots, usize marked_bytes);
    std::vector<Atomic<Cell*>*> take_weak_slots();
    usize marked_bytes() const;
    unsigned markers() const;

private:
    mutable std::mutex m_lock;
    std::condition_variable m_cv;
    std::vector<std::vector<Cell*>> m_packets; // guarded by m_lock
    unsigned m_markers = 0;                    // guarded by m_lock
    bool m_done = false;                       // guarded by m_lock
    // Atomic mirrors of m_packets.size() and m_done, written under m_lock, read relaxed by
    // idle markers spinning before they sleep.
    Atomic<usize> m_packet_count { 0 };
    Atomic<bool> m_done_flag { false };
    // Atomic: written under m_lock, read relaxed by busy markers deciding whether to share.
    Atomic<unsigned> m_idle { 0 };
    std::vector<Atomic<Cell*>*> m_weak_slots;  // guarded by m_lock
    usize m_marked_bytes = 0;                  // guarded by m_lock
};

class Marker final : public Tracer {
public:
    Marker(BlockSpace&, LargeObjectSpace&, MarkPool&, u64 cycle);
    ~Marker();

    void mark(Cell*);
    void mark_conservative(uptr word);
    void record_weak(Atomic<Cell*>* slot) { m_weak_slots.push_back(slot); }
    // Conservatively scans the words in [begin, end) (another thread's stack, a register
    // snapshot). Not instrumented: stacks hold redzones and racy words by nature.
    void scan_range_conservatively(uptr begin, uptr end);
    // Marks every allocated cell of `block` (an allocation window: over-retained on purpose).
    void mark_all_allocated(Block*);
    void mark_in_block(Block*, Cell*);

    // Traces until the pool says marking is over, then deposits the weak slots.
    void drain();

private:
    void push(Cell* cell)
    {
        __builtin_prefetch(cell);
        m_stack.push_back(cell);
    }
    void share();

    BlockSpace& m_blocks;
    LargeObjectSpace& m_large;
    MarkPool& m_pool;
    u64 const m_cycle;
    u64 const m_completed; // the previous collection: decides what is allocated (block.h)
    usize m_marked_bytes = 0;
    std::vector<Cell*> m_stack;
    std::vector<Atomic<Cell*>*> m_weak_slots;
};

} // namespace weft
