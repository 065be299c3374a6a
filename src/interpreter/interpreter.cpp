// The dispatch loop: computed-goto threaded code over the register/accumulator bytecode, inline
// caches on the hot paths, calls between bytecode functions without native recursion, exception
// unwinding through handler tables, and coroutine suspension.
//
// NOTE: this file is longer than the usual 1,000 lines because the dispatch loop is one function
// by design (the loop's locals — pc, acc, regs, env — live in machine registers).
#include "interpreter/interpreter.h"

#include "builtins/async_generator.h"
#include "builtins/promise.h"
#include "compiler/codegen.h"
#include "interpreter/bytecode.h"
#include "interpreter/coroutine.h"
#include "interpreter/inline_cache.h"
#include "interpreter/operations.h"
#include "interpreter/slow_paths.h"
#include "interpreter/thread_state.h"
#include "objects/environment.h"
#include "vm/trace.h"

#include <cmath>

namespace weft {

// --- Opcode tables -------------------------------------------------------------------------------

static constexpr char const* kOpcodeNames[] = {
#define WEFT_OPCODE_NAME(name, format) #name,
    WEFT_ENUMERATE_OPCODES(WEFT_OPCODE_NAME)
#undef WEFT_OPCODE_NAME
};
static constexpr char const* kOpcodeFormats[] = {
#define WEFT_OPCODE_FORMAT(name, format) format,
    WEFT_ENUMERATE_OPCODES(WEFT_OPCODE_FORMAT)
#undef WEFT_OPCODE_FORMAT
};

char const* opcode_name(Opcode op) { return kOpcodeNames[static_cast<unsigned>(op)]; }
char const* opcode_format(Opcode op) { return kOpcodeFormats[static_cast<unsigned>(op)]; }

OperandCounts opcode_operand_counts(Opcode op)
{
    OperandCounts c { 0, 0 };
    for (char const* f = opcode_format(op); *f; ++f) {
        if (*f == 'L')
            ++c.labels;
        else
            ++c.scaled;
    }
    return c;
}

usize instruction_size(u8 const* pc)
{
    unsigned scale = 1;
    usize prefix = 0;
    if (*pc == static_cast<u8>(Opcode::Wide) || *pc == static_cast<u8>(Opcode::ExtraWide)) {
        scale = *pc == static_cast<u8>(Opcode::Wide) ? 2 : 4;
        prefix = 1;
        ++pc;
    }
    OperandCounts c = opcode_operand_counts(static_cast<Opcode>(*pc));
    return prefix + 1 + c.scaled * scale + c.labels * 4;
}

// --- Compilation ----------------------------------------------------------------------------------

ThrowOr<CodeBlock*> ensure_compiled(Vm& vm, SharedFunctionInfo* shared)
{
    if (CodeBlock* code = shared->code_acquire()) [[likely]]
        return code;
    CodeBlock* mine = TRY(compile_function(vm, shared));
    // Two threads may race here: exactly one CodeBlock is published; the loser runs the winner's.
    return shared->publish_code(mine);
}

// --- Frames ---------------------------------------------------------------------------------------

static ThrowOr<Value> execute(Vm&, ThreadState&, Value acc);

static ThrowOr<Value> coerce_this(Vm& vm, SharedFunctionInfo* shared, Value this_value)
{
    if (shared->is_strict() || shared->is_arrow())
        return this_value;
    if (this_value.is_nullish())
        return vm.realm()->global_this;
    if (!is_object(this_value)) {
        Object* o = TRY(ToObject(vm, this_value));
        return Value::from_cell(o);
    }
    return this_value;
}

// Pushes a frame for `fn` whose registers start at `base`; fills this, parameters, the rest.
static WEFT_ALWAYS_INLINE Frame* push_frame(ThreadState& ts, Value* base, CodeBlock* code, Value callee, Environment* env,
    Value this_value, Value const* argv, u32 argc, Value new_target, u32 flags)
{
    Frame* frame = &ts.frames[ts.frame_count++];
    frame->code = code;
    frame->callee = callee;
    frame->env = env;
    frame->regs = base;
    frame->pc = code->bytecode();
    frame->argv = argv;
    frame->argc = argc;
    frame->flags = flags;
    frame->new_target = new_target;
    frame->coroutine = Value::undefined();
    u32 count = code->register_count();
    u32 params = code->parameter_count();
    base[0] = this_value;
    u32 n = std::min(argc, params);
    for (u32 i = 0; i < n; ++i)
        base[1 + i] = argv[i];
    for (u32 i = 1 + n; i < count; ++i)
        base[i] = Value::undefined();
    ts.reg_top = base + count;
    return frame;
}

static bool frame_fits(ThreadState& ts, Value* base, CodeBlock* code)
{
    return base + code->register_count() <= ts.reg_limit && ts.frame_count < ts.max_frames;
}

ThrowOr<Value> call_bytecode_function(Vm& vm, FunctionObject* fn, Value this_value, std::span<Value const> args, Value new_target, bool construct)
{
    ThreadState& ts = *vm.thread_state();
    SharedFunctionInfo* shared = fn->shared();
    if (shared->is_class_constructor() && !construct)
        return throw_type_error(vm, "Class constructor %s cannot be invoked without 'new'", to_utf8(shared->name()).c_str());
    if (native_stack_exhausted(vm)) [[unlikely]]
        return throw_stack_overflow(vm);
    CodeBlock* code = TRY(ensure_compiled(vm, shared));
    if (!construct)
        this_value = TRY(coerce_this(vm, shared, this_value));
    Value* base = ts.reg_top;
    // Arguments passed from C++ may live on the native stack: copy them onto the register stack
    // so the frame's argv stays valid and precisely rooted.
    u32 argc = static_cast<u32>(args.size());
    if (!frame_fits(ts, base + argc, code))
        return throw_stack_overflow(vm);
    for (u32 i = 0; i < argc; ++i)
        base[i] = args[i];
    Value* regs = base + argc;
    ts.reg_top = regs;
    push_frame(ts, regs, code, Value::from_cell(fn), fn->environment(), this_value, base, argc,
        construct ? new_target : Value::undefined(), Frame::kEntry | (construct ? Frame::kConstruct : 0));
    auto result = execute(vm, ts, Value::undefined());
    ts.reg_top = base;
    return result;
}

ThrowOr<Value> run_script_code(Vm& vm, SharedFunctionInfo* script)
{
    ThreadState& ts = *vm.thread_state();
    CodeBlock* code = TRY(ensure_compiled(vm, script));
    Value* base = ts.reg_top;
    if (!frame_fits(ts, base, code))
        return throw_stack_overflow(vm);
    push_frame(ts, base, code, Value::undefined(), nullptr, vm.realm()->global_this, nullptr, 0, Value::undefined(), Frame::kEntry);
    auto result = execute(vm, ts, Value::undefined());
    ts.reg_top = base;
    return result;
}

// --- Coroutines -----------------------------------------------------------------------------------

Coroutine* Coroutine::try_create(Vm& vm, Object* prototype, Kind kind)
{
    auto* c = static_cast<Coroutine*>(EngineObject::try_create(vm, CellKind::GeneratorObject, prototype, sizeof(Coroutine)));
    if (!c)
        return nullptr;
    c->m_state.store_relaxed(SuspendedStart);
    c->m_kind = kind;
    c->callee = Value::undefined();
    c->new_target = Value::undefined();
    c->env = nullptr;
    c->registers = nullptr;
    c->resume_offset = 0;
    c->promise = Value::undefined();
    c->queue.store_relaxed(Value::undefined());
    c->generator_state.store_relaxed(Coroutine::AgSuspendedStart);
    return c;
}

void Coroutine::trace(Cell* cell, Tracer& tracer)
{
    Object::trace(cell, tracer);
    auto* c = static_cast<Coroutine*>(cell);
    trace_value(tracer, c->callee);
    trace_value(tracer, c->new_target);
    tracer.visit(c->env);
    tracer.visit(c->registers);
    trace_value(tracer, c->promise);
    trace_slot(tracer, c->queue);
}

void register_coroutine_cell_kind()
{
    register_cell_kind(to_u8(CellKind::GeneratorObject), { "GeneratorObject", Coroutine::trace, nullptr });
}

// Saves the frame into its coroutine (registers, environment, resume point) and marks it suspended.
static bool save_frame(Vm& vm, Frame* frame, Coroutine* c, Environment* env, u8 const* resume_pc)
{
    u32 count = frame->code->register_count();
    if (!c->registers || c->registers->count() < count) {
        ValueArray* array = ValueArray::try_create(vm, count);
        if (!array)
            return false;
        c->registers = array;
    }
    for (u32 i = 0; i < count; ++i)
        c->registers->set(i, frame->regs[i]);
    c->env = env;
    c->resume_offset = static_cast<u32>(resume_pc - frame->code->bytecode());
    c->callee = frame->callee;
    c->new_target = frame->new_target;
    c->state().store_release(Coroutine::SuspendedYield);
    return true;
}

ThrowOr<Value> resume_coroutine(Vm& vm, Object* object, Value value, u32 kind, bool* yielded)
{
    auto* c = static_cast<Coroutine*>(object);
    ThreadState& ts = *vm.thread_state();
    *yielded = false;
    u32 expected = Coroutine::SuspendedYield;
    if (!c->state().compare_exchange_acq_rel(expected, Coroutine::Executing))
        return throw_type_error(vm, "Generator is already running");
    if (native_stack_exhausted(vm)) [[unlikely]] {
        c->state().store_release(Coroutine::SuspendedYield);
        return throw_stack_overflow(vm);
    }
    auto* fn = static_cast<FunctionObject*>(c->callee.as_cell());
    CodeBlock* code = fn->shared()->code_acquire();
    Value* base = ts.reg_top;
    if (!frame_fits(ts, base, code)) {
        c->state().store_release(Coroutine::SuspendedYield);
        return throw_stack_overflow(vm);
    }
    Frame* frame = push_frame(ts, base, code, c->callee, c->env, Value::undefined(), nullptr, 0, c->new_target, Frame::kEntry | Frame::kCoroutine);
    for (u32 i = 0; i < code->register_count(); ++i)
        base[i] = c->registers->get(i);
    frame->pc = code->bytecode() + c->resume_offset;
    frame->coroutine = Value::from_cell(c);
    ts.resume_kind = kind;
    ts.suspended = false;
    auto result = execute(vm, ts, value);
    ts.reg_top = base;
    *yielded = ts.suspended;
    ts.suspended = false;
    return result;
}

// Async functions: the reactions that resume a coroutine when its awaited promise settles.
static ThrowOr<Value> async_resume(Vm& vm, CallArgs const& args, u32 kind)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    Value coroutine = self->data(0);
    bool yielded;
    auto result = resume_coroutine(vm, as_object(coroutine), args.arg(0), kind, &yielded);
    if (result.is_throw())
        return ThrowCompletion {};
    return Value::undefined();
}
static ThrowOr<Value> async_resume_fulfilled(Vm& vm, CallArgs const& args) { return async_resume(vm, args, 0); }
static ThrowOr<Value> async_resume_rejected(Vm& vm, CallArgs const& args) { return async_resume(vm, args, 1); }

