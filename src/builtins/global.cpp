// The global object's own functions and values: globalThis, print, queueMicrotask, NaN, Infinity,
// undefined (parseInt and friends are in number.cpp).
// spec: https://tc39.es/ecma262/#sec-global-object
#include "builtins/builtins.h"

#include "builtins/promise.h"
#include "compiler/compilation_unit.h"
#include "interpreter/code.h"
#include "interpreter/engine.h"
#include "interpreter/thread_state.h"

#include <cmath>
#include <cstdio>

namespace weft {

// print ( ...values ): the values formatted as console.log does, then a newline.
static ThrowOr<Value> global_print(Vm& vm, CallArgs const& args)
{
    std::string line;
    for (u32 i = 0; i < args.count(); ++i) {
        if (i)
            line += ' ';
        line += inspect_value(vm, args.arg(i));
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    return Value::undefined();
}

// queueMicrotask ( callback ) — HTML's, as Node has it.
static ThrowOr<Value> global_queue_microtask(Vm& vm, CallArgs const& args)
{
    if (!is_callable(args.arg(0)))
        return throw_type_error(vm, "The \"callback\" argument must be of type function. Received %s", describe_for_error(vm, args.arg(0)).c_str());
    enqueue_callback_job(vm, args.arg(0));
    return Value::undefined();
}

// eval ( x ): indirect eval — the source runs as a Script in the global scope; its completion
// value is the result. (A direct call is compiled as an ordinary call, so it behaves the same.)
// spec: https://tc39.es/ecma262/#sec-eval-x
static ThrowOr<Value> global_eval(Vm& vm, CallArgs const& args)
{
    Value x = args.arg(0);
    if (!is_string(x))
        return x;
    std::string source = to_utf8(static_cast<String*>(x.as_cell()));
    // The eval code's file is its caller's, so that import() in it resolves against that file.
    std::string file = "[eval]";
    if (Frame* caller = vm.thread_state()->top_frame(); caller && caller->code)
        file = caller->code->shared()->unit()->file_name;
    // The code runs in the realm this eval function belongs to (data slot 0: its global object).
    Realm* previous = vm.realm();
    Realm* realm = previous;
    Value global = static_cast<NativeFunction*>(args.callee().as_cell())->data(0);
    if (EngineState* engine = vm.runtime().engine(); engine && global != previous->global_this) {
        LockGuard guard(engine->registry_lock);
        for (Realm* r : engine->extra_realms)
            if (r->global_this == global)
                realm = r;
        if (engine->realm->global_this == global)
            realm = engine->realm;
    }
    vm.set_realm(realm);
    auto result = evaluate_eval_code(vm, source, file);
    vm.set_realm(previous);
    return result;
}

constexpr NativeMethod kGlobalMethods[] = {
    { "eval", 1, global_eval },
    { "print", 0, global_print },
    { "queueMicrotask", 1, global_queue_microtask },
};

ThrowOr<void> install_global(Vm& vm)
{
    Realm& realm = *vm.realm();
    Object* global = realm.global_object;
    TRY(install_methods(vm, global, kGlobalMethods));
    if (auto eval = global->get_own_data_value(vm, TRY(key_for(vm, "eval"))); eval && eval->is_cell())
        static_cast<NativeFunction*>(eval->as_cell())->set_data(0, realm.global_this);
    auto constant = PropertyAttributes::data(false, false, false);
    TRY(define_value(vm, global, "NaN", Value::from_double(std::nan("")), constant));
    TRY(define_value(vm, global, "Infinity", Value::from_number(INFINITY), constant));
    TRY(define_value(vm, global, "undefined", Value::undefined(), constant));
    TRY(define_value(vm, global, "globalThis", Value::from_cell(global)));
    return {};
}

} // namespace weft
