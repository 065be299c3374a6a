// CompilationUnit: what a parsed script shares with every function compiled from it — the parse
// result (which owns the AST), the scope analysis, and the file name. Reference-counted: each
// SharedFunctionInfo holds a std::shared_ptr, so the AST lives until the last function dies.
#pragma once

#include "compiler/scope.h"
#include "parser/parser.h"

#include <string>

namespace weft {

struct CompilationUnit {
    parser::ParseResult parse;
    compiler::ScopeAnalysis scopes;
    std::string file_name;
};

} // namespace weft
