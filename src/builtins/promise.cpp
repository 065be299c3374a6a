// Promise: the constructor, then/catch/finally, the combinators, and the per-thread job queue.
// spec: https://tc39.es/ecma262/#sec-promise-objects
//
// Layout of a PromiseObject (CellKind::PromiseObject): the EngineObject layout, then
//   +64 Atomic<u32> lock, +68 u32 state (pending/fulfilled/rejected), +72 Value result,
//   +80 ValueArray* reactions (pending only: a list of [fulfill, reject, next], newest first),
//   +88 u32 is_handled
// Invariants: the state, result and reaction list change only under the promise's lock (held for
// a few stores; never across an allocation or a call), so two threads resolving one promise
// settle it once and no reaction is lost; reactions run as jobs on the settling thread.
#include "builtins/promise.h"

#include "builtins/builtins.h"
#include "interpreter/thread_state.h"
#include "objects/environment.h"
#include "vm/trace.h"

#include <mutex>

namespace weft {

namespace {

class PromiseObject final : public EngineObject {
public:
    enum State : u32 { Pending = 0, Fulfilled = 1, Rejected = 2 };
    Atomic<u32> lock_word;
    u32 state;
    Value result;
    ValueArray* reactions;
    u32 is_handled;
    u32 padding;

    void lock()
    {
        for (;;) {
            u32 expected = 0;
            if (lock_word.compare_exchange_acq_rel(expected, 1))
                return;
            cpu_relax();
        }
    }
    void unlock() { lock_word.store_release(0); }
    static void trace(Cell* cell, Tracer& tracer)
    {
        Object::trace(cell, tracer);
        auto* p = static_cast<PromiseObject*>(cell);
        trace_value(tracer, p->result);
        tracer.visit(p->reactions);
    }
};

enum class ReactionType : i32 { Fulfill = 0, Reject = 1 };

// A PromiseReaction record: [capability promise, resolve, reject, handler, type] in a ValueArray.
ThrowOr<Value> make_reaction(Vm& vm, Value capability_promise, Value resolve, Value reject, Value handler, ReactionType type)
{
    ValueArray* r = ValueArray::try_create(vm, 5);
    if (!r)
        return throw_out_of_memory(vm);
    r->set(0, capability_promise);
    r->set(1, resolve);
    r->set(2, reject);
    r->set(3, handler);
    r->set(4, Value::from_i32(static_cast<i32>(type)));
    return Value::from_cell(r);
}

void enqueue(Vm& vm, Job job) { vm.thread_state()->microtasks.push_back(job); }

void track_rejection(Vm& vm, PromiseObject* p, bool handled_now)
{
    auto& list = vm.thread_state()->pending_rejections;
    if (handled_now) {
        std::erase(list, Value::from_cell(p));
        return;
    }
    list.push_back(Value::from_cell(p));
}

// TriggerPromiseReactions / settling: one thread wins the settle under the lock.
void settle(Vm& vm, PromiseObject* p, Value value, PromiseObject::State state)
{
    p->lock();
    if (p->state != PromiseObject::Pending) {
        p->unlock();
        return;
    }
    p->result = value;
    p->state = state;
    ValueArray* reactions = p->reactions;
    p->reactions = nullptr;
    bool handled = p->is_handled;
    p->unlock();
    if (state == PromiseObject::Rejected && !handled)
        track_rejection(vm, p, false);
    // The list is newest first: collect, then enqueue in registration order.
    std::vector<ValueArray*> records;
    for (ValueArray* r = reactions; r; r = r->get(2).is_undefined() ? nullptr : static_cast<ValueArray*>(r->get(2).as_cell()))
        records.push_back(r);
    for (usize i = records.size(); i-- > 0;) {
        Value reaction = records[i]->get(state == PromiseObject::Fulfilled ? 0 : 1);
        enqueue(vm, { Job::Kind::PromiseReaction, reaction, value, Value::undefined() });
    }
}

ThrowOr<Value> resolve_function(Vm& vm, CallArgs const& args);
ThrowOr<Value> reject_function(Vm& vm, CallArgs const& args);

// CreateResolvingFunctions ( promise )
// spec: https://tc39.es/ecma262/#sec-createresolvingfunctions
ThrowOr<std::pair<Value, Value>> create_resolving_functions(Vm& vm, PromiseObject* p)
{
    ValueArray* already_resolved = ValueArray::try_create(vm, 1);
    NativeFunction* resolve = already_resolved ? make_native_function(vm, resolve_function, "", 1) : nullptr;
    NativeFunction* reject = resolve ? make_native_function(vm, reject_function, "", 1) : nullptr;
    if (!reject)
        return throw_out_of_memory(vm);
    already_resolved->set(0, Value::boolean(false));
    resolve->set_data(0, Value::from_cell(p));
    resolve->set_data(1, Value::from_cell(already_resolved));
    reject->set_data(0, Value::from_cell(p));
    reject->set_data(1, Value::from_cell(already_resolved));
    return std::make_pair(Value::from_cell(resolve), Value::from_cell(reject));
}

bool take_already_resolved(CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    auto* flag = static_cast<ValueArray*>(self->data(1).as_cell());
    // One exchange, so of two threads calling resolve/reject at once exactly one goes on.
    return flag->exchange(0, Value::boolean(true)).is_true();
}

ThrowOr<Value> resolve_function(Vm& vm, CallArgs const& args)
{
    if (take_already_resolved(args))
        return Value::undefined();
    auto* p = static_cast<PromiseObject*>(static_cast<NativeFunction*>(args.callee().as_cell())->data(0).as_cell());
    TRY(promise_resolve(vm, p, args.arg(0)));
    return Value::undefined();
}

ThrowOr<Value> reject_function(Vm& vm, CallArgs const& args)
{
    if (take_already_resolved(args))
        return Value::undefined();
    auto* p = static_cast<PromiseObject*>(static_cast<NativeFunction*>(args.callee().as_cell())->data(0).as_cell());
    settle(vm, p, args.arg(0), PromiseObject::Rejected);
    return Value::undefined();
}

ThrowOr<PromiseObject*> new_promise(Vm& vm, Object* prototype)
{
    auto* p = static_cast<PromiseObject*>(EngineObject::try_create(vm, CellKind::PromiseObject, prototype, sizeof(PromiseObject)));
    if (!p)
        return throw_out_of_memory(vm);
    p->lock_word.store_relaxed(0);
    p->state = PromiseObject::Pending;
    p->result = Value::undefined();
    p->reactions = nullptr;
    p->is_handled = 0;
    return p;
}

struct Capability {
    Value promise;
    Value resolve;
    Value reject;
};

ThrowOr<Value> capability_executor(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    auto* slots = static_cast<ValueArray*>(self->data(0).as_cell());
    if (!slots->get(0).is_undefined() || !slots->get(1).is_undefined())
        return throw_type_error(vm, "Promise executor has already been invoked with non-undefined arguments");
    slots->set(0, args.arg(0));
    slots->set(1, args.arg(1));
    return Value::undefined();
}

// NewPromiseCapability ( C )
// spec: https://tc39.es/ecma262/#sec-newpromisecapability
ThrowOr<Capability> NewPromiseCapability(Vm& vm, Value c)
{
    if (c == Value::from_cell(vm.realm()->promise_constructor)) {
        PromiseObject* p = TRY(new_promise(vm, vm.realm()->promise_prototype));
        auto [resolve, reject] = TRY(create_resolving_functions(vm, p));
        return Capability { Value::from_cell(p), resolve, reject };
    }
    if (!IsConstructor(c))
        return throw_type_error(vm, "Promise resolve or reject function is not callable");
    ValueArray* slots = ValueArray::try_create(vm, 2);
    NativeFunction* executor = slots ? make_native_function(vm, capability_executor, "", 2) : nullptr;
    if (!executor)
        return throw_out_of_memory(vm);
    executor->set_data(0, Value::from_cell(slots));
    Value e = Value::from_cell(executor);
    Value promise = TRY(Construct(vm, c, std::span<Value const>(&e, 1)));
    if (!is_callable(slots->get(0)) || !is_callable(slots->get(1)))
        return throw_type_error(vm, "Promise resolve or reject function is not callable");
    return Capability { promise, slots->get(0), slots->get(1) };
}

ThrowOr<PromiseObject*> this_promise(Vm& vm, Value v, char const* method)
{
    if (!v.is_cell_of_kind(CellKind::PromiseObject))
        return throw_type_error(vm, "Method Promise.prototype.%s called on incompatible receiver %s", method, describe_for_error(vm, v).c_str());
    return static_cast<PromiseObject*>(v.as_cell());
}

// PerformPromiseThen ( promise, onFulfilled, onRejected [ , resultCapability ] )
// spec: https://tc39.es/ecma262/#sec-performpromisethen
ThrowOr<void> perform_then(Vm& vm, PromiseObject* p, Value on_fulfilled, Value on_rejected, Capability const* capability)
{
    Value cp = capability ? capability->promise : Value::undefined();
    Value cr = capability ? capability->resolve : Value::undefined();
    Value cj = capability ? capability->reject : Value::undefined();
    Value fulfill = TRY(make_reaction(vm, cp, cr, cj, is_callable(on_fulfilled) ? on_fulfilled : Value::undefined(), ReactionType::Fulfill));
    RootedValues keep(vm);
    keep.push(fulfill);
    Value reject = TRY(make_reaction(vm, cp, cr, cj, is_callable(on_rejected) ? on_rejected : Value::undefined(), ReactionType::Reject));
    keep.push(reject);
    ValueArray* record = ValueArray::try_create(vm, 3);
    if (!record)
        return throw_out_of_memory(vm);
    record->set(0, fulfill);
    record->set(1, reject);
    p->lock();
    if (p->state == PromiseObject::Pending) {
        record->set(2, p->reactions ? Value::from_cell(p->reactions) : Value::undefined());
        p->reactions = record;
        p->is_handled = 1;
        p->unlock();
        return {};
    }
    u32 state = p->state;
    Value result = p->result;
    bool was_handled = p->is_handled;
    p->is_handled = 1;
    p->unlock();
    if (state == PromiseObject::Rejected && !was_handled)
        track_rejection(vm, p, true);
    enqueue(vm, { Job::Kind::PromiseReaction, state == PromiseObject::Fulfilled ? fulfill : reject, result, Value::undefined() });
    return {};
}

// NewPromiseReactionJob ( reaction, argument )
// spec: https://tc39.es/ecma262/#sec-newpromisereactionjob
void run_reaction_job(Vm& vm, Value reaction_value, Value argument)
{
    auto* reaction = static_cast<ValueArray*>(reaction_value.as_cell());
    Value handler = reaction->get(3);
    auto type = static_cast<ReactionType>(reaction->get(4).as_i32());
    ThrowOr<Value> result = Value::undefined();
    if (handler.is_undefined()) {
        if (type == ReactionType::Fulfill)
            result = argument;
        else
            result = ThrowOr<Value>(throw_value(vm, argument));
    } else {
        result = Call(vm, handler, Value::undefined(), std::span<Value const>(&argument, 1));
    }
    Value capability_promise = reaction->get(0);
    if (capability_promise.is_undefined()) {
        if (result.is_throw())
            (void)vm.take_exception();
        return;
    }
    if (result.is_throw()) {
        Value reason = vm.take_exception();
        auto r = Call(vm, reaction->get(2), Value::undefined(), std::span<Value const>(&reason, 1));
        if (r.is_throw())
            (void)vm.take_exception();
    } else {
        Value v = result.release_value();
        auto r = Call(vm, reaction->get(1), Value::undefined(), std::span<Value const>(&v, 1));
        if (r.is_throw())
            (void)vm.take_exception();
    }
}

// NewPromiseResolveThenableJob ( promiseToResolve, thenable, then )
// spec: https://tc39.es/ecma262/#sec-newpromiseresolvethenablejob
void run_thenable_job(Vm& vm, Value promise, Value thenable, Value then)
{
    auto functions = create_resolving_functions(vm, static_cast<PromiseObject*>(promise.as_cell()));
    if (functions.is_throw()) {
        (void)vm.take_exception();
        return;
    }
    auto [resolve, reject] = functions.release_value();
    Value call_args[2] = { resolve, reject };
    auto r = Call(vm, then, thenable, call_args);
    if (r.is_throw()) {
        Value reason = vm.take_exception();
        auto rr = Call(vm, reject, Value::undefined(), std::span<Value const>(&reason, 1));
        if (rr.is_throw())
            (void)vm.take_exception();
    }
}

// --- Constructor and prototype ------------------------------------------------------------------------

ThrowOr<Value> promise_constructor(Vm& vm, CallArgs const& args)
{
    if (!args.is_construct())
        return throw_type_error(vm, "Promise constructor cannot be invoked without 'new'");
    Value executor = args.arg(0);
    if (!is_callable(executor))
        return throw_type_error(vm, "Promise resolver %s is not a function", describe_for_error(vm, executor).c_str());
    Object* proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), vm.realm()->promise_prototype));
    PromiseObject* p = TRY(new_promise(vm, proto));
    auto [resolve, reject] = TRY(create_resolving_functions(vm, p));
    Value call_args[2] = { resolve, reject };
    auto r = Call(vm, executor, Value::undefined(), call_args);
    if (r.is_throw()) {
        Value reason = vm.take_exception();
        TRY(Call(vm, reject, Value::undefined(), std::span<Value const>(&reason, 1)));
    }
    return Value::from_cell(p);
}

