// Arena: bump allocation for one parse; every AST node and string lives here and is freed together.
#pragma once

#include "base/types.h"

#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

namespace weft::parser {

// Invariants:
//  - Only trivially destructible objects are placed in the arena; nothing is destroyed
//    one by one, the chunks are released when the Arena dies.
//  - Allocation never moves earlier objects, so pointers stay valid for the arena's life.
//  - An Arena belongs to one parse and is not shared between threads while it grows.
class Arena {
public:
    Arena() = default;
    Arena(Arena const&) = delete;
    Arena& operator=(Arena const&) = delete;
    Arena(Arena&& other) noexcept
        : m_head(std::exchange(other.m_head, nullptr))
        , m_cursor(std::exchange(other.m_cursor, nullptr))
        , m_limit(std::exchange(other.m_limit, nullptr))
        , m_bytes(std::exchange(other.m_bytes, 0))
    {
    }
    Arena& operator=(Arena&& other) noexcept
    {
        if (this != &other) {
            release();
            m_head = std::exchange(other.m_head, nullptr);
            m_cursor = std::exchange(other.m_cursor, nullptr);
            m_limit = std::exchange(other.m_limit, nullptr);
            m_bytes = std::exchange(other.m_bytes, 0);
        }
        return *this;
    }
    ~Arena() { release(); }

    void* allocate(usize size, usize align)
    {
        auto p = (reinterpret_cast<uptr>(m_cursor) + (align - 1)) & ~(uptr(align) - 1);
        if (!m_cursor || p + size > reinterpret_cast<uptr>(m_limit)) {
            grow(size + align);
            p = (reinterpret_cast<uptr>(m_cursor) + (align - 1)) & ~(uptr(align) - 1);
        }
        m_cursor = reinterpret_cast<char*>(p + size);
        return reinterpret_cast<void*>(p);
    }

    template<typename T, typename... Args>
    T* make(Args&&... args)
    {
        static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
        return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
    }

    template<typename T>
    T* make_array(usize count)
    {
        static_assert(std::is_trivially_destructible_v<T>);
        if (count == 0)
            return nullptr;
        auto* p = static_cast<T*>(allocate(sizeof(T) * count, alignof(T)));
        for (usize i = 0; i < count; ++i)
            new (p + i) T();
        return p;
    }

    std::string_view copy_string(std::string_view s)
    {
        if (s.empty())
            return {};
        auto* p = static_cast<char*>(allocate(s.size(), 1));
        std::memcpy(p, s.data(), s.size());
        return { p, s.size() };
    }

    // Bytes obtained from the system so far.
    usize bytes_reserved() const { return m_bytes; }

private:
    struct Chunk {
        Chunk* next;
        usize size;
    };
    static constexpr usize kChunkSize = 64 * KiB;

    void grow(usize at_least)
    {
        usize size = at_least + sizeof(Chunk) > kChunkSize ? at_least + sizeof(Chunk) + 64 : kChunkSize;
        auto* chunk = static_cast<Chunk*>(::operator new(size));
        chunk->next = m_head;
        chunk->size = size;
        m_head = chunk;
        m_cursor = reinterpret_cast<char*>(chunk + 1);
        m_limit = reinterpret_cast<char*>(chunk) + size;
        m_bytes += size;
    }
    void release()
    {
        while (m_head) {
            Chunk* next = m_head->next;
            ::operator delete(m_head);
            m_head = next;
        }
        m_cursor = m_limit = nullptr;
        m_bytes = 0;
    }

    Chunk* m_head { nullptr };
    char* m_cursor { nullptr };
    char* m_limit { nullptr };
    usize m_bytes { 0 };
};

} // namespace weft::parser
