// Helpers shared by the parser unit tests.
#pragma once

#include "parser/parser.h"

#include <gtest/gtest.h>

#include <string>

namespace weft::parser::test {

inline ParseOptions script_options() { return {}; }
inline ParseOptions module_options()
{
    ParseOptions o;
    o.goal = Goal::Module;
    return o;
}

// The S-expression dump of a successful parse, or "ERROR: message" so that a failing
// expectation shows what went wrong.
inline std::string dump(std::string_view source, ParseOptions const& options = {})
{
    auto result = parse_program(source, options);
    if (!result.ok())
        return "ERROR: " + result.error().message;
    return dump_ast(result.program());
}

inline std::string dump_module(std::string_view source) { return dump(source, module_options()); }

// The dump of the first statement's expression: "(Script (ExpressionStatement X))" -> "X".
inline std::string expr(std::string_view source)
{
    std::string d = dump(source);
    std::string prefix = "(Script (ExpressionStatement ";
    if (d.rfind(prefix, 0) != 0 || d.size() < prefix.size() + 2)
        return d;
    return d.substr(prefix.size(), d.size() - prefix.size() - 2);
}

inline bool parses(std::string_view source, ParseOptions const& options = {})
{
    return parse_program(source, options).ok();
}

} // namespace weft::parser::test