ThrowOr<Value> promise_prototype_then(Vm& vm, CallArgs const& args)
{
    PromiseObject* p = TRY(this_promise(vm, args.this_value(), "then"));
    Capability capability = TRY(NewPromiseCapability(vm, Value::from_cell(vm.realm()->promise_constructor)));
    TRY(perform_then(vm, p, args.arg(0), args.arg(1), &capability));
    return capability.promise;
}

ThrowOr<Value> promise_prototype_catch(Vm& vm, CallArgs const& args)
{
    Value call_args[2] = { Value::undefined(), args.arg(0) };
    PropertyKey then = PropertyKey::from_atom(common_names(vm).then);
    return Invoke(vm, args.this_value(), then, call_args);
}

ThrowOr<Value> finally_then(Vm& vm, CallArgs const& args, bool rejected)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    Value on_finally = self->data(0);
    Value result = TRY(Call(vm, on_finally, Value::undefined()));
    Object* p = TRY(promise_resolve_value(vm, result));
    NativeFunction* value_thunk = make_native_function(vm, [](Vm& vm, CallArgs const& args) -> ThrowOr<Value> {
        auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
        if (self->data(1).is_true())
            return throw_value(vm, self->data(0));
        return self->data(0);
    }, "", 0);
    if (!value_thunk)
        return throw_out_of_memory(vm);
    value_thunk->set_data(0, args.arg(0));
    value_thunk->set_data(1, Value::boolean(rejected));
    Value then_args[1] = { Value::from_cell(value_thunk) };
    return Invoke(vm, Value::from_cell(p), PropertyKey::from_atom(common_names(vm).then), then_args);
}