// Await: subscribes the coroutine to PromiseResolve(value).
static ThrowOr<void> await_value(Vm& vm, Coroutine* c, Value value)
{
    Object* promise = TRY(promise_resolve_value(vm, value));
    NativeFunction* on_fulfilled = make_native_function(vm, async_resume_fulfilled, "", 1);
    NativeFunction* on_rejected = on_fulfilled ? make_native_function(vm, async_resume_rejected, "", 1) : nullptr;
    if (!on_rejected)
        return throw_out_of_memory(vm);
    on_fulfilled->set_data(0, Value::from_cell(c));
    on_rejected->set_data(0, Value::from_cell(c));
    return promise_then_no_capability(vm, promise, Value::from_cell(on_fulfilled), Value::from_cell(on_rejected));
}

// --- The loop -------------------------------------------------------------------------------------

static WEFT_ALWAYS_INLINE Value load_inline_or_storage(Object* o, u32 slot)
{
    u32 capacity = o->inline_capacity();
    if (slot < capacity) [[likely]]
        return reinterpret_cast<AtomicValue*>(reinterpret_cast<char*>(o) + sizeof(Object))[slot].load_acquire();
    return o->slot_address(slot)->load_acquire();
}

static WEFT_ALWAYS_INLINE bool is_object_cell(Value v) { return v.is_cell() && is_object_kind(v.as_cell()->kind_raw()); }

