// The shell's globals: load(path), readFile(path), setTimeout/clearTimeout/setInterval/clearInterval,
// performance.now(), scriptArgs; and the event loop that runs microtasks and timers.
#include "shell/shell.h"

#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "builtins/typed_array.h"
#include "interpreter/engine.h"
#include "interpreter/thread_state.h"
#include "vm/realm.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace weft {

static double now_ms() { return monotonic_ms(); }

static bool read_text_file(std::string const& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = buffer.str();
    return true;
}

static ThrowOr<Value> shell_read_file(Vm& vm, CallArgs const& args)
{
    String* path = TRY(ToString(vm, args.arg(0)));
    std::string text;
    if (!read_text_file(to_utf8(path), text))
        return throw_error(vm, ErrorType::Error, "ENOENT: no such file or directory, open '" + to_utf8(path) + "'");
    String* s = TRY(new_string(vm, text));
    return Value::from_cell(s);
}

static ThrowOr<Value> shell_load(Vm& vm, CallArgs const& args)
{
    String* path = TRY(ToString(vm, args.arg(0)));
    std::string file = to_utf8(path);
    std::string text;
    if (!read_text_file(file, text))
        return throw_error(vm, ErrorType::Error, "ENOENT: no such file or directory, open '" + file + "'");
    return evaluate_script(vm, text, file);
}

static ThrowOr<Value> add_timer(Vm& vm, CallArgs const& args, bool repeat)
{
    Value callback = args.arg(0);
    if (!is_callable(callback))
        return throw_type_error(vm, "The \"callback\" argument must be of type function. Received %s", describe_for_error(vm, callback).c_str());
    double delay = 0;
    if (!args.arg(1).is_undefined()) {
        delay = TRY(ToNumber(vm, args.arg(1)));
        if (!(delay >= 1))
            delay = 1;
    } else {
        delay = 1;
    }
    ThreadState& ts = *vm.thread_state();
    Timer timer;
    timer.id = ts.next_timer_id++;
    timer.due_ms = now_ms() + delay;
    timer.interval_ms = repeat ? delay : -1;
    timer.callback = callback;
    for (u32 i = 2; i < args.count(); ++i)
        timer.arguments.push_back(args.arg(i));
    ts.timers.push_back(std::move(timer));
    return Value::from_u64(ts.timers.back().id);
}

static ThrowOr<Value> shell_set_timeout(Vm& vm, CallArgs const& args) { return add_timer(vm, args, false); }
static ThrowOr<Value> shell_set_interval(Vm& vm, CallArgs const& args) { return add_timer(vm, args, true); }

static ThrowOr<Value> shell_clear_timer(Vm& vm, CallArgs const& args)
{
    if (!args.arg(0).is_number())
        return Value::undefined();
    u64 id = static_cast<u64>(args.arg(0).as_number());
    std::erase_if(vm.thread_state()->timers, [&](Timer const& t) { return t.id == id; });
    return Value::undefined();
}

static ThrowOr<Value> performance_now(Vm&, CallArgs const&) { return Value::from_double(now_ms()); }

static ThrowOr<Value> shell_gc(Vm& vm, CallArgs const&)
{
    vm.heap().collect(vm.mutator());
    return Value::undefined();
}

constexpr NativeMethod kShellGlobals[] = {
    { "clearInterval", 1, shell_clear_timer },
    { "clearTimeout", 1, shell_clear_timer },
    { "gc", 0, shell_gc },
    { "load", 1, shell_load },
    { "readFile", 1, shell_read_file },
    { "setInterval", 2, shell_set_interval },
    { "setTimeout", 2, shell_set_timeout },
};

constexpr NativeMethod kPerformanceMethods[] = { { "now", 0, performance_now } };

// --- $262: the host object test262 expects in every realm --------------------------------------

// Each $262 function keeps its realm's global object in data slot 0; this finds the realm.
static Realm* realm_of_host_function(Vm& vm, CallArgs const& args)
{
    auto* self = static_cast<NativeFunction*>(args.callee().as_cell());
    Value global = self->data(0);
    EngineState* engine = vm.runtime().engine();
    if (engine->realm->global_this == global)
        return engine->realm;
    LockGuard guard(engine->registry_lock);
    for (Realm* realm : engine->extra_realms)
        if (realm->global_this == global)
            return realm;
    return vm.realm();
}

