// The race amplifier: random yields at the engine's synchronisation points (lock acquisition,
// shape publication, the parking lot, thread start and finish), so that interleavings that are
// rare on an idle machine become common in tests. `weft --race-amplify=SEED` turns it on.
//
// Compiled in only when WEFT_RACE_AMPLIFIER is 1 (debug and tsan presets); elsewhere every call
// is an empty inline function and the option reports that it is unavailable.
#pragma once

#include "base/types.h"

namespace weft {

#if WEFT_RACE_AMPLIFIER
void set_race_amplifier_seed(u64 seed);
void race_amplify_point_slow();
extern bool g_race_amplifier_on; // written once at start-up, before any thread exists
inline void race_amplify_point()
{
    if (g_race_amplifier_on) [[unlikely]]
        race_amplify_point_slow();
}
constexpr bool kRaceAmplifierAvailable = true;
#else
inline void set_race_amplifier_seed(u64) { }
inline void race_amplify_point() { }
constexpr bool kRaceAmplifierAvailable = false;
#endif

} // namespace weft
