// The shell's own globals (load, readFile, timers, performance) and its event loop.
#pragma once

#include "interpreter/event_loop.h"
#include "vm/throw_or.h"
#include "vm/value.h"

#include <string>
#include <vector>

namespace weft {

class Vm;

struct ShellOptions {
    std::vector<std::string> script_arguments;
};

ThrowOr<void> install_shell_globals(Vm&, ShellOptions const&);
// $262 (global, evalScript, createRealm, detachArrayBuffer, gc) on the current realm's global.
ThrowOr<void> install_host_object(Vm&);

} // namespace weft