ThrowOr<Value> promise_prototype_finally(Vm& vm, CallArgs const& args)
{
    Value on_finally = args.arg(0);
    Value then_args[2] = { on_finally, on_finally };
    if (is_callable(on_finally)) {
        NativeFunction* fulfilled = make_native_function(vm, [](Vm& vm, CallArgs const& args) { return finally_then(vm, args, false); }, "", 1);
        NativeFunction* rejected = fulfilled ? make_native_function(vm, [](Vm& vm, CallArgs const& args) { return finally_then(vm, args, true); }, "", 1) : nullptr;
        if (!rejected)
            return throw_out_of_memory(vm);
        fulfilled->set_data(0, on_finally);
        rejected->set_data(0, on_finally);
        then_args[0] = Value::from_cell(fulfilled);
        then_args[1] = Value::from_cell(rejected);
    }
    return Invoke(vm, args.this_value(), PropertyKey::from_atom(common_names(vm).then), then_args);
}

ThrowOr<Value> promise_resolve_static(Vm& vm, CallArgs const& args)
{
    Value c = args.this_value();
    if (c == Value::from_cell(vm.realm()->promise_constructor)) {
        Object* p = TRY(promise_resolve_value(vm, args.arg(0)));
        return Value::from_cell(p);
    }
    Capability capability = TRY(NewPromiseCapability(vm, c));
    Value v = args.arg(0);
    TRY(Call(vm, capability.resolve, Value::undefined(), std::span<Value const>(&v, 1)));
    return capability.promise;
}

