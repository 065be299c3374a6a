// ThrowOr<T>: the result of an operation that may throw a JavaScript exception (or run JavaScript).
//
// A ThrowOr holds either a T or nothing; "nothing" means an exception is pending in the Vm
// (vm.exception()). The exception Value itself lives in the per-thread state, so a ThrowOr<Value>
// is two words and returns in registers. TRY(expr) is the spec's `?`: it propagates a pending
// exception to the caller; MUST(expr) is the spec's `!`: the operation cannot throw there.
//
// Contract (CONVENTIONS): a function returning ThrowOr may allocate, may run JavaScript and may
// throw; it is [[nodiscard]] so that a pending exception is never dropped silently.
#pragma once

#include "base/assert.h"

#include <optional>
#include <utility>

namespace weft {

// "An exception is pending in the Vm": the value every throwing path returns.
struct ThrowCompletion { };

template<typename T>
class [[nodiscard]] ThrowOr {
public:
    ThrowOr(T value) : m_value(std::move(value)) { }
    ThrowOr(ThrowCompletion) { }

    bool is_throw() const { return !m_value.has_value(); }
    T& value() { WEFT_ASSERT(m_value.has_value()); return *m_value; }
    T release_value() { WEFT_ASSERT(m_value.has_value()); return std::move(*m_value); }

private:
    // Trivially copyable when T is (a ThrowOr<Value> returns in two registers).
    std::optional<T> m_value;
};

template<>
class [[nodiscard]] ThrowOr<void> {
public:
    ThrowOr() : m_ok(true) { }
    ThrowOr(ThrowCompletion) : m_ok(false) { }
    bool is_throw() const { return !m_ok; }
    void release_value() { }

private:
    bool m_ok;
};

} // namespace weft

// The spec's `?`: evaluates to the value, or returns the pending exception to the caller.
#define TRY(expr)                                                   \
    ({                                                              \
        auto _weft_try_result = (expr);                             \
        if (_weft_try_result.is_throw()) [[unlikely]]               \
            return ::weft::ThrowCompletion {};                      \
        _weft_try_result.release_value();                           \
    })

// The spec's `!`: the operation cannot throw here (checked in debug builds).
#define MUST(expr)                                                  \
    ({                                                              \
        auto _weft_must_result = (expr);                            \
        WEFT_ASSERT(!_weft_must_result.is_throw());                 \
        _weft_must_result.release_value();                          \
    })
