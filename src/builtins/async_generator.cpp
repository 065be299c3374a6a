// Async generator objects and their request queue, %AsyncIteratorPrototype% and
// %AsyncFromSyncIteratorPrototype%.
// spec: https://tc39.es/ecma262/#sec-asyncgenerator-objects
//
// A request is a triple [kind, value, promise] (kind 0 next, 1 throw, 2 return) in the
// generator's queue: an immutable ValueArray that is replaced as a whole by compare-and-swap, so
// the queue lives in the heap where the collector sees it and a reader never sees it half-built.
// The generator body runs in the coroutine (interpreter.cpp); the interpreter calls
// async_generator_yield at each yield and async_generator_body_completed when the body ends.
//
// Threads: any thread may call next/return/throw while another runs the body. A request is
// enqueued first and the state read afterwards; a thread that leaves the executing or
// draining state stores the new state first and reads the queue afterwards (both sequentially
// consistent), so one of the two sees the other: either the requester finds the generator
// suspended and takes it (a CAS on the state decides between racing requesters), or the
// suspending thread finds the new request and goes on with it.
#include "builtins/async_generator.h"

#include "builtins/builtins.h"
#include "builtins/iterator.h"
#include "builtins/promise.h"
#include "interpreter/coroutine.h"
#include "interpreter/interpreter.h"

