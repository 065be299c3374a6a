// Mutex and SpinLock annotated for clang's thread-safety analysis, and their RAII lockers.
//
// Engine locks never block while the holder is in a state that can stop the world:
// see DESIGN.md R6 and docs/GC.md ("locks and safepoints"). A Mutex is for slow paths
// (block pools, the thread registry); a SpinLock is for a few instructions of work.
#pragma once

#include "base/atomic.h"
#include "base/thread_annotations.h"

#include <mutex>

namespace weft {

class CAPABILITY("mutex") Mutex {
public:
    void lock() ACQUIRE() { m_mutex.lock(); }
    void unlock() RELEASE() { m_mutex.unlock(); }
    bool try_lock() TRY_ACQUIRE(true) { return m_mutex.try_lock(); }
    std::mutex& native() { return m_mutex; }

private:
    std::mutex m_mutex;
};

class CAPABILITY("spinlock") SpinLock {
public:
    void lock() ACQUIRE()
    {
        for (;;) {
            if (!m_locked.exchange_acq_rel(true))
                return;
            while (m_locked.load_relaxed())
                cpu_relax();
        }
    }
    bool try_lock() TRY_ACQUIRE(true) { return !m_locked.load_relaxed() && !m_locked.exchange_acq_rel(true); }
    void unlock() RELEASE() { m_locked.store_release(false); }
    bool is_locked() const { return m_locked.load_relaxed(); }

private:
    Atomic<bool> m_locked { false };
};

template<typename Lockable>
class SCOPED_CAPABILITY LockGuard {
public:
    explicit LockGuard(Lockable& lock) ACQUIRE(lock) : m_lock(lock) { m_lock.lock(); }
    ~LockGuard() RELEASE() { m_lock.unlock(); }
    LockGuard(LockGuard const&) = delete;
    LockGuard& operator=(LockGuard const&) = delete;

private:
    Lockable& m_lock;
};

} // namespace weft
