// Lock and Condition (THREADS-API.md sections 2 and 3), on the parking lot.
//
// A Lock is a futex-style word (thread_objects.h): an uncontended hold is one CAS to take it and
// one to give it back. Contended synchronous acquirers park on the word, out of the heap (R6).
// Asynchronous acquirers (asyncHold, Condition.asyncWait) park as callbacks: the releasing
// thread hands the lock over to the oldest one directly and posts the grant to its event loop.
#include "base/race_amplifier.h"
#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "interpreter/event_loop.h"
#include "interpreter/thread_state.h"
#include "threads/thread_objects.h"
#include "vm/realm.h"
#include "vm/vm.h"

namespace weft {

namespace {

// An asynchronous acquirer: the thread it acquires for, and where to post the grant.
struct AsyncLockWaiter : ParkWaiter {
    u32 owner = 0;
    ThreadState* thread = nullptr;
};

u32 owner_word(Vm& vm) { return current_thread_id(vm) + 1; }

bool try_acquire(LockObject* lock)
{
    u32 expected = 0;
    return lock->word.compare_exchange_acq_rel(expected, 1);
}

// For an asynchronous waiter's validation, under the bucket lock: false if the lock is free (the
// caller retries taking it), else marks it contended and returns true (the waiter is queued).
bool mark_contended(LockObject* lock)
{
    for (;;) {
        u32 word = lock->word.load_seq_cst();
        if (word == 0)
            return false;
        if (word == 2)
            return true;
        if (lock->word.compare_exchange_seq_cst(word, 2))
            return true;
    }
}

ThrowOr<void> grant_async_lock(Vm&, PostedTask const&);

} // namespace

// How many times a contended blocking acquire polls the lock word before it parks.
constexpr u32 kAcquireSpins = 200;

bool lock_held_by_caller(Vm& vm, LockObject* lock)
{
    return (lock->owner.load_seq_cst() & ~LockObject::kAsyncOwner) == owner_word(vm);
}

void lock_release(LockObject* lock)
{
    race_amplify_point();
    u32 held = 1;
    if (lock->word.compare_exchange_acq_rel(held, 0))
        return;
    // Contended: wake the oldest waiter. An asynchronous one receives the lock itself (it cannot
    // retry); a synchronous one finds it free and takes it.
    parking_lot::unpark_one(lock->park_key(), [lock](ParkWaiter* woken, bool more) {
        if (woken && woken->on_unpark) {
            auto* waiter = static_cast<AsyncLockWaiter*>(woken);
            lock->grant.fetch_add_seq_cst(1);
            lock->owner.store_seq_cst(waiter->owner | LockObject::kAsyncOwner);
            lock->word.store_seq_cst(more ? 2 : 1);
        } else {
            lock->word.store_seq_cst(0);
        }
    });
}

void lock_acquire_blocking(Vm& vm, LockObject* lock)
{
    race_amplify_point();
    if (try_acquire(lock))
        return;
    // Spin briefly before parking: a holder usually releases within a few hundred cycles (a
    // Condition hand-off re-acquires right after the notifier's short critical section), and a
    // park/unpark pair costs microseconds. In the locked mode the holder cannot run while we
    // hold the global lock, so there we park at once.
    if (threads_mode(vm) == ThreadsMode::Parallel) {
        for (u32 i = 0; i < kAcquireSpins; ++i) {
            cpu_relax();
            if (lock->word.load_relaxed() == 0 && try_acquire(lock))
                return;
        }
    }
    SafeRegion away(vm.mutator());
    for (;;) {
        if (lock->word.exchange_acq_rel(2) == 0)
            return; // taken, conservatively marked contended
        parking_lot::park(lock->park_key(), [lock] { return lock->word.load_seq_cst() == 2; });
    }
}

void lock_acquire_async(Vm& vm, LockObject* lock, Object* promise, Value fn)
{
    u64 token = add_async_registration(vm, { Value::from_cell(promise), Value::from_cell(lock), fn });
    expect_posted_task(vm);
    auto* waiter = new AsyncLockWaiter;
    waiter->key = lock->park_key();
    waiter->token = token;
    waiter->owner = owner_word(vm);
    waiter->thread = vm.thread_state();
    waiter->on_unpark = [](ParkWaiter* w, bool) {
        auto* self = static_cast<AsyncLockWaiter*>(w);
        post_task(*self->thread, { grant_async_lock, {}, {}, {}, self->token, self });
    };
    race_amplify_point();
    for (;;) {
        if (try_acquire(lock)) {
            lock->grant.fetch_add_seq_cst(1);
            lock->owner.store_seq_cst(waiter->owner | LockObject::kAsyncOwner);
            post_task(*waiter->thread, { grant_async_lock, {}, {}, {}, token, waiter });
            return;
        }
        if (parking_lot::park_async(waiter, [lock] { return mark_contended(lock); }))
            return;
    }
}

void lock_acquire_async(Vm& vm, LockObject* lock, Object* promise) { lock_acquire_async(vm, lock, promise, Value::undefined()); }

// --- Lock -------------------------------------------------------------------------------------

static ThrowOr<LockObject*> this_lock(Vm& vm, CallArgs const& args, char const* method)
{
    Value v = args.this_value();
    if (!v.is_cell_of_kind(CellKind::LockObject))
        return throw_type_error(vm, "Lock.prototype.%s called on incompatible receiver %s", method, describe_for_error(vm, v).c_str());
    return static_cast<LockObject*>(v.as_cell());
}

static ThrowOr<Value> lock_constructor(Vm& vm, CallArgs const& args)
{
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor Lock requires 'new'");
    Object* prototype = TRY(GetPrototypeFromConstructor(vm, args.new_target(), vm.realm()->lock_prototype));
    auto* lock = static_cast<LockObject*>(EngineObject::try_create(vm, CellKind::LockObject, prototype, sizeof(LockObject)));
    if (!lock)
        return throw_out_of_memory(vm);
    lock->word.store_relaxed(0);
    lock->owner.store_relaxed(0);
    lock->grant.store_relaxed(0);
    return Value::from_cell(lock);
}

// Lock.prototype.hold ( fn )
static ThrowOr<Value> lock_hold(Vm& vm, CallArgs const& args)
{
    LockObject* lock = TRY(this_lock(vm, args, "hold"));
    Value fn = args.arg(0);
    if (!is_callable(fn))
        return throw_type_error(vm, "Lock.prototype.hold requires a callable argument");
    if (lock_held_by_caller(vm, lock))
        return throw_error(vm, ErrorType::Error, "Lock is not recursive");
    if (!try_acquire(lock)) {
        if (!vm.thread_state()->may_block)
            return throw_type_error(vm, "Lock.prototype.hold: the lock is held elsewhere and this thread may not block; use asyncHold");
        lock_acquire_blocking(vm, lock);
    }
    u32 mine = owner_word(vm);
    lock->owner.store_seq_cst(mine);
    ThrowOr<Value> result = Call(vm, fn, Value::undefined());
    // Still ours unless fn gave it up through Condition.asyncWait (which cleared the owner;
    // another thread, or a nested hold of this one, may hold it now).
    if (lock->owner.load_seq_cst() == mine) {
        lock->owner.store_seq_cst(0);
        lock_release(lock);
    }
    return result;
}

static ThrowOr<Value> release_function(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    auto* lock = static_cast<LockObject*>(self->data(0).as_cell());
    // data(1) says whether it was called already; a CAS makes two racing calls release once.
    if (!self->compare_exchange_data(1, Value::boolean(false), Value::boolean(true)))
        return throw_error(vm, ErrorType::Error, "Lock release function called twice");
    lock->owner.store_seq_cst(0);
    lock_release(lock);
    return Value::undefined();
}

// Settles the outer promise of asyncHold(fn) once fn's promise settles, releasing the lock first.
static ThrowOr<Value> held_promise_settled(Vm& vm, CallArgs const& args, bool fulfilled)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    auto* lock = static_cast<LockObject*>(self->data(0).as_cell());
    // data(1): [the outer promise, the grant's owner word, the grant's number] (see
    // grant_async_lock): the async fn may have given the lock up through Condition.asyncWait.
    auto* held = static_cast<ValueArray*>(self->data(1).as_cell());
    auto* outer = as_object(held->get(0));
    u32 granted_owner = static_cast<u32>(held->get(1).as_number());
    u32 granted = static_cast<u32>(held->get(2).as_number());
    if (lock->owner.load_seq_cst() == granted_owner && lock->grant.load_seq_cst() == granted) {
        lock->owner.store_seq_cst(0);
        lock_release(lock);
    }
    TRY(settle_promise(vm, outer, fulfilled, args.arg(0)));
    return Value::undefined();
}
static ThrowOr<Value> held_promise_fulfilled(Vm& vm, CallArgs const& args) { return held_promise_settled(vm, args, true); }
static ThrowOr<Value> held_promise_rejected(Vm& vm, CallArgs const& args) { return held_promise_settled(vm, args, false); }

