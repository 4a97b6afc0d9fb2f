// What makes manifests "of the same run": the seed, the schema version and the configuration,
// whatever the shard. Shards of one run write disjoint files of one dataset; anything else in
// the same place is another dataset.
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace fraudgen {

// "" when `a` and `b` (manifests, or the identity stubs generate builds) are of the same run,
// else what differs: "seed differs", "schema_version differs" or "config differs".
std::string run_difference(const nlohmann::json& a, const nlohmann::json& b);

// Why shard `shard_count`-way of the run `identity` (run_identity() in manifest.h) may not write
// where the manifest `name` holding `text` already is; "" when it may (a retry of its own run).
std::string shard_conflict(const std::string& name, const std::string& text, const std::string& identity,
                           uint32_t shard_count);

}  // namespace fraudgen
