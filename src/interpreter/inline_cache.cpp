// Inline cache updates: monomorphic to polymorphic to megamorphic (see inline_cache.h).
#include "interpreter/inline_cache.h"

#include "base/race_amplifier.h"

namespace weft::ic {

namespace {

struct Entry {
    Cell* cell; // a Shape (own entry) or a prototype record
    i32 slot;   // the own slot, or -1 for a prototype record
};

Entry decode(u64 word)
{
    if ((word & kTagMask) == kProtoTag)
        return { proto_record(word), -1 };
    return { shape_of(word), static_cast<i32>(slot_of(word)) };
}

Shape* receiver_shape(Entry e)
{
    return e.slot >= 0 ? reinterpret_cast<Shape*>(e.cell) : record_shape(static_cast<ValueArray*>(e.cell), 0);
}

// Whether two entries say the same thing: the same own shape and slot, or prototype records
// with the same shapes and slot (a record is allocated afresh at every miss, so compare contents).
bool same_entry(Entry a, Entry b)
{
    if (a.slot != b.slot)
        return false;
    if (a.cell == b.cell)
        return true;
    if (a.slot >= 0)
        return false;
    auto* ra = static_cast<ValueArray*>(a.cell);
    auto* rb = static_cast<ValueArray*>(b.cell);
    if (ra->count() != rb->count())
        return false;
    for (u32 i = 0; i < ra->count(); ++i)
        if (ra->get(i) != rb->get(i))
            return false;
    return true;
}

} // namespace

void record_entry(Vm& vm, Atomic<u64>& ic, u64 entry)
{
    u64 word = ic.load_acquire();
    if (word == entry || word == kMegamorphic)
        return;
    race_amplify_point();
    if (!word) {
        ic.store_release(entry);
        return;
    }
    Entry fresh = decode(entry);
    Shape* shape = receiver_shape(fresh);
    // The entries to keep: every cached one for another receiver shape.
    Entry kept[kMaxPolymorphic];
    u32 count = 0;
    if (is_polymorphic(word)) {
        ValueArray* entries = proto_record(word);
        for (u32 i = 0; i + 1 < entries->count(); i += 2) {
            Entry e { entries->get(i).as_cell(), entries->get(i + 1).as_i32() };
            // Already cached (a set site that adds a property misses on the shape before the
            // add and records the shape after it, every time): nothing to write.
            if (same_entry(e, fresh))
                return;
            if (receiver_shape(e) != shape && count < kMaxPolymorphic)
                kept[count++] = e;
        }
    } else if ((word & kTagMask) == kOwnTag || (word & kTagMask) == kProtoTag) {
        Entry e = decode(word);
        if (same_entry(e, fresh))
            return;
        if (receiver_shape(e) != shape)
            kept[count++] = e;
    }
    if (count == 0) {
        ic.store_release(entry);
        return;
    }
    if (count + 1 > kMaxPolymorphic) {
        ic.store_release(kMegamorphic);
        return;
    }
    ValueArray* entries = ValueArray::try_create(vm, 2 * (count + 1));
    if (!entries)
        return; // out of memory: the site just stays as it was
    kept[count++] = fresh;
    for (u32 i = 0; i < count; ++i) {
        entries->set(2 * i, Value::from_cell(kept[i].cell));
        entries->set(2 * i + 1, Value::from_i32(kept[i].slot));
    }
    ic.store_release(reinterpret_cast<uptr>(entries) | kPolyTag);
}

} // namespace weft::ic
