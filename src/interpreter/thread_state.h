// ThreadState: the interpreter's per-thread state — the register stack, the frame stack, the
// microtask queue, the native stack limit — and EngineState, the process-wide engine state
// (the realm and the registry of thread states the GC root source walks).
//
// Layout of the register stack: one contiguous Value array per thread (reserved with mmap,
// committed by the kernel as touched). A frame's registers are [regs, regs + register_count):
//   r0 = this, r1..rN = formal parameters, then locals and temporaries.
// The callee's registers start right after the caller's, so arguments are copied once.
//
// Invariants:
//  - Only the owner thread touches its ThreadState, except the GC root source, which reads it
//    with the world stopped (the owner is parked at a safepoint or in a safe region).
//  - Every register below `reg_top` of a live frame holds a valid Value (frames fill their
//    registers with undefined on entry), so the root source scans [reg_base, reg_top) precisely.
//  - Frames are pushed and popped in LIFO order; frames[0..frame_count) are live.
#pragma once

#include "base/mutex.h"
#include "interpreter/event_loop.h"
#include "vm/value.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace weft {

class CodeBlock;
struct ThreadRuntime;
class Environment;
class Realm;
class Runtime;
class Vm;

struct Frame {
    static constexpr u32 kEntry = 1;      // called from C++ (Call/Construct or a resume): return to it
    static constexpr u32 kConstruct = 2;  // [[Construct]]: a non-object return value means `this`
    static constexpr u32 kCoroutine = 4;  // a generator or async function activation

    CodeBlock* code;
    Value callee;
    Environment* env;
    Value* regs;
    u8 const* pc;           // the caller's resume point while a callee runs; current pc on unwind
    Value const* argv;      // the arguments as passed (for `arguments` and rest parameters)
    u32 argc;
    u32 flags;
    Value new_target;
    Value coroutine;        // the GeneratorObject of a coroutine frame
};

// A job of the microtask queue (HostEnqueuePromiseJob): run `callback(argument)` or a promise
// reaction / thenable job, by kind.
struct Job {
    enum class Kind : u8 { Callback, PromiseReaction, PromiseResolveThenable };
    Kind kind;
    Value a; // reaction record / callback / promise
    Value b; // argument / thenable
    Value c; // then
};

struct Timer {
    u64 id;
    double due_ms;
    double interval_ms; // < 0: one-shot
    Value callback;
    std::vector<Value> arguments;
};

// Tasks other threads post to this thread's event loop (interpreter/event_loop.h).
// Thread-safety: `mutex` guards `tasks`; `expected` is touched by the owner only.
struct Inbox {
    std::mutex mutex;
    std::condition_variable wake;
    std::vector<PostedTask> tasks; // GUARDED_BY(mutex)
    u64 expected = 0;              // owner only: posted tasks still to come
};

struct ThreadState {
    explicit ThreadState(Vm&, usize register_stack_bytes);
    ~ThreadState();
    ThreadState(ThreadState const&) = delete;
    ThreadState& operator=(ThreadState const&) = delete;

    Vm& vm;
    // Register stack.
    Value* reg_base = nullptr;
    Value* reg_limit = nullptr;
    Value* reg_top = nullptr;    // first register not used by a live frame
    usize reg_bytes = 0;
    // Frame stack: reserved like the register stack (untouched frames cost no memory).
    Frame* frames = nullptr;
    usize frames_bytes = 0;
    u32 frame_count = 0;
    u32 max_frames = 0;
    // Native stack: interpreter entries and recursive operations fail below this address.
    uptr native_stack_limit = 0;
    // Microtasks and timers (the shell's event loop).
    std::deque<Job> microtasks;
    std::vector<Timer> timers;
    u64 next_timer_id = 1;
    // Values held by C++ code that the collector must see precisely (compiler constants,
    // builtin scratch lists).
    std::vector<std::vector<Value>*> extra_roots;
    // The resume kind of the coroutine being resumed (0 next, 1 throw, 2 return).
    u32 resume_kind = 0;
    // Set when the last interpreter entry ended in a yield rather than a return.
    bool suspended = false;
    // A pre-allocated error for heap exhaustion.
    Value out_of_memory_error;
    // Unhandled rejections to report at the end of a job run (promise, reason).
    std::vector<Value> pending_rejections;

    // --- Thread runtime (src/threads) ------------------------------------------------------
    // This thread's id (THREADS-API: 0 main, 1.. spawned and embedder threads); kNoThreadId
    // until first asked for on an embedder thread.
    static constexpr u32 kNoThreadId = ~0u;
    u32 thread_id = kNoThreadId;
    // May this thread block (join, contended hold, wait)? An embedder's event-loop thread may not.
    bool may_block = true;
    // The Thread object of this thread (created on first access for main and embedder threads).
    Value thread_object;
    // ThreadLocal values of this thread, by ThreadLocal id.
    std::unordered_map<u64, Value> thread_locals;
    // Values of this thread's pending asynchronous registrations (asyncJoin, asyncHold, …), by
    // token; the posted task that completes one finds its values here.
    std::unordered_map<u64, std::vector<Value>> async_registrations;
    u64 next_async_token = 1;
    Inbox inbox;

    Frame* top_frame() { return frame_count ? &frames[frame_count - 1] : nullptr; }
};

// Keeps a std::vector<Value> visible to the collector while it is alive (owner thread only).
class RootedValues {
public:
    explicit RootedValues(Vm&);
    ~RootedValues();
    std::vector<Value>& values() { return m_values; }
    void push(Value v) { m_values.push_back(v); }
    Value operator[](usize i) const { return m_values[i]; }
    usize size() const { return m_values.size(); }

private:
    ThreadState& m_state;
    std::vector<Value> m_values;
};

struct EngineState {
    explicit EngineState(Runtime&);
    ~EngineState();
    Runtime& runtime;
    Realm* realm = nullptr;
    std::vector<Realm*> extra_realms; // created by create_realm; appended under registry_lock
    Mutex registry_lock;
    std::vector<ThreadState*> threads GUARDED_BY(registry_lock);
    u64 root_source_id = 0;
    usize default_register_stack_bytes = 8 * 1024 * 1024;
    // The thread runtime (threads/thread_objects.h); null until install_thread_runtime.
    ThreadRuntime* thread_runtime = nullptr;
};

// Frees the thread runtime's state (threads/thread_runtime.cpp).
void destroy_thread_runtime(EngineState&);

} // namespace weft
