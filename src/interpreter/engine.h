// The engine's front door for the shell and embedders: initialise a runtime (cell kinds, realm,
// built-ins), attach threads, evaluate scripts, drain jobs.
#pragma once

#include "vm/throw_or.h"
#include "vm/value.h"

#include <string>
#include <string_view>

namespace weft {

class Realm;
class Runtime;
class Vm;

struct EngineOptions {
    usize register_stack_bytes = 8 * 1024 * 1024;
};

// Once per Runtime, on its first Vm: registers the engine's cell kinds, creates the realm and
// installs the built-ins; attaches `vm`'s thread state. Returns false at the heap limit.
bool initialize_engine(Vm&, EngineOptions const& = {});
// For every further thread: its interpreter state (register stack, frames, microtask queue).
void attach_engine_thread(Vm&);
// Before a Vm is destroyed.
void detach_engine_thread(Vm&);

// A further realm with its own intrinsics and global object (for $262.createRealm). The realm
// lives as long as the runtime. Returns nullptr at the heap limit. `vm`'s current realm is kept.
Realm* create_realm(Vm&);

// Compiles and runs a script. On a SyntaxError, *syntax_error receives the parser's formatted
// report (file:line:column, source line, caret) and the exception is a SyntaxError.
ThrowOr<Value> evaluate_script(Vm&, std::string_view source, std::string const& file_name, std::string* syntax_error = nullptr);
// Indirect eval: as a script, but top-level lexical declarations (and all declarations of strict
// eval code) are local to it.
// `file_name` is the calling script's or module's (the referrer of import() in the eval code).
ThrowOr<Value> evaluate_eval_code(Vm&, std::string_view source, std::string const& file_name);

} // namespace weft
