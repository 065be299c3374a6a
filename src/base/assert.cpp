// Failure reporting for WEFT_ASSERT / WEFT_VERIFY and unrecoverable engine errors.
#include "base/assert.h"

#include <cstdio>
#include <cstdlib>

namespace weft {

void assertion_failed(char const* expression, char const* file, int line)
{
    std::fprintf(stderr, "weft: internal assertion failed: %s (%s:%d)\n", expression, file, line);
    std::abort();
}

void fatal_error(char const* message)
{
    std::fprintf(stderr, "weft: fatal error: %s\n", message);
    std::abort();
}

} // namespace weft
