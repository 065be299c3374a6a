// Thread and ConcurrentAccessError (THREADS-API.md section 1).
#include "base/race_amplifier.h"
#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "interpreter/event_loop.h"
#include "interpreter/thread_state.h"
#include "objects/array.h"
#include "threads/thread_objects.h"
#include "vm/realm.h"
#include "vm/trace.h"
#include "vm/vm.h"

namespace weft {

ThrowOr<void> start_thread(Vm&, ThreadObject*); // thread_runtime.cpp

void ThreadObject::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    auto* t = static_cast<ThreadObject*>(cell);
    trace_value(tracer, t->result.load_relaxed());
    trace_value(tracer, t->start.load_relaxed());
}

static ThreadObject* create_thread_object(Vm& vm, Object* prototype, u32 id)
{
    auto* t = static_cast<ThreadObject*>(EngineObject::try_create(vm, CellKind::ThreadObject, prototype, sizeof(ThreadObject)));
    if (!t)
        return nullptr;
    t->id = id;
    t->state.store_relaxed(ThreadObject::kRunning);
    t->result.store_relaxed(Value::undefined());
    t->start.store_relaxed(Value::undefined());
    t->observed.store_relaxed(0);
    return t;
}

ThrowOr<ThreadObject*> current_thread_object(Vm& vm)
{
    ThreadState& ts = *vm.thread_state();
    if (ts.thread_object.is_cell())
        return static_cast<ThreadObject*>(ts.thread_object.as_cell());
    // The main thread or an embedder's thread: created on first access, then the same object.
    ThreadObject* t = create_thread_object(vm, vm.realm()->thread_prototype, current_thread_id(vm));
    if (!t)
        return throw_out_of_memory(vm);
    ts.thread_object = Value::from_cell(t);
    return t;
}

static ThrowOr<ThreadObject*> this_thread(Vm& vm, CallArgs const& args, char const* method)
{
    Value t = args.this_value();
    if (!t.is_cell_of_kind(CellKind::ThreadObject))
        return throw_type_error(vm, "Thread.prototype.%s called on incompatible receiver %s", method, describe_for_error(vm, t).c_str());
    return static_cast<ThreadObject*>(t.as_cell());
}

// new Thread(fn, ...args)
static ThrowOr<Value> thread_constructor(Vm& vm, CallArgs const& args)
{
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor Thread requires 'new'");
    if (!is_callable(args.arg(0)))
        return throw_type_error(vm, "Thread constructor requires a callable argument");
    Object* prototype = TRY(GetPrototypeFromConstructor(vm, args.new_target(), vm.realm()->thread_prototype));
    ArrayObject* start = TRY(CreateArrayFromList(vm, std::span<Value const>(args.values(), args.count())));
    ThreadRuntime& tr = thread_runtime(vm);
    ThreadObject* t = create_thread_object(vm, prototype, tr.next_thread_id.fetch_add_relaxed(1));
    if (!t)
        return throw_out_of_memory(vm);
    t->start.store_release(Value::from_cell(start));
    race_amplify_point();
    TRY(start_thread(vm, t));
    return Value::from_cell(t);
}

// Thread.prototype.join ( )
static ThrowOr<Value> thread_join(Vm& vm, CallArgs const& args)
{
    ThreadObject* t = TRY(this_thread(vm, args, "join"));
    ThreadState& ts = *vm.thread_state();
    if (t->id == current_thread_id(vm))
        return throw_error(vm, ErrorType::Error, "Thread cannot join itself");
    if (t->state.load_seq_cst() == ThreadObject::kRunning) {
        if (!ts.may_block)
            return throw_type_error(vm, "Thread.prototype.join: this thread may not block; use asyncJoin");
        SafeRegion away(vm.mutator());
        while (t->state.load_seq_cst() == ThreadObject::kRunning)
            // No spinning: a thread's run lasts longer than a spin, and a joiner that returns
            // early only competes with the finishing thread's exit for the CPU.
            parking_lot::park(t->park_key(), [t] { return t->state.load_seq_cst() == ThreadObject::kRunning; }, -1, {}, parking_lot::SpinFirst::No);
    }
    t->observed.store_seq_cst(1);
    Value result = t->result.load_acquire();
    if (t->state.load_seq_cst() == ThreadObject::kFailed)
        return throw_value(vm, result);
    return result;
}

static ThrowOr<void> finish_async_join(Vm& vm, PostedTask const& task)
{
    delete static_cast<ParkWaiter*>(task.data);
    std::vector<Value> values = take_async_registration(vm, task.number);
    auto* promise = as_object(values[0]);
    auto* t = static_cast<ThreadObject*>(values[1].as_cell());
    u32 state = t->state.load_seq_cst();
    WEFT_ASSERT(state != ThreadObject::kRunning);
    return settle_promise(vm, promise, state == ThreadObject::kFinished, t->result.load_acquire());
}

// Thread.prototype.asyncJoin ( ): a promise settled in a later turn of this thread's loop.
static ThrowOr<Value> thread_async_join(Vm& vm, CallArgs const& args)
{
    ThreadObject* t = TRY(this_thread(vm, args, "asyncJoin"));
    Object* promise = promise_create(vm);
    if (!promise)
        return throw_out_of_memory(vm);
    if (t->id == current_thread_id(vm)) {
        // A thread's own outcome exists only after its event loop is done, so this promise
        // could never settle: reject it, as join throws (JavaScript sees it in a later turn).
        String* text = string_from_utf8(vm, "Thread cannot join itself");
        Object* error = text ? create_error(vm, ErrorType::Error, text) : nullptr;
        if (!error)
            return throw_out_of_memory(vm);
        TRY(settle_promise(vm, promise, false, Value::from_cell(error)));
        return Value::from_cell(promise);
    }
    t->observed.store_seq_cst(1);
    u64 token = add_async_registration(vm, { Value::from_cell(promise), Value::from_cell(t) });
    expect_posted_task(vm);
    ThreadState* me = vm.thread_state();
    auto* waiter = new ParkWaiter;
    waiter->key = t->park_key();
    waiter->token = token;
    waiter->on_unpark = [me](ParkWaiter* w, bool) { post_task(*me, { finish_async_join, {}, {}, {}, w->token, w }); };
    if (!parking_lot::park_async(waiter, [t] { return t->state.load_seq_cst() == ThreadObject::kRunning; }))
        post_task(*me, { finish_async_join, {}, {}, {}, token, waiter }); // finished already
    return Value::from_cell(promise);
}

