// The bytecode compiler: AST + scope analysis -> a CodeBlock per function, compiled lazily.
//
// compile_script() parses and analyses a whole script and returns the SharedFunctionInfo of its
// top-level code; every function inside gets its SharedFunctionInfo when its enclosing function
// is compiled, and its own bytecode only when first called (compile_function).
#pragma once

#include "interpreter/code.h"
#include "vm/throw_or.h"

#include <string>
#include <string_view>

namespace weft {

class Vm;

struct ScriptSource {
    std::string_view text;
    std::string file_name;
    bool eval_code = false; // eval code: top-level lexicals (and, when strict, vars) are local
};

// Parses and analyses `source`. On a SyntaxError, returns nullptr with *syntax_error set to the
// parser's formatted message (file:line:column, the source line and a caret) and throws a
// SyntaxError exception in the Vm as well. Throws RangeError at the heap limit.
ThrowOr<SharedFunctionInfo*> compile_script(Vm&, ScriptSource const&, std::string* syntax_error);

// Generates the bytecode of one function (not published: the caller CASes it in).
ThrowOr<CodeBlock*> compile_function(Vm&, SharedFunctionInfo*);

// Decodes WTF-8 (UTF-8 that may encode lone surrogates, as the parser produces) into a String.
String* string_from_wtf8(Vm&, std::string_view);

} // namespace weft