namespace {

ThrowOr<void> grant_async_lock(Vm& vm, PostedTask const& task)
{
    delete static_cast<AsyncLockWaiter*>(task.data);
    std::vector<Value> values = take_async_registration(vm, task.number);
    RootedValues keep(vm);
    for (Value v : values)
        keep.push(v);
    auto* promise = as_object(values[0]);
    auto* lock = static_cast<LockObject*>(values[1].as_cell());
    Value fn = values[2];
    if (fn.is_undefined()) {
        // asyncHold() / Condition.asyncWait: resolve with the release function.
        NativeFunction* release = make_native_function(vm, release_function, "", 0);
        if (!release)
            return throw_out_of_memory(vm);
        release->set_data(0, Value::from_cell(lock));
        release->set_data(1, Value::boolean(false));
        return promise_resolve(vm, promise, Value::from_cell(release));
    }
    // This grant's identity: fn may give the lock up (Condition.asyncWait), after which a later
    // grant to this same thread must not be released by the end of this one.
    u32 granted_owner = lock->owner.load_seq_cst();
    u32 granted = lock->grant.load_seq_cst();
    auto release_if_still_ours = [&] {
        if (lock->owner.load_seq_cst() == granted_owner && lock->grant.load_seq_cst() == granted) {
            lock->owner.store_seq_cst(0);
            lock_release(lock);
        }
    };
    ThrowOr<Value> result = Call(vm, fn, Value::undefined());
    if (result.is_throw()) {
        Value exception = vm.take_exception();
        keep.push(exception);
        release_if_still_ours();
        return promise_reject(vm, promise, exception);
    }
    Value value = result.value();
    if (!is_promise(value)) {
        release_if_still_ours();
        return promise_resolve(vm, promise, value);
    }
    // An async fn: the lock stays held until its promise settles.
    keep.push(value);
    NativeFunction* on_fulfilled = make_native_function(vm, held_promise_fulfilled, "", 1);
    if (!on_fulfilled)
        return throw_out_of_memory(vm);
    keep.push(Value::from_cell(on_fulfilled));
    NativeFunction* on_rejected = make_native_function(vm, held_promise_rejected, "", 1);
    if (!on_rejected)
        return throw_out_of_memory(vm);
    ValueArray* held = ValueArray::try_create(vm, 3);
    if (!held)
        return throw_out_of_memory(vm);
    held->set(0, Value::from_cell(promise));
    held->set(1, Value::from_double(granted_owner));
    held->set(2, Value::from_double(granted));
    for (NativeFunction* f : { on_fulfilled, on_rejected }) {
        f->set_data(0, Value::from_cell(lock));
        f->set_data(1, Value::from_cell(held));
    }
    return promise_then_no_capability(vm, as_object(value), Value::from_cell(on_fulfilled), Value::from_cell(on_rejected));
}

} // namespace

