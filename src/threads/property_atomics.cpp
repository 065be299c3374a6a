// Atomics on object properties (THREADS-API.md section 5).
//
// Each operation is one indivisible, sequentially consistent step on the property's storage
// word. The object's lock is held while the property is located and the step is done, so no add,
// delete, attribute change or move of the property can interleave; plain writes from other
// threads do not take the lock, so read-modify-writes are compare-and-swap loops on the word.
// Waiters park on the parking lot keyed by (object address, property key bits); cells never
// move, and a waiter keeps the object alive (a synchronous one on its stack, an asynchronous one
// in its registration).
#include "base/race_amplifier.h"
#include "builtins/atomics.h"
#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "interpreter/event_loop.h"
#include "interpreter/thread_state.h"
#include "objects/array.h"
#include "threads/restrict.h"
#include "threads/thread_objects.h"
#include "vm/realm.h"
#include "vm/vm.h"

#include <cmath>

namespace weft {

namespace {

char const* op_name(AtomicsOp op)
{
    switch (op) {
    case AtomicsOp::Load: return "Atomics.load";
    case AtomicsOp::Store: return "Atomics.store";
    case AtomicsOp::Add: return "Atomics.add";
    case AtomicsOp::Sub: return "Atomics.sub";
    case AtomicsOp::And: return "Atomics.and";
    case AtomicsOp::Or: return "Atomics.or";
    case AtomicsOp::Xor: return "Atomics.xor";
    case AtomicsOp::Exchange: return "Atomics.exchange";
    case AtomicsOp::CompareExchange: return "Atomics.compareExchange";
    case AtomicsOp::Wait: return "Atomics.wait";
    case AtomicsOp::WaitAsync: return "Atomics.waitAsync";
    case AtomicsOp::Notify: return "Atomics.notify";
    }
    return "Atomics";
}

ParkKey waiter_key(Object* o, PropertyKey key) { return { o, key.bits() }; }

std::string key_text(Vm& vm, PropertyKey key)
{
    if (key.is_index())
        return "'" + std::to_string(key.as_index()) + "'";
    if (key.is_atom())
        return "'" + to_utf8(key.as_atom()) + "'";
    return describe_for_error(vm, Value::from_cell(key.as_cell()));
}

// The step a read-modify-write applies to the current value: the new value, or nullopt when the
// operation stores nothing (compareExchange that does not match). Never runs JavaScript.
struct Step {
    AtomicsOp op;
    Value operand;     // store/exchange: the value; compareExchange: the replacement
    Value expected;    // compareExchange
    double number = 0; // add/sub: ToNumber(v)
    i32 bits = 0;      // and/or/xor: ToInt32(v)
};

enum class StepFailure { None, NotANumber };

std::optional<Value> apply(Step const& step, Value current, StepFailure& failure)
{
    switch (step.op) {
    case AtomicsOp::Store:
    case AtomicsOp::Exchange:
        return step.operand;
    case AtomicsOp::CompareExchange:
        if (!SameValueZero(current, step.expected))
            return std::nullopt;
        return step.operand;
    case AtomicsOp::Add:
    case AtomicsOp::Sub: {
        if (!current.is_number()) {
            failure = StepFailure::NotANumber;
            return std::nullopt;
        }
        double c = current.as_number();
        return Value::from_number(step.op == AtomicsOp::Add ? c + step.number : c - step.number);
    }
    case AtomicsOp::And:
    case AtomicsOp::Or:
    case AtomicsOp::Xor: {
        if (!current.is_number()) {
            failure = StepFailure::NotANumber;
            return std::nullopt;
        }
        // ToInt32 of a Number cannot run JavaScript.
        double d = current.as_number();
        i32 c = 0;
        if (std::isfinite(d)) {
            double m = std::fmod(std::trunc(d), 4294967296.0);
            if (m < 0)
                m += 4294967296.0;
            c = static_cast<i32>(static_cast<u32>(m));
        }
        i32 r = step.op == AtomicsOp::And ? (c & step.bits) : step.op == AtomicsOp::Or ? (c | step.bits) : (c ^ step.bits);
        return Value::from_i32(r);
    }
    default:
        return std::nullopt;
    }
}

// Runs `step` on own data property `key` of `o` under the object's lock. Returns the value read
// (the old value), or throws. `create_if_absent` is Atomics.store's behaviour.
ThrowOr<Value> read_modify_write(Vm& vm, Object* o, PropertyKey key, Step const& step)
{
    char const* name = op_name(step.op);
    if (o->is_array() && key == PropertyKey::from_atom(common_names(vm).length))
        return throw_type_error(vm, "%s: the length of an array is not an atomic property", name);
    for (;;) {
        race_amplify_point();
        Shape* held = o->lock(vm);
        Object::OwnDataLocation where;
        bool found = o->find_own_data_locked(held, key, where);
        if (found && !where.attributes.is_accessor() && (step.op == AtomicsOp::Load || where.attributes.writable())) {
            Value old;
            StepFailure failure = StepFailure::None;
            if (where.slot) {
                old = where.slot->load_seq_cst();
                if (step.op != AtomicsOp::Load) {
                    for (;;) {
                        std::optional<Value> next = apply(step, old, failure);
                        if (!next || where.slot->compare_exchange_seq_cst(old, *next))
                            break; // on failure `old` holds the racing writer's value: retry
                    }
                }
            } else {
                old = *where.locked_value;
                if (step.op != AtomicsOp::Load) {
                    if (std::optional<Value> next = apply(step, old, failure))
                        *where.locked_value = *next;
                }
            }
            o->unlock(held);
            if (failure == StepFailure::NotANumber)
                return throw_type_error(vm, "%s: property %s does not hold a Number", name, key_text(vm, key).c_str());
            return old;
        }
        bool extensible = held->is_extensible();
        o->unlock(held);
        if (found && where.attributes.is_accessor())
            return throw_type_error(vm, "%s: property %s is an accessor, not a data property", name, key_text(vm, key).c_str());
        if (found)
            return throw_type_error(vm, "%s: property %s is not writable", name, key_text(vm, key).c_str());
        if (step.op != AtomicsOp::Store)
            return throw_type_error(vm, "%s: the object has no own data property %s", name, key_text(vm, key).c_str());
        if (!extensible)
            return throw_type_error(vm, "%s: cannot add property %s, the object is not extensible", name, key_text(vm, key).c_str());
        // Absent: create it. A racing creation of the same key is fine (both are stores).
        Outcome created = o->create_data_property(vm, key, step.operand);
        if (created == Outcome::OutOfMemory)
            return throw_out_of_memory(vm);
        if (created == Outcome::True)
            return Value::undefined();
        // Lost a race with preventExtensions or a redefinition: look again.
    }
}

// Where a waiter re-reads the value under the parking-lot bucket lock. Null when the property is
// a sparse element (read under the object's lock just before parking instead).
struct WaitTarget {
    AtomicValue* slot = nullptr;
    Value current;
};

ThrowOr<WaitTarget> locate_for_wait(Vm& vm, Object* o, PropertyKey key, char const* name)
{
    Shape* held = o->lock(vm);
    Object::OwnDataLocation where;
    bool found = o->find_own_data_locked(held, key, where);
    WaitTarget target;
    if (found && !where.attributes.is_accessor()) {
        target.slot = where.slot;
        target.current = where.slot ? where.slot->load_seq_cst() : *where.locked_value;
    }
    o->unlock(held);
    if (!found || where.attributes.is_accessor())
        return throw_type_error(vm, "%s: the object has no own data property %s", name, key_text(vm, key).c_str());
    return target;
}

bool still_expected(WaitTarget const& target, Value expected)
{
    Value current = target.slot ? target.slot->load_seq_cst() : target.current;
    return SameValueZero(current, expected);
}

ThrowOr<double> wait_timeout(Vm& vm, Value timeout)
{
    if (timeout.is_undefined())
        return INFINITY;
    double t = TRY(ToNumber(vm, timeout));
    if (std::isnan(t))
        return INFINITY;
    return std::max(t, 0.0);
}

ThrowOr<Value> result_string(Vm& vm, char const* text) { return Value::from_cell(TRY(intern(vm, text))); }

// Atomics.wait ( o, k, expected, timeout )
ThrowOr<Value> wait_sync(Vm& vm, Object* o, PropertyKey key, Value expected, double timeout)
{
    WaitTarget target = TRY(locate_for_wait(vm, o, key, "Atomics.wait"));
    if (!vm.thread_state()->may_block)
        return throw_type_error(vm, "Atomics.wait: this thread may not block; use Atomics.waitAsync");
    ParkResult result;
    {
        SafeRegion away(vm.mutator());
        race_amplify_point();
        result = parking_lot::park(waiter_key(o, key), [&] { return still_expected(target, expected); }, std::isinf(timeout) ? -1 : timeout);
    }
    return result_string(vm, result == ParkResult::Invalid ? "not-equal" : result == ParkResult::TimedOut ? "timed-out" : "ok");
}

struct AsyncPropertyWaiter : ParkWaiter {
    ThreadState* thread = nullptr;
};

ThrowOr<void> resolve_wait_async(Vm& vm, Object* promise, char const* text)
{
    Value v = TRY(result_string(vm, text));
    return promise_resolve(vm, promise, v);
}

// The notify arrived: drop the timer (if any) and resolve with "ok".
ThrowOr<void> finish_wait_async(Vm& vm, PostedTask const& task)
{
    delete static_cast<AsyncPropertyWaiter*>(task.data);
    std::vector<Value> values = take_async_registration(vm, task.number);
    if (values[2].is_number()) {
        auto& timers = vm.thread_state()->timers;
        u64 id = static_cast<u64>(values[2].as_number());
        std::erase_if(timers, [id](Timer const& t) { return t.id == id; });
    }
    return resolve_wait_async(vm, as_object(values[0]), "ok");
}

// The timeout passed first: if the waiter is still queued, it is ours to cancel.
ThrowOr<Value> wait_async_timed_out(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    u64 token = static_cast<u64>(self->data(0).as_number());
    auto* waiter = reinterpret_cast<AsyncPropertyWaiter*>(static_cast<uptr>(self->data(1).as_number()));
    if (!parking_lot::cancel(waiter))
        return Value::undefined(); // notified meanwhile: finish_wait_async is on its way
    delete waiter;
    cancel_expected_task(vm);
    std::vector<Value> values = take_async_registration(vm, token);
    TRY(resolve_wait_async(vm, as_object(values[0]), "timed-out"));
    return Value::undefined();
}

ThrowOr<Value> wait_result_object(Vm& vm, bool is_async, Value value)
{
    Object* result = TRY(new_object(vm));
    TRY(CreateDataPropertyOrThrow(vm, result, PropertyKey::from_atom(TRY(intern(vm, "async"))), Value::boolean(is_async)));
    TRY(CreateDataPropertyOrThrow(vm, result, PropertyKey::from_atom(TRY(intern(vm, "value"))), value));
    return Value::from_cell(result);
}

// The asynchronous wait shared by both forms: registers a waiter on `key` unless
// `still_expected()` (run under the bucket lock) is false, and returns the result object.
// `keep_alive` (the object or typed array waited on) stays registered until the wait ends.
ThrowOr<Value> wait_async_on(Vm& vm, ParkKey key, Value keep_alive, std::function<bool()> const& still_expected, double timeout)
{
    if (!still_expected())
        return wait_result_object(vm, false, TRY(result_string(vm, "not-equal")));
    if (timeout == 0)
        return wait_result_object(vm, false, TRY(result_string(vm, "timed-out")));
    Object* promise = promise_create(vm);
    if (!promise)
        return throw_out_of_memory(vm);
    ThreadState& ts = *vm.thread_state();
    auto* waiter = new AsyncPropertyWaiter;
    waiter->key = key;
    waiter->thread = &ts;
    Value timer_id = Value::undefined();
    u64 token = add_async_registration(vm, { Value::from_cell(promise), keep_alive, timer_id });
    waiter->token = token;
    waiter->on_unpark = [](ParkWaiter* w, bool) {
        auto* self = static_cast<AsyncPropertyWaiter*>(w);
        post_task(*self->thread, { finish_wait_async, {}, {}, {}, self->token, self });
    };
    expect_posted_task(vm);
    if (!parking_lot::park_async(waiter, still_expected)) {
        // Changed between the check and the enqueue: as if notified at once.
        post_task(ts, { finish_wait_async, {}, {}, {}, token, waiter });
    } else if (std::isfinite(timeout)) {
        NativeFunction* on_timeout = make_native_function(vm, wait_async_timed_out, "", 0);
        if (!on_timeout) {
            if (parking_lot::cancel(waiter)) {
                delete waiter;
                cancel_expected_task(vm);
                (void)take_async_registration(vm, token);
            }
            return throw_out_of_memory(vm);
        }
        on_timeout->set_data(0, Value::from_double(static_cast<double>(token)));
        on_timeout->set_data(1, Value::from_double(static_cast<double>(reinterpret_cast<uptr>(waiter))));
        Timer timer;
        timer.id = ts.next_timer_id++;
        timer.due_ms = monotonic_ms() + timeout;
        timer.interval_ms = -1;
        timer.callback = Value::from_cell(on_timeout);
        ts.timers.push_back(std::move(timer));
        ts.async_registrations[token][2] = Value::from_double(static_cast<double>(ts.timers.back().id));
    }
    return wait_result_object(vm, true, Value::from_cell(promise));
}

// Atomics.waitAsync ( o, k, expected, timeout )
ThrowOr<Value> wait_async(Vm& vm, Object* o, PropertyKey key, Value expected, double timeout)
{
    WaitTarget target = TRY(locate_for_wait(vm, o, key, "Atomics.waitAsync"));
    return wait_async_on(vm, waiter_key(o, key), Value::from_cell(o), [&] { return still_expected(target, expected); }, timeout);
}

} // namespace

ThrowOr<Value> typed_array_wait_async(Vm& vm, Object* typed_array, i32* address, i32 expected, double timeout_ms)
{
    return wait_async_on(vm, { address, 0 }, Value::from_cell(typed_array),
        [address, expected] { return __atomic_load_n(address, __ATOMIC_SEQ_CST) == expected; }, timeout_ms);
}

ThrowOr<Value> property_atomics(Vm& vm, AtomicsOp op, CallArgs const& args)
{
    Object* o = as_object(args.arg(0));
    PropertyKey key = TRY(ToPropertyKey(vm, args.arg(1)));
    // Every form reads or writes the property (notify names it), so all are checked accesses.
    TRY(check_object_access(vm, o));
    Step step { op, Value::undefined(), Value::undefined() };
    switch (op) {
    case AtomicsOp::Load:
        return read_modify_write(vm, o, key, step);
    case AtomicsOp::Store: {
        step.operand = args.arg(2);
        TRY(read_modify_write(vm, o, key, step));
        return step.operand;
    }
    case AtomicsOp::Exchange:
        step.operand = args.arg(2);
        return read_modify_write(vm, o, key, step);
    case AtomicsOp::CompareExchange:
        step.expected = args.arg(2);
        step.operand = args.arg(3);
        return read_modify_write(vm, o, key, step);
    case AtomicsOp::Add:
    case AtomicsOp::Sub:
        step.number = TRY(ToNumber(vm, args.arg(2)));
        return read_modify_write(vm, o, key, step);
    case AtomicsOp::And:
    case AtomicsOp::Or:
    case AtomicsOp::Xor:
        step.bits = TRY(ToInt32(vm, args.arg(2)));
        return read_modify_write(vm, o, key, step);
    case AtomicsOp::Wait:
    case AtomicsOp::WaitAsync: {
        Value expected = args.arg(2);
        double timeout = TRY(wait_timeout(vm, args.arg(3)));
        if (op == AtomicsOp::Wait)
            return wait_sync(vm, o, key, expected, timeout);
        return wait_async(vm, o, key, expected, timeout);
    }
    case AtomicsOp::Notify: {
        u32 count = ~0u;
        if (!args.arg(2).is_undefined()) {
            double c = TRY(ToIntegerOrInfinity(vm, args.arg(2)));
            count = c <= 0 ? 0 : c >= 4294967295.0 ? ~0u : static_cast<u32>(c);
        }
        race_amplify_point();
        return Value::from_u64(parking_lot::unpark(waiter_key(o, key), count));
    }
    }
    return Value::undefined();
}

} // namespace weft
