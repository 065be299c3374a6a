// StorageSpine and StorageSegment: allocation, lock-free growth by segment CAS, tracing.
#include "objects/property_storage.h"
#include "base/race_amplifier.h"

#include "objects/elements.h"
#include "vm/trace.h"
#include "vm/vm.h"

namespace weft {

StorageSpine* StorageSpine::try_create(Vm& vm, u32 flags)
{
    auto* spine = vm.try_allocate<StorageSpine>(sizeof(StorageSpine), CellKind::StorageSpine);
    if (!spine)
        return nullptr;
    // The memory is zeroed: no segments, no sparse table. Flags are written before the spine
    // is published (by a release CAS or store in the owner).
    spine->m_flags = flags;
    return spine;
}

StorageSegment* StorageSpine::try_create_segment(Vm& vm, unsigned k)
{
    u32 capacity = segment_capacity(k);
    auto* seg = vm.try_allocate<StorageSegment>(StorageSegment::allocation_size(capacity), CellKind::StorageSegment);
    if (!seg)
        return nullptr;
    seg->m_capacity = capacity; // slots are zero = Value::empty()
    return seg;
}

StorageSegment* StorageSpine::install_segment(unsigned k, StorageSegment* seg)
{
    StorageSegment* expected = nullptr;
    if constexpr (kThreadsEnabled) {
        race_amplify_point();
        if (m_segments[k].compare_exchange_acq_rel(expected, seg))
            return seg;
        return expected; // another thread installed one first: ours is garbage
    } else {
        expected = m_segments[k].load_relaxed();
        if (expected)
            return expected;
        m_segments[k].store_release(seg);
        return seg;
    }
}

AtomicValue* StorageSpine::ensure_slot(Vm& vm, u64 j)
{
    if (j >= kMaxSlots)
        return nullptr;
    Position p = position_of(j);
    StorageSegment* seg = m_segments[p.segment].load_acquire();
    if (!seg) {
        StorageSegment* fresh = try_create_segment(vm, p.segment);
        if (!fresh)
            return nullptr;
        seg = install_segment(p.segment, fresh);
    }
    return seg->slots() + p.offset;
}

u64 StorageSpine::capacity_bound() const
{
    for (unsigned k = kMaxSegments; k-- > 0;) {
        if (m_segments[k].load_acquire())
            return segment_start(k) + segment_capacity(k);
    }
    return 0;
}

void StorageSegment::trace(Cell* cell, Tracer& tracer)
{
    auto* seg = static_cast<StorageSegment*>(cell);
    for (u32 i = 0; i < seg->m_capacity; ++i)
        trace_slot(tracer, seg->slots()[i]);
}

void StorageSpine::trace(Cell* cell, Tracer& tracer)
{
    auto* spine = static_cast<StorageSpine*>(cell);
    tracer.visit(reinterpret_cast<Cell*>(spine->m_sparse.load_relaxed()));
    for (auto& seg : spine->m_segments)
        tracer.visit(seg.load_relaxed());
}

} // namespace weft
