#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>

#include "fraudgen/reference/reference_data.h"
#include "fraudgen/run/executor.h"
#include "fraudgen/run/plan.h"
#include "fraudgen/sink/local_destination.h"
#include "shared_reference.h"

using namespace fraudgen;
namespace fs = std::filesystem;

namespace {

using fraudgen::test_support::ref;

RunConfig small_config(const fs::path& out, int workers) {
  RunConfig cfg;
  cfg.sim = {11, 20089, 20148, true, 0.01};  // 60 days
  cfg.format = Format::Jsonl;
  cfg.compression = Compression::None;
  cfg.customers = 90;
  cfg.file_size = 300'000;                     // several files per table
  cfg.workers = workers;
  cfg.output = out;
  return cfg;
}

// Runs the plan into cfg.output, through `destination` when given; returns path -> SHA-256.
std::map<std::string, std::string> run(const RunConfig& cfg, RunCounters* counters_out = nullptr,
                                       Destination* destination = nullptr) {
  fs::remove_all(cfg.output);
  for (Table t : kAllTables) fs::create_directories(cfg.output / schema_of(t).name);
  SimContext ctx(ref(), cfg.sim);
  attach_rides(ctx, cfg);
  Plan plan = make_plan(ctx, cfg);
  std::atomic<bool> stop{false};
  RunCounters local;
  RunCounters& counters = counters_out ? *counters_out : local;
  std::map<std::string, std::string> hashes;
  LocalDestination local_destination(cfg.output);
  Destination& into = destination ? *destination : local_destination;
  for (const auto& f : execute_plan(ctx, cfg, plan, into, stop, counters)) hashes[f.path] = f.sha256;
  return hashes;
}

fs::path temp(const std::string& name) { return fs::temp_directory_path() / ("fraudgen-executor-" + name); }

}  // namespace

TEST(Executor, OutputDoesNotDependOnWorkers) {
  auto one = run(small_config(temp("w1"), 1));
  auto three = run(small_config(temp("w3"), 3));
  EXPECT_GT(one.size(), 3u);
  EXPECT_EQ(one, three);
  fs::remove_all(temp("w1"));
  fs::remove_all(temp("w3"));
}

TEST(Executor, RidesAndBankingInOneRunDoNotDependOnWorkersRowGroupsOrShards) {
  // --type all over Parquet row groups that cut ride blocks, on 1 and 3 workers and in 2 shards.
  RunConfig cfg = small_config(temp("all1"), 1);
  cfg.type = "all";
  cfg.customers = 1500;
  cfg.sim.end_day = cfg.sim.start_day + 20;
  cfg.format = Format::Parquet;
  cfg.compression = Compression::Zstd;
  cfg.row_group_rows = 1000;
  cfg.file_size = 400'000;
  const auto one = run(cfg);
  std::set<std::string> tables;
  for (const auto& [path, hash] : one) tables.insert(path.substr(0, path.find('/')));
  EXPECT_EQ(tables, (std::set<std::string>{"customers", "devices", "transactions", "fraud_labels", "drivers", "rides", "driver_sessions",
                                            "ride_fraud_labels"}));
  cfg.workers = 3;
  cfg.output = temp("all3");
  EXPECT_EQ(run(cfg), one);
  std::map<std::string, std::string> shards;
  for (uint32_t s = 0; s < 2; ++s) {
    cfg.shard_index = s;
    cfg.shard_count = 2;
    cfg.output = temp("all-shard" + std::to_string(s));
    for (const auto& f : run(cfg)) EXPECT_TRUE(shards.insert(f).second) << f.first << " written by two shards";
    fs::remove_all(cfg.output);
  }
  EXPECT_EQ(shards, one);
  cfg.type = "rides";
  cfg.shard_count = 1;
  cfg.shard_index = 0;
  cfg.output = temp("rides-only");
  const auto rides = run(cfg);
  for (const auto& [path, hash] : rides) {
    const std::string table = path.substr(0, path.find('/'));
    EXPECT_TRUE(table == "customers" || table == "drivers" || table == "rides" || table == "driver_sessions" || table == "ride_fraud_labels") << path;
    if (table != "customers") { EXPECT_EQ(hash, one.at(path)) << path << ": the ride tables are the same world with or without banking"; }
  }
  for (const char* d : {"all1", "all3", "rides-only"}) fs::remove_all(temp(d));
}

