// ParkingLot: futex-style blocking keyed by an address, for every blocking primitive of the
// thread runtime (Lock, Condition, join, Atomics.wait on properties and typed arrays).
//
// A waiter parks on a key (an address plus an optional second word, e.g. an object and a
// property key); unpark_* wakes waiters of one key in FIFO order. A waiter is either
// synchronous (its thread sleeps in park()) or asynchronous (a callback runs, under the bucket
// lock, when it is unparked; the thread that registered it is not blocked).
//
// The `validate` callback of park() runs under the bucket lock, so a waker that changes the
// watched state and then calls unpark_* on the same key can never slip between the check and
// the enqueue: no lost wake-ups.
//
// Thread-safety: every function may be called from any thread. Callbacks run under a bucket
// lock: they must be short, must not park, must not call back into the parking lot for a key
// that may hash to the same bucket, must not allocate on the JS heap or poll a safepoint.
// Callers that are attached to the JS heap park only inside a SafeRegion (DESIGN.md R6).
#pragma once

#include "base/types.h"

#include <atomic>
#include <condition_variable>
#include <functional>

namespace weft {

struct ParkKey {
    void const* address = nullptr;
    u64 extra = 0;
    bool operator==(ParkKey const&) const = default;
};

// A registered waiter. Synchronous waiters live on the parked thread's stack; asynchronous
// ones are owned by their registrant until unparked or cancelled.
struct ParkWaiter {
    ParkKey key;
    // Asynchronous waiter: called (under the bucket lock) instead of waking a thread.
    // `more` says whether other waiters remain on the key after this one is removed. The
    // callback may hand the waiter to another thread that frees it (it is moved out first).
    std::function<void(ParkWaiter*, bool more)> on_unpark;
    u64 token = 0; // free for the registrant (e.g. a ticket)
    // Internal.
    ParkWaiter* next = nullptr;
    ParkWaiter* prev = nullptr;
    std::condition_variable* wake = nullptr;
    // Written under the bucket lock; read there, and also by a spinning synchronous waiter
    // outside it (acquire) before it sleeps.
    std::atomic<bool> unparked { false };
    bool queued = false;
};

enum class ParkResult { Unparked, Invalid, TimedOut };

namespace parking_lot {

// Blocks the calling thread on `key` if validate() (run under the bucket lock) returns true,
// until an unpark reaches it or `timeout_ms` (< 0: forever) elapses. `after_enqueue`, if given,
// runs once the waiter is queued, outside the bucket lock and before the thread sleeps: an
// unpark from then on reaches this waiter, so a Condition releases its Lock there and a
// notifier that takes the Lock next always finds the waiter queued.
// With SpinFirst::Yes the waiter spins up to ~20 µs before it sleeps (hand-offs between
// running threads); waits that usually last longer (a join) pass No.
enum class SpinFirst : u8 { No, Yes };
ParkResult park(ParkKey key, std::function<bool()> const& validate, double timeout_ms = -1,
    std::function<void()> const& after_enqueue = {}, SpinFirst = SpinFirst::Yes);

// Registers an asynchronous waiter if validate() returns true; returns whether it did.
bool park_async(ParkWaiter* waiter, std::function<bool()> const& validate);
// Removes an asynchronous waiter that has not been unparked yet; false if it was unparked
// (its callback ran or is running) — then the caller must not free it before the callback is done.
bool cancel(ParkWaiter* waiter);

// Wakes up to `count` waiters of `key`, oldest first; returns how many. `before_wake`, if
// given, runs under the bucket lock for each waiter about to be woken, with whether more
// waiters remain on the key (Lock hands itself over to an asynchronous acquirer with it).
u32 unpark(ParkKey key, u32 count, std::function<void(ParkWaiter*, bool more)> const& before_wake = {});
// Wakes the oldest waiter of `key`, if any. `decide(woken, more)` runs under the bucket lock in
// either case (woken == nullptr when there was none) before the waiter wakes, so the caller can
// publish the state the woken waiter will see (Lock's release and hand-over). Returns 0 or 1.
u32 unpark_one(ParkKey key, std::function<void(ParkWaiter* woken, bool more)> const& decide);

// How many waiters are parked on `key` (diagnostics and tests).
u32 waiter_count(ParkKey key);

} // namespace parking_lot

} // namespace weft