// Lock.prototype.asyncHold ( [ fn ] )
static ThrowOr<Value> lock_async_hold(Vm& vm, CallArgs const& args)
{
    LockObject* lock = TRY(this_lock(vm, args, "asyncHold"));
    Value fn = args.arg(0);
    if (!fn.is_undefined() && !is_callable(fn))
        return throw_type_error(vm, "Lock.prototype.asyncHold requires a callable argument or none");
    if (lock->owner.load_seq_cst() == owner_word(vm))
        return throw_error(vm, ErrorType::Error, "Lock is not recursive");
    Object* promise = promise_create(vm);
    if (!promise)
        return throw_out_of_memory(vm);
    lock_acquire_async(vm, lock, promise, fn);
    return Value::from_cell(promise);
}

static ThrowOr<Value> lock_locked_getter(Vm& vm, CallArgs const& args)
{
    LockObject* lock = TRY(this_lock(vm, args, "locked"));
    return Value::boolean(lock->word.load_seq_cst() != 0);
}

// --- Condition --------------------------------------------------------------------------------

static ThrowOr<ConditionObject*> this_condition(Vm& vm, CallArgs const& args, char const* method)
{
    Value v = args.this_value();
    if (!v.is_cell_of_kind(CellKind::ConditionObject))
        return throw_type_error(vm, "Condition.prototype.%s called on incompatible receiver %s", method, describe_for_error(vm, v).c_str());
    return static_cast<ConditionObject*>(v.as_cell());
}