static ThrowOr<Value> execute(Vm& vm, ThreadState& ts, Value acc)
{
    Frame* frame = &ts.frames[ts.frame_count - 1];
    CodeBlock* code = frame->code;
    u8 const* pc = frame->pc;
    Value* regs = frame->regs;
    Environment* env = frame->env;
    Value const* constants = code->constants();
    Atomic<u64>* ics = code->ics();
    unsigned scale = 1;
    bool strict = code->shared()->is_strict();
    MutatorThread& mutator = vm.mutator();
    Cell* const length_atom = common_names(vm).length;

    mutator.safepoint_poll();

#define OP(i) (scale == 1 ? u32(pc[1 + (i)]) : scale == 2 ? read_u16(pc + 1 + 2 * (i)) : read_u32(pc + 1 + 4 * (i)))
#define SOP(i) (scale == 1 ? i32(i8(pc[1 + (i)])) : scale == 2 ? i32(i16(read_u16(pc + 1 + 2 * (i)))) : i32(read_u32(pc + 1 + 4 * (i))))
#define LABEL(n) read_u32(pc + 1 + (n) * scale)
#define R(i) regs[OP(i)]
#define K(i) constants[OP(i)]
#define SIZE(n) (1 + (n) * scale)
#define SYNC() (frame->pc = pc, frame->env = env)
#define RELOAD_FRAME()                                   \
    do {                                                 \
        code = frame->code;                              \
        regs = frame->regs;                              \
        env = frame->env;                                \
        constants = code->constants();                   \
        ics = code->ics();                               \
        strict = code->shared()->is_strict();            \
    } while (0)
#define TRY_OR_THROW(expr)                                    \
    ({                                                        \
        auto _r = (expr);                                     \
        if (_r.is_throw()) [[unlikely]]                       \
            goto handle_exception;                            \
        _r.release_value();                                   \
    })
#define THROW_WITH(expr)        \
    do {                        \
        (void)(expr);           \
        goto handle_exception;  \
    } while (0)

    // No destructors across a dispatch: with GCC/Clang, DISPATCH() is a computed goto, and a
    // computed goto does not run the destructors of the objects whose scope it leaves. A handler
    // must not have a local with a non-trivial destructor (RootedValues, std::string,
    // std::vector) in scope at a DISPATCH()/NEXT(): a skipped ~RootedValues leaves a pointer to a
    // dead stack slot in ThreadState::extra_roots, which the collector then reads. Put such
    // locals in a lambda or a slow-path function (as CallSpread does). `goto handle_exception`
    // is an ordinary goto and does run them.
#if defined(__GNUC__)
    static void* const kDispatch[] = {
#define WEFT_OPCODE_LABEL(name, format) &&op_##name,
        WEFT_ENUMERATE_OPCODES(WEFT_OPCODE_LABEL)
#undef WEFT_OPCODE_LABEL
    };
#define CASE(name) op_##name:
#define DISPATCH() goto *kDispatch[*pc]
#define NEXT(n)           \
    do {                  \
        pc += SIZE(n);    \
        scale = 1;        \
        DISPATCH();       \
    } while (0)
    DISPATCH();
#else
#define CASE(name) case Opcode::name:
#define DISPATCH() goto dispatch
#define NEXT(n)           \
    do {                  \
        pc += SIZE(n);    \
        scale = 1;        \
        goto dispatch;    \
    } while (0)
dispatch:
    switch (static_cast<Opcode>(*pc)) {
#endif

    CASE(Wide) { scale = 2; ++pc; DISPATCH(); }
    CASE(ExtraWide) { scale = 4; ++pc; DISPATCH(); }
    CASE(Nop) { NEXT(0); }
    CASE(Debugger) { NEXT(0); }
    CASE(LdaUndefined) { acc = Value::undefined(); NEXT(0); }
    CASE(LdaNull) { acc = Value::null(); NEXT(0); }
    CASE(LdaTrue) { acc = Value::boolean(true); NEXT(0); }
    CASE(LdaFalse) { acc = Value::boolean(false); NEXT(0); }
    CASE(LdaEmpty) { acc = Value::empty(); NEXT(0); }
    CASE(LdaSmi) { acc = Value::from_i32(SOP(0)); NEXT(1); }
    CASE(LdaConst) { acc = K(0); NEXT(1); }
    CASE(Ldar) { acc = R(0); NEXT(1); }
    CASE(Star) { R(0) = acc; NEXT(1); }
    CASE(Mov) { R(1) = R(0); NEXT(2); }

    CASE(LdaEnv) { acc = env->ancestor(OP(0))->get(OP(1)); NEXT(2); }
    CASE(LdaEnvChecked)
    {
        acc = env->ancestor(OP(0))->get(OP(1));
        if (acc.is_empty()) [[unlikely]] {
            SYNC();
            THROW_WITH(throw_reference_error(vm, "Cannot access '%s' before initialization", to_utf8(static_cast<String*>(K(2).as_cell())).c_str()));
        }
        NEXT(3);
    }
    CASE(StaEnv) { env->ancestor(OP(0))->set(OP(1), acc); NEXT(2); }
    CASE(StaEnvChecked)
    {
        Environment* e = env->ancestor(OP(0));
        if (e->get(OP(1)).is_empty()) [[unlikely]] {
            SYNC();
            THROW_WITH(throw_reference_error(vm, "Cannot access '%s' before initialization", to_utf8(static_cast<String*>(K(2).as_cell())).c_str()));
        }
        e->set(OP(1), acc);
        NEXT(3);
    }
    CASE(PushEnv)
    {
        SYNC();
        Environment* fresh = Environment::try_create(vm, env, OP(0));
        if (!fresh) [[unlikely]]
            THROW_WITH(throw_out_of_memory(vm));
        env = fresh;
        NEXT(1);
    }
    CASE(PopEnv) { env = env->parent(); NEXT(0); }
    CASE(CopyEnv)
    {
        SYNC();
        Environment* fresh = Environment::try_copy(vm, env);
        if (!fresh) [[unlikely]]
            THROW_WITH(throw_out_of_memory(vm));
        env = fresh;
        NEXT(0);
    }
    CASE(SaveEnv) { R(0) = env ? Value::from_cell(env) : Value::undefined(); NEXT(1); }
    CASE(RestoreEnv) { env = R(0).is_undefined() ? nullptr : static_cast<Environment*>(R(0).as_cell()); NEXT(1); }
    CASE(ThrowIfEmpty)
    {
        if (acc.is_empty()) [[unlikely]] {
            SYNC();
            THROW_WITH(throw_reference_error(vm, "Cannot access '%s' before initialization", to_utf8(static_cast<String*>(K(0).as_cell())).c_str()));
        }
        NEXT(1);
    }
    CASE(ThrowConstAssign)
    {
        SYNC();
        THROW_WITH(throw_type_error(vm, "Assignment to constant variable."));
    }

    CASE(LdaGlobal)
    {
        u64 word = ics[OP(1)].load_acquire();
        if ((word & ic::kTagMask) == ic::kGlobalCellTag) {
            Value v = reinterpret_cast<GlobalCell*>(word & ic::kPointerMask)->get();
            if (!v.is_empty()) [[likely]] {
                acc = v;
                NEXT(2);
            }
        } else if (word && (word & ic::kTagMask) == ic::kOwnTag) {
            Object* global = vm.realm()->global_object;
            if (ic::shape_of(word) == global->shape_acquire()) [[likely]] {
                acc = load_inline_or_storage(global, ic::slot_of(word));
                NEXT(2);
            }
        }
        SYNC();
        acc = TRY_OR_THROW(slow::load_global(vm, static_cast<String*>(K(0).as_cell()), ics[OP(1)], false));
        NEXT(2);
    }
    CASE(LdaGlobalOrUndefined)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::load_global(vm, static_cast<String*>(K(0).as_cell()), ics[OP(1)], true));
        NEXT(2);
    }
    CASE(StaGlobal)
    {
        u64 word = ics[OP(1)].load_acquire();
        if ((word & ic::kTagMask) == ic::kGlobalCellTag) {
            // Only mutable cells are cached; the TDZ check stays.
            auto* cell = reinterpret_cast<GlobalCell*>(word & ic::kPointerMask);
            if (!cell->get().is_empty()) [[likely]] {
                cell->set(acc);
                NEXT(2);
            }
        } else if (word && (word & ic::kTagMask) == ic::kOwnTag) {
            Object* global = vm.realm()->global_object;
            if (ic::shape_of(word) == global->shape_acquire()) [[likely]] {
                u32 slot = ic::slot_of(word);
                AtomicValue* address = slot < global->inline_capacity()
                    ? reinterpret_cast<AtomicValue*>(reinterpret_cast<char*>(global) + sizeof(Object)) + slot
                    : global->slot_address(slot);
                address->store_release(acc);
                NEXT(2);
            }
        }
        SYNC();
        TRY_OR_THROW(slow::store_global(vm, static_cast<String*>(K(0).as_cell()), acc, ics[OP(1)], strict));
        NEXT(2);
    }
    CASE(DeclareGlobalVar)
    {
        SYNC();
        TRY_OR_THROW(slow::declare_global_var(vm, static_cast<String*>(K(0).as_cell())));
        NEXT(1);
    }
    CASE(DeclareGlobalFunction)
    {
        SYNC();
        TRY_OR_THROW(slow::declare_global_function(vm, static_cast<String*>(K(0).as_cell()), acc));
        NEXT(1);
    }
    CASE(DeclareGlobalLexical)
    {
        SYNC();
        TRY_OR_THROW(slow::declare_global_lexical(vm, static_cast<String*>(K(0).as_cell()), OP(1) != 0));
        NEXT(2);
    }
    CASE(InitGlobalLexical)
    {
        SYNC();
        TRY_OR_THROW(slow::init_global_lexical(vm, static_cast<String*>(K(0).as_cell()), acc));
        NEXT(1);
    }

    CASE(GetNamed)
    {
        Value object = R(0);
        if (is_object_cell(object)) {
            Object* o = as_object(object);
            if (o->is_array() && K(1).as_cell() == length_atom && !o->restricted_owner()) {
                acc = Value::from_u64(static_cast<ArrayObject*>(o)->length_acquire());
                NEXT(3);
            }
            u64 word = ics[OP(2)].load_acquire();
            Shape* shape = o->shape_acquire();
            if ((word & ic::kTagMask) == ic::kOwnTag) {
                if (ic::shape_of(word) == shape) [[likely]] {
                    acc = load_inline_or_storage(o, ic::slot_of(word));
                    NEXT(3);
                }
            } else if ((word & ic::kTagMask) == ic::kProtoTag) {
                if (Object* holder = ic::proto_holder(word, shape)) {
                    acc = load_inline_or_storage(holder, ic::proto_slot(word));
                    NEXT(3);
                }
            } else if (ic::is_polymorphic(word)) {
                Object* holder;
                u32 slot;
                if (ic::poly_find(word, o, shape, holder, slot)) {
                    acc = load_inline_or_storage(holder, slot);
                    NEXT(3);
                }
            }
        }
        SYNC();
        acc = TRY_OR_THROW(slow::get_named(vm, object, static_cast<String*>(K(1).as_cell()), ics[OP(2)]));
        NEXT(3);
    }
    CASE(SetNamed)
    {
        Value object = R(0);
        if (is_object_cell(object)) {
            Object* o = as_object(object);
            u64 word = ics[OP(2)].load_acquire();
            Shape* shape = o->shape_acquire();
            u32 slot;
            bool hit = false;
            if ((word & ic::kTagMask) == ic::kOwnTag) {
                hit = word && ic::shape_of(word) == shape;
                slot = ic::slot_of(word);
            } else if (ic::is_polymorphic(word)) {
                Object* holder;
                hit = ic::poly_find(word, o, shape, holder, slot, true);
            }
            if (hit) [[likely]] {
                AtomicValue* address = slot < o->inline_capacity()
                    ? reinterpret_cast<AtomicValue*>(reinterpret_cast<char*>(o) + sizeof(Object)) + slot
                    : o->slot_address(slot);
                address->store_release(acc);
                NEXT(3);
            }
        }
        SYNC();
        TRY_OR_THROW(slow::set_named(vm, object, static_cast<String*>(K(1).as_cell()), acc, ics[OP(2)], strict));
        NEXT(3);
    }
    CASE(GetKeyed)
    {
        Value object = R(0);
        if (acc.is_int32() && acc.as_i32() >= 0 && is_object_cell(object)) {
            Object* o = as_object(object);
            StorageSpine* spine = o->elements_acquire();
            u32 index = static_cast<u32>(acc.as_i32());
            if (spine && !spine->sparse_acquire() && (!o->is_array() || index < static_cast<ArrayObject*>(o)->length_acquire())) {
                if (AtomicValue* slot = spine->slot_if_present(index)) {
                    Value v = slot->load_acquire();
                    if (!v.is_empty()) [[likely]] {
                        acc = v;
                        NEXT(1);
                    }
                }
            }
        }
        SYNC();
        acc = TRY_OR_THROW(slow::get_keyed(vm, object, acc));
        NEXT(1);
    }
    CASE(SetKeyed)
    {
        SYNC();
        TRY_OR_THROW(slow::set_keyed(vm, R(0), R(1), acc, strict));
        NEXT(2);
    }
    CASE(DefineNamed)
    {
        SYNC();
        TRY_OR_THROW(CreateDataPropertyOrThrow(vm, as_object(R(0)), PropertyKey::from_atom(static_cast<String*>(K(1).as_cell())), acc));
        NEXT(2);
    }
    CASE(DefineKeyed)
    {
        SYNC();
        TRY_OR_THROW(slow::define_keyed(vm, R(0), R(1), acc, true));
        NEXT(2);
    }
    CASE(DefineMethodKeyed)
    {
        SYNC();
        TRY_OR_THROW(slow::define_keyed(vm, R(0), R(1), acc, false));
        NEXT(2);
    }
    CASE(DefineGetter)
    {
        SYNC();
        TRY_OR_THROW(slow::define_accessor(vm, R(0), R(1), acc, true, OP(2) == 0));
        NEXT(3);
    }
    CASE(DefineSetter)
    {
        SYNC();
        TRY_OR_THROW(slow::define_accessor(vm, R(0), R(1), acc, false, OP(2) == 0));
        NEXT(3);
    }
    CASE(DeleteKeyed)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::delete_keyed(vm, R(0), acc, strict));
        NEXT(1);
    }
    CASE(GetSuper)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::get_super(vm, R(0), R(1), acc));
        NEXT(2);
    }
    CASE(SetSuper)
    {
        SYNC();
        TRY_OR_THROW(slow::set_super(vm, R(0), R(1), R(2), acc, strict));
        NEXT(3);
    }
    CASE(GetPrivate)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::get_private(vm, R(0), acc));
        NEXT(1);
    }
    CASE(SetPrivate)
    {
        SYNC();
        TRY_OR_THROW(slow::set_private(vm, R(0), R(1), acc));
        NEXT(2);
    }
    CASE(DefinePrivate)
    {
        SYNC();
        TRY_OR_THROW(slow::define_private(vm, R(0), R(1), acc));
        NEXT(2);
    }
    CASE(HasPrivate)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::has_private(vm, R(0), acc));
        NEXT(1);
    }
    CASE(In)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::in(vm, R(0), acc));
        NEXT(1);
    }
    CASE(InstanceOf)
    {
        SYNC();
        bool result = TRY_OR_THROW(InstanceofOperator(vm, R(0), acc));
        acc = Value::boolean(result);
        NEXT(1);
    }

    // --- Arithmetic: int32 and double fast paths inline, the rest out of line ----------------
    CASE(Add)
    {
        Value left = R(0);
        if (left.is_int32() && acc.is_int32()) {
            i64 sum = i64(left.as_i32()) + acc.as_i32();
            acc = (sum >= INT32_MIN && sum <= INT32_MAX) ? Value::from_i32(i32(sum)) : Value::from_double(double(sum));
            NEXT(1);
        }
        if (left.is_number() && acc.is_number()) {
            acc = Value::from_number(left.as_number() + acc.as_number());
            NEXT(1);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::Add, left, acc));
        NEXT(1);
    }
    CASE(Sub)
    {
        Value left = R(0);
        if (left.is_int32() && acc.is_int32()) {
            i64 r = i64(left.as_i32()) - acc.as_i32();
            acc = (r >= INT32_MIN && r <= INT32_MAX) ? Value::from_i32(i32(r)) : Value::from_double(double(r));
            NEXT(1);
        }
        if (left.is_number() && acc.is_number()) {
            acc = Value::from_number(left.as_number() - acc.as_number());
            NEXT(1);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::Sub, left, acc));
        NEXT(1);
    }
    CASE(Mul)
    {
        Value left = R(0);
        if (left.is_number() && acc.is_number()) {
            acc = Value::from_number(left.as_number() * acc.as_number());
            NEXT(1);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::Mul, left, acc));
        NEXT(1);
    }
    CASE(Div)
    {
        Value left = R(0);
        if (left.is_number() && acc.is_number()) {
            acc = Value::from_number(left.as_number() / acc.as_number());
            NEXT(1);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::Div, left, acc));
        NEXT(1);
    }
    CASE(Mod)
    {
        Value left = R(0);
        if (left.is_int32() && acc.is_int32() && left.as_i32() >= 0 && acc.as_i32() > 0) {
            acc = Value::from_i32(left.as_i32() % acc.as_i32());
            NEXT(1);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::Mod, left, acc));
        NEXT(1);
    }
    CASE(Exp)
    CASE(Shl)
    CASE(Shr)
    CASE(Ushr)
    CASE(BitXor)
    CASE(Eq)
    CASE(Ne)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, static_cast<Opcode>(*pc), R(0), acc));
        NEXT(1);
    }
    CASE(BitAnd)
    {
        if (R(0).is_int32() && acc.is_int32()) {
            acc = Value::from_i32(R(0).as_i32() & acc.as_i32());
            NEXT(1);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::BitAnd, R(0), acc));
        NEXT(1);
    }
    CASE(BitOr)
    {
        if (R(0).is_int32() && acc.is_int32()) {
            acc = Value::from_i32(R(0).as_i32() | acc.as_i32());
            NEXT(1);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::BitOr, R(0), acc));
        NEXT(1);
    }
    CASE(StrictEq)
    {
        Value left = R(0);
        if (left.is_int32() && acc.is_int32())
            acc = Value::boolean(left == acc);
        else
            acc = Value::boolean(IsStrictlyEqual(left, acc));
        NEXT(1);
    }
    CASE(StrictNe)
    {
        Value left = R(0);
        if (left.is_int32() && acc.is_int32())
            acc = Value::boolean(left != acc);
        else
            acc = Value::boolean(!IsStrictlyEqual(left, acc));
        NEXT(1);
    }
