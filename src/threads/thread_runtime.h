// The thread runtime: modes, thread ids, spawning and finishing Threads, the locked mode's
// global lock, and the process's wait for running threads at exit (THREADS-API.md).
//
// State: ThreadRuntime lives in the engine's EngineState (one per Runtime). Its counters are
// atomics; its lists are guarded by `m_lock`, a leaf lock never held across an allocation, a
// safepoint or a blocking call.
#pragma once

#include "base/mutex.h"
#include "vm/throw_or.h"
#include "vm/value.h"

#include <string>
#include <vector>

namespace weft {

class Object;
class Runtime;
class Vm;
struct HeapConfig;
struct ThreadState;

enum class ThreadsMode : u8 {
    Off,      // no Thread API (always, in a build with WEFT_THREADS=OFF)
    Parallel, // threads run truly in parallel; no global lock
    Gil,      // one global lock serialises JavaScript; released when blocking, handed over on a time slice
};

struct ThreadOptions {
    ThreadsMode mode = kThreadsEnabled ? ThreadsMode::Parallel : ThreadsMode::Off;
    u32 max_threads = 32766;                  // live spawned threads
    usize thread_stack_bytes = 8 * 1024 * 1024; // native stack of spawned threads
    // The race amplifier (debug and tsan builds): a seed for random yields at engine
    // synchronisation points; 0 is off.
    u64 race_amplify_seed = 0;
};

// Before the Runtime is created: sets the heap hooks the mode needs (the locked mode's lock).
void prepare_heap_for_threads(HeapConfig&, ThreadOptions const&);
// Once, after initialize_engine, on the main thread: records the options and installs the
// Thread API globals (unless the mode is Off). The calling thread becomes thread 0.
ThrowOr<void> install_thread_runtime(Vm&, ThreadOptions const&);

bool threads_enabled(Vm&);
ThreadsMode threads_mode(Vm&);
// The calling thread's id (assigned on first use on an embedder thread).
u32 current_thread_id(Vm&);

// Before the process exits (the shell, after the main event loop): waits, out of the heap, until
// no spawned thread is running, then reports on stderr the exceptions of failed threads that
// no join/asyncJoin observed. Returns whether any was reported.
bool wait_for_threads_and_report(Vm&);

// "Uncaught <Name>: <message>" followed by the stack's frames, for an exception value.
std::string format_uncaught(Vm&, Value exception, char const* prefix = "Uncaught");

// The race amplifier's hook: at an engine synchronisation point, maybe yield the CPU.
void race_amplify_point();

} // namespace weft
