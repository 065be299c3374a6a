// The thread runtime: modes, the locked mode's global lock, thread ids, the body of a spawned
// thread, and the exit wait. The JavaScript-facing built-ins are in thread_object.cpp,
// lock.cpp, thread_local.cpp and property_atomics.cpp.
#include "threads/thread_runtime.h"

#include "base/race_amplifier.h"
#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "heap/heap.h"
#include "interpreter/engine.h"
#include "interpreter/event_loop.h"
#include "interpreter/thread_state.h"
#include "objects/array.h"
#include "threads/thread_objects.h"
#include "vm/realm.h"
#include "vm/runtime.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <pthread.h>

namespace weft {

// --- The locked mode's global lock ----------------------------------------------------------

namespace {

// A fair (FIFO ticket) lock that serialises JavaScript in `--threads=gil` mode. A thread holds
// it while it is in the heap; it is released whenever the thread leaves the heap (a blocking
// call, a safe region, detaching). A thread that has waited a whole time slice asks the holder
// to yield at its next safepoint poll, so a spinning thread cannot starve the others.
class GlobalLock {
public:
    void acquire(MutatorThread& thread)
    {
        std::unique_lock lock(m_mutex);
        u64 ticket = m_next_ticket++;
        while (m_serving != ticket) {
            if (m_wake.wait_for(lock, kTimeSlice) == std::cv_status::timeout && m_serving != ticket && m_holder)
                m_holder->request_yield();
        }
        m_holder = &thread;
    }
    void release()
    {
        std::lock_guard lock(m_mutex);
        m_holder = nullptr;
        ++m_serving;
        m_wake.notify_all();
    }

private:
    static constexpr std::chrono::milliseconds kTimeSlice { 5 };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    u64 m_next_ticket = 0;
    u64 m_serving = 0;
    MutatorThread* m_holder = nullptr; // MutatorThread records are never freed
};

GlobalLock g_global_lock;

void global_lock_acquire(MutatorThread& thread) { g_global_lock.acquire(thread); }
void global_lock_release(MutatorThread&) { g_global_lock.release(); }

} // namespace

void prepare_heap_for_threads(HeapConfig& config, ThreadOptions const& options)
{
    if (options.mode == ThreadsMode::Gil) {
        config.on_enter_heap = global_lock_acquire;
        config.on_leave_heap = global_lock_release;
    }
    set_race_amplifier_seed(options.race_amplify_seed);
}

// --- Runtime state --------------------------------------------------------------------------

ThreadRuntime& thread_runtime(Vm& vm)
{
    ThreadRuntime* runtime = vm.runtime().engine()->thread_runtime;
    WEFT_ASSERT(runtime);
    return *runtime;
}

ThreadState& current_thread_state(Vm& vm) { return *vm.thread_state(); }

bool threads_enabled(Vm& vm) { return threads_mode(vm) != ThreadsMode::Off; }

ThreadsMode threads_mode(Vm& vm)
{
    EngineState* engine = vm.runtime().engine();
    return engine && engine->thread_runtime ? engine->thread_runtime->options.mode : ThreadsMode::Off;
}

u32 current_thread_id(Vm& vm)
{
    ThreadState& ts = *vm.thread_state();
    if (ts.thread_id == ThreadState::kNoThreadId) {
        EngineState* engine = vm.runtime().engine();
        ts.thread_id = engine->thread_runtime ? engine->thread_runtime->next_thread_id.fetch_add_relaxed(1) : 0;
    }
    return ts.thread_id;
}

void destroy_thread_runtime(EngineState& engine)
{
    if (!engine.thread_runtime)
        return;
    engine.runtime.heap().remove_root_source(engine.thread_runtime->root_source_id);
    delete engine.thread_runtime;
    engine.thread_runtime = nullptr;
}

ThrowOr<void> install_thread_runtime(Vm& vm, ThreadOptions const& options)
{
    EngineState* engine = vm.runtime().engine();
    WEFT_VERIFY(engine && !engine->thread_runtime);
    auto* runtime = new ThreadRuntime;
    runtime->options = options;
    if constexpr (!kThreadsEnabled)
        runtime->options.mode = ThreadsMode::Off;
    runtime->root_source_id = vm.heap().add_root_source([runtime](Tracer& tracer) {
        // The world is stopped; `lock` is never held across a safepoint.
        LockGuard guard(runtime->lock);
        for (ThreadObject* t : runtime->running)
            tracer.visit(t);
        for (ThreadObject* t : runtime->failed)
            tracer.visit(t);
    });
    engine->thread_runtime = runtime;
    vm.thread_state()->thread_id = 0;
    if (runtime->options.mode == ThreadsMode::Off)
        return {};
    register_thread_cell_kinds();
    TRY(install_thread_constructor(vm));
    TRY(install_lock_and_condition(vm));
    TRY(install_thread_local(vm));
    return {};
}

// --- Asynchronous registrations ---------------------------------------------------------------

u64 add_async_registration(Vm& vm, std::initializer_list<Value> values)
{
    ThreadState& ts = *vm.thread_state();
    u64 token = ts.next_async_token++;
    ts.async_registrations.emplace(token, std::vector<Value>(values));
    return token;
}

std::vector<Value> take_async_registration(Vm& vm, u64 token)
{
    ThreadState& ts = *vm.thread_state();
    auto it = ts.async_registrations.find(token);
    WEFT_VERIFY(it != ts.async_registrations.end());
    std::vector<Value> values = std::move(it->second);
    ts.async_registrations.erase(it);
    return values;
}

ThrowOr<void> settle_promise(Vm& vm, Object* promise, bool fulfilled, Value value)
{
    if (fulfilled)
        return promise_resolve(vm, promise, value);
    return promise_reject(vm, promise, value);
}

// --- Reporting ------------------------------------------------------------------------------

std::string format_uncaught(Vm& vm, Value exception, char const* prefix)
{
    std::string text;
    if (exception.is_cell_of_kind(CellKind::ErrorObject)) {
        Value stack = Value::undefined();
        auto own = as_object(exception)->get_own_data_value(vm, PropertyKey::from_atom(common_names(vm).stack));
        if (own)
            stack = *own;
        text = std::string(prefix) + " " + error_summary(vm, exception);
        if (is_string(stack)) {
            std::string s = to_utf8(static_cast<String*>(stack.as_cell()));
            usize newline = s.find('\n');
            if (newline != std::string::npos)
                text += s.substr(newline);
        }
    } else {
        text = std::string(prefix) + " " + inspect_value(vm, exception, false);
    }
    text += '\n';
    return text;
}

static void write_stderr(std::string const& text)
{
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

// --- The body of a spawned thread -----------------------------------------------------------

namespace {

struct StartInfo {
    Runtime* runtime;
    ThreadObject* thread;
};

// Runs on the new OS thread: enters the heap, calls fn(...args), drains the thread's event loop,
// publishes the outcome and wakes joiners.
void run_thread_body(Runtime& runtime, ThreadObject* thread)
{
    Vm vm(runtime);
    attach_engine_thread(vm);
    ThreadState& ts = *vm.thread_state();
    ts.thread_id = thread->id;
    ts.thread_object = Value::from_cell(thread);
    ThreadRuntime& tr = thread_runtime(vm);

    Value result = Value::undefined();
    bool failed = false;
    {
        RootedValues call(vm);
        auto* start = static_cast<ArrayObject*>(thread->start.load_acquire().as_cell());
        u32 length = start->length_acquire();
        for (u32 i = 0; i < length; ++i) {
            auto element = start->get_own_data_value(vm, PropertyKey::from_index(i));
            call.push(element ? *element : Value::undefined());
        }
        Value fn = call[0];
        ThrowOr<Value> returned = Call(vm, fn, Value::undefined(), std::span<Value const>(call.values()).subspan(1));
        if (returned.is_throw()) {
            result = vm.take_exception();
            failed = true;
        } else {
            result = returned.value();
            call.push(result);
            if (run_event_loop(vm).is_throw()) {
                result = vm.take_exception();
                failed = true;
            }
        }
        for (Value reason : take_unhandled_rejections(vm))
            write_stderr(format_uncaught(vm, reason, "Uncaught (in promise)"));
        // Publish: the result first, then the state that joiners wait on (THREADS-API section 7:
        // everything this thread did happens-before join returns).
        thread->result.store_release(result);
        if (failed) {
            LockGuard guard(tr.lock);
            tr.failed.push_back(thread);
        }
        tr.live_threads.fetch_sub_seq_cst(1);
        thread->state.store_seq_cst(failed ? ThreadObject::kFailed : ThreadObject::kFinished);
        race_amplify_point();
        parking_lot::unpark(thread->park_key(), ~0u);
        {
            LockGuard guard(tr.lock);
            std::erase(tr.running, thread);
        }
    }
    ts.thread_object = Value::undefined();
    detach_engine_thread(vm);
}

void* thread_main(void* argument)
{
    auto* info = static_cast<StartInfo*>(argument);
    Runtime& runtime = *info->runtime;
    ThreadObject* thread = info->thread;
    delete info;
    ThreadRuntime* tr = runtime.engine()->thread_runtime;
    run_thread_body(runtime, thread);
    // The very last touch of the runtime: the exit wait may destroy it as soon as this lands.
    Atomic<u32>* live = &tr->os_threads;
    live->fetch_sub_seq_cst(1);
    parking_lot::unpark({ live, 0 }, ~0u); // the key is only compared, never dereferenced
    return nullptr;
}

} // namespace

// The smallest native stack a spawned thread gets, whatever --thread-stack-size says: the
// interpreter keeps a margin below its stack limit for C++ code between checks (256 KiB, 1 MiB
// under ASan; see compute_native_stack_limit), and a stack too small for that margin could not
// detect overflow at all. Sanitizer builds have much larger frames (and TSan's runtime takes
// stack of its own), so there the minimum is higher.
#if defined(WEFT_ASAN) || defined(WEFT_TSAN)
constexpr usize kMinThreadStackBytes = 4 * MiB;
#else
constexpr usize kMinThreadStackBytes = 1 * MiB;
#endif

ThrowOr<void> start_thread(Vm& vm, ThreadObject* thread)
{
    ThreadRuntime& tr = thread_runtime(vm);
    // Reserve a live-thread slot, or fail without starting anything.
    u32 live = tr.live_threads.load_relaxed();
    for (;;) {
        if (live >= tr.options.max_threads)
            return throw_range_error(vm, "Thread: too many live threads (the limit is %u; see --max-threads)", tr.options.max_threads);
        if (tr.live_threads.compare_exchange_seq_cst(live, live + 1))
            break;
    }
    tr.os_threads.fetch_add_seq_cst(1);
    {
        LockGuard guard(tr.lock);
        tr.running.push_back(thread);
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, std::max(tr.options.thread_stack_bytes, kMinThreadStackBytes));
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t handle;
    auto* info = new StartInfo { &vm.runtime(), thread };
    int error = pthread_create(&handle, &attr, thread_main, info);
    pthread_attr_destroy(&attr);
    if (error) {
        delete info;
        {
            LockGuard guard(tr.lock);
            std::erase(tr.running, thread);
        }
        tr.live_threads.fetch_sub_seq_cst(1);
        tr.os_threads.fetch_sub_seq_cst(1);
        return throw_range_error(vm, "Thread: the operating system could not start a thread (error %d)", error);
    }
    return {};
}

bool wait_for_threads_and_report(Vm& vm)
{
    EngineState* engine = vm.runtime().engine();
    if (!engine || !engine->thread_runtime)
        return false;
    ThreadRuntime& tr = *engine->thread_runtime;
    {
        SafeRegion away(vm.mutator());
        for (;;) {
            u32 live = tr.os_threads.load_seq_cst();
            if (live == 0)
                break;
            parking_lot::park({ &tr.os_threads, 0 }, [&] { return tr.os_threads.load_seq_cst() == live; });
        }
    }
    std::vector<ThreadObject*> failed;
    {
        LockGuard guard(tr.lock);
        failed = tr.failed;
    }
    bool reported = false;
    for (ThreadObject* t : failed) {
        if (t->observed.load_seq_cst())
            continue;
        write_stderr(format_uncaught(vm, t->result.load_acquire(), ("Uncaught in Thread " + std::to_string(t->id) + ":").c_str()));
        reported = true;
    }
    return reported;
}

} // namespace weft
