// Public entry point of the parser: UTF-8 source in, AST or SyntaxError out.
// spec: https://tc39.es/ecma262/#sec-ecmascript-language-scripts-and-modules
#pragma once

#include "parser/arena.h"
#include "parser/ast.h"
#include "parser/lexer.h"
#include "parser/syntax_error.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace weft::parser {

// Nesting past this depth (of expressions, statements and functions together) is reported
// as a SyntaxError instead of risking the C++ stack.
constexpr u32 kDefaultMaxNestingDepth = 1000;

struct ParseOptions {
    Goal goal { Goal::Script };
    std::string file_name;
    bool strict { false }; // parse a script as if it began with "use strict"
    u32 max_nesting_depth { kDefaultMaxNestingDepth };
};

// Owns everything a parse produced: the arena holding the AST and a copy of the source that
// the AST's string views point into. Movable, not copyable; destroying it frees the AST.
class ParseResult {
public:
    bool ok() const { return m_program != nullptr; }
    ProgramNode const* program() const { return m_program; }
    SyntaxError const& error() const { return *m_error; }
    std::string_view source() const { return m_source; }
    Arena& arena() { return *m_arena; }

private:
    friend ParseResult parse_program(std::string_view, ParseOptions const&);
    std::unique_ptr<Arena> m_arena;
    std::string_view m_source; // copy in the arena
    ProgramNode* m_program { nullptr };
    std::optional<SyntaxError> m_error;
};

// Parses a Script or Module. Re-entrant: every call owns all of its state, so any number of
// threads may parse at the same time.
ParseResult parse_program(std::string_view source, ParseOptions const& options = {});

// A compact S-expression rendering of a subtree, for tests and tools: e.g.
// (Program (ExpressionStatement (BinaryExpression + a 1))).
std::string dump_ast(Node const* node);

// Checks the syntax of a RegularExpressionLiteral's body and flags.
// spec: https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors
// Returns nullopt when valid, else the byte offset within `pattern` (or pattern.size() +
// 1 + index for a flag) and a message.
struct RegExpSyntaxError {
    u32 offset;
    std::string message;
};
std::optional<RegExpSyntaxError> validate_regexp(std::string_view pattern, std::string_view flags);

} // namespace weft::parser
