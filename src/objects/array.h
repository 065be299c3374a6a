// ArrayObject: the Array exotic object — an Object whose elements carry an atomic length word.
//
// Layout (CellKind::ArrayObject):
//   +0..+31  as Object (objects/object.h), with inline capacity 0
//   +32      Atomic<u64> length word: bits 0..31 length, bit 32 kLengthReadOnly
// Invariants:
//  - The length word is written only under the object's lock (ArraySetLength, push, defining an
//    index >= length) and read with acquire anywhere; an element read bound-checks against it
//    and against the storage it loaded.
//  - "length" is not in the shape: [[GetOwnProperty]], [[DefineOwnProperty]], [[Delete]] and
//    [[OwnPropertyKeys]] answer for it from the length word.
#pragma once

#include "objects/object.h"

namespace weft {

class ArrayObject : public Object {
public:
    static constexpr u64 kLengthReadOnly = u64(1) << 32;
    static constexpr u64 kLengthMask = 0xffff'ffffULL;

    // ArrayCreate ( length [ , proto ] ); nullptr at the heap limit.
    // spec: https://tc39.es/ecma262/#sec-arraycreate
    static ArrayObject* try_create(Vm&, Object* prototype, u32 length = 0);

    u32 length_acquire() const { return static_cast<u32>(m_length_word.load_acquire() & kLengthMask); }
    bool length_writable() const { return !(m_length_word.load_acquire() & kLengthReadOnly); }

    // ArraySetLength ( A, Desc )
    // spec: https://tc39.es/ecma262/#sec-arraysetlength
    Outcome ArraySetLength(Vm&, PropertyDescriptor const&);
    // Set(A, "length", newLen, ...) for an integral length: ArraySetLength with only [[Value]].
    Outcome set_length(Vm&, u32 new_length);
    // Array.prototype.push with one item, without the generic Set calls when unobservable.
    // spec: https://tc39.es/ecma262/#sec-array.prototype.push
    Outcome push(Vm&, Value);

private:
    friend class Object;
    // Deletes elements in [new_length, old_length) from the top, stopping above the highest
    // non-configurable one; returns the resulting length. REQUIRES the lock.
    u32 delete_elements_down_locked(u32 old_length, u32 new_length);

    Atomic<u64> m_length_word; // Atomic: see Invariants
};
static_assert(sizeof(ArrayObject) == 40);

} // namespace weft
