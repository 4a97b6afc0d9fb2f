// What a ride run keeps on disk instead of in memory: the scratch file, the riders (RiderStore)
// and the capitals' recent history events (RideDayEvents), each checked against the same thing
// held in memory.
#include <gtest/gtest.h>
#include <malloc.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/resident_memory.h"
#include "fraudgen/core/scratch_file.h"
#include "fraudgen/rides/ride_day_events.h"
#include "fraudgen/rides/ride_market.h"
#include "fraudgen/rides/ride_span_store.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/rides/rider_store.h"
#include "fresh_folder.h"
#include "shared_reference.h"

using namespace fraudgen;
using fraudgen::test_support::fresh_folder;
using fraudgen::test_support::ref;
namespace fs = std::filesystem;

namespace {

// The files of a folder (a scratch file must leave none).
size_t files_in(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

// Events of a day that say which day and city they are.
RideDayEvents::Events day_events(uint32_t city, int64_t day, size_t n) {
  RideDayEvents::Events e(n);
  for (size_t i = 0; i < n; ++i) {
    e[i] = {};
    e[i].rider_account = city;
    e[i].request_ms = day * 1'000'000 + static_cast<int64_t>(i);
  }
  return e;
}

void put_day(RideDayEvents& store, uint32_t city, int64_t day, size_t n) {
  const RideDayEvents::Events e = day_events(city, day, n);
  store.put(city, day, e.data(), e.size());
}

// Whether the store has the day, and then that it gives back exactly what was put.
bool has(const RideDayEvents& store, uint32_t city, int64_t day) {
  RideDayEvents::Events out(1);  // found events are appended
  if (!store.find(city, day, out)) return false;
  const RideDayEvents::Events want = day_events(city, day, out.size() - 1);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(out[i + 1].rider_account, want[i].rider_account);
    EXPECT_EQ(out[i + 1].request_ms, want[i].request_ms) << "day " << day << " event " << i;
  }
  return true;
}

}  // namespace

TEST(ScratchFile, GivesBackWhatWasWrittenFromManyThreadsAndLeavesNoFile) {
  const fs::path dir = fresh_folder("spill-scratch");
  {
    ScratchFile f(dir);
    EXPECT_EQ(files_in(dir), 0u) << "the file has no name in the folder";
    std::vector<std::vector<uint64_t>> offsets(4);
    std::vector<std::thread> threads;
    for (uint64_t t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (uint64_t k = 0; k < 200; ++k) {
          std::vector<uint64_t> v(1 + (k * 37 + t) % 5000, t * 1000 + k);
          offsets[t].push_back(f.append(v.data(), v.size() * sizeof(uint64_t)));
        }
      });
    for (auto& th : threads) th.join();
    uint64_t total = 0;
    for (uint64_t t = 0; t < 4; ++t)
      for (uint64_t k = 0; k < 200; ++k) {
        std::vector<uint64_t> v(1 + (k * 37 + t) % 5000);
        f.read(offsets[t][k], v.data(), v.size() * sizeof(uint64_t));
        total += v.size() * sizeof(uint64_t);
        for (uint64_t x : v) ASSERT_EQ(x, t * 1000 + k) << "thread " << t << " write " << k;
      }
    EXPECT_EQ(f.size(), total);
    // A released range reads as zeros (the file system frees it), the rest is untouched.
    std::vector<uint64_t> big(1 << 16, 7);
    const uint64_t at = f.append(big.data(), big.size() * sizeof(uint64_t));
    f.release(at, big.size() * sizeof(uint64_t));
    std::vector<uint64_t> back(big.size());
    f.read(at, back.data(), back.size() * sizeof(uint64_t));
    EXPECT_EQ(back[back.size() / 2], 0u);
    uint64_t first = 0;
    f.read(offsets[0][0], &first, sizeof first);
    EXPECT_EQ(first, 0u * 1000 + 0);
    // Emptied, it starts again at 0 and reads back what is written next.
    f.clear();
    EXPECT_EQ(f.size(), 0u);
    const std::vector<uint64_t> again(100, 9);
    EXPECT_EQ(f.append(again.data(), again.size() * sizeof(uint64_t)), 0u);
    std::vector<uint64_t> read_again(again.size());
    f.read(0, read_again.data(), read_again.size() * sizeof(uint64_t));
    EXPECT_EQ(read_again, again);
    EXPECT_THROW(f.read(again.size() * sizeof(uint64_t), read_again.data(), sizeof(uint64_t)), std::logic_error) << "nothing after it";
  }
  EXPECT_EQ(files_in(dir), 0u);
  fs::remove_all(dir);
  try {
    ScratchFile none("/nonexistent-folder-of-fraudgen");
    FAIL() << "a folder that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-folder-of-fraudgen"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--spill-dir"), std::string::npos) << e.what();
  }
}

