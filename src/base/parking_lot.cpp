// ParkingLot: a fixed table of buckets, each a mutex and a FIFO list of waiters.
#include "base/parking_lot.h"

#include "base/assert.h"
#include "base/atomic.h"

#include <algorithm>
#include <chrono>
#include <mutex>

namespace weft::parking_lot {

namespace {

struct alignas(64) Bucket {
    std::mutex mutex;
    ParkWaiter* head = nullptr;
    ParkWaiter* tail = nullptr;
};

constexpr usize kBucketCount = 256;
Bucket g_buckets[kBucketCount];

Bucket& bucket_for(ParkKey key)
{
    u64 h = reinterpret_cast<uptr>(key.address) ^ (key.extra * 0x9e3779b97f4a7c15ULL);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return g_buckets[h % kBucketCount];
}

void enqueue(Bucket& b, ParkWaiter* w)
{
    w->next = nullptr;
    w->prev = b.tail;
    if (b.tail)
        b.tail->next = w;
    else
        b.head = w;
    b.tail = w;
    w->queued = true;
}

void remove(Bucket& b, ParkWaiter* w)
{
    if (w->prev)
        w->prev->next = w->next;
    else
        b.head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        b.tail = w->prev;
    w->next = w->prev = nullptr;
    w->queued = false;
}

// The first waiter of `key` at or after `from` in the bucket's list.
ParkWaiter* first_with_key_from(ParkWaiter* from, ParkKey key)
{
    for (ParkWaiter* w = from; w; w = w->next)
        if (w->key == key)
            return w;
    return nullptr;
}

// Removes `w` and reports it woken; the caller holds the bucket lock.
void wake(Bucket& b, ParkWaiter* w, bool more, std::function<void(ParkWaiter*, bool)> const& before_wake)
{
    remove(b, w);
    if (before_wake)
        before_wake(w, more);
    if (w->on_unpark) {
        w->unparked.store(true, std::memory_order_release);
        // The callback typically hands `w` to another thread, which may free it at once: run a
        // moved-out copy and touch `w` no more.
        auto callback = std::move(w->on_unpark);
        callback(w, more);
    } else {
        // A synchronous waiter that is still spinning returns as soon as it sees `unparked`,
        // without taking the bucket lock, and its stack (the waiter, its condition variable)
        // is gone: so the notify comes first and the release store is the last touch.
        w->wake->notify_one();
        w->unparked.store(true, std::memory_order_release);
    }
}

} // namespace

// How long a synchronous waiter spins (outside the bucket lock) before it sleeps.
constexpr double kSpinMicros = 20;

ParkResult park(ParkKey key, std::function<bool()> const& validate, double timeout_ms, std::function<void()> const& after_enqueue, SpinFirst spin)
{
    Bucket& b = bucket_for(key);
    std::condition_variable wake;
    ParkWaiter waiter;
    waiter.key = key;
    waiter.wake = &wake;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double, std::milli>(std::max(timeout_ms, 0.0));
    std::unique_lock lock(b.mutex);
    if (validate && !validate())
        return ParkResult::Invalid;
    enqueue(b, &waiter);
    // The waiter stays queued (on this stack) until unparked or timed out below; an unpark
    // meanwhile sets `unparked`, which the wait checks before sleeping.
    lock.unlock();
    if (after_enqueue)
        after_enqueue();
    // Spin briefly before sleeping: in a hand-off (a ping-pong through Atomics.wait/notify, a
    // Condition) the partner often unparks within microseconds, and
    // waking a sleeping thread costs tens of microseconds on a virtual machine.
    double spin_us = spin == SpinFirst::No ? 0 : timeout_ms < 0 ? kSpinMicros : std::min(kSpinMicros, timeout_ms * 1000);
    auto spin_until = std::chrono::steady_clock::now() + std::chrono::duration<double, std::micro>(spin_us);
    for (u32 i = 1; spin_us > 0 && !waiter.unparked.load(std::memory_order_acquire); ++i) {
        cpu_relax();
        if (i % 64 == 0 && std::chrono::steady_clock::now() >= spin_until)
            break;
    }
    if (waiter.unparked.load(std::memory_order_acquire))
        return ParkResult::Unparked; // the waker is done with us (see wake)
    lock.lock();
    if (timeout_ms < 0) {
        wake.wait(lock, [&] { return waiter.unparked.load(); });
        return ParkResult::Unparked;
    }
    while (!waiter.unparked) {
        // A deadline already passed (a zero timeout, or spent spinning) must not sleep: a timed
        // futex wait sleeps for the timer slack (~50 µs) even then.
        if (std::chrono::steady_clock::now() >= deadline) {
            remove(b, &waiter);
            return ParkResult::TimedOut;
        }
        if (wake.wait_until(lock, deadline) == std::cv_status::timeout && !waiter.unparked) {
            remove(b, &waiter);
            return ParkResult::TimedOut;
        }
    }
    return ParkResult::Unparked;
}

bool park_async(ParkWaiter* waiter, std::function<bool()> const& validate)
{
    WEFT_ASSERT(waiter->on_unpark);
    Bucket& b = bucket_for(waiter->key);
    std::lock_guard lock(b.mutex);
    if (validate && !validate())
        return false;
    waiter->unparked = false;
    enqueue(b, waiter);
    return true;
}

bool cancel(ParkWaiter* waiter)
{
    Bucket& b = bucket_for(waiter->key);
    std::lock_guard lock(b.mutex);
    if (!waiter->queued)
        return false;
    remove(b, waiter);
    return true;
}

u32 unpark(ParkKey key, u32 count, std::function<void(ParkWaiter*, bool)> const& before_wake)
{
    Bucket& b = bucket_for(key);
    std::lock_guard lock(b.mutex);
    u32 woken = 0;
    ParkWaiter* w = first_with_key_from(b.head, key);
    while (w && woken < count) {
        ParkWaiter* next = first_with_key_from(w->next, key);
        wake(b, w, next != nullptr, before_wake);
        ++woken;
        w = next;
    }
    return woken;
}

u32 unpark_one(ParkKey key, std::function<void(ParkWaiter*, bool)> const& decide)
{
    Bucket& b = bucket_for(key);
    std::lock_guard lock(b.mutex);
    ParkWaiter* w = first_with_key_from(b.head, key);
    if (!w) {
        decide(nullptr, false);
        return 0;
    }
    bool more = first_with_key_from(w->next, key) != nullptr;
    wake(b, w, more, decide);
    return 1;
}

u32 waiter_count(ParkKey key)
{
    Bucket& b = bucket_for(key);
    std::lock_guard lock(b.mutex);
    u32 n = 0;
    for (ParkWaiter* w = b.head; w; w = w->next)
        n += w->key == key;
    return n;
}

} // namespace weft::parking_lot
