// Size classes of small cells and the per-thread allocation cache entry for one class.
//
// Cells up to kMaxSmallCellSize bytes live in 64 KiB blocks of a single cell size; larger
// cells get their own mapping (large_object_space.h). Sizes are multiples of 16 so every
// cell is 16-byte aligned. Classes step by 16 up to 256 bytes, then by a quarter of the
// power of two below, which bounds internal waste at about 20%.
//
// Invariants:
//  - kSizeClassCellSize is strictly increasing; kSizeClassCellSize[size_class_for(n)] >= n.
//  - size_class_for is a table lookup: the allocation fast path does no arithmetic search.
#pragma once

#include "base/types.h"

namespace weft {

constexpr usize kCellAlignment = 16;
constexpr usize kMaxSmallCellSize = 8192;
constexpr unsigned kSizeClassCount = 36;

// Cell size of each class.
inline constexpr u32 kSizeClassCellSize[kSizeClassCount] = {
    16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
    320, 384, 448, 512,
    640, 768, 896, 1024,
    1280, 1536, 1792, 2048,
    2560, 3072, 3584, 4096,
    5120, 6144, 7168, 8192,
};

struct SizeClassTable {
    u8 for_granules[kMaxSmallCellSize / kCellAlignment + 1];
};

consteval SizeClassTable build_size_class_table()
{
    SizeClassTable table {};
    unsigned cls = 0;
    for (usize g = 0; g <= kMaxSmallCellSize / kCellAlignment; ++g) {
        usize bytes = g == 0 ? 1 : g * kCellAlignment;
        while (kSizeClassCellSize[cls] < bytes)
            ++cls;
        table.for_granules[g] = static_cast<u8>(cls);
    }
    return table;
}

// Class for a size in 16-byte granules, indexed by (bytes + 15) / 16 for bytes in 1..8192.
inline constexpr SizeClassTable kSizeClassTable = build_size_class_table();

// `bytes` must be in 1..kMaxSmallCellSize.
inline unsigned size_class_for(usize bytes) { return kSizeClassTable.for_granules[(bytes + kCellAlignment - 1) / kCellAlignment]; }

class Cell;
class Block;

// One size class of a thread's allocation cache: a free list threaded through the free
// cells of the block the thread is currently allocating from (its "allocation window").
// Owned by one thread; the collector reads and resets it only with the world stopped.
struct AllocationCache {
    Cell* free_list = nullptr; // next free cell; its link is the word at offset 8
    Block* block = nullptr;    // the block free_list points into (the allocation window)
};

} // namespace weft