namespace weft {

namespace {

enum RequestKind : u32 { Next = 0, Throw = 1, Return = 2 };

struct Request {
    u32 kind;
    Value value;
    Value promise;
};

ValueArray* queue_of(Coroutine* c)
{
    Value q = c->queue.load_acquire();
    return q.is_undefined() ? nullptr : static_cast<ValueArray*>(q.as_cell());
}

bool queue_empty(Coroutine* c)
{
    ValueArray* q = queue_of(c);
    return !q || q->count() == 0;
}

Request first_request(Coroutine* c)
{
    ValueArray* q = queue_of(c);
    return { static_cast<u32>(q->get(0).as_i32()), q->get(1), q->get(2) };
}

// AsyncGeneratorEnqueue
// spec: https://tc39.es/ecma262/#sec-asyncgeneratorenqueue
ThrowOr<void> enqueue(Vm& vm, Coroutine* c, u32 kind, Value value, Object* promise)
{
    for (;;) {
        Value old = c->queue.load_acquire();
        u32 count = old.is_undefined() ? 0 : static_cast<ValueArray*>(old.as_cell())->count();
        ValueArray* q = ValueArray::try_create(vm, count + 3);
        if (!q)
            return throw_out_of_memory(vm);
        for (u32 i = 0; i < count; ++i)
            q->set(i, static_cast<ValueArray*>(old.as_cell())->get(i));
        q->set(count, Value::from_i32(static_cast<i32>(kind)));
        q->set(count + 1, value);
        q->set(count + 2, Value::from_cell(promise));
        if (c->queue.compare_exchange_seq_cst(old, Value::from_cell(q)))
            return {};
    }
}

// Removes the first request.
ThrowOr<Request> dequeue(Vm& vm, Coroutine* c)
{
    for (;;) {
        Value old = c->queue.load_acquire();
        auto* q = static_cast<ValueArray*>(old.as_cell());
        Request first { static_cast<u32>(q->get(0).as_i32()), q->get(1), q->get(2) };
        ValueArray* rest = ValueArray::try_create(vm, q->count() - 3);
        if (!rest)
            return throw_out_of_memory(vm);
        for (u32 i = 3; i < q->count(); ++i)
            rest->set(i - 3, q->get(i));
        if (c->queue.compare_exchange_seq_cst(old, Value::from_cell(rest)))
            return first;
    }
}

Value take_error(Vm& vm)
{
    return vm.take_exception();
}

// AsyncGeneratorCompleteStep
// spec: https://tc39.es/ecma262/#sec-asyncgeneratorcompletestep
void complete_step(Vm& vm, Coroutine* c, Value value, bool is_throw, bool done)
{
    auto next = dequeue(vm, c);
    if (next.is_throw()) {
        (void)take_error(vm);
        return;
    }
    Object* promise = as_object(next.value().promise);
    if (is_throw) {
        (void)promise_reject(vm, promise, value);
        return;
    }
    auto result = CreateIterResultObject(vm, value, done);
    if (result.is_throw()) {
        (void)promise_reject(vm, promise, take_error(vm));
        return;
    }
    (void)promise_resolve(vm, promise, Value::from_cell(result.value()));
}

void drain_queue(Vm&, Coroutine*);

ThrowOr<Value> await_return_settled(Vm& vm, CallArgs const& args, bool rejected)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    auto* c = static_cast<Coroutine*>(self->data(0).as_cell());
    complete_step(vm, c, args.arg(0), rejected, true);
    drain_queue(vm, c);
    return Value::undefined();
}
ThrowOr<Value> await_return_fulfilled(Vm& vm, CallArgs const& args) { return await_return_settled(vm, args, false); }
ThrowOr<Value> await_return_rejected(Vm& vm, CallArgs const& args) { return await_return_settled(vm, args, true); }

// AsyncGeneratorAwaitReturn
// spec: https://tc39.es/ecma262/#sec-asyncgeneratorawaitreturn
void await_return(Vm& vm, Coroutine* c)
{
    Request next = first_request(c);
    auto promise = promise_resolve_value(vm, next.value);
    if (promise.is_throw()) {
        complete_step(vm, c, take_error(vm), true, true);
        drain_queue(vm, c);
        return;
    }
    NativeFunction* on_fulfilled = make_native_function(vm, await_return_fulfilled, "", 1);
    NativeFunction* on_rejected = on_fulfilled ? make_native_function(vm, await_return_rejected, "", 1) : nullptr;
    if (!on_rejected) {
        (void)throw_out_of_memory(vm);
        complete_step(vm, c, take_error(vm), true, true);
        drain_queue(vm, c);
        return;
    }
    on_fulfilled->set_data(0, Value::from_cell(c));
    on_rejected->set_data(0, Value::from_cell(c));
    if (promise_then_no_capability(vm, promise.value(), Value::from_cell(on_fulfilled), Value::from_cell(on_rejected)).is_throw())
        (void)take_error(vm);
}

// AsyncGeneratorDrainQueue
// spec: https://tc39.es/ecma262/#sec-asyncgeneratordrainqueue
void drain_queue(Vm& vm, Coroutine* c)
{
    for (;;) {
        if (queue_empty(c)) {
            c->generator_state.store_seq_cst(Coroutine::AgCompleted);
            // A request enqueued by a thread that still saw the draining state.
            u32 expected = Coroutine::AgCompleted;
            if (queue_empty(c) || !c->generator_state.compare_exchange_seq_cst(expected, Coroutine::AgDrainingQueue))
                return;
            continue;
        }
        Request next = first_request(c);
        if (next.kind == Return) {
            await_return(vm, c);
            return;
        }
        complete_step(vm, c, next.kind == Throw ? next.value : Value::undefined(), next.kind == Throw, true);
    }
}

// AsyncGeneratorResume: if the generator is suspended, takes it (executing) and runs the body
// with the first queued request until its next yield, await or end.
// spec: https://tc39.es/ecma262/#sec-asyncgeneratorresume
ThrowOr<void> try_resume(Vm& vm, Coroutine* c)
{
    for (;;) {
        u32 state = c->generator_state.load_seq_cst();
        if ((state != Coroutine::AgSuspendedStart && state != Coroutine::AgSuspendedYield) || queue_empty(c))
            return {};
        if (!c->generator_state.compare_exchange_seq_cst(state, Coroutine::AgExecuting))
            continue;
        Request first = first_request(c);
        bool yielded = false;
        TRY(resume_coroutine(vm, c, first.value, first.kind, &yielded));
        return {};
    }
}

// After a transition to completed: drains requests enqueued by threads that saw an earlier state.
void drain_if_requests(Vm& vm, Coroutine* c)
{
    u32 expected = Coroutine::AgCompleted;
    if (!queue_empty(c) && c->generator_state.compare_exchange_seq_cst(expected, Coroutine::AgDrainingQueue))
        drain_queue(vm, c);
}

// AsyncGeneratorValidate; on failure the request's promise is rejected (IfAbruptRejectPromise).
Coroutine* validate(Vm& vm, Value generator, Object* promise, char const* method)
{
    if (generator.is_cell_of_kind(CellKind::GeneratorObject) && static_cast<Coroutine*>(generator.as_cell())->kind() == Coroutine::AsyncGenerator)
        return static_cast<Coroutine*>(generator.as_cell());
    (void)throw_type_error(vm, "%s method called on incompatible receiver %s", method, describe_for_error(vm, generator).c_str());
    (void)promise_reject(vm, promise, take_error(vm));
    return nullptr;
}

ThrowOr<Object*> new_request_promise(Vm& vm)
{
    Object* promise = promise_create(vm);
    if (!promise)
        return throw_out_of_memory(vm);
    return promise;
}

// AsyncGenerator.prototype.next ( value )
// spec: https://tc39.es/ecma262/#sec-asyncgenerator-prototype-next
ThrowOr<Value> async_generator_next(Vm& vm, CallArgs const& args)
{
    Object* promise = TRY(new_request_promise(vm));
    Coroutine* c = validate(vm, args.this_value(), promise, "AsyncGenerator.prototype.next");
    if (!c)
        return Value::from_cell(promise);
    if (c->generator_state.load_seq_cst() == Coroutine::AgCompleted) {
        Object* result = TRY(CreateIterResultObject(vm, Value::undefined(), true));
        TRY(promise_resolve(vm, promise, Value::from_cell(result)));
        return Value::from_cell(promise);
    }
    TRY(enqueue(vm, c, Next, args.arg(0), promise));
    TRY(try_resume(vm, c));
    drain_if_requests(vm, c);
    return Value::from_cell(promise);
}

// AsyncGenerator.prototype.return ( value )
// spec: https://tc39.es/ecma262/#sec-asyncgenerator-prototype-return
ThrowOr<Value> async_generator_return(Vm& vm, CallArgs const& args)
{
    Object* promise = TRY(new_request_promise(vm));
    Coroutine* c = validate(vm, args.this_value(), promise, "AsyncGenerator.prototype.return");
    if (!c)
        return Value::from_cell(promise);
    TRY(enqueue(vm, c, Return, args.arg(0), promise));
    for (;;) {
        u32 state = c->generator_state.load_seq_cst();
        if (state == Coroutine::AgSuspendedStart || state == Coroutine::AgCompleted) {
            if (!c->generator_state.compare_exchange_seq_cst(state, Coroutine::AgDrainingQueue))
                continue;
            // The queue may hold earlier requests of other threads: drain them in order.
            drain_queue(vm, c);
        } else if (state == Coroutine::AgSuspendedYield) {
            TRY(try_resume(vm, c));
        }
        return Value::from_cell(promise);
    }
}

// AsyncGenerator.prototype.throw ( exception )
// spec: https://tc39.es/ecma262/#sec-asyncgenerator-prototype-throw
ThrowOr<Value> async_generator_throw(Vm& vm, CallArgs const& args)
{
    Object* promise = TRY(new_request_promise(vm));
    Coroutine* c = validate(vm, args.this_value(), promise, "AsyncGenerator.prototype.throw");
    if (!c)
        return Value::from_cell(promise);
    u32 state = c->generator_state.load_seq_cst();
    if (state == Coroutine::AgSuspendedStart && c->generator_state.compare_exchange_seq_cst(state, Coroutine::AgCompleted))
        state = Coroutine::AgCompleted;
    if (state == Coroutine::AgCompleted) {
        TRY(promise_reject(vm, promise, args.arg(0)));
        drain_if_requests(vm, c);
        return Value::from_cell(promise);
    }
    TRY(enqueue(vm, c, Throw, args.arg(0), promise));
    TRY(try_resume(vm, c));
    drain_if_requests(vm, c);
    return Value::from_cell(promise);
}

// %AsyncGeneratorFunction% ( ...parameterArgs, bodyArg ): creating functions from source text is
// not supported (there is no Function constructor either).
// spec: https://tc39.es/ecma262/#sec-asyncgeneratorfunction-constructor
ThrowOr<Value> async_generator_function_constructor(Vm& vm, CallArgs const&)
{
    return throw_type_error(vm, "AsyncGeneratorFunction: code generation from strings is not supported");
}

ThrowOr<Value> async_iterator_prototype_async_iterator(Vm&, CallArgs const& args) { return args.this_value(); }

// --- %AsyncFromSyncIteratorPrototype% ------------------------------------------------------------
// spec: https://tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%-object
// The object is an InternalIterator of type AsyncFromSync whose target is [iterator, next].

ValueArray* sync_record(Value this_value)
{
    auto* it = static_cast<InternalIterator*>(this_value.as_cell());
    return static_cast<ValueArray*>(it->target().as_cell());
}

ThrowOr<Value> unwrap_fulfilled(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    return Value::from_cell(TRY(CreateIterResultObject(vm, args.arg(0), self->data(0).is_true())));
}

ThrowOr<Value> close_and_rethrow(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    vm.set_exception(args.arg(0));
    iterator_close_quietly(vm, self->data(0));
    return ThrowCompletion {};
}

// Rejects `promise` with the pending exception.
Value reject_with_pending(Vm& vm, Object* promise)
{
    (void)promise_reject(vm, promise, take_error(vm));
    return Value::from_cell(promise);
}

// AsyncFromSyncIteratorContinuation ( result, promiseCapability, syncIteratorRecord, closeOnRejection )
// spec: https://tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation
Value continuation(Vm& vm, Value result, Object* promise, Value sync_iterator, bool close_on_rejection)
{
    auto done_value = Get(vm, as_object(result), PropertyKey::from_atom(common_names(vm).done));
    if (done_value.is_throw())
        return reject_with_pending(vm, promise);
    bool done = ToBoolean(done_value.value());
    auto value = Get(vm, as_object(result), PropertyKey::from_atom(common_names(vm).value));
    if (value.is_throw())
        return reject_with_pending(vm, promise);
    auto wrapper = promise_resolve_value(vm, value.value());
    if (wrapper.is_throw()) {
        if (!done && close_on_rejection)
            iterator_close_quietly(vm, sync_iterator);
        return reject_with_pending(vm, promise);
    }
    NativeFunction* on_fulfilled = make_native_function(vm, unwrap_fulfilled, "", 1);
    if (!on_fulfilled) {
        (void)throw_out_of_memory(vm);
        return reject_with_pending(vm, promise);
    }
    on_fulfilled->set_data(0, Value::boolean(done));
    Value on_rejected = Value::undefined();
    if (!done && close_on_rejection) {
        NativeFunction* closer = make_native_function(vm, close_and_rethrow, "", 1);
        if (!closer) {
            (void)throw_out_of_memory(vm);
            return reject_with_pending(vm, promise);
        }
        closer->set_data(0, sync_iterator);
        on_rejected = Value::from_cell(closer);
    }
    if (promise_then_into(vm, wrapper.value(), Value::from_cell(on_fulfilled), on_rejected, promise).is_throw())
        return reject_with_pending(vm, promise);
    return Value::from_cell(promise);
}

ThrowOr<Value> async_from_sync_next(Vm& vm, CallArgs const& args)
{
    Object* promise = TRY(new_request_promise(vm));
    ValueArray* record = sync_record(args.this_value());
    Value iterator = record->get(0);
    auto result = args.count() > 0 ? Call(vm, record->get(1), iterator, std::span<Value const>(args.values(), 1)) : Call(vm, record->get(1), iterator);
    if (result.is_throw())
        return reject_with_pending(vm, promise);
    if (!is_object(result.value())) {
        (void)throw_type_error(vm, "Iterator result %s is not an object", describe_for_error(vm, result.value()).c_str());
        return reject_with_pending(vm, promise);
    }
    return continuation(vm, result.value(), promise, iterator, true);
}

ThrowOr<Value> async_from_sync_return(Vm& vm, CallArgs const& args)
{
    Object* promise = TRY(new_request_promise(vm));
    Value iterator = sync_record(args.this_value())->get(0);
    auto method = GetMethod(vm, iterator, PropertyKey::from_atom(common_names(vm).return_));
    if (method.is_throw())
        return reject_with_pending(vm, promise);
    if (method.value().is_undefined()) {
        Object* result = TRY(CreateIterResultObject(vm, args.arg(0), true));
        TRY(promise_resolve(vm, promise, Value::from_cell(result)));
        return Value::from_cell(promise);
    }
    auto result = args.count() > 0 ? Call(vm, method.value(), iterator, std::span<Value const>(args.values(), 1)) : Call(vm, method.value(), iterator);
    if (result.is_throw())
        return reject_with_pending(vm, promise);
    if (!is_object(result.value())) {
        (void)throw_type_error(vm, "Iterator result %s is not an object", describe_for_error(vm, result.value()).c_str());
        return reject_with_pending(vm, promise);
    }
    return continuation(vm, result.value(), promise, iterator, false);
}

ThrowOr<Value> async_from_sync_throw(Vm& vm, CallArgs const& args)
{
    Object* promise = TRY(new_request_promise(vm));
    Value iterator = sync_record(args.this_value())->get(0);
    auto method = GetMethod(vm, iterator, PropertyKey::from_atom(common_names(vm).throw_));
    if (method.is_throw())
        return reject_with_pending(vm, promise);
    if (method.value().is_undefined()) {
        // No throw method: close the iterator, then reject with a TypeError.
        if (IteratorClose(vm, iterator).is_throw())
            return reject_with_pending(vm, promise);
        (void)throw_type_error(vm, "The iterator does not provide a 'throw' method");
        return reject_with_pending(vm, promise);
    }
    auto result = args.count() > 0 ? Call(vm, method.value(), iterator, std::span<Value const>(args.values(), 1)) : Call(vm, method.value(), iterator);
    if (result.is_throw())
        return reject_with_pending(vm, promise);
    if (!is_object(result.value())) {
        (void)throw_type_error(vm, "Iterator result %s is not an object", describe_for_error(vm, result.value()).c_str());
        return reject_with_pending(vm, promise);
    }
    return continuation(vm, result.value(), promise, iterator, true);
}

constexpr NativeMethod kAsyncGeneratorMethods[] = {
    { "next", 1, async_generator_next },
    { "return", 1, async_generator_return },
    { "throw", 1, async_generator_throw },
};
constexpr NativeMethod kAsyncIteratorMethods[] = { { "@@asyncIterator", 0, async_iterator_prototype_async_iterator } };
constexpr NativeMethod kAsyncFromSyncMethods[] = {
    { "next", 1, async_from_sync_next },
    { "return", 1, async_from_sync_return },
    { "throw", 1, async_from_sync_throw },
};

ThrowOr<void> set_tag(Vm& vm, Object* o, char const* tag)
{
    String* s = TRY(intern(vm, tag));
    return DefinePropertyOrThrow(vm, o, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(s), PropertyAttributes::data(false, false, true)));
}

} // namespace

