// Unicode identifier properties (ID_Start / ID_Continue) for code points above ASCII.
#pragma once

#include "base/types.h"

namespace weft::parser {

// The Unicode version the generated tables come from.
extern char const* const kUnicodeVersion;

// Non-ASCII code points only; the lexer handles ASCII itself.
bool is_unicode_id_start(u32 cp);
bool is_unicode_id_continue(u32 cp);

} // namespace weft::parser
