// LargeObjectSpace: mapping, lookup and unmapping of large cells.
#include "heap/large_object_space.h"

#include "heap/cell.h"

#include <algorithm>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace weft {

LargeObjectSpace::~LargeObjectSpace()
{
    LockGuard guard(m_lock);
    for (LargeObject* object : m_objects)
        unmap(object);
    for (CachedMapping const& cached : m_cache)
        munmap(cached.memory, cached.size);
}

void LargeObjectSpace::release(LargeObject* object)
{
    usize size = object->mapping_size;
    if (m_cache_bytes + size > kCacheBytes) {
        unmap(object);
        return;
    }
    object->~LargeObject();
    m_cache.push_back({ object, size });
    m_cache_bytes += size;
}

void LargeObjectSpace::unmap(LargeObject* object)
{
    usize size = object->mapping_size;
    object->~LargeObject();
    munmap(object, size);
}

Cell* LargeObjectSpace::allocate(usize bytes, usize limit_bytes, usize other_bytes)
{
    static usize const page = static_cast<usize>(sysconf(_SC_PAGESIZE));
    usize cell_size = (bytes + 15) & ~usize(15);
    if (cell_size < bytes)
        return nullptr; // overflow
    usize mapping_size = (LargeObject::kHeaderSize + cell_size + page - 1) & ~(page - 1);
    if (mapping_size < cell_size || m_bytes.load_relaxed() + mapping_size + other_bytes > limit_bytes)
        return nullptr;
    // A cached mapping of exactly this size, if any (the newest: its pages are the likeliest
    // to be in cache); its cell must be zeroed by hand, a fresh mapping is zero already.
    void* memory = nullptr;
    {
        LockGuard guard(m_lock);
        for (usize i = m_cache.size(); i-- > 0;) {
            if (m_cache[i].size == mapping_size) {
                memory = m_cache[i].memory;
                m_cache[i] = m_cache.back();
                m_cache.pop_back();
                m_cache_bytes -= mapping_size;
                break;
            }
        }
    }
    if (memory) {
        std::memset(static_cast<char*>(memory) + LargeObject::kHeaderSize, 0, cell_size);
    } else {
        memory = mmap(nullptr, mapping_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED)
            return nullptr;
    }
    auto* object = new (memory) LargeObject;
    object->mapping_size = mapping_size;
    object->cell_size = cell_size;
    {
        LockGuard guard(m_lock);
        m_objects.push_back(object);
        m_bytes.store_relaxed(m_bytes.load_relaxed() + mapping_size);
    }
    return object->cell();
}

void LargeObjectSpace::sort_for_lookup()
{
    LockGuard guard(m_lock);
    m_sorted = m_objects;
    std::sort(m_sorted.begin(), m_sorted.end());
    m_lowest = m_sorted.empty() ? 0 : m_sorted.front()->cell_address();
    m_highest = m_sorted.empty() ? 0 : m_sorted.back()->cell_address() + m_sorted.back()->cell_size;
}

Cell* LargeObjectSpace::cell_containing(uptr address) const
{
    if (address < m_lowest || address >= m_highest)
        return nullptr;
    // The last object whose header starts at or below `address`.
    auto it = std::upper_bound(m_sorted.begin(), m_sorted.end(), address,
        [](uptr a, LargeObject* object) { return a < reinterpret_cast<uptr>(object); });
    if (it == m_sorted.begin())
        return nullptr;
    LargeObject* object = *(it - 1);
    uptr start = object->cell_address();
    if (address < start || address >= start + object->cell_size)
        return nullptr;
    return object->cell();
}

bool LargeObjectSpace::contains_cell(Cell const* cell) const
{
    LargeObject* header = LargeObject::of(cell);
    return std::binary_search(m_sorted.begin(), m_sorted.end(), header);
}

} // namespace weft