ThrowOr<Value> promise_reject_static(Vm& vm, CallArgs const& args)
{
    Capability capability = TRY(NewPromiseCapability(vm, args.this_value()));
    Value v = args.arg(0);
    TRY(Call(vm, capability.reject, Value::undefined(), std::span<Value const>(&v, 1)));
    return capability.promise;
}

ThrowOr<Value> promise_with_resolvers(Vm& vm, CallArgs const& args)
{
    Capability capability = TRY(NewPromiseCapability(vm, args.this_value()));
    Object* o = TRY(new_object(vm));
    TRY(CreateDataPropertyOrThrow(vm, o, TRY(key_for(vm, "promise")), capability.promise));
    TRY(CreateDataPropertyOrThrow(vm, o, TRY(key_for(vm, "resolve")), capability.resolve));
    TRY(CreateDataPropertyOrThrow(vm, o, TRY(key_for(vm, "reject")), capability.reject));
    return Value::from_cell(o);
}

// The combinators share one shape: iterate, resolve each through C.resolve, and count the
// remaining elements in a ValueArray [values array, remaining count, capability resolve/reject].
enum class Combinator { All, AllSettled, Any, Race };

ThrowOr<Value> combinator_element(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    auto* state = static_cast<ValueArray*>(self->data(0).as_cell());
    i32 packed = self->data(1).as_i32();
    u32 index = static_cast<u32>(packed >> 2);
    u32 mode = static_cast<u32>(packed & 3); // 0 value, 1 settled-fulfilled, 2 settled-rejected, 3 any-error
    // [0] values, [1] remaining, [2] resolve or reject, [3] called flags (object)
    auto* called = static_cast<ValueArray*>(state->get(3).as_cell());
    // Element functions of one combinator may run on several threads (a reaction runs on the
    // thread that settled its promise): the flag and the count change in single atomic steps.
    if (called->exchange(index, Value::boolean(true)).is_true())
        return Value::undefined();
    Value v = args.arg(0);
    if (mode == 1 || mode == 2) {
        Object* entry = TRY(new_object(vm));
        String* status = TRY(new_string(vm, mode == 1 ? "fulfilled" : "rejected"));
        TRY(CreateDataPropertyOrThrow(vm, entry, TRY(key_for(vm, "status")), Value::from_cell(status)));
        TRY(CreateDataPropertyOrThrow(vm, entry, TRY(key_for(vm, mode == 1 ? "value" : "reason")), v));
        v = Value::from_cell(entry);
    }
    auto* values = static_cast<ArrayObject*>(state->get(0).as_cell());
    TRY(CreateDataPropertyOrThrow(vm, values, PropertyKey::from_index(index), v));
    i32 remaining = state->decrement_i32(1);
    if (remaining == 0) {
        Value result = Value::from_cell(values);
        if (mode == 3) {
            String* message = TRY(new_string(vm, "All promises were rejected"));
            Object* error = create_error(vm, ErrorType::AggregateError, message);
            if (!error)
                return throw_out_of_memory(vm);
            TRY(define_builtin_property(vm, error, PropertyKey::from_atom(common_names(vm).errors), result));
            result = Value::from_cell(error);
        }
        TRY(Call(vm, state->get(2), Value::undefined(), std::span<Value const>(&result, 1)));
    }
    return Value::undefined();
}

