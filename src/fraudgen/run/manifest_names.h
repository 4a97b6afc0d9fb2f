// The names of a dataset's manifests: manifest.json for a whole dataset, and one
// manifest.shard-<i>-of-<N>.json per shard of a sharded run (zero-padded to five digits).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace fraudgen {

inline constexpr std::string_view kWholeManifest = "manifest.json";

std::string shard_manifest_name(uint32_t index, uint32_t count);
bool is_shard_manifest(std::string_view name);

}  // namespace fraudgen