TEST(Executor, OneFileIsProducedByAllWorkers) {
  RunConfig cfg = small_config(temp("onefile"), 2);
  const uint64_t per_block = block_customers_for(cfg.sim.days());
  cfg.customers = 20 * per_block;      // 20 blocks
  cfg.file_size = 1ULL << 40;          // one file per table
  RunCounters counters;
  auto files = run(cfg, &counters);
  EXPECT_EQ(files.size(), kBankTableCount);
  EXPECT_GE(counters.chunks_total.load(), 8u);
  EXPECT_EQ(counters.workers_used.load(), 2u);
  fs::remove_all(cfg.output);
}

TEST(Executor, ShardsPartitionTheFiles) {
  auto whole = run(small_config(temp("whole"), 2));
  std::map<std::string, std::string> united;
  for (uint32_t i = 0; i < 3; ++i) {
    RunConfig cfg = small_config(temp("shard" + std::to_string(i)), 2);
    cfg.shard_index = i;
    cfg.shard_count = 3;
    for (const auto& [path, sha] : run(cfg)) EXPECT_TRUE(united.emplace(path, sha).second) << path << " written twice";
    fs::remove_all(cfg.output);
  }
  EXPECT_EQ(united, whole);
  fs::remove_all(temp("whole"));
}

namespace {

// A local folder that records the order in which the writer opens files.
class OpenOrder : public LocalDestination {
 public:
  using LocalDestination::LocalDestination;
  std::unique_ptr<Sink> open(const std::string& path) override {
    opened.push_back(path.substr(0, path.find('/')));
    return LocalDestination::open(path);
  }
  std::vector<std::string> opened;  // the table folder of each file, in opening order
};

}  // namespace

// fraud_labels chunks re-simulate every block they span, so they are started first; the short
// customers and devices chunks come last. The bytes do not change (OutputDoesNotDependOnWorkers).
// One worker, so files open exactly in work order (with more, a quick chunk may finish first).
TEST(Executor, FilesWithTheLongestChunksComeFirst) {
  RunConfig cfg = small_config(temp("order"), 1);
  OpenOrder destination(cfg.output);
  const auto results = run(cfg, nullptr, &destination);
  ASSERT_EQ(destination.opened.size(), results.size());
  SimContext ctx(ref(), cfg.sim);
  const Plan plan = make_plan(ctx, cfg);
  std::vector<std::string> expected;
  for (Table t : {Table::FraudLabels, Table::Transactions, Table::Devices, Table::Customers})
    for (const PlannedFile& f : plan.files)
      if (f.table == t) expected.emplace_back(schema_of(t).name);
  EXPECT_EQ(destination.opened, expected);
  EXPECT_GT(std::count(expected.begin(), expected.end(), "transactions"), 1);
  fs::remove_all(cfg.output);
}

TEST(Executor, StopLeavesNoTemporaryOrPartialFile) {
  RunConfig cfg = small_config(temp("stop"), 2);
  cfg.customers = 400;
  fs::remove_all(cfg.output);
  for (Table t : kAllTables) fs::create_directories(cfg.output / schema_of(t).name);
  SimContext ctx(ref(), cfg.sim);
  Plan plan = make_plan(ctx, cfg);
  std::atomic<bool> stop{true};  // raised before the first block is written
  RunCounters counters;
  LocalDestination destination(cfg.output);
  EXPECT_THROW(execute_plan(ctx, cfg, plan, destination, stop, counters), Interrupted);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(cfg.output)) files += e.is_regular_file();
  EXPECT_EQ(files, 0u);
  fs::remove_all(cfg.output);
}
