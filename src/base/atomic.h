// Atomic<T>: std::atomic with only explicitly ordered operations and no implicit conversions.
//
// Every heap word another thread may touch is an Atomic (DESIGN.md R1). The memory order is
// part of each call's name so a reader sees the contract at the call site:
//   load_relaxed / store_relaxed   plain JavaScript reads and writes of shared slots
//   load_acquire / store_release   publication of structures built before the store
//   *_seq_cst                      Atomics.*, the safepoint Dekker handshake
// On x86-64 and arm64 relaxed loads and stores compile to ordinary moves, so the wrapper
// costs nothing on single-threaded paths; read-modify-write operations are real atomics.
#pragma once

#include <atomic>

namespace weft {

template<typename T>
class Atomic {
public:
    constexpr Atomic() noexcept : m_value() { }
    constexpr explicit Atomic(T initial) noexcept : m_value(initial) { }
    Atomic(Atomic const&) = delete;
    Atomic& operator=(Atomic const&) = delete;

    T load_relaxed() const noexcept { return m_value.load(std::memory_order_relaxed); }
    T load_acquire() const noexcept { return m_value.load(std::memory_order_acquire); }
    T load_seq_cst() const noexcept { return m_value.load(std::memory_order_seq_cst); }

    void store_relaxed(T v) noexcept { m_value.store(v, std::memory_order_relaxed); }
    void store_release(T v) noexcept { m_value.store(v, std::memory_order_release); }
    void store_seq_cst(T v) noexcept { m_value.store(v, std::memory_order_seq_cst); }

    T exchange_acq_rel(T v) noexcept { return m_value.exchange(v, std::memory_order_acq_rel); }
    T exchange_seq_cst(T v) noexcept { return m_value.exchange(v, std::memory_order_seq_cst); }

    // On failure `expected` receives the current value.
    bool compare_exchange_acq_rel(T& expected, T desired) noexcept
    {
        return m_value.compare_exchange_strong(expected, desired, std::memory_order_acq_rel, std::memory_order_acquire);
    }
    bool compare_exchange_release(T& expected, T desired) noexcept
    {
        return m_value.compare_exchange_strong(expected, desired, std::memory_order_release, std::memory_order_relaxed);
    }
    bool compare_exchange_relaxed(T& expected, T desired) noexcept
    {
        return m_value.compare_exchange_strong(expected, desired, std::memory_order_relaxed, std::memory_order_relaxed);
    }
    bool compare_exchange_seq_cst(T& expected, T desired) noexcept
    {
        return m_value.compare_exchange_strong(expected, desired, std::memory_order_seq_cst, std::memory_order_seq_cst);
    }

    T fetch_add_relaxed(T v) noexcept { return m_value.fetch_add(v, std::memory_order_relaxed); }
    T fetch_add_acq_rel(T v) noexcept { return m_value.fetch_add(v, std::memory_order_acq_rel); }
    T fetch_sub_acq_rel(T v) noexcept { return m_value.fetch_sub(v, std::memory_order_acq_rel); }
    T fetch_add_seq_cst(T v) noexcept { return m_value.fetch_add(v, std::memory_order_seq_cst); }
    T fetch_sub_seq_cst(T v) noexcept { return m_value.fetch_sub(v, std::memory_order_seq_cst); }
    T fetch_or_relaxed(T v) noexcept { return m_value.fetch_or(v, std::memory_order_relaxed); }
    T fetch_or_acq_rel(T v) noexcept { return m_value.fetch_or(v, std::memory_order_acq_rel); }
    T fetch_and_acq_rel(T v) noexcept { return m_value.fetch_and(v, std::memory_order_acq_rel); }

    // The address, for the parking lot and for futex-style waiting only.
    std::atomic<T>* raw() noexcept { return &m_value; }

private:
    std::atomic<T> m_value;
};

static_assert(sizeof(Atomic<unsigned long>) == sizeof(unsigned long));

inline void fence_seq_cst() noexcept { std::atomic_thread_fence(std::memory_order_seq_cst); }

// A hint inside spin loops.
inline void cpu_relax() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

} // namespace weft
