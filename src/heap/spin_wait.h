// Bounded spinning before sleeping: the collector's rendezvous points spin briefly so that a
// wake-up arriving within microseconds costs no futex round trip (nor a scheduler decision
// that puts the woken thread on a busy core).
//
// Invariants:
//  - `pred` reads only atomics (it runs without the lock that guards the real condition);
//    callers re-check the condition under their lock before sleeping, so spinning never
//    replaces the lock-protected wait, it only shortens it.
#pragma once

#include "base/atomic.h"
#include "base/types.h"

#include <chrono>

namespace weft {

constexpr u64 kSpinBudgetNs = 50'000;

// Spins until `pred()` or about `budget_ns` passed; returns the last pred().
template<typename Pred>
bool spin_briefly(Pred const& pred, u64 budget_ns = kSpinBudgetNs)
{
    if (budget_ns == 0)
        return pred();
    auto start = std::chrono::steady_clock::now();
    for (unsigned i = 1;; ++i) {
        if (pred())
            return true;
        cpu_relax();
        if ((i & 63) == 0 && std::chrono::steady_clock::now() - start > std::chrono::nanoseconds(budget_ns))
            return pred();
    }
}

} // namespace weft
