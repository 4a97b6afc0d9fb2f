#include "fraudgen/run/run_identity.h"

#include <nlohmann/json.hpp>

namespace fraudgen {

std::string run_difference(const nlohmann::json& a, const nlohmann::json& b) {
  using nlohmann::json;
  for (const char* key : {"seed", "schema_version"})
    if (a.value(key, json()) != b.value(key, json())) return std::string(key) + " differs";
  json ca = a.value("config", json::object()), cb = b.value("config", json::object());
  ca.erase("shard");
  cb.erase("shard");
  return ca == cb ? "" : "config differs";
}

std::string shard_conflict(const std::string& name, const std::string& text, const std::string& identity,
                           uint32_t shard_count) {
  using nlohmann::json;
  const json theirs = json::parse(text, nullptr, false);
  if (theirs.is_discarded() || !theirs.is_object()) return name + ", which is not a manifest fraudgen can read";
  const std::string difference = run_difference(theirs, json::parse(identity));
  if (!difference.empty()) return name + " of another run (" + difference + ")";
  const json shard = theirs.value("config", json::object()).value("shard", json::object());
  const json finalized = theirs.value("run", json::object()).value("finalized", json());
  const uint32_t count = finalized.is_object() ? finalized.value("shards", 0u) : shard.value("count", 0u);
  if (count != shard_count)
    return name + (count == 1 ? " of the unsharded dataset" : " of the same run cut into " + std::to_string(count) + " shards");
  return "";
}

}  // namespace fraudgen
