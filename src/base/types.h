// Fixed-width integer names used throughout the engine.
#pragma once

#include <cstddef>
#include <cstdint>

namespace weft {

using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
using i8 = std::int8_t;
using i16 = std::int16_t;
using i32 = std::int32_t;
using i64 = std::int64_t;
using usize = std::size_t;
using uptr = std::uintptr_t;

constexpr usize KiB = 1024;
constexpr usize MiB = 1024 * KiB;
constexpr usize GiB = 1024 * MiB;

// True when the thread runtime is compiled in (CMake option WEFT_THREADS).
constexpr bool kThreadsEnabled = WEFT_THREADS;

} // namespace weft
