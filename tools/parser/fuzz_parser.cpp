// libFuzzer target for the parser (not part of the default build). Build with clang, e.g.:
//   clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -DWEFT_THREADS=1 -Isrc \
//     tools/parser/fuzz_parser.cpp src/parser/*.cpp src/base/assert.cpp -o fuzz_parser
//   ./fuzz_parser -max_total_time=600 tests/parser-corpus
#include "parser/parser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    if (size == 0)
        return 0;
    std::string_view source(reinterpret_cast<char const*>(data + 1), size - 1);
    weft::parser::ParseOptions options;
    options.goal = (data[0] & 1) ? weft::parser::Goal::Module : weft::parser::Goal::Script;
    options.strict = data[0] & 2;
    auto result = weft::parser::parse_program(source, options);
    if (result.ok())
        (void)weft::parser::dump_ast(result.program());
    else
        (void)weft::parser::format_syntax_error(result.error(), result.source());
    return 0;
}
