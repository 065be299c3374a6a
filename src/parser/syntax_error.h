// SyntaxError results of a parse and their `file:line:column: SyntaxError: message` formatting.
#pragma once

#include "base/types.h"

#include <string>
#include <string_view>

namespace weft::parser {

struct SyntaxError {
    std::string file;
    u32 offset { 0 };  // byte offset into the source
    u32 line { 1 };    // 1-based
    u32 column { 1 };  // 1-based, UTF-16 code units
    std::string message;
};

// "file:line:column: SyntaxError: message", then the source line and a caret under the
// column (the caret line repeats the line's tabs so that it lines up in a terminal).
std::string format_syntax_error(SyntaxError const& error, std::string_view source);

// Thrown inside one parse to unwind to its entry point, where it becomes a SyntaxError.
// NOTE: an exception keeps the recursive descent free of error plumbing; it never leaves
// parse_program().
struct ParseAbort {
    u32 offset;
    std::string message;
};

[[noreturn]] inline void fail_at(u32 offset, std::string message)
{
    throw ParseAbort { offset, std::move(message) };
}

} // namespace weft::parser