#define WEFT_COMPARE(name, op)                                                 \
    CASE(name)                                                                 \
    {                                                                          \
        Value left = R(0);                                                     \
        if (left.is_int32() && acc.is_int32()) {                               \
            acc = Value::boolean(left.as_i32() op acc.as_i32());               \
            NEXT(1);                                                           \
        }                                                                      \
        if (left.is_number() && acc.is_number()) {                             \
            acc = Value::boolean(left.as_number() op acc.as_number());         \
            NEXT(1);                                                           \
        }                                                                      \
        SYNC();                                                                \
        acc = TRY_OR_THROW(slow::binary(vm, Opcode::name, left, acc));         \
        NEXT(1);                                                               \
    }
    WEFT_COMPARE(Lt, <)
    WEFT_COMPARE(Le, <=)
    WEFT_COMPARE(Gt, >)
    WEFT_COMPARE(Ge, >=)
#undef WEFT_COMPARE
    CASE(Inc)
    {
        if (acc.is_int32() && acc.as_i32() != INT32_MAX) {
            acc = Value::from_i32(acc.as_i32() + 1);
            NEXT(0);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::unary(vm, Opcode::Inc, acc));
        NEXT(0);
    }
    CASE(Dec)
    {
        if (acc.is_int32() && acc.as_i32() != INT32_MIN) {
            acc = Value::from_i32(acc.as_i32() - 1);
            NEXT(0);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::unary(vm, Opcode::Dec, acc));
        NEXT(0);
    }
    CASE(ToNumeric)
    {
        if (acc.is_number()) [[likely]]
            NEXT(0);
        SYNC();
        acc = TRY_OR_THROW(slow::unary(vm, Opcode::ToNumeric, acc));
        NEXT(0);
    }
    CASE(Negate)
    CASE(BitNot)
    CASE(ToPropertyKey)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::unary(vm, static_cast<Opcode>(*pc), acc));
        NEXT(0);
    }
    CASE(ToString)
    {
        if (!is_string(acc)) {
            SYNC();
            String* s = TRY_OR_THROW(ToString(vm, acc));
            acc = Value::from_cell(s);
        }
        NEXT(0);
    }
    CASE(Not) { acc = Value::boolean(!ToBoolean(acc)); NEXT(0); }
    CASE(Typeof) { acc = Value::from_cell(typeof_string(vm, acc)); NEXT(0); }

    // --- Jumps -----------------------------------------------------------------------------
    CASE(Jump) { pc = code->bytecode() + LABEL(0); scale = 1; DISPATCH(); }
    CASE(JumpLoop)
    {
        mutator.safepoint_poll();
        pc = code->bytecode() + LABEL(0);
        scale = 1;
        DISPATCH();
    }
