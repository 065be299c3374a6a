// The interpreter's entry points: running functions and scripts, compiling lazily, resuming
// coroutines. The dispatch loop itself is in interpreter/interpreter.cpp.
#pragma once

#include "interpreter/code.h"
#include "objects/function.h"
#include "vm/throw_or.h"

#include <span>

namespace weft {

class Vm;

// The compiled code of `shared`, compiling and publishing it (one CAS) on first use.
ThrowOr<CodeBlock*> ensure_compiled(Vm&, SharedFunctionInfo*);

// OrdinaryCallEvaluateBody for a bytecode function: [[Call]] (construct = false) or
// [[Construct]] with `this_value` already created (empty for derived constructors).
// spec: https://tc39.es/ecma262/#sec-ordinarycallevaluatebody
ThrowOr<Value> call_bytecode_function(Vm&, FunctionObject*, Value this_value, std::span<Value const> args,
    Value new_target, bool construct);

// Runs a script's top-level code.
ThrowOr<Value> run_script_code(Vm&, SharedFunctionInfo*);

// Resumes a suspended generator or async function: kind 0 = next(value), 1 = throw(value),
// 2 = return(value). *yielded tells whether it suspended again (true) or finished (false).
ThrowOr<Value> resume_coroutine(Vm&, Object* coroutine, Value value, u32 kind, bool* yielded);

} // namespace weft