ThrowOr<Value> run_combinator(Vm& vm, CallArgs const& args, Combinator kind)
{
    Value c = args.this_value();
    Capability capability = TRY(NewPromiseCapability(vm, c));
    RootedValues keep(vm);
    keep.push(capability.promise);
    keep.push(capability.resolve);
    keep.push(capability.reject);
    auto body = [&]() -> ThrowOr<Value> {
        Value resolve = TRY(Get(vm, as_object(c), TRY(key_for(vm, "resolve"))));
        if (!is_callable(resolve))
            return throw_type_error(vm, "Promise resolve is not a function");
        RootedValues items(vm);
        TRY(iterable_to_list(vm, args.arg(0), items));
        ArrayObject* values = TRY(new_array(vm, 0));
        ValueArray* state = ValueArray::try_create(vm, 4);
        ValueArray* called = state ? ValueArray::try_create(vm, static_cast<u32>(items.size()) + 1) : nullptr;
        if (!called)
            return throw_out_of_memory(vm);
        state->set(0, Value::from_cell(values));
        state->set(1, Value::from_i32(static_cast<i32>(items.size()) + 1));
        state->set(2, kind == Combinator::Any ? capability.reject : capability.resolve);
        state->set(3, Value::from_cell(called));
        for (u32 i = 0; i < items.size(); ++i) {
            TRY(CreateDataPropertyOrThrow(vm, values, PropertyKey::from_index(i), Value::undefined()));
            Value next = TRY(Call(vm, resolve, c, std::span<Value const>(&items.values()[i], 1)));
            keep.push(next);
            Value on_fulfilled = capability.resolve;
            Value on_rejected = capability.reject;
            auto element = [&](u32 mode) -> ThrowOr<Value> {
                NativeFunction* f = make_native_function(vm, combinator_element, "", 1);
                if (!f)
                    return throw_out_of_memory(vm);
                f->set_data(0, Value::from_cell(state));
                f->set_data(1, Value::from_i32(static_cast<i32>((i << 2) | mode)));
                return Value::from_cell(f);
            };
            switch (kind) {
            case Combinator::All: on_fulfilled = TRY(element(0)); break;
            case Combinator::AllSettled:
                on_fulfilled = TRY(element(1));
                on_rejected = TRY(element(2));
                break;
            case Combinator::Any: on_rejected = TRY(element(3)); break;
            case Combinator::Race: break;
            }
            Value then_args[2] = { on_fulfilled, on_rejected };
            TRY(Invoke(vm, next, PropertyKey::from_atom(common_names(vm).then), then_args));
        }
        if (kind != Combinator::Race) {
            i32 remaining = state->decrement_i32(1);
            if (remaining == 0) {
                Value result = Value::from_cell(values);
                if (kind == Combinator::Any) {
                    String* message = TRY(new_string(vm, "All promises were rejected"));
                    Object* error = create_error(vm, ErrorType::AggregateError, message);
                    if (!error)
                        return throw_out_of_memory(vm);
                    TRY(define_builtin_property(vm, error, PropertyKey::from_atom(common_names(vm).errors), result));
                    result = Value::from_cell(error);
                }
                TRY(Call(vm, state->get(2), Value::undefined(), std::span<Value const>(&result, 1)));
            }
        }
        return capability.promise;
    };
    auto result = body();
    if (result.is_throw()) {
        Value reason = vm.take_exception();
        TRY(Call(vm, capability.reject, Value::undefined(), std::span<Value const>(&reason, 1)));
        return capability.promise;
    }
    return result;
}