static ThrowOr<LockObject*> held_lock_argument(Vm& vm, CallArgs const& args, char const* method)
{
    Value v = args.arg(0);
    if (!v.is_cell_of_kind(CellKind::LockObject))
        return throw_type_error(vm, "Condition.prototype.%s requires a Lock argument", method);
    auto* lock = static_cast<LockObject*>(v.as_cell());
    if (!lock_held_by_caller(vm, lock))
        return throw_type_error(vm, "Condition.prototype.%s requires a Lock held by the calling thread", method);
    return lock;
}

static ThrowOr<Value> condition_constructor(Vm& vm, CallArgs const& args)
{
    if (!args.is_construct())
        return throw_type_error(vm, "Constructor Condition requires 'new'");
    Object* prototype = TRY(GetPrototypeFromConstructor(vm, args.new_target(), vm.realm()->condition_prototype));
    auto* c = static_cast<ConditionObject*>(EngineObject::try_create(vm, CellKind::ConditionObject, prototype, sizeof(ConditionObject)));
    if (!c)
        return throw_out_of_memory(vm);
    c->sequence.store_relaxed(0);
    return Value::from_cell(c);
}

// Condition.prototype.wait ( lock )
static ThrowOr<Value> condition_wait(Vm& vm, CallArgs const& args)
{
    ConditionObject* c = TRY(this_condition(vm, args, "wait"));
    LockObject* lock = TRY(held_lock_argument(vm, args, "wait"));
    if (!vm.thread_state()->may_block)
        return throw_type_error(vm, "Condition.prototype.wait: this thread may not block; use asyncWait");
    u32 owner = lock->owner.load_seq_cst();
    lock->owner.store_seq_cst(0);
    {
        SafeRegion away(vm.mutator());
        // Queue first, then release the lock (THREADS-API section 3: "atomically releases the
        // lock and blocks"): a notifier can only take the lock after this waiter is queued, so
        // its notify wakes and counts it. Releasing touches only the lock's words and the
        // parking lot, so it may run out of the heap.
        parking_lot::park(c->park_key(), {}, -1, [lock] { lock_release(lock); });
    }
    lock_acquire_blocking(vm, lock);
    lock->owner.store_seq_cst(owner);
    return Value::undefined();
}

