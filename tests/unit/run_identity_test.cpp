#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "fraudgen/run/run_identity.h"

using namespace fraudgen;
using nlohmann::json;

namespace {

json manifest(uint64_t seed, uint32_t index, uint32_t count, const std::string& format = "jsonl") {
  return {{"seed", seed}, {"schema_version", 3}, {"config", {{"format", format}, {"shard", {{"index", index}, {"count", count}}}}},
          {"run", {{"workers", 2}}}};
}

std::string identity(uint64_t seed, uint32_t count, const std::string& format = "jsonl") {
  return json{{"seed", seed}, {"schema_version", 3}, {"config", {{"format", format}, {"shard", {{"index", 0}, {"count", count}}}}}}.dump();
}

}  // namespace

TEST(RunIdentity, SameRunWhateverTheShardOrTheRunSection) {
  EXPECT_EQ(run_difference(manifest(1, 0, 4), manifest(1, 3, 4)), "");
  EXPECT_EQ(run_difference(manifest(1, 0, 4), manifest(2, 0, 4)), "seed differs");
  EXPECT_EQ(run_difference(manifest(1, 0, 4), manifest(1, 0, 4, "csv")), "config differs");
}

TEST(RunIdentity, AShardJoinsOnlyItsOwnRunCutTheSameWay) {
  EXPECT_EQ(shard_conflict("manifest.shard-00002-of-00004.json", manifest(1, 2, 4).dump(), identity(1, 4), 4), "");
  EXPECT_EQ(shard_conflict("m.json", manifest(9, 2, 4).dump(), identity(1, 4), 4), "m.json of another run (seed differs)");
  EXPECT_EQ(shard_conflict("m.json", manifest(1, 2, 4).dump(), identity(1, 8), 8), "m.json of the same run cut into 4 shards");
  EXPECT_EQ(shard_conflict("manifest.json", manifest(1, 0, 1).dump(), identity(1, 4), 4), "manifest.json of the unsharded dataset");
  json finalized = manifest(1, 0, 1);
  finalized["run"] = {{"finalized", {{"shards", 4}}}};
  EXPECT_EQ(shard_conflict("manifest.json", finalized.dump(), identity(1, 4), 4), "");
  EXPECT_EQ(shard_conflict("m.json", "{not json", identity(1, 4), 4), "m.json, which is not a manifest fraudgen can read");
}