ThrowOr<Value> promise_all(Vm& vm, CallArgs const& args) { return run_combinator(vm, args, Combinator::All); }
ThrowOr<Value> promise_all_settled(Vm& vm, CallArgs const& args) { return run_combinator(vm, args, Combinator::AllSettled); }
ThrowOr<Value> promise_any(Vm& vm, CallArgs const& args) { return run_combinator(vm, args, Combinator::Any); }
ThrowOr<Value> promise_race(Vm& vm, CallArgs const& args) { return run_combinator(vm, args, Combinator::Race); }

constexpr NativeMethod kPromiseMethods[] = {
    { "all", 1, promise_all },
    { "allSettled", 1, promise_all_settled },
    { "any", 1, promise_any },
    { "race", 1, promise_race },
    { "reject", 1, promise_reject_static },
    { "resolve", 1, promise_resolve_static },
    { "withResolvers", 0, promise_with_resolvers },
};

constexpr NativeMethod kPromisePrototypeMethods[] = {
    { "catch", 1, promise_prototype_catch },
    { "finally", 1, promise_prototype_finally },
    { "then", 2, promise_prototype_then },
};

} // namespace

// --- Internal API -------------------------------------------------------------------------------------

Object* promise_create(Vm& vm)
{
    auto p = new_promise(vm, vm.realm()->promise_prototype);
    if (p.is_throw()) {
        (void)vm.take_exception();
        return nullptr;
    }
    return p.release_value();
}

bool is_promise(Value v) { return v.is_cell_of_kind(CellKind::PromiseObject); }

PromiseInfo promise_info(Object* o)
{
    auto* p = static_cast<PromiseObject*>(o);
    p->lock();
    PromiseInfo info { p->state, p->result };
    p->unlock();
    return info;
}