#define WEFT_COND_JUMP(name, condition)                \
    CASE(name)                                         \
    {                                                  \
        if (condition) {                               \
            pc = code->bytecode() + LABEL(0);          \
            scale = 1;                                 \
            DISPATCH();                                \
        }                                              \
        pc += 1 + 4;                                   \
        scale = 1;                                     \
        DISPATCH();                                    \
    }
    WEFT_COND_JUMP(JumpIfTrue, acc.is_boolean() ? acc.as_bool() : ToBoolean(acc))
    WEFT_COND_JUMP(JumpIfFalse, acc.is_boolean() ? !acc.as_bool() : !ToBoolean(acc))
    WEFT_COND_JUMP(JumpIfNullish, acc.is_nullish())
    WEFT_COND_JUMP(JumpIfNotNullish, !acc.is_nullish())
    WEFT_COND_JUMP(JumpIfUndefined, acc.is_undefined())
    WEFT_COND_JUMP(JumpIfNotUndefined, !acc.is_undefined())
    WEFT_COND_JUMP(JumpIfNotEmpty, !acc.is_empty())
#undef WEFT_COND_JUMP

    // --- Calls -----------------------------------------------------------------------------
    CASE(Call)
    {
        Value callee = R(0);
        Value this_value = R(1);
        Value* argv = &R(2);
        u32 argc = OP(3);
        u32 size = SIZE(4);
        if (callee.is_cell_of_kind(CellKind::FunctionObject)) {
            auto* fn = static_cast<FunctionObject*>(callee.as_cell());
            SharedFunctionInfo* shared = fn->shared();
            CodeBlock* callee_code = shared->code_acquire();
            FunctionKind kind = shared->kind();
            // A sloppy function's undefined or null `this` is the global this (coerce_this);
            // a primitive `this` needs a wrapper object, so that call takes the slow path.
            bool sloppy_this = !shared->is_strict() && !shared->is_arrow() && !is_object_cell(this_value);
            if (sloppy_this && this_value.is_nullish()) {
                this_value = vm.realm()->global_this;
                sloppy_this = false;
            }
            if (callee_code && kind != FunctionKind::ClassConstructor && kind != FunctionKind::DerivedConstructor
                && !sloppy_this) [[likely]] {
                Value* base = regs + code->register_count();
                if (!frame_fits(ts, base, callee_code)) [[unlikely]] {
                    SYNC();
                    THROW_WITH(throw_stack_overflow(vm));
                }
                frame->pc = pc + size;
                frame->env = env;
                frame = push_frame(ts, base, callee_code, callee, fn->environment(), this_value, argv, argc, Value::undefined(), 0);
                RELOAD_FRAME();
                pc = code->bytecode();
                scale = 1;
                mutator.safepoint_poll();
                DISPATCH();
            }
        }
        SYNC();
        acc = TRY_OR_THROW(([&]() -> ThrowOr<Value> {
            if (!is_callable(callee))
                return throw_type_error(vm, "%s is not a function", slow::call_site_text(vm, code, static_cast<u32>(pc - code->bytecode())).c_str());
            return Call(vm, callee, this_value, std::span<Value const>(argv, argc));
        }()));
        pc += size;
        scale = 1;
        DISPATCH();
    }
    CASE(CallSpread)
    {
        SYNC();
        Value callee = R(0);
        if (!is_callable(callee))
            THROW_WITH(throw_type_error(vm, "%s is not a function", slow::call_site_text(vm, code, static_cast<u32>(pc - code->bytecode())).c_str()));
        // The argument list lives in the lambda: see "No destructors across a dispatch" above.
        acc = TRY_OR_THROW(([&]() -> ThrowOr<Value> {
            RootedValues args(vm);
            TRY(slow::spread_arguments(vm, R(2), args));
            return Call(vm, callee, R(1), args.values());
        }()));
        NEXT(3);
    }
    CASE(New)
    {
        SYNC();
        Value callee = R(0);
        if (!IsConstructor(callee))
            THROW_WITH(throw_type_error(vm, "%s is not a constructor", slow::call_site_text(vm, code, static_cast<u32>(pc - code->bytecode())).c_str()));
        acc = TRY_OR_THROW(Construct(vm, callee, std::span<Value const>(&R(1), OP(2)), callee));
        NEXT(3);
    }
    CASE(NewSpread)
    {
        SYNC();
        Value callee = R(0);
        if (!IsConstructor(callee))
            THROW_WITH(throw_type_error(vm, "%s is not a constructor", slow::call_site_text(vm, code, static_cast<u32>(pc - code->bytecode())).c_str()));
        acc = TRY_OR_THROW(([&]() -> ThrowOr<Value> {
            RootedValues args(vm);
            TRY(slow::spread_arguments(vm, R(1), args));
            return Construct(vm, callee, args.values(), callee);
        }()));
        NEXT(2);
    }
    CASE(SuperCall)
    {
        SYNC();
        u32 f = OP(0);
        acc = TRY_OR_THROW(slow::super_construct(vm, regs[f], regs[f + 1], std::span<Value const>(&R(1), OP(2))));
        NEXT(3);
    }
    CASE(SuperCallSpread)
    {
        SYNC();
        u32 f = OP(0);
        acc = TRY_OR_THROW(([&]() -> ThrowOr<Value> {
            RootedValues args(vm);
            TRY(slow::spread_arguments(vm, R(1), args));
            return slow::super_construct(vm, regs[f], regs[f + 1], args.values());
        }()));
        NEXT(2);
    }
    CASE(CallRuntime)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::call_runtime(vm, static_cast<RuntimeFunction>(OP(0)), &R(1), OP(2)));
        NEXT(3);
    }
    CASE(CheckDerivedReturn)
    {
        if (is_object_cell(acc))
            NEXT(1);
        if (!acc.is_undefined()) {
            SYNC();
            THROW_WITH(throw_type_error(vm, "Derived constructors may only return object or undefined"));
        }
        acc = R(0);
        if (acc.is_empty()) {
            SYNC();
            THROW_WITH(throw_reference_error(vm, "Must call super constructor in derived class before accessing 'this' or returning from derived constructor"));
        }
        NEXT(1);
    }
    CASE(Return)
    {
    do_return:
        if ((frame->flags & Frame::kConstruct) && !is_object_cell(acc)) [[unlikely]]
            acc = regs[0];
        if (frame->flags & Frame::kCoroutine) [[unlikely]] {
            auto* c = static_cast<Coroutine*>(frame->coroutine.as_cell());
            c->state().store_release(Coroutine::Completed);
            if (c->kind() == Coroutine::Async) {
                SYNC();
                auto resolved = promise_resolve(vm, as_object(c->promise), acc);
                if (resolved.is_throw())
                    goto handle_exception;
                acc = c->promise;
            } else if (c->kind() == Coroutine::AsyncGenerator) {
                SYNC();
                async_generator_body_completed(vm, c, acc, false);
                acc = Value::undefined();
            }
        }
        bool entry = frame->flags & Frame::kEntry;
        --ts.frame_count;
        if (entry)
            return acc;
        frame = &ts.frames[ts.frame_count - 1];
        RELOAD_FRAME();
        ts.reg_top = regs + code->register_count();
        pc = frame->pc;
        scale = 1;
        DISPATCH();
    }
    CASE(Throw)
    {
        SYNC();
        vm.set_exception(acc);
        goto handle_exception;
    }
    CASE(ThrowIfThisEmpty)
    {
        if (acc.is_empty()) [[unlikely]] {
            SYNC();
            THROW_WITH(throw_reference_error(vm, "Must call super constructor in derived class before accessing 'this' or returning from derived constructor"));
        }
        NEXT(0);
    }
    CASE(ThrowIfSuperCalled)
    {
        if (!acc.is_empty()) [[unlikely]] {
            SYNC();
            THROW_WITH(throw_reference_error(vm, "Super constructor may only be called once"));
        }
        NEXT(0);
    }
    CASE(ThrowTypeError)
    {
        SYNC();
        THROW_WITH(throw_type_error(vm, "%s", to_utf8(static_cast<String*>(K(0).as_cell())).c_str()));
    }

    // --- Creation --------------------------------------------------------------------------
    CASE(CreateClosure)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::create_closure(vm, static_cast<SharedFunctionInfo*>(K(0).as_cell()), env));
        NEXT(1);
    }
    CASE(SetHomeObject)
    {
        if (acc.is_cell_of_kind(CellKind::FunctionObject))
            static_cast<FunctionObject*>(acc.as_cell())->set_home_object(R(0));
        NEXT(1);
    }
    CASE(CreateClass)
    {
        SYNC();
        Value prototype;
        acc = TRY_OR_THROW(slow::create_class(vm, static_cast<SharedFunctionInfo*>(K(0).as_cell()), env, OP(3) != 0, R(1), &prototype));
        R(2) = prototype;
        NEXT(4);
    }
    CASE(SetClassFields)
    {
        static_cast<FunctionObject*>(R(0).as_cell())->set_fields(acc);
        NEXT(1);
    }
    CASE(InitFields)
    {
        SYNC();
        TRY_OR_THROW(slow::initialize_instance_elements(vm, regs[0], frame->callee));
        NEXT(0);
    }
    CASE(CreateObject)
    {
        SYNC();
        Object* o = TRY_OR_THROW(new_object(vm));
        acc = Value::from_cell(o);
        NEXT(0);
    }
    CASE(CreateArray)
    {
        SYNC();
        ArrayObject* a = TRY_OR_THROW(new_array(vm));
        acc = Value::from_cell(a);
        NEXT(0);
    }
    CASE(ArrayPush)
    {
        SYNC();
        Outcome outcome = static_cast<ArrayObject*>(R(0).as_cell())->push(vm, acc);
        if (outcome != Outcome::True) [[unlikely]]
            THROW_WITH(throw_out_of_memory(vm));
        NEXT(1);
    }
    CASE(ArrayPushHole)
    {
        auto* a = static_cast<ArrayObject*>(R(0).as_cell());
        if (a->set_length(vm, a->length_acquire() + 1) != Outcome::True) [[unlikely]] {
            SYNC();
            THROW_WITH(throw_out_of_memory(vm));
        }
        NEXT(1);
    }
    CASE(ArraySpread)
    {
        SYNC();
        TRY_OR_THROW(slow::array_spread(vm, R(0), acc));
        NEXT(1);
    }
    CASE(CopyDataProperties)
    {
        SYNC();
        TRY_OR_THROW(slow::copy_data_properties(vm, R(0), acc, nullptr, 0));
        NEXT(1);
    }
    CASE(CopyDataPropertiesExcluding)
    {
        SYNC();
        TRY_OR_THROW(slow::copy_data_properties(vm, R(0), acc, &R(1), OP(2)));
        NEXT(3);
    }
    CASE(CreateRegExp)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::create_regexp(vm, K(0), K(1)));
        NEXT(2);
    }
    CASE(GetTemplateObject)
    {
        u64 cached = ics[OP(1)].load_acquire();
        if (cached) {
            acc = Value::from_bits(cached);
            NEXT(2);
        }
        SYNC();
        acc = TRY_OR_THROW(slow::get_template_object(vm, static_cast<ValueArray*>(K(0).as_cell()), ics[OP(1)]));
        NEXT(2);
    }
    CASE(CreateArguments)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::create_arguments(vm, frame->callee, frame->argv, frame->argc, strict));
        NEXT(0);
    }
    CASE(CreateRestParameter)
    {
        SYNC();
        acc = TRY_OR_THROW(slow::create_rest(vm, frame->argv, frame->argc, OP(0)));
        NEXT(1);
    }
    CASE(CreatePrivateName)
    {
        SYNC();
        Symbol* s = create_private_name(vm, static_cast<String*>(K(0).as_cell()));
        if (!s)
            THROW_WITH(throw_out_of_memory(vm));
        acc = Value::from_cell(s);
        NEXT(1);
    }
    CASE(LdaNewTarget) { acc = frame->new_target; NEXT(0); }
    CASE(LdaCallee) { acc = frame->callee; NEXT(0); }
    CASE(LdaHomeObject)
    {
        acc = frame->callee.is_cell_of_kind(CellKind::FunctionObject) ? static_cast<FunctionObject*>(frame->callee.as_cell())->home_object() : Value::undefined();
        NEXT(0);
    }

    // --- Iteration -------------------------------------------------------------------------
    CASE(GetIterator)
    {
        SYNC();
        TRY_OR_THROW(slow::get_iterator(vm, acc, &R(0), false));
        NEXT(1);
    }
    CASE(GetAsyncIterator)
    {
        SYNC();
        TRY_OR_THROW(slow::get_iterator(vm, acc, &R(0), true));
        NEXT(1);
    }
    CASE(IteratorStep)
    {
        SYNC();
        Value v = TRY_OR_THROW(slow::iterator_step(vm, &R(0)));
        if (v.is_empty()) {
            pc = code->bytecode() + LABEL(1);
            scale = 1;
            DISPATCH();
        }
        acc = v;
        pc += SIZE(1) + 4;
        scale = 1;
        DISPATCH();
    }
    CASE(IteratorClose)
    {
        SYNC();
        TRY_OR_THROW(IteratorClose(vm, R(0)));
        NEXT(1);
    }
    CASE(IteratorCloseQuiet)
    {
        SYNC();
        iterator_close_quietly(vm, R(0));
        NEXT(1);
    }
    CASE(ForInPrepare)
    {
        SYNC();
        TRY_OR_THROW(slow::for_in_prepare(vm, acc, &R(0)));
        NEXT(1);
    }
    CASE(ForInNext)
    {
        SYNC();
        Value key = TRY_OR_THROW(slow::for_in_next(vm, &R(0)));
        if (key.is_empty()) {
            pc = code->bytecode() + LABEL(1);
            scale = 1;
            DISPATCH();
        }
        acc = key;
        pc += SIZE(1) + 4;
        scale = 1;
        DISPATCH();
    }

    // --- Coroutines ------------------------------------------------------------------------
    CASE(InitialYield)
    {
        SYNC();
        bool async_generator = code->shared()->kind() == FunctionKind::AsyncGenerator;
        Object* fallback = async_generator ? vm.realm()->async_generator_prototype : vm.realm()->generator_prototype;
        Object* proto = TRY_OR_THROW(GetPrototypeFromConstructor(vm, frame->callee, fallback));
        Coroutine* c = Coroutine::try_create(vm, proto, async_generator ? Coroutine::AsyncGenerator : Coroutine::Generator);
        if (!c || !save_frame(vm, frame, c, env, pc + SIZE(0)))
            THROW_WITH(throw_out_of_memory(vm));
        c->state().store_release(Coroutine::SuspendedYield);
        acc = Value::from_cell(c);
        goto suspend;
    }
    CASE(AsyncStart)
    {
        SYNC();
        Coroutine* c = Coroutine::try_create(vm, vm.realm()->object_prototype, Coroutine::Async);
        Object* promise = c ? promise_create(vm) : nullptr;
        if (!promise)
            THROW_WITH(throw_out_of_memory(vm));
        c->promise = Value::from_cell(promise);
        c->state().store_release(Coroutine::Executing);
        frame->coroutine = Value::from_cell(c);
        frame->flags |= Frame::kCoroutine;
        NEXT(0);
    }
    CASE(Await)
    {
        SYNC();
        auto* c = static_cast<Coroutine*>(frame->coroutine.as_cell());
        if (!save_frame(vm, frame, c, env, pc + SIZE(0)))
            THROW_WITH(throw_out_of_memory(vm));
        auto awaited = await_value(vm, c, acc);
        if (awaited.is_throw()) {
            // Resume at once with the error thrown at the await.
            c->state().store_release(Coroutine::Executing);
            pc += SIZE(0);
            acc = vm.take_exception();
            ts.resume_kind = 1;
            scale = 1;
            DISPATCH();
        }
        acc = c->promise;
        goto suspend;
    }
    CASE(Yield)
    {
        SYNC();
        auto* c = static_cast<Coroutine*>(frame->coroutine.as_cell());
        if (c->kind() == Coroutine::AsyncGenerator) {
            // AsyncGeneratorYield: settle the first request; go on at once if another is queued.
            Value resume_value;
            u32 resume_kind = 0;
            if (TRY_OR_THROW(async_generator_yield(vm, c, acc, &resume_value, &resume_kind))) {
                acc = resume_value;
                ts.resume_kind = resume_kind;
                NEXT(0);
            }
            if (!save_frame(vm, frame, c, env, pc + SIZE(0)))
                THROW_WITH(throw_out_of_memory(vm));
            if (async_generator_suspend(c, &resume_value, &resume_kind)) {
                c->state().store_release(Coroutine::Executing);
                acc = resume_value;
                ts.resume_kind = resume_kind;
                NEXT(0);
            }
            goto suspend;
        }
        if (!save_frame(vm, frame, c, env, pc + SIZE(0)))
            THROW_WITH(throw_out_of_memory(vm));
        goto suspend;
    }
    CASE(YieldResumeKind) { acc = Value::from_i32(static_cast<i32>(ts.resume_kind)); NEXT(0); }

