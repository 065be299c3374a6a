// weft-parse: parses JavaScript files and prints OK or the formatted SyntaxError (exit status 1).
//
// Usage: weft-parse [--module] [--strict] [--dump] FILE...
//        weft-parse --batch     (reads "script|module|strict PATH" lines from stdin and
//                                prints "OK" or "ERR message" for each, for test runners)
#include "parser/parser.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

bool read_file(std::string const& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

int run_batch()
{
    std::string line;
    while (std::getline(std::cin, line)) {
        auto space = line.find(' ');
        if (space == std::string::npos) {
            std::cout << "ERR bad request\n" << std::flush;
            continue;
        }
        std::string mode = line.substr(0, space);
        std::string path = line.substr(space + 1);
        std::string source;
        if (!read_file(path, source)) {
            std::cout << "ERR cannot read file\n" << std::flush;
            continue;
        }
        weft::parser::ParseOptions options;
        options.file_name = path;
        if (mode == "module")
            options.goal = weft::parser::Goal::Module;
        if (mode == "strict")
            source = "\"use strict\";\n" + source;
        auto result = weft::parser::parse_program(source, options);
        if (result.ok()) {
            std::cout << "OK\n";
        } else {
            std::string message = result.error().message;
            for (char& c : message) {
                if (c == '\n')
                    c = ' ';
            }
            std::cout << "ERR " << result.error().line << ":" << result.error().column << " " << message << "\n";
        }
        std::cout << std::flush;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    weft::parser::ParseOptions options;
    bool strict_prefix = false;
    bool dump = false;
    int status = 0;
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        char const* arg = argv[i];
        if (!std::strcmp(arg, "--batch"))
            return run_batch();
        if (!std::strcmp(arg, "--module")) {
            options.goal = weft::parser::Goal::Module;
            continue;
        }
        if (!std::strcmp(arg, "--strict")) {
            strict_prefix = true;
            continue;
        }
        if (!std::strcmp(arg, "--dump")) {
            dump = true;
            continue;
        }
        if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h")) {
            std::puts("usage: weft-parse [--module] [--strict] [--dump] FILE...\n"
                      "       weft-parse --batch   (lines 'script|module|strict PATH' on stdin)");
            return 0;
        }
        ++files;
        std::string source;
        if (!read_file(arg, source)) {
            std::fprintf(stderr, "weft-parse: cannot read %s\n", arg);
            status = 2;
            continue;
        }
        if (strict_prefix)
            source = "\"use strict\";\n" + source;
        options.file_name = arg;
        auto result = weft::parser::parse_program(source, options);
        if (!result.ok()) {
            std::fputs(weft::parser::format_syntax_error(result.error(), result.source()).c_str(), stdout);
            status = status ? status : 1;
            continue;
        }
        if (dump)
            std::printf("%s\n", weft::parser::dump_ast(result.program()).c_str());
        else
            std::printf("OK\n");
    }
    if (files == 0) {
        std::fputs("usage: weft-parse [--module] [--strict] [--dump] FILE...\n", stderr);
        return 2;
    }
    return status;
}
