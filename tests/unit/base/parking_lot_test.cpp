// ParkingLot unit tests: no lost wake-ups under a validate/unpark race, FIFO order among waiters
// of one key, keys that share a bucket stay apart, timeouts, and asynchronous waiters with cancel.
#include "base/parking_lot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace weft;

namespace {

// Waits (spinning with yields) until `n` waiters are parked on `key`.
void wait_for_waiters(ParkKey key, u32 n)
{
    while (parking_lot::waiter_count(key) < n)
        std::this_thread::yield();
}

} // namespace

// A ping-pong of 20,000 rounds between two threads: each round a thread parks until the turn
// word changes; a lost wake-up would hang (the test's timeout fails it).
TEST(ParkingLot, NoLostWakeUpsInAPingPong)
{
    std::atomic<u32> turn { 0 };
    ParkKey key { &turn, 0 };
    constexpr u32 kRounds = 20000;
    auto player = [&](u32 me) {
        for (u32 round = 0; round < kRounds; ++round) {
            while (turn.load() % 2 != me)
                parking_lot::park(key, [&] { return turn.load() % 2 != me; });
            turn.fetch_add(1);
            parking_lot::unpark(key, ~0u);
        }
    };
    std::thread a(player, 0), b(player, 1);
    a.join();
    b.join();
    EXPECT_EQ(turn.load(), 2 * kRounds);
}

TEST(ParkingLot, InvalidWhenTheStateAlreadyChanged)
{
    int word = 0;
    EXPECT_EQ(parking_lot::park({ &word, 0 }, [] { return false; }), ParkResult::Invalid);
    EXPECT_EQ(parking_lot::waiter_count({ &word, 0 }), 0u);
}

TEST(ParkingLot, UnparkOneWakesOldestFirst)
{
    int word = 0;
    ParkKey key { &word, 0 };
    constexpr int kWaiters = 4;
    std::atomic<int> order[kWaiters];
    std::atomic<int> woken { 0 };
    std::vector<std::thread> threads;
    for (int i = 0; i < kWaiters; ++i) {
        order[i] = -1;
        threads.emplace_back([&, i] {
            EXPECT_EQ(parking_lot::park(key, [] { return true; }), ParkResult::Unparked);
            order[i] = woken.fetch_add(1);
        });
        wait_for_waiters(key, i + 1); // enqueue in index order
    }
    for (int i = 0; i < kWaiters; ++i) {
        EXPECT_EQ(parking_lot::unpark_one(key, [](ParkWaiter*, bool) { }), 1u);
        while (woken.load() <= i)
            std::this_thread::yield();
    }
    for (auto& t : threads)
        t.join();
    for (int i = 0; i < kWaiters; ++i)
        EXPECT_EQ(order[i].load(), i) << "waiter " << i;
    EXPECT_EQ(parking_lot::unpark_one(key, [](ParkWaiter* w, bool) { EXPECT_EQ(w, nullptr); }), 0u);
}

// Keys that differ only in their second word (an object and two property keys) are distinct.
TEST(ParkingLot, UnparkWakesOnlyItsKey)
{
    int object = 0;
    ParkKey a { &object, 1 }, b { &object, 2 };
    std::atomic<bool> a_woken { false }, b_woken { false };
    std::thread ta([&] { parking_lot::park(a, [] { return true; }); a_woken = true; });
    std::thread tb([&] { parking_lot::park(b, [] { return true; }); b_woken = true; });
    wait_for_waiters(a, 1);
    wait_for_waiters(b, 1);
    EXPECT_EQ(parking_lot::unpark(b, ~0u), 1u);
    tb.join();
    EXPECT_TRUE(b_woken.load());
    EXPECT_FALSE(a_woken.load());
    EXPECT_EQ(parking_lot::waiter_count(a), 1u);
    EXPECT_EQ(parking_lot::unpark(a, ~0u), 1u);
    ta.join();
    EXPECT_TRUE(a_woken.load());
}

TEST(ParkingLot, TimesOut)
{
    int word = 0;
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(parking_lot::park({ &word, 0 }, [] { return true; }, 20), ParkResult::TimedOut);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(19));
    EXPECT_EQ(parking_lot::waiter_count({ &word, 0 }), 0u) << "a timed-out waiter leaves the queue";
}

TEST(ParkingLot, AsyncWaitersRunTheirCallbackOrCancel)
{
    int word = 0;
    ParkKey key { &word, 0 };
    int called = 0;
    ParkWaiter first, second;
    first.key = second.key = key;
    first.on_unpark = [&](ParkWaiter* w, bool more) {
        EXPECT_EQ(w, &first);
        EXPECT_TRUE(more) << "the second waiter is still queued";
        ++called;
    };
    second.on_unpark = [&](ParkWaiter*, bool) { ADD_FAILURE() << "a cancelled waiter was unparked"; };
    ASSERT_TRUE(parking_lot::park_async(&first, [] { return true; }));
    ASSERT_TRUE(parking_lot::park_async(&second, [] { return true; }));
    EXPECT_EQ(parking_lot::waiter_count(key), 2u);
    EXPECT_EQ(parking_lot::unpark(key, 1), 1u);
    EXPECT_EQ(called, 1);
    EXPECT_TRUE(parking_lot::cancel(&second));
    EXPECT_FALSE(parking_lot::cancel(&first)) << "already unparked";
    EXPECT_EQ(parking_lot::unpark(key, ~0u), 0u);
    ParkWaiter refused;
    refused.key = key;
    EXPECT_FALSE(parking_lot::park_async(&refused, [] { return false; }));
}
