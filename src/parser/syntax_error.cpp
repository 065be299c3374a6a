// Formatting of SyntaxErrors with the offending source line and a caret.
#include "parser/syntax_error.h"

#include "parser/source.h"

namespace weft::parser {

std::string format_syntax_error(SyntaxError const& error, std::string_view source)
{
    std::string out;
    out += error.file.empty() ? std::string("<input>") : error.file;
    out += ':';
    out += std::to_string(error.line);
    out += ':';
    out += std::to_string(error.column);
    out += ": SyntaxError: ";
    out += error.message;
    out += '\n';
    std::string_view line = line_text_at(source, error.offset);
    out.append(line.data(), line.size());
    out += '\n';
    // One space per code point before the error (tabs kept), counting within the line.
    u32 line_start = static_cast<u32>(line.data() - source.data());
    u32 stop = error.offset > line_start ? error.offset - line_start : 0;
    if (stop > line.size())
        stop = static_cast<u32>(line.size());
    for (u32 i = 0; i < stop;) {
        u32 len;
        u32 cp = decode_utf8(line.data() + i, line.data() + line.size(), len);
        out += cp == '\t' ? '\t' : ' ';
        i += len;
    }
    out += "^\n";
    return out;
}

} // namespace weft::parser
