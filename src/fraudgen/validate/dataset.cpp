#include "fraudgen/validate/dataset.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/run/manifest_names.h"
#include "fraudgen/run/run_identity.h"

namespace fraudgen::validate {
using nlohmann::json;

namespace {

const char* const kAccepted =
    "a folder or s3://bucket/prefix written by `fraudgen generate` (format parquet, jsonl or csv) holding "
    "manifest.json or manifest.shard-*-of-*.json files of one run";

// manifest.json first, then the shard manifests in shard order.
std::vector<std::string> manifest_names(DatasetStore& store) {
  std::vector<std::string> names, shards;
  for (std::string& name : store.root_names()) {
    if (name == kWholeManifest) names.push_back(std::move(name));
    else if (is_shard_manifest(name)) shards.push_back(std::move(name));
  }
  names.insert(names.end(), shards.begin(), shards.end());
  return names;
}

// Field access that turns a missing or mistyped field into a DatasetError naming it.
template <typename T>
T field(const json& j, const std::string& manifest, std::initializer_list<const char*> path) {
  const json* at = &j;
  std::string name;
  for (const char* key : path) {
    if (!name.empty()) name += '.';
    name += key;
    if (!at->is_object() || !at->contains(key)) throw DatasetError(manifest + " has no '" + name + "'; accepted: " + kAccepted);
    at = &(*at)[key];
  }
  try {
    return at->get<T>();
  } catch (const json::exception&) {
    throw DatasetError(manifest + ": '" + name + "' has an unexpected type");
  }
}

Table table_named(const std::string& name, const std::string& manifest) {
  for (Table t : kAllTables)
    if (schema_of(t).name == name) return t;
  std::string accepted;
  for (Table t : kAllTables) accepted += (accepted.empty() ? "" : ", ") + std::string(schema_of(t).name);
  throw DatasetError(manifest + " names an unknown table '" + name + "'; accepted: " + accepted);
}

}  // namespace

std::vector<const DatasetFile*> Dataset::files_of(Table t) const {
  std::vector<const DatasetFile*> out;
  for (const DatasetFile& f : files)
    if (f.table == t) out.push_back(&f);
  return out;
}

json read_manifest(DatasetStore& store, const std::string& name) {
  const std::optional<std::string> text = store.read_whole(name);
  if (!text) throw DatasetError("cannot read " + name + " in " + store.describe());
  try {
    return json::parse(*text);
  } catch (const json::exception& e) {
    throw DatasetError(name + " in " + store.describe() + " is not valid JSON (" + e.what() + "); accepted: " + kAccepted);
  }
}

void require_same_run(const json& first, const std::string& first_name, const json& other, const std::string& other_name) {
  const std::string difference = run_difference(first, other);
  if (!difference.empty()) throw DatasetError(other_name + " is from another run than " + first_name + " (" + difference + ")");
}

Dataset load_dataset(const std::string& dir, const ManifestVisitor& each) { return load_dataset(open_local_store(dir), each); }

Dataset load_dataset(std::shared_ptr<DatasetStore> store, const ManifestVisitor& each) {
  Dataset d;
  d.dir = store->describe();
  d.store = std::move(store);
  const std::string& dir = d.dir;
  d.manifests = manifest_names(*d.store);
  if (d.manifests.empty())
    throw DatasetError("'" + dir + "' holds no manifest.json nor manifest.shard-*.json, so it is not a complete fraudgen dataset; accepted: " + kAccepted);
  uint32_t finalized_shards = 0;
  if (d.manifests[0] == "manifest.json" && d.manifests.size() > 1) {
    // Finalized: manifest.json stands for the shard manifests it was made from, of the same run.
    const json whole = read_manifest(*d.store, std::string(kWholeManifest));
    const json run = whole.value("run", json::object());
    if (!run.is_object() || !run.contains("finalized"))
      throw DatasetError("'" + dir + "' holds both manifest.json and shard manifests, and manifest.json is not one that "
                         "`fraudgen finalize` wrote; accepted: one run's manifests only");
    for (size_t i = 1; i < d.manifests.size(); ++i)
      require_same_run(whole, "manifest.json", read_manifest(*d.store, d.manifests[i]), d.manifests[i]);
    d.manifests.resize(1);
    finalized_shards = run["finalized"].value("shards", 1u);
  }

  std::set<std::string> paths;
  json first;
  for (const std::string& name : d.manifests) {
    json m = read_manifest(*d.store, name);
    const auto version = field<uint32_t>(m, name, {"schema_version"});
    if (version != kSchemaVersion)
      throw DatasetError(name + " has schema version " + std::to_string(version) + "; this fraudgen validates version " +
                         std::to_string(kSchemaVersion));
    if (first.is_null()) {
      first = m;
      const auto format = parse_format(field<std::string>(m, name, {"config", "format"}));
      const auto compression = parse_compression(field<std::string>(m, name, {"config", "compression"}));
      if (!format || !compression) throw DatasetError(name + ": unsupported format or compression; accepted: parquet, jsonl, csv with none, gzip, zstd, snappy");
      d.format = *format;
      d.compression = *compression;
      const auto start = parse_iso_date(field<std::string>(m, name, {"config", "start_date"}));
      const auto end = parse_iso_date(field<std::string>(m, name, {"config", "end_date"}));
      if (!start || !end) throw DatasetError(name + ": config.start_date and end_date must be YYYY-MM-DD");
      d.start_day = *start;
      d.end_day = *end;
      d.fraud_rate = field<double>(m, name, {"config", "fraud_rate"});
      d.seed = field<uint64_t>(m, name, {"seed"});
      d.type = field<std::string>(m, name, {"config", "type"});
      if (d.type != "transactions" && d.type != "rides" && d.type != "all")
        throw DatasetError(name + ": config.type '" + d.type + "' is not one of transactions, rides, all");
      d.customers = field<uint64_t>(m, name, {"plan", "customers"});
      d.block_customers = std::max<uint64_t>(1, field<uint64_t>(m, name, {"plan", "block_customers"}));
      d.files_in_dataset = field<uint64_t>(m, name, {"plan", "files_in_dataset"});
      d.fraud.requested_rate = field<double>(m, name, {"fraud", "requested_rate"});
      d.fraud.realised_rate = field<double>(m, name, {"fraud", "realised_rate"});
      d.fraud.transactions = field<uint64_t>(m, name, {"fraud", "transactions"});
      d.fraud.fraudulent = field<uint64_t>(m, name, {"fraud", "fraudulent_transactions"});
      d.fraud.scenarios = field<uint64_t>(m, name, {"fraud", "scenarios"});
      d.fraud.by_type = field<std::map<std::string, uint64_t>>(m, name, {"fraud", "transactions_by_type"});
      if (d.rides()) {
        d.ride_fraud.requested_rate = field<double>(m, name, {"ride_fraud", "requested_rate"});
        d.ride_fraud.realised_rate = field<double>(m, name, {"ride_fraud", "realised_rate"});
        d.ride_fraud.rides = field<uint64_t>(m, name, {"ride_fraud", "rides"});
        d.ride_fraud.fraudulent = field<uint64_t>(m, name, {"ride_fraud", "fraudulent_rides"});
        d.ride_fraud.by_type = field<std::map<std::string, uint64_t>>(m, name, {"ride_fraud", "rides_by_type"});
      }
      d.shard_count = std::max<uint32_t>(1, field<uint32_t>(m, name, {"config", "shard", "count"}));
    } else {
      require_same_run(first, d.manifests[0], m, name);
      const auto count = field<uint32_t>(m, name, {"config", "shard", "count"});
      if (count != d.shard_count)
        throw DatasetError(name + " is shard of " + std::to_string(count) + " but " + d.manifests[0] + " of " +
                           std::to_string(d.shard_count) + ": the folder mixes two ways of cutting the dataset");
    }
    struct Sums { uint64_t rows = 0, bytes = 0, files = 0; };
    std::map<Table, Sums> sums;
    uint64_t all_bytes = 0;
    for (const json& f : field<json>(m, name, {"files"})) {
      DatasetFile file;
      file.table = table_named(field<std::string>(f, name, {"table"}), name);
      file.path = field<std::string>(f, name, {"path"});
      if (f.contains("partition") && !f["partition"].is_null()) file.partition = field<std::string>(f, name, {"partition"});
      file.rows = field<uint64_t>(f, name, {"rows"});
      file.bytes = field<uint64_t>(f, name, {"bytes"});
      file.sha256 = field<std::string>(f, name, {"sha256"});
      if (file.path.find("..") != std::string::npos || file.path.starts_with("/"))
        throw DatasetError(name + " names a file outside the folder: " + file.path);
      Sums& sum = sums[file.table];
      sum.rows += file.rows;
      sum.bytes += file.bytes;
      ++sum.files;
      all_bytes += file.bytes;
      if (paths.insert(file.path).second) d.files.push_back(std::move(file));
    }
    // Totals per table as written (a table without files may be absent), then the sums.
    std::map<Table, Sums> declared;
    const json totals = field<json>(m, name, {"totals"});
    if (!totals.is_object()) throw DatasetError(name + ": 'totals' is not an object of tables");
    for (const auto& [table, t] : totals.items()) {
      const std::string at = "totals." + table;
      Sums& s = declared[table_named(table, name)];
      s.rows = field<uint64_t>(t, name + " " + at, {"rows"});
      s.bytes = field<uint64_t>(t, name + " " + at, {"bytes"});
      s.files = field<uint64_t>(t, name + " " + at, {"files"});
    }
    for (Table t : kAllTables) {
      const Sums have = sums[t], want = declared[t];
      const std::string at = "totals." + std::string(schema_of(t).name) + ".";
      d.totals.push_back({name, at + "rows", want.rows, have.rows});
      d.totals.push_back({name, at + "bytes", want.bytes, have.bytes});
      d.totals.push_back({name, at + "files", want.files, have.files});
    }
    d.totals.push_back({name, "total_bytes", field<uint64_t>(m, name, {"total_bytes"}), all_bytes});
    if (each) each(name, m);
  }
  if (finalized_shards) d.shard_count = finalized_shards;
  if (d.manifests[0] != "manifest.json") {
    std::set<std::string> present(d.manifests.begin(), d.manifests.end());
    for (uint32_t i = 0; i < d.shard_count; ++i)
      if (!present.count(shard_manifest_name(i, d.shard_count))) d.missing_manifests.push_back(shard_manifest_name(i, d.shard_count));
  }
  // Row order: tables in schema order, files by name (part-00000, part-00001, ...).
  std::stable_sort(d.files.begin(), d.files.end(), [](const DatasetFile& a, const DatasetFile& b) {
    return a.table != b.table ? a.table < b.table : a.path < b.path;
  });
  return d;
}

}  // namespace fraudgen::validate