// The resolve function's steps for an internal promise.
ThrowOr<void> promise_resolve(Vm& vm, Object* promise, Value resolution)
{
    auto* p = static_cast<PromiseObject*>(promise);
    if (resolution == Value::from_cell(p)) {
        String* message = TRY(new_string(vm, "Chaining cycle detected for promise #<Promise>"));
        Object* error = create_error(vm, ErrorType::TypeError, message);
        if (!error)
            return throw_out_of_memory(vm);
        settle(vm, p, Value::from_cell(error), PromiseObject::Rejected);
        return {};
    }
    if (!is_object(resolution)) {
        settle(vm, p, resolution, PromiseObject::Fulfilled);
        return {};
    }
    auto then = Get(vm, as_object(resolution), PropertyKey::from_atom(common_names(vm).then));
    if (then.is_throw()) {
        settle(vm, p, vm.take_exception(), PromiseObject::Rejected);
        return {};
    }
    if (!is_callable(then.value())) {
        settle(vm, p, resolution, PromiseObject::Fulfilled);
        return {};
    }
    enqueue(vm, { Job::Kind::PromiseResolveThenable, Value::from_cell(p), resolution, then.value() });
    return {};
}

ThrowOr<void> promise_reject(Vm& vm, Object* promise, Value reason)
{
    settle(vm, static_cast<PromiseObject*>(promise), reason, PromiseObject::Rejected);
    return {};
}

ThrowOr<Object*> promise_resolve_value(Vm& vm, Value x)
{
    if (x.is_cell_of_kind(CellKind::PromiseObject)) {
        Value constructor = TRY(Get(vm, as_object(x), PropertyKey::from_atom(common_names(vm).constructor)));
        if (constructor == Value::from_cell(vm.realm()->promise_constructor))
            return as_object(x);
    }
    PromiseObject* p = TRY(new_promise(vm, vm.realm()->promise_prototype));
    TRY(promise_resolve(vm, p, x));
    return static_cast<Object*>(p);
}

ThrowOr<void> promise_then_no_capability(Vm& vm, Object* promise, Value on_fulfilled, Value on_rejected)
{
    return perform_then(vm, static_cast<PromiseObject*>(promise), on_fulfilled, on_rejected, nullptr);
}

ThrowOr<void> promise_then_into(Vm& vm, Object* promise, Value on_fulfilled, Value on_rejected, Object* result)
{
    auto [resolve, reject] = TRY(create_resolving_functions(vm, static_cast<PromiseObject*>(result)));
    Capability capability { Value::from_cell(result), resolve, reject };
    return perform_then(vm, static_cast<PromiseObject*>(promise), on_fulfilled, on_rejected, &capability);
}

void enqueue_callback_job(Vm& vm, Value callback) { enqueue(vm, { Job::Kind::Callback, callback, Value::undefined(), Value::undefined() }); }

ThrowOr<void> run_microtasks(Vm& vm)
{
    ThreadState& ts = *vm.thread_state();
    while (!ts.microtasks.empty()) {
        Job job = ts.microtasks.front();
        ts.microtasks.pop_front();
        switch (job.kind) {
        case Job::Kind::Callback:
            TRY(Call(vm, job.a, Value::undefined()));
            break;
        case Job::Kind::PromiseReaction:
            run_reaction_job(vm, job.a, job.b);
            break;
        case Job::Kind::PromiseResolveThenable:
            run_thenable_job(vm, job.a, job.b, job.c);
            break;
        }
    }
    return {};
}

std::vector<Value> take_unhandled_rejections(Vm& vm)
{
    std::vector<Value> reasons;
    auto& list = vm.thread_state()->pending_rejections;
    for (Value v : list) {
        auto* p = static_cast<PromiseObject*>(v.as_cell());
        // Another thread may attach a handler (perform_then writes is_handled under the lock).
        p->lock();
        bool handled = p->is_handled;
        Value result = p->result;
        p->unlock();
        if (!handled)
            reasons.push_back(result);
    }
    list.clear();
    return reasons;
}

void register_promise_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] { register_cell_kind(to_u8(CellKind::PromiseObject), { "PromiseObject", PromiseObject::trace, nullptr }); });
}

ThrowOr<void> install_promise(Vm& vm)
{
    register_promise_cell_kinds();
    Realm& realm = *vm.realm();
    NativeFunction* ctor = TRY(install_constructor(vm, "Promise", 1, promise_constructor, realm.promise_prototype));
    realm.promise_constructor = ctor;
    TRY(install_methods(vm, ctor, kPromiseMethods));
    TRY(install_methods(vm, realm.promise_prototype, kPromisePrototypeMethods));
    String* tag = TRY(intern(vm, "Promise"));
    TRY(DefinePropertyOrThrow(vm, realm.promise_prototype, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(tag), PropertyAttributes::data(false, false, true))));
    return {};
}

} // namespace weft