struct RealmSwitch {
    RealmSwitch(Vm& vm, Realm* realm)
        : vm(vm)
        , previous(vm.realm())
    {
        vm.set_realm(realm);
    }
    ~RealmSwitch() { vm.set_realm(previous); }
    Vm& vm;
    Realm* previous;
};

static ThrowOr<Value> host_eval_script(Vm& vm, CallArgs const& args)
{
    Realm* realm = realm_of_host_function(vm, args);
    String* source = TRY(ToString(vm, args.arg(0)));
    std::string text = to_utf8(source);
    RealmSwitch in(vm, realm);
    return evaluate_script(vm, text, "[evalScript]");
}

static ThrowOr<Value> host_create_realm(Vm& vm, CallArgs const&)
{
    Realm* realm = create_realm(vm);
    if (!realm)
        return throw_out_of_memory(vm);
    RealmSwitch in(vm, realm);
    TRY(install_host_object(vm));
    auto host = realm->global_object->get_own_data_value(vm, TRY(key_for(vm, "$262")));
    return host ? *host : Value::undefined();
}

// $262.detachArrayBuffer ( buffer ): DetachArrayBuffer(buffer) for test262.
static ThrowOr<Value> host_detach_array_buffer(Vm& vm, CallArgs const& args)
{
    Value buffer = args.arg(0);
    if (!is_array_buffer(buffer))
        return throw_type_error(vm, "detachArrayBuffer: not an ArrayBuffer");
    if (!as_array_buffer(buffer)->detach())
        return throw_type_error(vm, "detachArrayBuffer: a SharedArrayBuffer cannot be detached");
    return Value::null();
}

constexpr NativeMethod kHostMethods[] = {
    { "createRealm", 0, host_create_realm },
    { "detachArrayBuffer", 1, host_detach_array_buffer },
    { "evalScript", 1, host_eval_script },
    { "gc", 0, shell_gc },
};

ThrowOr<void> install_host_object(Vm& vm)
{
    Realm& realm = *vm.realm();
    Object* host = TRY(new_object(vm));
    for (NativeMethod const& m : kHostMethods) {
        NativeFunction* fn = make_native_function(vm, m.fn, m.name, m.length);
        if (!fn)
            return throw_out_of_memory(vm);
        fn->set_data(0, realm.global_this);
        TRY(define_value(vm, host, m.name, Value::from_cell(fn)));
    }
    TRY(define_value(vm, host, "global", realm.global_this));
    TRY(define_value(vm, realm.global_object, "$262", Value::from_cell(host)));
    return {};
}

ThrowOr<void> install_shell_globals(Vm& vm, ShellOptions const& options)
{
    (void)monotonic_ms(); // fixes the time origin
    Object* global = vm.realm()->global_object;
    TRY(install_methods(vm, global, kShellGlobals));
    Object* performance = TRY(new_object(vm));
    TRY(install_methods(vm, performance, kPerformanceMethods));
    TRY(define_value(vm, global, "performance", Value::from_cell(performance)));
    // navigator.hardwareConcurrency, as in browsers, Deno and Node 21+: the number of logical
    // processors, so scripts can size their thread pools.
    Object* navigator = TRY(new_object(vm));
    unsigned processors = std::max(1u, std::thread::hardware_concurrency());
    TRY(define_value(vm, navigator, "hardwareConcurrency", Value::from_u64(processors)));
    TRY(define_value(vm, global, "navigator", Value::from_cell(navigator)));
    RootedValues arguments(vm);
    for (auto const& a : options.script_arguments) {
        String* s = TRY(new_string(vm, a));
        arguments.push(Value::from_cell(s));
    }
    ArrayObject* script_args = TRY(CreateArrayFromList(vm, arguments.values()));
    TRY(define_value(vm, global, "scriptArgs", Value::from_cell(script_args)));
    TRY(install_host_object(vm));
    return {};
}

} // namespace weft
