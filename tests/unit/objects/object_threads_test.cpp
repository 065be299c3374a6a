// Object model under real threads sharing one object, with collections running mid-test.
// Each test says what it checks: synchronization correctness (every legal interleaving must
// give the asserted result), not one particular interleaving.
#include "object_test_support.h"

#include "objects/shape.h"

#include <atomic>
#include <set>
#include <thread>
#include <vector>

namespace weft::test {
namespace {

RuntimeConfig small_heap_config()
{
    RuntimeConfig config;
    config.heap.min_trigger_bytes = 256 * KiB; // collections happen during every test
    config.heap.growth_factor = 0.5;
    return config;
}

class ObjectThreadsTest : public ObjectModelTest {
protected:
    ObjectThreadsTest() : ObjectModelTest(small_heap_config()) { }

    void SetUp() override
    {
        if constexpr (!kThreadsEnabled)
            GTEST_SKIP() << "threads-off build (WEFT_THREADS=0): one thread only";
    }

    // Runs body(vm, t) on n threads, each with its own Vm, started together. The main thread
    // waits in a safe region so collections proceed; its stack still roots what it holds.
    template<typename Body>
    void run_threads(int n, Body body)
    {
        std::atomic<int> ready { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < n; ++t) {
            threads.emplace_back([&, t] {
                Vm vm(m_runtime);
                ready.fetch_add(1);
                while (ready.load() < n) {
                    vm.safepoint_poll();
                    std::this_thread::yield();
                }
                body(vm, t);
            });
        }
        SafeRegion outside(m_vm.mutator());
        for (auto& th : threads)
            th.join();
    }

