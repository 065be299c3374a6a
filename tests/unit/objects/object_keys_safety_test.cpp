// [[OwnPropertyKeys]] under concurrency and collection: the sparse element table is never read
// without the owner's lock, and the keys handed back stay alive while the caller holds the
// cell that own_property_keys names for them.
#include "object_test_support.h"

#include "heap/heap.h"
#include "objects/dictionary.h"
#include "objects/shape.h"

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace weft::test {
namespace {

RuntimeConfig small_heap_config()
{
    RuntimeConfig config;
    config.heap.min_trigger_bytes = 256 * KiB;
    config.heap.growth_factor = 0.5;
    return config;
}

class ObjectKeysSafetyTest : public ObjectModelTest {
protected:
    ObjectKeysSafetyTest() : ObjectModelTest(small_heap_config()) { }
};

// Synchronization: one thread moves dense elements into the sparse side table (attribute
// changes) and inserts new sparse elements (growing the table) while another thread lists the
// keys. Every listing holds each of the elements that exist throughout (0 .. kDense - 1), in
// ascending order without duplicates, and no index that was never defined. Under
// ThreadSanitizer this also checks that the sparse table is never read without the lock.
TEST_F(ObjectKeysSafetyTest, ElementKeysRacingWithSparseInsertions)
{
    if constexpr (!kThreadsEnabled)
        GTEST_SKIP() << "threads-off build";
    constexpr u32 kDense = 2048; // a long lock-free scan of the dense part
    constexpr u32 kMoved = 32;
    constexpr u32 kSparse = 200;
    const int rounds = kSanitized ? 40 : 300;
    std::atomic<Object*> current { nullptr };
    std::atomic<int> started { 0 };
    std::atomic<int> listing { 0 };
    std::atomic<int> finished { 0 };
    std::atomic<bool> failed { false };

    std::thread lister([&] {
        Vm vm(m_runtime);
        for (int r = 1; r <= rounds; ++r) {
            while (started.load() < r) {
                vm.safepoint_poll();
                std::this_thread::yield();
            }
            Object* o = current.load();
            listing.store(r);
            do {
                vm.safepoint_poll();
                std::vector<PropertyKey> keys = o->own_property_keys(vm);
                std::set<u32> seen;
                u32 previous = 0;
                for (usize i = 0; i < keys.size(); ++i) {
                    if (!keys[i].is_index() || keys[i].as_index() >= kDense + kSparse * 3
                        || (i > 0 && keys[i].as_index() <= previous)) {
                        failed.store(true);
                        break;
                    }
                    previous = keys[i].as_index();
                    seen.insert(previous);
                }
                for (u32 i = 0; i < kDense; ++i) {
                    if (!seen.count(i))
                        failed.store(true);
                }
            } while (finished.load() < r);
        }
    });

    {
        for (int r = 1; r <= rounds && !failed.load(); ++r) {
            Object* o = make();
            for (u32 i = 0; i < kDense; ++i)
                ASSERT_EQ(o->create_data_property(m_vm, index_key(i), num(int(i))), Outcome::True);
            current.store(o);
            started.store(r);
            while (listing.load() < r) { // start changing once the other thread is listing
                m_vm.safepoint_poll();
                std::this_thread::yield();
            }
            PropertyDescriptor hidden;
            hidden.enumerable = false;
            for (u32 i = 0; i < kMoved; ++i) // dense -> sparse: the table appears, then fills
                ASSERT_EQ(o->define_own_property(m_vm, index_key(i * 17), hidden), Outcome::True);
            for (u32 i = 0; i < kSparse; ++i) {
                PropertyDescriptor d = PropertyDescriptor::data(num(int(i)), PropertyAttributes::data(true, false, true));
                ASSERT_EQ(o->define_own_property(m_vm, index_key(kDense + i * 3), d), Outcome::True);
            }
            finished.store(r);
        }
        if (failed.load()) {
            finished.store(rounds);
            started.store(rounds);
        }
        SafeRegion outside(m_vm.mutator());
        lister.join();
    }
    EXPECT_FALSE(failed.load()) << "a key listing missed an element, repeated one or invented one";
}

// Kept out of line so that no copy of a key's address lingers in the test's own frame.
[[gnu::noinline]] Outcome define_one(Vm& vm, Object* o, std::string const& name, Value v)
{
    return o->create_data_property(vm, test::key(vm, name), v);
}
[[gnu::noinline]] Outcome delete_one(Vm& vm, Object* o, std::string const& name)
{
    return o->delete_property(vm, test::key(vm, name));
}
[[gnu::noinline]] usize count_listed(std::vector<PropertyKey> const& keys, std::string const& name)
{
    usize n = 0;
    for (PropertyKey k : keys)
        n += k.is_atom() && string_equals(k.as_atom(), name) ? 1 : 0;
    return n;
}
[[gnu::noinline]] void add_many(Vm& vm, Object* o, std::string const& prefix, int n)
{
    for (int i = 0; i < n; ++i)
        ASSERT_EQ(o->create_data_property(vm, test::key(vm, prefix, i), num(i)), Outcome::True);
}

// GC safety: own_property_keys names a cell that keeps every returned key alive. A key listed
// from a dictionary whose property is then deleted, and whose table is then replaced (growth
// drops deleted entries), survives a collection while the caller holds that cell: callers such
// as SetIntegrityLevel use the keys across allocations while other threads delete properties.
TEST_F(ObjectKeysSafetyTest, ListedKeysSurviveDeletionAndCollectionWhileHolderIsHeld)
{
    Object* o = make();
    // Dictionary mode: more deletes than a shape history keeps.
    add_many(m_vm, o, "pre", 40);
    for (int i = 0; i < 34; ++i)
        ASSERT_EQ(o->delete_property(m_vm, key("pre", i)), Outcome::True);
    ASSERT_TRUE(o->shape_acquire()->is_dictionary());
    std::string const victim = "victim-key-" + std::string(64, 'v');
    ASSERT_EQ(define_one(m_vm, o, victim, num(7)), Outcome::True);

    Cell* holder = nullptr;
    std::vector<PropertyKey> keys = o->own_property_keys(m_vm, &holder);
    ASSERT_NE(holder, nullptr);
    ASSERT_EQ(count_listed(keys, victim), 1u);

    // Another thread's delete, then enough adds to replace the key table.
    ASSERT_EQ(delete_one(m_vm, o, victim), Outcome::True);
    add_many(m_vm, o, "post", 200);
    m_runtime.heap().collect(m_vm.mutator());
    m_runtime.heap().collect(m_vm.mutator());

    EXPECT_NE(m_runtime.atoms().find_no_gc(victim), nullptr) << "a listed key was collected while its holder was held";
    asm volatile("" : : "r"(holder) : "memory"); // the holder lives to here
}

// The same through SetIntegrityLevel, whose loop allocates (attribute-change transitions) while
// a second thread deletes the properties it is sealing: it never crashes, and the object ends
// up non-extensible with every surviving property non-configurable.
TEST_F(ObjectKeysSafetyTest, FreezeRacingWithDeletesOfItsKeys)
{
    if constexpr (!kThreadsEnabled)
        GTEST_SKIP() << "threads-off build";
    const int rounds = kSanitized ? 30 : 200;
    for (int r = 0; r < rounds; ++r) {
        std::string const prefix = "f" + std::to_string(r) + "_";
        Object* o = make();
        add_many(m_vm, o, prefix, 60);
        std::atomic<bool> go { false };
        std::thread deleter([&] {
            Vm vm(m_runtime);
            while (!go.load()) {
                vm.safepoint_poll();
                std::this_thread::yield();
            }
            for (int i = 59; i >= 0; i -= 2)
                (void)o->delete_property(vm, test::key(vm, prefix, i));
        });
        go.store(true);
        ASSERT_EQ(SetIntegrityLevel(m_vm, o, IntegrityLevel::Frozen), Outcome::True);
        {
            SafeRegion outside(m_vm.mutator());
            deleter.join();
        }
        EXPECT_FALSE(o->is_extensible());
        for (PropertyKey k : o->own_property_keys(m_vm)) {
            auto p = o->get_own_property_raw(m_vm, k);
            if (p) {
                EXPECT_FALSE(p->attributes.configurable());
            }
        }
    }
}

} // namespace
} // namespace weft::test
