// Cell: the header every garbage-collected object starts with, and the per-kind tracing table.
//
// Layout of the header word (one Atomic<u64> at offset 0 of every cell):
//   bits 0..7    kind (CellKind in vm/cell_kind.h; 0 = free cell)
//   bits 8..15   reserved for the heap (never written by other layers)
//   bits 16..63  owned by the cell's layer (object flags, lock bits, string length class …)
// Invariants:
//  - Cells are 16-byte aligned and never move (the collector is non-moving).
//  - A cell's memory is zeroed before its header is written, so a collection that finds a
//    half-initialised cell (held in a register during its constructor) traces only nulls.
//  - The kind never changes while the cell is live. Layers change bits 16..63 with CAS and
//    must preserve bits 0..15.
//  - Mark bits live in the block's side bitmap, never in the header, so marking never
//    contends with object locks stored in the header.
#pragma once

#include "base/atomic.h"
#include "base/types.h"

namespace weft {

class Tracer;

class Cell {
public:
    static constexpr u64 kKindMask = 0xff;
    static constexpr unsigned kLayerBitsShift = 16;

    u8 kind_raw() const { return static_cast<u8>(m_header.load_relaxed() & kKindMask); }

    // The whole header word, for layers that keep state in bits 16..63.
    Atomic<u64>& header_word() { return m_header; }
    Atomic<u64> const& header_word() const { return m_header; }

protected:
    Cell() = default;

private:
    friend class Heap;
    Atomic<u64> m_header;
};

static_assert(sizeof(Cell) == 8, "the header is one word; the allocator provides 16-byte alignment");

// How the collector treats one kind of cell. Registered once at start-up by the layer that
// owns the kind; read by markers and sweepers on any thread afterwards.
struct CellKindInfo {
    char const* name = nullptr;
    // Visits every outgoing reference of `cell`. Runs on a marking thread while the world is
    // stopped; must not allocate or take locks.
    void (*trace)(Cell* cell, Tracer& tracer) = nullptr;
    // Optional: releases non-heap resources when the cell dies. Runs during lazy sweeping on
    // whichever thread sweeps the block, possibly concurrently with mutators; must not touch
    // other cells. Most kinds have none (everything lives in the heap).
    void (*finalize)(Cell* cell) = nullptr;
};

// Thread-safety: call before any thread allocates a cell of this kind (start-up).
void register_cell_kind(u8 kind, CellKindInfo const& info);
CellKindInfo const& cell_kind_info(u8 kind);

} // namespace weft