ThrowOr<bool> async_generator_yield(Vm& vm, Coroutine* c, Value value, Value* resume_value, u32* resume_kind)
{
    complete_step(vm, c, value, false, false);
    if (queue_empty(c))
        return false;
    Request next = first_request(c);
    *resume_kind = next.kind;
    *resume_value = next.value;
    return true;
}

bool async_generator_suspend(Coroutine* c, Value* resume_value, u32* resume_kind)
{
    c->generator_state.store_seq_cst(Coroutine::AgSuspendedYield);
    // A request enqueued by a thread that still saw the executing state: take the generator back.
    u32 expected = Coroutine::AgSuspendedYield;
    if (queue_empty(c) || !c->generator_state.compare_exchange_seq_cst(expected, Coroutine::AgExecuting))
        return false;
    Request next = first_request(c);
    *resume_kind = next.kind;
    *resume_value = next.value;
    return true;
}

void async_generator_body_completed(Vm& vm, Coroutine* c, Value value, bool is_throw)
{
    c->generator_state.store_release(Coroutine::AgDrainingQueue);
    complete_step(vm, c, value, is_throw, true);
    drain_queue(vm, c);
}

ThrowOr<void> create_async_from_sync_iterator(Vm& vm, Value sync_iterator, Value sync_next, Value* out)
{
    ValueArray* record = ValueArray::try_create(vm, 2);
    if (!record)
        return throw_out_of_memory(vm);
    record->set(0, sync_iterator);
    record->set(1, sync_next);
    InternalIterator* it = InternalIterator::try_create(vm, vm.realm()->async_from_sync_iterator_prototype, Value::from_cell(record), InternalIterator::AsyncFromSync, InternalIterator::Values);
    if (!it)
        return throw_out_of_memory(vm);
    out[0] = Value::from_cell(it);
    out[1] = TRY(Get(vm, it, PropertyKey::from_atom(common_names(vm).next)));
    return {};
}

