// Assertions: WEFT_ASSERT is checked in debug builds, WEFT_VERIFY always.
#pragma once

namespace weft {
[[noreturn]] void assertion_failed(char const* expression, char const* file, int line);
[[noreturn]] void fatal_error(char const* message);
} // namespace weft

#define WEFT_VERIFY(expr)                                          \
    do {                                                           \
        if (!(expr)) [[unlikely]]                                  \
            ::weft::assertion_failed(#expr, __FILE__, __LINE__);   \
    } while (0)

#ifdef NDEBUG
#define WEFT_ASSERT(expr) ((void)0)
#else
#define WEFT_ASSERT(expr) WEFT_VERIFY(expr)
#endif

#define WEFT_UNREACHABLE() ::weft::assertion_failed("unreachable", __FILE__, __LINE__)

#if defined(__GNUC__)
#define WEFT_LIKELY(x) __builtin_expect(!!(x), 1)
#define WEFT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define WEFT_ALWAYS_INLINE inline __attribute__((always_inline))
#define WEFT_NOINLINE __attribute__((noinline))
#else
#define WEFT_LIKELY(x) (x)
#define WEFT_UNLIKELY(x) (x)
#define WEFT_ALWAYS_INLINE inline
#define WEFT_NOINLINE
#endif
