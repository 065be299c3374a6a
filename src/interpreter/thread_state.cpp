// ThreadState and EngineState: the register stack, native stack limit, and the GC root source
// that scans every thread's live registers, frames, microtasks and rooted lists.
#include "interpreter/thread_state.h"

#include "heap/heap.h"
#include "interpreter/code.h"
#include "objects/environment.h"
#include "vm/runtime.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <pthread.h>
#include <sys/mman.h>

namespace weft {

static uptr compute_native_stack_limit()
{
    pthread_attr_t attr;
    uptr limit = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void* address = nullptr;
        size_t size = 0;
        if (pthread_attr_getstack(&attr, &address, &size) == 0) {
            // Keep a margin for the C++ code that runs between checks (builtins, the parser).
            usize margin = 256 * KiB;
#if defined(WEFT_ASAN)
            margin = 1 * MiB;
#endif
            if (size > 2 * margin)
                limit = reinterpret_cast<uptr>(address) + margin;
        }
        pthread_attr_destroy(&attr);
    }
    return limit;
}

ThreadState::ThreadState(Vm& owner, usize register_stack_bytes)
    : vm(owner)
{
    reg_bytes = register_stack_bytes;
    void* memory = mmap(nullptr, reg_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    WEFT_VERIFY(memory != MAP_FAILED);
    reg_base = static_cast<Value*>(memory);
    reg_limit = reg_base + reg_bytes / sizeof(Value);
    reg_top = reg_base;
    // About one frame per 24 registers of stack, bounded: deep recursion throws RangeError.
    max_frames = static_cast<u32>(std::min<usize>(reg_bytes / sizeof(Value) / 24, 200'000));
    frames_bytes = (static_cast<usize>(max_frames) + 1) * sizeof(Frame);
    void* frame_memory = mmap(nullptr, frames_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    WEFT_VERIFY(frame_memory != MAP_FAILED);
    frames = static_cast<Frame*>(frame_memory);
    native_stack_limit = compute_native_stack_limit();
}

ThreadState::~ThreadState()
{
    munmap(reg_base, reg_bytes);
    munmap(frames, frames_bytes);
}

RootedValues::RootedValues(Vm& vm)
    : m_state(*vm.thread_state())
{
    m_state.extra_roots.push_back(&m_values);
}

RootedValues::~RootedValues()
{
    // LIFO in practice; tolerate out-of-order destruction.
    auto& roots = m_state.extra_roots;
    for (usize i = roots.size(); i-- > 0;) {
        if (roots[i] == &m_values) {
            roots.erase(roots.begin() + static_cast<long>(i));
            break;
        }
    }
}

static void visit_thread(ThreadState& ts, Tracer& tracer)
{
    for (Value* r = ts.reg_base; r < ts.reg_top; ++r)
        trace_value(tracer, *r);
    for (u32 i = 0; i < ts.frame_count; ++i) {
        Frame& f = ts.frames[i];
        tracer.visit(f.code);
        trace_value(tracer, f.callee);
        tracer.visit(f.env);
        trace_value(tracer, f.new_target);
        trace_value(tracer, f.coroutine);
        // Arguments passed from C++ live on the native stack (scanned conservatively) or in
        // the caller's registers (scanned above).
    }
    for (Job const& job : ts.microtasks) {
        trace_value(tracer, job.a);
        trace_value(tracer, job.b);
        trace_value(tracer, job.c);
    }
    for (Timer const& timer : ts.timers) {
        trace_value(tracer, timer.callback);
        for (Value v : timer.arguments)
            trace_value(tracer, v);
    }
    for (std::vector<Value>* list : ts.extra_roots)
        for (Value v : *list)
            trace_value(tracer, v);
    trace_value(tracer, ts.out_of_memory_error);
    trace_value(tracer, ts.vm.exception());
    for (Value v : ts.pending_rejections)
        trace_value(tracer, v);
    trace_value(tracer, ts.thread_object);
    for (auto const& [id, value] : ts.thread_locals)
        trace_value(tracer, value);
    for (auto const& [token, values] : ts.async_registrations)
        for (Value v : values)
            trace_value(tracer, v);
    // Posters never hold the inbox lock across a safepoint, so this cannot wait on a stopped thread.
    std::lock_guard lock(ts.inbox.mutex);
    for (PostedTask const& task : ts.inbox.tasks) {
        trace_value(tracer, task.a);
        trace_value(tracer, task.b);
        trace_value(tracer, task.c);
    }
}

EngineState::EngineState(Runtime& r)
    : runtime(r)
{
    root_source_id = runtime.heap().add_root_source([this](Tracer& tracer) {
        // The world is stopped: every owner is parked or in a safe region, and nobody holds
        // registry_lock (it is never held across a safepoint).
        for (ThreadState* ts : threads)
            visit_thread(*ts, tracer);
    });
}

EngineState::~EngineState()
{
    destroy_thread_runtime(*this);
    runtime.heap().remove_root_source(root_source_id);
}

} // namespace weft