static ThrowOr<void> condition_async_wake(Vm& vm, PostedTask const& task)
{
    delete static_cast<ParkWaiter*>(task.data);
    std::vector<Value> values = take_async_registration(vm, task.number);
    lock_acquire_async(vm, static_cast<LockObject*>(values[1].as_cell()), as_object(values[0]));
    return {};
}

// Condition.prototype.asyncWait ( lock )
static ThrowOr<Value> condition_async_wait(Vm& vm, CallArgs const& args)
{
    ConditionObject* c = TRY(this_condition(vm, args, "asyncWait"));
    LockObject* lock = TRY(held_lock_argument(vm, args, "asyncWait"));
    Object* promise = promise_create(vm);
    if (!promise)
        return throw_out_of_memory(vm);
    // The registration keeps the Condition alive while its waiter is queued: the waiter's key is
    // the Condition's address, which must not be reused by another cell meanwhile.
    u64 token = add_async_registration(vm, { Value::from_cell(promise), Value::from_cell(lock), Value::from_cell(c) });
    expect_posted_task(vm);
    ThreadState* me = vm.thread_state();
    auto* waiter = new ParkWaiter;
    waiter->key = c->park_key();
    waiter->token = token;
    waiter->on_unpark = [me](ParkWaiter* w, bool) { post_task(*me, { condition_async_wake, {}, {}, {}, w->token, w }); };
    // Queued before the lock is released, as in wait: a notify by the next holder counts it.
    parking_lot::park_async(waiter, {});
    lock->owner.store_seq_cst(0);
    lock_release(lock);
    return Value::from_cell(promise);
}

static ThrowOr<Value> condition_notify_count(Vm& vm, CallArgs const& args, u32 count, char const* method)
{
    ConditionObject* c = TRY(this_condition(vm, args, method));
    race_amplify_point();
    u32 woken = parking_lot::unpark(c->park_key(), count);
    return Value::from_u64(woken);
}

static ThrowOr<Value> condition_notify(Vm& vm, CallArgs const& args) { return condition_notify_count(vm, args, 1, "notify"); }
static ThrowOr<Value> condition_notify_all(Vm& vm, CallArgs const& args) { return condition_notify_count(vm, args, ~0u, "notifyAll"); }

constexpr NativeMethod kLockPrototypeMethods[] = {
    { "hold", 1, lock_hold },
    { "asyncHold", 0, lock_async_hold },
};
constexpr NativeAccessor kLockPrototypeAccessors[] = { { "locked", lock_locked_getter, nullptr } };
constexpr NativeMethod kConditionPrototypeMethods[] = {
    { "wait", 1, condition_wait },
    { "asyncWait", 1, condition_async_wait },
    { "notify", 0, condition_notify },
    { "notifyAll", 0, condition_notify_all },
};

ThrowOr<void> install_lock_and_condition(Vm& vm)
{
    Realm& realm = *vm.realm();
    realm.lock_prototype = TRY(new_object(vm));
    TRY(install_constructor(vm, "Lock", 0, lock_constructor, realm.lock_prototype));
    TRY(install_methods(vm, realm.lock_prototype, kLockPrototypeMethods));
    TRY(install_accessors(vm, realm.lock_prototype, kLockPrototypeAccessors));
    TRY(define_value(vm, realm.lock_prototype, "@@toStringTag", Value::from_cell(TRY(intern(vm, "Lock"))), PropertyAttributes::data(false, false, true)));
    realm.condition_prototype = TRY(new_object(vm));
    TRY(install_constructor(vm, "Condition", 0, condition_constructor, realm.condition_prototype));
    TRY(install_methods(vm, realm.condition_prototype, kConditionPrototypeMethods));
    TRY(define_value(vm, realm.condition_prototype, "@@toStringTag", Value::from_cell(TRY(intern(vm, "Condition"))), PropertyAttributes::data(false, false, true)));
    return {};
}

} // namespace weft
