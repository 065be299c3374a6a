// Inline caches: one 64-bit word per property or global access site, read with one acquire load
// and written with one release store (never two words: a racing reader sees an old or a new
// entry, never a torn mix).
//
// Encoding of an IC word (low 4 bits are a tag; cell pointers are 16-byte aligned):
//   0                                  empty
//   shape | slot << 48        tag 0    own data property: the receiver's shape and the slot
//   record | 1                tag 1    prototype data property: a ValueArray record
//                                      [receiver shape, shape of each prototype up to the holder, slot]
//   cell | 2                  tag 2    a global lexical binding (GlobalCell)
//   array | 3                 tag 3    polymorphic: a ValueArray of up to kMaxPolymorphic pairs
//                                      [shape, slot] (own) or [proto record, -1], receiver shapes distinct
//   3                         tag 3    megamorphic (no pointer): the site is never cached again
// Invariants:
//  - A shape determines an object's property set and prototype and is immutable, so a shape
//    match proves the cached slot holds the property (slots are never reused before a GC).
//  - Dictionary-mode shapes are never cached (their tables change without a shape change).
//  - Cached pointers are kept alive by CodeBlock::trace, so an address in a cache word can
//    never be reused by a different cell. A replaced record or array is reclaimed by the GC
//    only (R4): a racing reader still holding it keeps it alive from its stack or registers.
//  - Records and arrays are filled before the release store that publishes them and never
//    change afterwards.
//  - A site's word changes a bounded number of times (empty, one entry, 2..4 entries,
//    megamorphic) unless a prototype keeps changing shape: a site that sees many shapes stops
//    writing, so threads running the same code do not bounce its cache line between cores.
#pragma once

#include "objects/environment.h"
#include "objects/object.h"

namespace weft::ic {

constexpr u64 kTagMask = 0xf;
constexpr u64 kOwnTag = 0;
constexpr u64 kProtoTag = 1;
constexpr u64 kGlobalCellTag = 2;
constexpr u64 kPolyTag = 3;
constexpr u64 kMegamorphic = kPolyTag; // tag 3 without a pointer
constexpr u32 kMaxPolymorphic = 4;
constexpr u64 kPointerMask = 0x0000'ffff'ffff'fff0ULL;
constexpr u32 kMaxSlot = 0xffff;

inline Shape* shape_of(u64 word) { return reinterpret_cast<Shape*>(static_cast<uptr>(word & kPointerMask)); }
inline u32 slot_of(u64 word) { return static_cast<u32>(word >> 48); }
inline u64 own_entry(Shape* shape, u32 slot) { return reinterpret_cast<uptr>(shape) | (u64(slot) << 48); }

inline ValueArray* proto_record(u64 word) { return reinterpret_cast<ValueArray*>(static_cast<uptr>(word & kPointerMask)); }
inline Shape* record_shape(ValueArray* record, u32 i) { return reinterpret_cast<Shape*>(record->get(i).as_cell()); }

// The holder object if the receiver (with `receiver_shape`) and its prototypes still have the
// shapes in `record`, else nullptr.
inline Object* record_holder(ValueArray* record, Shape* receiver_shape)
{
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
inline u32 record_slot(ValueArray* record) { return static_cast<u32>(record->get(record->count() - 1).as_i32()); }

inline Object* proto_holder(u64 word, Shape* receiver_shape) { return record_holder(proto_record(word), receiver_shape); }
inline u32 proto_slot(u64 word) { return record_slot(proto_record(word)); }

inline bool is_polymorphic(u64 word) { return (word & kTagMask) == kPolyTag && word != kMegamorphic; }

// A polymorphic word's entry for an object `o` with shape `shape`: the holder (o itself for an
// own entry) and the slot. With `own_only`, prototype entries do not match.
inline bool poly_find(u64 word, Object* o, Shape* shape, Object*& holder, u32& slot, bool own_only = false)
{
    ValueArray* entries = proto_record(word);
    u32 n = entries->count();
    for (u32 i = 0; i + 1 < n; i += 2) {
        Cell* cell = entries->get(i).as_cell();
        i32 s = entries->get(i + 1).as_i32();
        if (s >= 0) {
            if (reinterpret_cast<Shape*>(cell) == shape) {
                holder = o;
                slot = static_cast<u32>(s);
                return true;
            }
        } else if (!own_only) {
            auto* record = static_cast<ValueArray*>(cell);
            if (record_shape(record, 0) == shape) {
                holder = record_holder(record, shape);
                if (!holder)
                    return false;
                slot = record_slot(record);
                return true;
            }
        }
    }
    return false;
}

// Records `entry` (an own entry or a prototype record word) at a get or set site: the first entry
// is stored as is; later ones with another receiver shape make the site polymorphic, and a fifth
// receiver shape makes it megamorphic. An entry for a receiver shape already cached replaces it.
// Writes nothing when the word would not change. May allocate (never runs JavaScript).
void record_entry(Vm&, Atomic<u64>& ic, u64 entry);

} // namespace weft::ic
