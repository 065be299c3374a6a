// The race amplifier's random yields (see race_amplifier.h).
#include "base/race_amplifier.h"

#if WEFT_RACE_AMPLIFIER

#include <atomic>
#include <sched.h>
#include <time.h>

namespace weft {

bool g_race_amplifier_on = false;
static u64 g_seed = 0;
static std::atomic<u64> g_thread_counter { 0 };

void set_race_amplifier_seed(u64 seed)
{
    g_seed = seed;
    g_race_amplifier_on = seed != 0;
}

void race_amplify_point_slow()
{
    // A per-thread xorshift stream derived from the seed and the thread's arrival order.
    thread_local u64 state = 0;
    if (!state)
        state = (g_seed ^ (0x9e3779b97f4a7c15ULL * (g_thread_counter.fetch_add(1, std::memory_order_relaxed) + 1))) | 1;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    unsigned roll = static_cast<unsigned>(state >> 56);
    if (roll < 32) {
        sched_yield(); // 1 in 8: give the other threads the CPU
    } else if (roll < 36) {
        timespec pause { 0, 50'000 }; // 1 in 64: a short sleep, long enough to reorder threads
        nanosleep(&pause, nullptr);
    }
}

} // namespace weft

#endif
