// Inline caches: one 64-bit word per property or global access site, read with one relaxed load
// and written with one relaxed store (never two words: a racing reader sees an old or a new
// entry, never a torn mix).
//
// Encoding of an IC word (low 4 bits are a tag; cell pointers are 16-byte aligned):
//   0                                  empty
//   shape | slot << 48        tag 0    own data property: the receiver's shape and the slot
//   record | 1                tag 1    prototype data property: a ValueArray record
//                                      [receiver shape, shape of each prototype up to the holder, slot]
//   cell | 2                  tag 2    a global lexical binding (GlobalCell)
// Invariants:
//  - A shape determines an object's property set and prototype and is immutable, so a shape
//    match proves the cached slot holds the property (slots are never reused before a GC).
//  - Dictionary-mode shapes are never cached (their tables change without a shape change).
//  - Cached pointers are kept alive by CodeBlock::trace, so an address in a cache word can
//    never be reused by a different cell.
#pragma once

#include "objects/environment.h"
#include "objects/object.h"

namespace weft::ic {

constexpr u64 kTagMask = 0xf;
constexpr u64 kOwnTag = 0;
constexpr u64 kProtoTag = 1;
constexpr u64 kGlobalCellTag = 2;
constexpr u64 kPointerMask = 0x0000'ffff'ffff'fff0ULL;
constexpr u32 kMaxSlot = 0xffff;

inline Shape* shape_of(u64 word) { return reinterpret_cast<Shape*>(static_cast<uptr>(word & kPointerMask)); }
inline u32 slot_of(u64 word) { return static_cast<u32>(word >> 48); }
inline u64 own_entry(Shape* shape, u32 slot) { return reinterpret_cast<uptr>(shape) | (u64(slot) << 48); }

inline ValueArray* proto_record(u64 word) { return reinterpret_cast<ValueArray*>(static_cast<uptr>(word & kPointerMask)); }
inline Shape* record_shape(ValueArray* record, u32 i) { return reinterpret_cast<Shape*>(record->get(i).as_cell()); }

// The holder object if the receiver (with `receiver_shape`) and its prototypes still have the
// recorded shapes, else nullptr.
inline Object* proto_holder(u64 word, Shape* receiver_shape)
{
    ValueArray* record = proto_record(word);
    u32 n = record->count();
    if (record_shape(record, 0) != receiver_shape)
        return nullptr;
    Shape* s = receiver_shape;
    Object* o = nullptr;
    for (u32 i = 1; i + 1 < n; ++i) {
        o = s->prototype();
        if (!o)
            return nullptr;
        Shape* os = o->shape_acquire();
        if (os != record_shape(record, i))
            return nullptr;
        s = os;
    }
    return o;
}
inline u32 proto_slot(u64 word)
{
    ValueArray* record = proto_record(word);
    return static_cast<u32>(record->get(record->count() - 1).as_i32());
}

} // namespace weft::ic
