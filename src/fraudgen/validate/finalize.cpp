#include "fraudgen/validate/finalize.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fraudgen/run/manifest_names.h"
#include "fraudgen/validate/dataset.h"

namespace fraudgen::validate {
using nlohmann::json;

namespace {

// What the shard manifests hold that the combined manifest is made of.
struct ShardManifests {
  json first, files = json::array(), runs = json::array();

  void add(const std::string& name, const json& m) {
    for (const json& f : m.at("files")) files.push_back(f);
    json run = m.value("run", json::object());
    run["manifest"] = name;
    runs.push_back(std::move(run));
    if (first.is_null()) first = m;
  }
};

// The manifest an unsharded run of the same configuration writes, but for its run section,
// which lists the shards' own run sections.
json combined_manifest(ShardManifests shards, const Dataset& d) {
  json whole = std::move(shards.first), files = std::move(shards.files);
  std::sort(files.begin(), files.end(), [](const json& a, const json& b) { return a.at("path") < b.at("path"); });
  json totals = json::object();
  uint64_t total_bytes = 0;
  for (const json& f : files) {
    json& t = totals[f.at("table").get<std::string>()];
    if (t.is_null()) t = {{"rows", 0}, {"bytes", 0}, {"files", 0}};
    t["rows"] = t["rows"].get<uint64_t>() + f.at("rows").get<uint64_t>();
    t["bytes"] = t["bytes"].get<uint64_t>() + f.at("bytes").get<uint64_t>();
    t["files"] = t["files"].get<uint64_t>() + 1;
    total_bytes += f.at("bytes").get<uint64_t>();
  }
  whole["config"]["shard"] = {{"index", 0}, {"count", 1}};
  whole["files"] = std::move(files);
  whole["totals"] = std::move(totals);
  whole["total_bytes"] = total_bytes;
  whole["run"] = {{"finalized", {{"shards", d.shard_count}, {"manifests", d.manifests}}}, {"shards", std::move(shards.runs)}};
  return whole;
}

}  // namespace

FinalizeOutcome finalize_dataset(const std::string& dir) { return finalize_dataset(open_local_store(dir)); }

FinalizeOutcome finalize_dataset(std::shared_ptr<DatasetStore> store) {
  ShardManifests shards;
  const Dataset d = load_dataset(std::move(store), [&shards](const std::string& name, const json& m) { shards.add(name, m); });
  FinalizeOutcome out;
  out.shards = d.shard_count;
  for (const std::string& name : d.missing_manifests)
    out.missing.push_back(name + ": missing (that shard has not finished, or its manifest was removed)");
  for (const DatasetFile& f : d.files) {
    const std::optional<uint64_t> size = d.store->size_of(f.path);
    if (!size)
      out.missing.push_back(f.path + ": missing (listed in the manifest)");
    else if (*size != f.bytes)
      out.missing.push_back(f.path + ": " + std::to_string(*size) + " bytes, the manifest lists " + std::to_string(f.bytes));
    out.rows += f.rows;
    out.bytes += f.bytes;
  }
  out.files = d.files.size();
  out.whole = out.missing.empty();
  if (!out.whole || d.manifests.front() == kWholeManifest) return out;

  // Written last and atomically: a reader that sees manifest.json sees the whole dataset.
  d.store->publish(std::string(kWholeManifest), combined_manifest(std::move(shards), d).dump(2) + "\n");
  out.written = true;
  return out;
}

}  // namespace fraudgen::validate
