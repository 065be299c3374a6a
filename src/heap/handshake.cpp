// The ragged handshake: every thread attached at the start passes one safepoint; nobody stops.
#include "heap/heap_state.h"

#include <thread>

namespace weft {

void Heap::ragged_handshake(MutatorThread& self)
{
    HeapState& state = *m_state;
    u64 epoch = state.m_handshake_epoch.fetch_add_acq_rel(1) + 1;
    fence_seq_cst();
    self.m_handshake_seen.store_release(epoch);

    std::vector<MutatorThread*> targets;
    {
        // The registry lock is held by a conductor for a whole pause: wait for it outside
        // the heap so that collection is not waiting for us in turn.
        SafeRegion outside(self);
        LockGuard guard(state.m_registry_lock);
        for (MutatorThread* thread : state.m_threads) {
            if (thread == &self)
                continue;
            targets.push_back(thread);
            thread->m_safepoint_requested.store_seq_cst(true);
        }
    }
    // MutatorThread objects live as long as the heap, so a target that detaches meanwhile is
    // still readable (and counts as passed).
    for (MutatorThread* thread : targets) {
        for (;;) {
            if (thread->m_handshake_seen.load_acquire() >= epoch)
                break;
            auto current = static_cast<MutatorThread::State>(thread->m_state.load_seq_cst());
            if (current == MutatorThread::State::InSafeRegion || current == MutatorThread::State::Detached)
                break;
            self.safepoint_poll(); // a collection may start meanwhile: answer it
            std::this_thread::yield();
        }
    }
}

} // namespace weft
