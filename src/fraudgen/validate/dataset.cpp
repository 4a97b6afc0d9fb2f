#include "fraudgen/validate/dataset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "fraudgen/core/civil_time.h"

namespace fraudgen::validate {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* const kAccepted =
    "a folder written by `fraudgen generate` (format parquet, jsonl or csv) holding manifest.json or "
    "manifest.shard-*-of-*.json files of one run";

// manifest.shard-<digits>-of-<digits>.json
bool is_shard_manifest(std::string_view name) {
  constexpr std::string_view kPrefix = "manifest.shard-", kSuffix = ".json";
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return false;
  name = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  const size_t of = name.find("-of-");
  auto digits = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
  return of != std::string_view::npos && digits(name.substr(0, of)) && digits(name.substr(of + 4));
}

std::vector<std::string> manifest_names(const std::string& dir) {
  std::vector<std::string> names;
  if (fs::exists(fs::path(dir) / "manifest.json")) names.push_back("manifest.json");
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && is_shard_manifest(name)) names.push_back(name);
  }
  std::sort(names.begin() + (names.empty() || names[0] != "manifest.json" ? 0 : 1), names.end());
  return names;
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw DatasetError("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::exception& e) {
    throw DatasetError(path.string() + " is not valid JSON (" + e.what() + "); accepted: " + kAccepted);
  }
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
  throw DatasetError(manifest + " names an unknown table '" + name + "'; accepted: customers, devices, transactions, fraud_labels");
}

}  // namespace

Dataset load_dataset(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DatasetError("'" + dir + "' is not a folder; accepted: " + kAccepted);
  Dataset d;
  d.dir = dir;
  d.manifests = manifest_names(dir);
  if (d.manifests.empty())
    throw DatasetError("'" + dir + "' holds no manifest.json nor manifest.shard-*.json, so it is not a complete fraudgen dataset; accepted: " + kAccepted);
  if (d.manifests[0] == "manifest.json" && d.manifests.size() > 1)
    throw DatasetError("'" + dir + "' holds both manifest.json and shard manifests; accepted: one run's manifests only");

  std::set<std::string> paths;
  json first;
  for (const std::string& name : d.manifests) {
    json m = read_json(fs::path(dir) / name);
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
      d.customers = field<uint64_t>(m, name, {"plan", "customers"});
      d.block_customers = std::max<uint64_t>(1, field<uint64_t>(m, name, {"plan", "block_customers"}));
      d.files_in_dataset = field<uint64_t>(m, name, {"plan", "files_in_dataset"});
      d.fraud.requested_rate = field<double>(m, name, {"fraud", "requested_rate"});
      d.fraud.realised_rate = field<double>(m, name, {"fraud", "realised_rate"});
      d.fraud.transactions = field<uint64_t>(m, name, {"fraud", "transactions"});
      d.fraud.fraudulent = field<uint64_t>(m, name, {"fraud", "fraudulent_transactions"});
      d.fraud.scenarios = field<uint64_t>(m, name, {"fraud", "scenarios"});
      d.fraud.by_type = field<std::map<std::string, uint64_t>>(m, name, {"fraud", "transactions_by_type"});
    } else {
      for (const char* key : {"seed", "schema_version"})
        if (m[key] != first[key]) throw DatasetError(name + " is from another run than " + d.manifests[0] + " (" + key + " differs)");
      json a = m["config"], b = first["config"];
      a.erase("shard");
      b.erase("shard");
      if (a != b) throw DatasetError(name + " is from another run than " + d.manifests[0] + " (config differs)");
    }
    struct Sums { uint64_t rows = 0, bytes = 0, files = 0; };
    std::map<Table, Sums> sums;
    uint64_t all_bytes = 0;
    for (const json& f : field<json>(m, name, {"files"})) {
      DatasetFile file;
      file.table = table_named(field<std::string>(f, name, {"table"}), name);
      file.path = field<std::string>(f, name, {"path"});
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
  }
  // Row order: tables in schema order, files by name (part-00000, part-00001, ...).
  std::stable_sort(d.files.begin(), d.files.end(), [](const DatasetFile& a, const DatasetFile& b) {
    return a.table != b.table ? a.table < b.table : a.path < b.path;
  });
  return d;
}

}  // namespace fraudgen::validate