    u64 collections() { return m_runtime.heap().stats().collections; }
};

// Acceptance (synchronization): 4 threads add 10,000 distinct properties each to ONE object at
// the same time; afterwards all 40,000 are present with their values. Crosses from shape mode
// (CAS on the shape word) into dictionary mode (per-object lock) while racing.
TEST_F(ObjectThreadsTest, FourThreadsAddTenThousandPropertiesEachToOneObject)
{
    constexpr int kThreads = 4;
    const int per_thread = kSanitized ? 2500 : 10000;
    Object* shared = make();
    u64 before = collections();
    run_threads(kThreads, [&](Vm& vm, int t) {
        for (int i = 0; i < per_thread; ++i) {
            Outcome r = shared->create_data_property(vm, test::key(vm, "t" + std::to_string(t) + "_", i), num(t * per_thread + i));
            ASSERT_EQ(r, Outcome::True) << t << " " << i;
        }
    });
    for (int t = 0; t < kThreads; ++t) {
        for (int i = 0; i < per_thread; ++i)
            ASSERT_EQ(get_value(m_vm, shared, test::key(m_vm, "t" + std::to_string(t) + "_", i)), num(t * per_thread + i)) << t << " " << i;
    }
    EXPECT_EQ(shared->own_property_keys(m_vm).size(), usize(kThreads * per_thread));
    EXPECT_TRUE(shared->shape_acquire()->is_dictionary());
    EXPECT_GT(collections(), before) << "the test is meant to collect while threads add";
}

// Acceptance (synchronization): concurrent adds and deletes of disjoint keys leave exactly the
// expected key set, in dictionary mode (many deletes) and in shape mode (many small objects).
TEST_F(ObjectThreadsTest, ConcurrentAddDeleteOfDisjointKeysLeavesExpectedSet)
{
    constexpr int kThreads = 4;
    const int per_thread = kSanitized ? 800 : 3000;
    Object* shared = make();
    auto name = [](int t, int i) { return "d" + std::to_string(t) + "_" + std::to_string(i); };
    auto expected_present = [](int i) { return i % 2 == 0 || i % 4 == 3; };
    run_threads(kThreads, [&](Vm& vm, int t) {
        for (int i = 0; i < per_thread; ++i) {
            ASSERT_EQ(shared->create_data_property(vm, test::key(vm, name(t, i)), num(i)), Outcome::True);
            if (i % 2 == 1)
                ASSERT_EQ(shared->delete_property(vm, test::key(vm, name(t, i))), Outcome::True);
            if (i % 4 == 3)
                ASSERT_EQ(shared->create_data_property(vm, test::key(vm, name(t, i)), num(-i)), Outcome::True);
        }
    });
    std::set<u64> actual;
    for (PropertyKey k : shared->own_property_keys(m_vm))
        actual.insert(k.bits());
    std::set<u64> expected;
    for (int t = 0; t < kThreads; ++t) {
        for (int i = 0; i < per_thread; ++i) {
            PropertyKey k = key(name(t, i));
            if (!expected_present(i)) {
                EXPECT_FALSE(shared->get_own_property(m_vm, k)) << name(t, i);
                continue;
            }
            expected.insert(k.bits());
            EXPECT_EQ(get_value(m_vm, shared, k), num(i % 4 == 3 ? -i : i)) << name(t, i);
        }
    }
    EXPECT_EQ(actual, expected);
}

TEST_F(ObjectThreadsTest, ConcurrentAddDeleteInShapeModeOnManyObjects)
{
    constexpr int kThreads = 4;
    const int objects = kSanitized ? 100 : 500;
    std::vector<Object*> shared;
    for (int i = 0; i < objects; ++i)
        shared.push_back(make());
    u64 root = m_runtime.heap().add_root_source([&](Tracer& tracer) {
        for (Object* o : shared)
            tracer.visit(o);
    });
    // Per object: each thread adds 6 keys and deletes 2: 8 deletes in all, so objects stay in
    // shape mode and every change is a CAS race on the shape word.
    run_threads(kThreads, [&](Vm& vm, int t) {
        for (Object* o : shared) {
            for (int i = 0; i < 6; ++i)
                ASSERT_EQ(o->create_data_property(vm, test::key(vm, "s" + std::to_string(t) + "_", i), num(t * 10 + i)), Outcome::True);
            ASSERT_EQ(o->delete_property(vm, test::key(vm, "s" + std::to_string(t) + "_", 1)), Outcome::True);
            ASSERT_EQ(o->delete_property(vm, test::key(vm, "s" + std::to_string(t) + "_", 4)), Outcome::True);
        }
    });
    for (Object* o : shared) {
        EXPECT_FALSE(o->shape_acquire()->is_dictionary());
        std::set<u64> actual;
        for (PropertyKey k : o->own_property_keys(m_vm))
            actual.insert(k.bits());
        std::set<u64> expected;
        for (int t = 0; t < kThreads; ++t) {
            for (int i : { 0, 2, 3, 5 }) {
                PropertyKey k = key("s" + std::to_string(t) + "_", i);
                expected.insert(k.bits());
                ASSERT_EQ(get_value(m_vm, o, k), num(t * 10 + i));
            }
        }
        ASSERT_EQ(actual, expected);
    }
    m_runtime.heap().remove_root_source(root);
}

// Acceptance (synchronization): writers store sequences into their own pre-existing properties
// while another thread grows the same object (out-of-line segments, then dictionary mode);
// afterwards every property holds its writer's last value and every added property exists.
TEST_F(ObjectThreadsTest, WritesToExistingSlotsRacingWithGrowthAreNeverLost)
{
    constexpr int kWriters = 2;
    constexpr int kPerWriter = 24;
    const int rounds = kSanitized ? 200 : 2000;
    const int adds = kSanitized ? 1500 : 5000;
    Object* shared = make(nullptr, 4);
    for (int w = 0; w < kWriters; ++w) {
        for (int i = 0; i < kPerWriter; ++i)
            ASSERT_EQ(shared->create_data_property(m_vm, key("w" + std::to_string(w) + "_", i), num(0)), Outcome::True);
    }
    std::atomic<bool> growing { true };
    run_threads(kWriters + 1, [&](Vm& vm, int t) {
        if (t == kWriters) {
            for (int i = 0; i < adds; ++i)
                ASSERT_EQ(shared->create_data_property(vm, test::key(vm, "g", i), num(i)), Outcome::True);
            growing.store(false);
            return;
        }
        // Keep writing at least until growth is over, so the race really happens.
        for (int r = 1; r <= rounds || growing.load(); ++r) {
            vm.safepoint_poll(); // a loop back-edge: stores alone never reach a safepoint
            for (int i = 0; i < kPerWriter; ++i)
                ASSERT_TRUE(set_value(vm, shared, test::key(vm, "w" + std::to_string(t) + "_", i), num(r * 100 + i)));
        }
        for (int i = 0; i < kPerWriter; ++i)
            ASSERT_TRUE(set_value(vm, shared, test::key(vm, "w" + std::to_string(t) + "_", i), num(-1 - i)));
    });
    for (int w = 0; w < kWriters; ++w) {
        for (int i = 0; i < kPerWriter; ++i)
            EXPECT_EQ(get(shared, "w" + std::to_string(w) + "_" + std::to_string(i)), num(-1 - i));
    }
    for (int i = 0; i < adds; ++i)
        ASSERT_EQ(get_value(m_vm, shared, key("g", i)), num(i));
}

// Acceptance (synchronization): the same for Array elements racing with push-driven growth.
TEST_F(ObjectThreadsTest, ElementWritesRacingWithPushAreNeverLost)
{
    constexpr int kWriters = 2;
    constexpr u32 kPerWriter = 128;
    const int rounds = kSanitized ? 100 : 1000;
    const int pushes = kSanitized ? 20000 : 200000;
    ArrayObject* array = make_array();
    for (u32 i = 0; i < kWriters * kPerWriter; ++i)
        ASSERT_EQ(array->push(m_vm, num(0)), Outcome::True);
    std::atomic<bool> growing { true };
    run_threads(kWriters + 1, [&](Vm& vm, int t) {
        if (t == kWriters) {
            for (int i = 0; i < pushes; ++i)
                ASSERT_EQ(array->push(vm, num(i)), Outcome::True);
            growing.store(false);
            return;
        }
        u32 base = t * kPerWriter;
        for (int r = 1; r <= rounds || growing.load(); ++r) {
            vm.safepoint_poll();
            for (u32 i = 0; i < kPerWriter; ++i)
                ASSERT_TRUE(set_value(vm, array, index_key(base + i), num(r)));
        }
        for (u32 i = 0; i < kPerWriter; ++i)
            ASSERT_TRUE(set_value(vm, array, index_key(base + i), num(-1 - int(i))));
    });
    EXPECT_EQ(array->length_acquire(), kWriters * kPerWriter + u32(pushes));
    for (u32 i = 0; i < kWriters * kPerWriter; ++i)
        ASSERT_EQ(get(array, i), num(-1 - int(i % kPerWriter))) << i;
    for (int i = 0; i < pushes; ++i)
        ASSERT_EQ(get(array, kWriters * kPerWriter + u32(i)), num(i)) << i;
}

// Synchronization: element writers on a plain object racing with another thread defining far
// higher indices (new segments installed by CAS) lose nothing.
TEST_F(ObjectThreadsTest, ElementWritesRacingWithIndexedGrowthOnPlainObject)
{
    const u32 grow_to = kSanitized ? 20000 : 100000;
    Object* shared = make();
    for (u32 i = 0; i < 64; ++i)
        ASSERT_EQ(shared->create_data_property(m_vm, index_key(i), num(0)), Outcome::True);
    std::atomic<bool> growing { true };
    run_threads(3, [&](Vm& vm, int t) {
        if (t == 2) {
            for (u32 i = 64; i < grow_to; ++i)
                ASSERT_EQ(shared->create_data_property(vm, index_key(i), num(int(i))), Outcome::True);
            growing.store(false);
            return;
        }
        for (int r = 1; r < 50 || growing.load(); ++r) {
            vm.safepoint_poll();
            for (u32 i = t * 32; i < t * 32 + 32; ++i)
                ASSERT_TRUE(set_value(vm, shared, index_key(i), num(r)));
        }
        for (u32 i = t * 32; i < t * 32 + 32; ++i)
            ASSERT_TRUE(set_value(vm, shared, index_key(i), num(1000 + int(i))));
    });
    for (u32 i = 0; i < 64; ++i)
        ASSERT_EQ(get(shared, i), num(1000 + int(i)));
    for (u32 i = 64; i < grow_to; ++i)
        ASSERT_EQ(get(shared, i), num(int(i)));
}

// Synchronization: readers racing with adds and attribute changes never see a value that
// belongs to another property (each value encodes its own key), only absence or its value.
TEST_F(ObjectThreadsTest, ReadersNeverSeeAnotherPropertysValue)
{
    const int count = kSanitized ? 300 : 1500;
    Object* shared = make(nullptr, 2);
    std::atomic<bool> done { false };
    run_threads(3, [&](Vm& vm, int t) {
        if (t == 0) {
            for (int i = 0; i < count; ++i) {
                ASSERT_EQ(shared->create_data_property(vm, test::key(vm, "r", i), num(i)), Outcome::True);
                if (i % 7 == 0) {
                    PropertyDescriptor ro;
                    ro.writable = false;
                    ASSERT_EQ(shared->define_own_property(vm, test::key(vm, "r", i), ro), Outcome::True);
                }
            }
            done.store(true);
            return;
        }
        while (!done.load()) {
            vm.safepoint_poll();
            for (int i = t; i < count; i += 13) {
                auto v = shared->get_own_data_value(vm, test::key(vm, "r", i));
                if (v)
                    ASSERT_EQ(*v, num(i)) << "property r" << i << " showed another value";
            }
        }
    });
}

// Synchronization: concurrent [[SetPrototypeOf]] calls that would each close a cycle with the
// other never both succeed: the chains stay acyclic.
TEST_F(ObjectThreadsTest, ConcurrentSetPrototypeOfNeverCreatesACycle)
{
    Object* a = make();
    Object* b = make();
    const int rounds = kSanitized ? 2000 : 20000;
    std::atomic<int> phase[2] = { 0, 0 };
    std::atomic<bool> cycle { false };
    run_threads(2, [&](Vm& vm, int t) {
        Object* self = t == 0 ? a : b;
        Object* other = t == 0 ? b : a;
        for (int r = 0; r < rounds; ++r) {
            vm.safepoint_poll();
            (void)self->set_prototype_of(vm, other);
            int steps = 0;
            for (Object* p = self; p && steps < 10; p = p->get_prototype_of())
                ++steps;
            if (steps >= 10)
                cycle.store(true);
            ASSERT_EQ(self->set_prototype_of(vm, nullptr), Outcome::True);
            phase[t].store(r);
        }
    });
    EXPECT_FALSE(cycle.load());
}

} // namespace
} // namespace weft::test
