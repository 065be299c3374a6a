// PropertyAttributes: the [[Writable]]/[[Enumerable]]/[[Configurable]] bits of a property and
// whether it is a data or an accessor property, packed in one byte stored in shapes.
// spec: https://tc39.es/ecma262/#sec-property-attributes
#pragma once

#include "base/types.h"

namespace weft {

class PropertyAttributes {
public:
    static constexpr u8 kWritable = 1;     // data properties only
    static constexpr u8 kEnumerable = 2;
    static constexpr u8 kConfigurable = 4;
    static constexpr u8 kAccessor = 8;     // the slot holds an Accessor cell (objects/accessor.h)
    static constexpr u8 kAllBits = 15;

    constexpr PropertyAttributes() = default;
    constexpr explicit PropertyAttributes(u8 bits) : m_bits(bits) { }

    // { [[Writable]]: true, [[Enumerable]]: true, [[Configurable]]: true }: what CreateDataProperty
    // and plain assignment give.
    static constexpr PropertyAttributes default_data() { return PropertyAttributes(kWritable | kEnumerable | kConfigurable); }
    static constexpr PropertyAttributes data(bool writable, bool enumerable, bool configurable)
    {
        return PropertyAttributes((writable ? kWritable : 0) | (enumerable ? kEnumerable : 0) | (configurable ? kConfigurable : 0));
    }
    static constexpr PropertyAttributes accessor(bool enumerable, bool configurable)
    {
        return PropertyAttributes(kAccessor | (enumerable ? kEnumerable : 0) | (configurable ? kConfigurable : 0));
    }

    constexpr u8 bits() const { return m_bits; }
    constexpr bool is_accessor() const { return m_bits & kAccessor; }
    constexpr bool is_data() const { return !is_accessor(); }
    constexpr bool writable() const { return m_bits & kWritable; }
    constexpr bool enumerable() const { return m_bits & kEnumerable; }
    constexpr bool configurable() const { return m_bits & kConfigurable; }
    // A data property assignment may store into the slot.
    constexpr bool is_writable_data() const { return (m_bits & (kWritable | kAccessor)) == kWritable; }

    constexpr PropertyAttributes with(u8 bits, bool on) const { return PropertyAttributes(on ? (m_bits | bits) : (m_bits & ~bits)); }
    constexpr bool operator==(PropertyAttributes const&) const = default;

private:
    u8 m_bits = 0;
};

} // namespace weft