ThrowOr<void> install_async_generator(Vm& vm)
{
    Realm& realm = *vm.realm();
    TRY(install_methods(vm, realm.async_iterator_prototype, kAsyncIteratorMethods));
    TRY(install_methods(vm, realm.async_generator_prototype, kAsyncGeneratorMethods));
    TRY(set_tag(vm, realm.async_generator_prototype, "AsyncGenerator"));
    TRY(install_methods(vm, realm.async_from_sync_iterator_prototype, kAsyncFromSyncMethods));
    CommonNames const& names = common_names(vm);
    TRY(DefinePropertyOrThrow(vm, realm.async_generator_function_prototype, PropertyKey::from_atom(names.prototype),
        PropertyDescriptor::data(Value::from_cell(realm.async_generator_prototype), PropertyAttributes::data(false, false, true))));
    TRY(DefinePropertyOrThrow(vm, realm.async_generator_prototype, PropertyKey::from_atom(names.constructor),
        PropertyDescriptor::data(Value::from_cell(realm.async_generator_function_prototype), PropertyAttributes::data(false, false, true))));
    TRY(set_tag(vm, realm.async_generator_function_prototype, "AsyncGeneratorFunction"));
    NativeFunction* constructor = make_native_function(vm, async_generator_function_constructor, "AsyncGeneratorFunction", 1);
    if (!constructor)
        return throw_out_of_memory(vm);
    TRY(DefinePropertyOrThrow(vm, constructor, PropertyKey::from_atom(names.prototype),
        PropertyDescriptor::data(Value::from_cell(realm.async_generator_function_prototype), PropertyAttributes::data(false, false, false))));
    TRY(DefinePropertyOrThrow(vm, realm.async_generator_function_prototype, PropertyKey::from_atom(names.constructor),
        PropertyDescriptor::data(Value::from_cell(constructor), PropertyAttributes::data(false, false, true))));
    return {};
}

} // namespace weft