#if !defined(__GNUC__)
    }
#endif

suspend: {
    // The frame is saved in its coroutine: pop it and hand `acc` to whoever runs below.
    bool entry = frame->flags & Frame::kEntry;
    --ts.frame_count;
    if (entry) {
        ts.suspended = true;
        return acc;
    }
    frame = &ts.frames[ts.frame_count - 1];
    RELOAD_FRAME();
    ts.reg_top = regs + code->register_count();
    pc = frame->pc;
    scale = 1;
    DISPATCH();
}

handle_exception:
    for (;;) {
        CodeData const& data = code->data();
        u32 offset = static_cast<u32>(pc - data.bytecode.data());
        for (HandlerEntry const& h : data.handlers) {
            if (offset >= h.start && offset < h.end) {
                Value saved = regs[h.env_register];
                env = saved.is_undefined() ? nullptr : static_cast<Environment*>(saved.as_cell());
                acc = vm.take_exception();
                pc = data.bytecode.data() + h.handler;
                scale = 1;
                DISPATCH();
            }
        }
        if (frame->flags & Frame::kCoroutine) {
            auto* c = static_cast<Coroutine*>(frame->coroutine.as_cell());
            c->state().store_release(Coroutine::Completed);
            if (c->kind() == Coroutine::Async) {
                // An async function's exception rejects its promise; the call itself returns it.
                Value reason = vm.take_exception();
                auto rejected = promise_reject(vm, as_object(c->promise), reason);
                (void)rejected;
                acc = c->promise;
                frame->flags &= ~Frame::kCoroutine;
                frame->flags &= ~Frame::kConstruct;
                goto do_return;
            }
            if (c->kind() == Coroutine::AsyncGenerator) {
                // AsyncGeneratorStart: an exception out of the body settles the first request.
                async_generator_body_completed(vm, c, vm.take_exception(), true);
                acc = Value::undefined();
                frame->flags &= ~Frame::kCoroutine;
                frame->flags &= ~Frame::kConstruct;
                goto do_return;
            }
        }
        bool entry = frame->flags & Frame::kEntry;
        --ts.frame_count;
        if (entry)
            return ThrowCompletion {};
        frame = &ts.frames[ts.frame_count - 1];
        RELOAD_FRAME();
        ts.reg_top = regs + code->register_count();
        pc = frame->pc - 1; // inside the call instruction, for the handler lookup
    }

#undef OP
#undef SOP
#undef LABEL
#undef R
#undef K
#undef SIZE
#undef SYNC
#undef RELOAD_FRAME
#undef TRY_OR_THROW
#undef THROW_WITH
#undef CASE
#undef DISPATCH
#undef NEXT
}

} // namespace weft
