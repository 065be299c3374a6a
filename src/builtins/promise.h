// Promise internals the interpreter uses for async functions, and the job queue.
#pragma once

#include "objects/object.h"
#include "vm/throw_or.h"

namespace weft {

class Vm;

// A new pending %Promise%; nullptr at the heap limit.
Object* promise_create(Vm&);
bool is_promise(Value);
// Resolve functions' behaviour without the functions: resolve `promise` with `value` (thenables
// are followed through a job), or reject it.
ThrowOr<void> promise_resolve(Vm&, Object* promise, Value value);
ThrowOr<void> promise_reject(Vm&, Object* promise, Value reason);
// PromiseResolve ( %Promise%, x )
// spec: https://tc39.es/ecma262/#sec-promise-resolve
ThrowOr<Object*> promise_resolve_value(Vm&, Value x);
// PerformPromiseThen ( promise, onFulfilled, onRejected ) without a result capability.
// spec: https://tc39.es/ecma262/#sec-performpromisethen
ThrowOr<void> promise_then_no_capability(Vm&, Object* promise, Value on_fulfilled, Value on_rejected);
// PerformPromiseThen with a capability for the internal promise `result` (a %Promise% from
// promise_create).
ThrowOr<void> promise_then_into(Vm&, Object* promise, Value on_fulfilled, Value on_rejected, Object* result);
// Runs every queued microtask (and the ones they queue) on this thread. A callback job
// (queueMicrotask) that throws stops the run with its exception.
ThrowOr<void> run_microtasks(Vm&);
// HostEnqueuePromiseJob for a plain callback (queueMicrotask).
void enqueue_callback_job(Vm&, Value callback);
// The unhandled-rejection report for the shell: the reasons of promises rejected with no
// handler by the end of the last microtask checkpoint.
std::vector<Value> take_unhandled_rejections(Vm&);

} // namespace weft

namespace weft {

struct PromiseInfo {
    u32 state; // 0 pending, 1 fulfilled, 2 rejected
    Value result;
};
PromiseInfo promise_info(Object* promise);
void register_promise_cell_kinds();

} // namespace weft