TEST(RiderStore, ARiderStoredInAFileIsTheRiderHeld) {
  SimContext ctx(ref(), {17, days_from_civil(2025, 6, 1), days_from_civil(2025, 6, 10), true, 0.05});
  const RideMarket market(ref());
  const fs::path dir = fresh_folder("spill-riders");
  // 300,000 customers come in three batches.
  const RideWorld held(ctx, market, 300'000, 2), filed(ctx, market, 300'000, 1, dir);
  EXPECT_FALSE(held.riders_in_file());
  EXPECT_TRUE(filed.riders_in_file());
  EXPECT_EQ(files_in(dir), 0u);
  ASSERT_EQ(filed.riders(), held.riders());
  EXPECT_GT(held.riders(), 150'000u);
  for (uint32_t c = 0; c < held.areas(); ++c) ASSERT_EQ(filed.riders_in(c), held.riders_in(c)) << c;

  // A day of every capital, fraud scenarios included (they take riders by index): the same rides.
  const int64_t day = days_from_civil(2025, 6, 5);
  uint64_t rides = 0;
  for (uint32_t c = 0; c < held.areas(); ++c) {
    std::vector<MetroRide> a, b;
    std::vector<DriverSession> sa, sb;
    held.area_day(c, day, a, sa);
    filed.area_day(c, day, b, sb);
    ASSERT_EQ(a.size(), b.size()) << "city " << c;
    ASSERT_EQ(sa.size(), sb.size()) << "city " << c;
    for (size_t i = 0; i < a.size(); ++i) {
      const RideHistoryEvent x = history_event(a[i]), y = history_event(b[i]);
      ASSERT_EQ(x.rider_account, y.rider_account) << "city " << c << " ride " << i;
      ASSERT_EQ(x.driver, y.driver);
      ASSERT_EQ(x.end_ms, y.end_ms);
      ASSERT_EQ(a[i].fraud.any(), b[i].fraud.any());
    }
    rides += a.size();
  }
  EXPECT_GT(rides, 10'000u);
  fs::remove_all(dir);
}

TEST(RiderStore, BatchesAreReadBackInCustomerOrder) {
  for (const fs::path& folder : {fs::path(), fresh_folder("spill-batches")}) {
    RiderStore store(3, folder);
    uint64_t customer = 0;
    // Batches of uneven sizes, a city empty in some, more than one read's worth in others.
    for (uint64_t batch = 0; batch < 5; ++batch) {
      std::vector<std::vector<StoredRider>> by_city(3);
      for (uint64_t i = 0; i < 700 * batch + 3; ++i) {
        Rider r{};
        r.customer = customer++;
        r.city = static_cast<uint32_t>(r.customer % (batch % 2 ? 2 : 3));
        r.account_created_day = {kNoDay, kNoDay, kNoDay};
        r.phone_changes = {kNoDay, kNoDay};
        r.card_changes = {kNoDay, kNoDay};
        by_city[r.city].emplace_back(r);
      }
      store.add(by_city);
      for (const auto& v : by_city) EXPECT_TRUE(v.empty());
    }
    EXPECT_EQ(store.size(), customer);
    EXPECT_EQ(store.in_file(), !folder.empty());
    uint64_t seen = 0;
    for (uint32_t c = 0; c < 3; ++c) {
      std::vector<uint64_t> order;
      store.for_each(c, [&](const StoredRider& r) { order.push_back(r.rider().customer); });
      ASSERT_EQ(order.size(), store.size(c));
      for (size_t k = 0; k < order.size(); ++k) {
        EXPECT_EQ(store.at(c, k).rider().customer, order[k]);
        EXPECT_EQ(store.at(c, k).rider().city, c);
        if (k) {
          EXPECT_LT(order[k - 1], order[k]);
        }
      }
      seen += order.size();
    }
    EXPECT_EQ(seen, customer);
    EXPECT_THROW(store.at(0, store.size(0)), std::logic_error);
    if (!folder.empty()) fs::remove_all(folder);
  }
}

TEST(RideDayEvents, InMemoryABoundKeepsTheLatestDays) {
  RideDayEvents small(3 * (1000 * sizeof(RideHistoryEvent) + 64));
  for (int64_t day = 0; day < 5; ++day) put_day(small, 0, day, 1000);
  EXPECT_FALSE(has(small, 0, 0));
  EXPECT_FALSE(has(small, 0, 1));
  for (int64_t day = 2; day < 5; ++day) ASSERT_TRUE(has(small, 0, day)) << day;
  EXPECT_EQ(small.held_bytes(), 3 * (1000 * sizeof(RideHistoryEvent) + 64));
}

TEST(RideDayEvents, ACityKeepsTheDaysABlockMayStillReadInMemoryAndOnDisk) {
  // A city keeps only the days a block may still read: the kKeptDays before its latest. Other
  // cities' days stay, and a day older than that is not stored at all. On disk, no bound on
  // bytes applies, and nothing is held in memory.
  constexpr int64_t kept = RideDayEvents::kKeptDays;
  const fs::path dir = fresh_folder("spill-days");
  for (const fs::path& folder : {fs::path(), dir}) {
    RideDayEvents recent(folder.empty() ? 64 << 20 : 0, folder);
    put_day(recent, 1, 0, 10);
    for (int64_t day = 0; day <= 3 * kept; ++day) put_day(recent, 0, day, 10 + static_cast<size_t>(day));
    for (int64_t day = 0; day <= 3 * kept; ++day) EXPECT_EQ(has(recent, 0, day), day >= 2 * kept) << "day " << day << " " << folder;
    EXPECT_TRUE(has(recent, 1, 0)) << "another city's day is kept";
    put_day(recent, 0, kept - 1, 10);
    EXPECT_FALSE(has(recent, 0, kept - 1)) << "a late worker's day is not kept";
    put_day(recent, 0, 2 * kept + 1, 99);
    RideDayEvents::Events twice;
    ASSERT_TRUE(recent.find(0, 2 * kept + 1, twice));
    EXPECT_EQ(twice.size(), 10u + 2 * kept + 1) << "a second copy of a day stored leaves the first";
    put_day(recent, 0, 10 * kept, 10);
    EXPECT_FALSE(has(recent, 0, 3 * kept)) << "a jump drops every day before the kept ones";
    EXPECT_TRUE(has(recent, 0, 10 * kept));
    EXPECT_EQ(recent.held_bytes() == 0, !folder.empty());
    EXPECT_EQ(files_in(dir), 0u);
  }
  fs::remove_all(dir);
}

TEST(RiderStore, PeakMemoryOfAWorldHoldsNoRidersWhenTheyAreInAFile) {
  // 1,200,000 customers: about 780,000 riders, 68 MB. What each world adds to this process's
  // resident memory while it lives, free heap memory returned to the system first so that the
  // world's allocations are new pages: held, the riders and drivers (75 MB measured); in a file,
  // the drivers and what is left of the batches of 65,536 customers they were found in (4-9 MB).
  SimContext ctx(ref(), {19, days_from_civil(2025, 6, 1), days_from_civil(2025, 6, 2), true, 0.01});
  const RideMarket market(ref());
  const fs::path dir = fresh_folder("spill-peak");
  constexpr uint64_t kCustomers = 1'200'000;
  auto added_by = [&](const fs::path& folder) {
    ::malloc_trim(0);
    const uint64_t before = resident_bytes();
    const RideWorld world(ctx, market, kCustomers, 1, folder);
    EXPECT_GT(world.riders(), kCustomers / 2);
    return static_cast<double>(resident_bytes() - before);
  };
  const double held = added_by({}), filed = added_by(dir);
  const double riders_bytes = static_cast<double>(RideWorld(ctx, market, 5000).riders() * (kCustomers / 5000) * sizeof(StoredRider));
  EXPECT_GT(held, 0.9 * riders_bytes) << "held " << held;
  EXPECT_LT(filed, 0.25 * riders_bytes) << "filed " << filed;
  EXPECT_EQ(files_in(dir), 0u);
  fs::remove_all(dir);
}

// The labels and sessions a run keeps from its plan's count: each block's come back as they were
// put, from a file with no name or from memory, whichever thread put them; a block not kept says so.
TEST(RideSpanStore, GivesBackEachBlocksLabelsAndSessionsAsKept) {
  const fs::path dir = fresh_folder("spill-spans");
  auto labels_of = [](uint64_t block) {
    std::vector<RideLabel> out(block % 3);
    for (size_t i = 0; i < out.size(); ++i) {
      out[i].customer = block * 100 + i;
      out[i].request_ms = static_cast<int64_t>(block * 1'000 + i);
      out[i].fraud.type = static_cast<int8_t>(i);
    }
    return out;
  };
  auto sessions_of = [](uint64_t block) {
    std::vector<DriverSession> out(block % 5);
    for (size_t i = 0; i < out.size(); ++i) out[i] = {block * 7 + i, static_cast<int64_t>(block), static_cast<int64_t>(block + i + 1), 0x5};
    return out;
  };
  for (const fs::path& where : {dir, fs::path()}) {
    RideSpanStore store(where);
    constexpr uint64_t kBlocks = 64;
    store.resize(kBlocks + 1);  // the last is never kept
    std::vector<std::thread> threads;
    for (uint64_t t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (uint64_t b = t; b < kBlocks; b += 4) store.put(b, labels_of(b), sessions_of(b));
      });
    for (auto& th : threads) th.join();
    if (!where.empty()) {
      EXPECT_EQ(files_in(dir), 0u);
    }
    for (uint64_t b = 0; b < kBlocks; ++b) {
      std::vector<RideLabel> labels(1);  // appended to
      std::vector<DriverSession> sessions;
      ASSERT_TRUE(store.labels(b, labels));
      ASSERT_TRUE(store.sessions(b, sessions));
      const auto want_labels = labels_of(b);
      const auto want_sessions = sessions_of(b);
      ASSERT_EQ(labels.size(), want_labels.size() + 1);
      for (size_t i = 0; i < want_labels.size(); ++i) {
        EXPECT_EQ(labels[i + 1].customer, want_labels[i].customer);
        EXPECT_EQ(labels[i + 1].request_ms, want_labels[i].request_ms);
        EXPECT_EQ(labels[i + 1].fraud.type, want_labels[i].fraud.type);
      }
      ASSERT_EQ(sessions.size(), want_sessions.size());
      for (size_t i = 0; i < sessions.size(); ++i) {
        EXPECT_EQ(sessions[i].driver, want_sessions[i].driver);
        EXPECT_EQ(sessions[i].offline_ms, want_sessions[i].offline_ms);
      }
    }
    std::vector<RideLabel> none;
    EXPECT_FALSE(store.labels(kBlocks, none));
    EXPECT_FALSE(store.labels(kBlocks + 5, none));
    EXPECT_THROW(store.put(0, {}, {}), std::logic_error) << "a block is kept once";
  }
  fs::remove_all(dir);
}
