// Value: a JavaScript value in one 64-bit NaN-boxed word, and AtomicValue for shared slots.
//
// Encoding (bits of the u64):
//   0x0000_0000_0000_0000            empty: the internal hole / "no value" marker
//   0x0000_0000_0000_0002            null
//   0x0000_0000_0000_0006 / _0007    false / true
//   0x0000_0000_0000_000a            undefined
//   0x0000_pppp_pppp_pppp            cell pointer (48 bits, 16-byte aligned, >= 0x10000)
//   0x0002_0000_0000_0000 ..
//   0xfffc_ffff_ffff_ffff            double: IEEE bits + 2^49 (kDoubleOffset)
//   0xfffe_0000_xxxx_xxxx            int32 in the low 32 bits
// Every NaN is canonicalised to 0x7ff8_0000_0000_0000 before encoding, so no double can spill
// into the int32 range and NaN payloads cannot forge pointers.
//
// Invariants:
//  - A Value is one machine word: a racing read of a slot sees some whole Value ever written
//    there, never a torn mix (THREADS-API.md §7). Shared slots are AtomicValue (R1).
//  - Numbers are either int32 or double; from_number() picks int32 for integral values in
//    range except -0, so equal numbers usually (not always) have equal bits: compare numbers
//    with the helpers in the builtins, never by bits.
#pragma once

#include "base/assert.h"
#include "base/atomic.h"
#include "base/types.h"
#include "heap/cell.h"
#include "vm/cell_kind.h"

#include <bit>
#include <cmath>

namespace weft {

class Value {
public:
    static constexpr u64 kDoubleOffset = u64(1) << 49;
    static constexpr u64 kNumberTag = 0xfffe'0000'0000'0000ULL;   // int32 tag; any of these bits set = number
    static constexpr u64 kOtherTag = 0x2;
    static constexpr u64 kBoolTag = 0x4;
    static constexpr u64 kUndefinedTag = 0x8;
    static constexpr u64 kNotCellMask = kNumberTag | kOtherTag;

    static constexpr u64 kEmptyBits = 0x0;
    static constexpr u64 kNullBits = kOtherTag;
    static constexpr u64 kFalseBits = kOtherTag | kBoolTag;
    static constexpr u64 kTrueBits = kOtherTag | kBoolTag | 1;
    static constexpr u64 kUndefinedBits = kOtherTag | kUndefinedTag;
    static constexpr u64 kCanonicalNaNBits = 0x7ff8'0000'0000'0000ULL;

    constexpr Value() : m_bits(kUndefinedBits) { }

    static constexpr Value undefined() { return from_bits(kUndefinedBits); }
    static constexpr Value null() { return from_bits(kNullBits); }
    static constexpr Value empty() { return from_bits(kEmptyBits); }
    static constexpr Value boolean(bool b) { return from_bits(b ? kTrueBits : kFalseBits); }
    static constexpr Value from_i32(i32 i) { return from_bits(kNumberTag | static_cast<u32>(i)); }
    // Encodes `d` as a double, canonicalising NaN. Never produces an int32.
    static Value from_double(double d)
    {
        u64 bits = std::isnan(d) ? kCanonicalNaNBits : std::bit_cast<u64>(d);
        return from_bits(bits + kDoubleOffset);
    }
    // The preferred constructor for numbers: int32 when exactly representable (not -0).
    static Value from_number(double d)
    {
        if (d >= -2147483648.0 && d <= 2147483647.0) {
            i32 i = static_cast<i32>(d);
            if (static_cast<double>(i) == d && !(i == 0 && std::signbit(d)))
                return from_i32(i);
        }
        return from_double(d);
    }
    static Value from_u64(u64 n) { return n <= 0x7fffffffULL ? from_i32(static_cast<i32>(n)) : from_double(static_cast<double>(n)); }
    static Value from_cell(Cell const* cell)
    {
        WEFT_ASSERT(cell && (reinterpret_cast<uptr>(cell) & kNotCellMask) == 0);
        return from_bits(reinterpret_cast<uptr>(cell));
    }
    static constexpr Value from_bits(u64 bits)
    {
        Value v;
        v.m_bits = bits;
        return v;
    }

    constexpr u64 bits() const { return m_bits; }

    constexpr bool is_empty() const { return m_bits == kEmptyBits; }
    constexpr bool is_undefined() const { return m_bits == kUndefinedBits; }
    constexpr bool is_null() const { return m_bits == kNullBits; }
    constexpr bool is_nullish() const { return (m_bits & ~kUndefinedTag) == kNullBits; }
    constexpr bool is_boolean() const { return (m_bits & ~u64(1)) == kFalseBits; }
    constexpr bool is_true() const { return m_bits == kTrueBits; }
    constexpr bool is_false() const { return m_bits == kFalseBits; }
    constexpr bool as_bool() const { WEFT_ASSERT(is_boolean()); return m_bits & 1; }

    constexpr bool is_number() const { return (m_bits & kNumberTag) != 0; }
    constexpr bool is_int32() const { return (m_bits & kNumberTag) == kNumberTag; }
    constexpr bool is_double() const { return is_number() && !is_int32(); }
    constexpr i32 as_i32() const { WEFT_ASSERT(is_int32()); return static_cast<i32>(static_cast<u32>(m_bits)); }
    double as_double() const { WEFT_ASSERT(is_double()); return std::bit_cast<double>(m_bits - kDoubleOffset); }
    // The numeric value of an int32 or a double.
    double as_number() const { return is_int32() ? static_cast<double>(as_i32()) : as_double(); }

    constexpr bool is_cell() const { return (m_bits & kNotCellMask) == 0 && m_bits != kEmptyBits; }
    Cell* as_cell() const { WEFT_ASSERT(is_cell()); return reinterpret_cast<Cell*>(static_cast<uptr>(m_bits)); }
    CellKind cell_kind() const { return static_cast<CellKind>(as_cell()->kind_raw()); }
    bool is_cell_of_kind(CellKind kind) const { return is_cell() && cell_kind() == kind; }

    // Identity of the encoding (same bits). Not SameValue: see the note at the top.
    constexpr bool operator==(Value const& other) const { return m_bits == other.m_bits; }

private:
    u64 m_bits;
};

static_assert(sizeof(Value) == 8);

// A heap slot holding a Value that other threads may read or write (R1). Plain JavaScript
// reads and writes are relaxed; Atomics.* use the seq_cst operations.
class AtomicValue {
public:
    AtomicValue() : m_bits(Value::kUndefinedBits) { }
    explicit AtomicValue(Value v) : m_bits(v.bits()) { }

    Value load_relaxed() const { return Value::from_bits(m_bits.load_relaxed()); }
    Value load_acquire() const { return Value::from_bits(m_bits.load_acquire()); }
    Value load_seq_cst() const { return Value::from_bits(m_bits.load_seq_cst()); }
    void store_relaxed(Value v) { m_bits.store_relaxed(v.bits()); }
    void store_release(Value v) { m_bits.store_release(v.bits()); }
    void store_seq_cst(Value v) { m_bits.store_seq_cst(v.bits()); }
    Value exchange_seq_cst(Value v) { return Value::from_bits(m_bits.exchange_seq_cst(v.bits())); }
    // On failure `expected` receives the current value.
    bool compare_exchange_seq_cst(Value& expected, Value desired)
    {
        u64 e = expected.bits();
        bool ok = m_bits.compare_exchange_seq_cst(e, desired.bits());
        expected = Value::from_bits(e);
        return ok;
    }

private:
    Atomic<u64> m_bits;
};

static_assert(sizeof(AtomicValue) == 8);

} // namespace weft
