// The cells behind Thread, Lock, Condition and ThreadLocal objects, and the runtime's internal
// state (see thread_runtime.h for the public interface).
//
// Each is an ordinary-object layout (EngineObject, so user code may add properties) followed by
// fields. The cells never move, so the address of a field is a stable parking-lot key.
#pragma once

#include "base/mutex.h"
#include "base/parking_lot.h"
#include "objects/function.h"
#include "threads/thread_runtime.h"

#include <atomic>
#include <vector>

namespace weft {

struct ThreadState;

// A Thread.
//   id      immutable
//   state   Atomic: kRunning until the thread publishes its outcome (seq_cst); joiners park on it
//   result  written once by the thread before `state` changes (release); read after (acquire)
//   start   [fn, ...args] as an Array; immutable, read by the new thread at start
//   observed Atomic: set by join/asyncJoin (the outcome was seen: no report at exit)
class ThreadObject final : public EngineObject {
public:
    static constexpr u32 kRunning = 0, kFinished = 1, kFailed = 2;
    u32 id;
    Atomic<u32> state;
    AtomicValue result;
    AtomicValue start;
    Atomic<u32> observed;
    u32 padding;

    ParkKey park_key() { return { &state, 0 }; }
    static void trace(Cell*, Tracer&);
};

// A Lock. `word`: 0 free, 1 held, 2 held and waiters may be parked on it (a futex-style mutex).
// `owner`: the holder's thread id + 1 (0 none), with kAsyncOwner set when the lock was granted
// through asyncHold or Condition.asyncWait; written by the holder (or by the releasing thread
// when it hands the lock to an asynchronous waiter), read for the recursion check, and checked
// again by hold/asyncHold(fn) before they release: a Condition.asyncWait inside fn has released
// the lock already, and then the hold must not release it a second time.
// `grant`: incremented at every asynchronous grant (under the lock's ownership), so the end of
// an asyncHold(fn) tells its own grant from a later one to the same thread.
class LockObject final : public EngineObject {
public:
    static constexpr u32 kAsyncOwner = 0x80000000u;
    Atomic<u32> word;
    Atomic<u32> owner;
    Atomic<u32> grant;
    u32 padding;

    ParkKey park_key() { return { &word, 0 }; }
};

// A Condition. Waiters park on the address of `sequence` (its value is unused: a waiter is
// queued before it releases its Lock, so no notify can slip in between; see condition_wait).
class ConditionObject final : public EngineObject {
public:
    Atomic<u32> sequence;
    u32 padding;

    ParkKey park_key() { return { &sequence, 0 }; }
};

// A ThreadLocal: an id, the key of each thread's slot in ThreadState::thread_locals.
class ThreadLocalObject final : public EngineObject {
public:
    u64 id;
};

// The runtime's process-wide state, owned by EngineState (one per Runtime).
struct ThreadRuntime {
    ThreadOptions options;
    Atomic<u32> next_thread_id { 1 };
    Atomic<u64> next_thread_local_id { 1 };
    // Spawned threads that have not published their outcome: the --max-threads count. A thread
    // leaves it just before its join can return, so a joined thread never counts.
    Atomic<u32> live_threads { 0 };
    // Spawned OS threads that have not finished touching the runtime: the exit wait parks on
    // this word (a thread leaves it as its very last step).
    Atomic<u32> os_threads { 0 };
    Mutex lock; // a leaf lock: never held across an allocation, a safepoint or a block
    // Started threads whose body has not begun or not finished (GC roots until then).
    std::vector<ThreadObject*> running GUARDED_BY(lock);
    // Threads that failed; reported at exit unless a join observed them (GC roots).
    std::vector<ThreadObject*> failed GUARDED_BY(lock);
    u64 root_source_id = 0;
};

ThreadRuntime& thread_runtime(Vm&);
ThreadState& current_thread_state(Vm&);

// The calling thread's Thread object (created on first use for the main and embedder threads).
ThrowOr<ThreadObject*> current_thread_object(Vm&);

// ConcurrentAccessError with `message` (THREADS-API section 1).
ThrowCompletion throw_concurrent_access_error(Vm&, std::string const& message);

// Promise helpers shared by the async variants: settles `promise` (rooted by the caller).
ThrowOr<void> settle_promise(Vm&, Object* promise, bool fulfilled, Value value);

// Registers values for an asynchronous operation of the calling thread; the posted task that
// completes it calls take_async_registration with the token.
u64 add_async_registration(Vm&, std::initializer_list<Value>);
std::vector<Value> take_async_registration(Vm&, u64 token);

// Installers (one per file).
ThrowOr<void> install_thread_constructor(Vm&);
ThrowOr<void> install_lock_and_condition(Vm&);
ThrowOr<void> install_thread_local(Vm&);
void register_thread_cell_kinds();

// Lock operations used by Condition (lock.cpp).
bool lock_held_by_caller(Vm&, LockObject*);
void lock_release(LockObject*);
// Blocks (out of the heap) until the lock is acquired by the calling thread.
void lock_acquire_blocking(Vm&, LockObject*);
// Acquires the lock for the calling thread asynchronously: resolves `promise` with a release
// function in a later turn of this thread's loop once granted.
void lock_acquire_async(Vm&, LockObject*, Object* promise);

} // namespace weft