static ThrowOr<Value> thread_id_getter(Vm& vm, CallArgs const& args)
{
    ThreadObject* t = TRY(this_thread(vm, args, "id"));
    return Value::from_i32(static_cast<i32>(t->id));
}

static ThrowOr<Value> thread_current_getter(Vm& vm, CallArgs const&)
{
    ThreadObject* t = TRY(current_thread_object(vm));
    return Value::from_cell(t);
}

ThrowOr<Value> thread_restrict(Vm&, CallArgs const&); // restrict.cpp

// --- ConcurrentAccessError --------------------------------------------------------------------

static ThrowOr<Object*> create_concurrent_access_error(Vm& vm, Object* prototype, String* message)
{
    Object* error = create_error(vm, ErrorType::Error, message);
    if (!error)
        return throw_out_of_memory(vm);
    if (error->set_prototype_of(vm, prototype) == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    // The stack's first line names the subclass, as for other Error subclasses.
    std::string header = "ConcurrentAccessError";
    if (message && !message->is_empty())
        header += ": " + to_utf8(message);
    String* stack = TRY(new_string(vm, capture_stack_trace(vm, header)));
    TRY(define_builtin_property(vm, error, PropertyKey::from_atom(common_names(vm).stack), Value::from_cell(stack)));
    return error;
}

ThrowCompletion throw_concurrent_access_error(Vm& vm, std::string const& message)
{
    auto text = new_string(vm, message);
    if (text.is_throw())
        return ThrowCompletion {};
    auto error = create_concurrent_access_error(vm, vm.realm()->concurrent_access_error_prototype, text.value());
    if (error.is_throw())
        return ThrowCompletion {};
    return throw_value(vm, Value::from_cell(error.value()));
}

// ConcurrentAccessError ( message [ , options ] )
static ThrowOr<Value> concurrent_access_error_constructor(Vm& vm, CallArgs const& args)
{
    Value new_target = args.is_construct() ? args.new_target() : args.callee();
    Object* prototype = TRY(GetPrototypeFromConstructor(vm, new_target, vm.realm()->concurrent_access_error_prototype));
    String* message = nullptr;
    if (!args.arg(0).is_undefined())
        message = TRY(ToString(vm, args.arg(0)));
    Object* error = TRY(create_concurrent_access_error(vm, prototype, message));
    Value options = args.arg(1);
    if (is_object(options)) {
        PropertyKey cause = PropertyKey::from_atom(common_names(vm).cause);
        if (TRY(HasProperty(vm, as_object(options), cause))) {
            Value v = TRY(Get(vm, as_object(options), cause));
            TRY(define_builtin_property(vm, error, cause, v));
        }
    }
    return Value::from_cell(error);
}

constexpr NativeMethod kThreadPrototypeMethods[] = {
    { "join", 0, thread_join },
    { "asyncJoin", 0, thread_async_join },
};
constexpr NativeAccessor kThreadPrototypeAccessors[] = { { "id", thread_id_getter, nullptr } };
constexpr NativeMethod kThreadStaticMethods[] = { { "restrict", 1, thread_restrict } };
constexpr NativeAccessor kThreadStaticAccessors[] = { { "current", thread_current_getter, nullptr } };

ThrowOr<void> install_thread_constructor(Vm& vm)
{
    Realm& realm = *vm.realm();
    realm.thread_prototype = TRY(new_object(vm));
    NativeFunction* ctor = TRY(install_constructor(vm, "Thread", 1, thread_constructor, realm.thread_prototype));
    TRY(install_methods(vm, realm.thread_prototype, kThreadPrototypeMethods));
    TRY(install_accessors(vm, realm.thread_prototype, kThreadPrototypeAccessors));
    TRY(install_methods(vm, ctor, kThreadStaticMethods));
    TRY(install_accessors(vm, ctor, kThreadStaticAccessors));
    TRY(define_value(vm, realm.thread_prototype, "@@toStringTag", Value::from_cell(TRY(intern(vm, "Thread"))), PropertyAttributes::data(false, false, true)));

    realm.concurrent_access_error_prototype = TRY(new_object(vm, realm.error_prototype));
    NativeFunction* error_ctor = TRY(install_constructor(vm, "ConcurrentAccessError", 1, concurrent_access_error_constructor, realm.concurrent_access_error_prototype));
    Value error = TRY(Get(vm, realm.global_object, PropertyKey::from_atom(TRY(intern(vm, "Error")))));
    if (is_object(error) && error_ctor->set_prototype_of(vm, as_object(error)) == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    CommonNames const& names = common_names(vm);
    TRY(define_builtin_property(vm, realm.concurrent_access_error_prototype, PropertyKey::from_atom(names.name), Value::from_cell(TRY(intern(vm, "ConcurrentAccessError")))));
    TRY(define_builtin_property(vm, realm.concurrent_access_error_prototype, PropertyKey::from_atom(names.message), Value::from_cell(names.empty)));
    return {};
}

} // namespace weft
