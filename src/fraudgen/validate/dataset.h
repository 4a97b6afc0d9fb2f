// A dataset (a folder or an S3 prefix) as its manifests describe it: manifest.json, or one or more
// manifest.shard-*.json whose files together form all or part of one dataset.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "fraudgen/format/format.h"
#include "fraudgen/schema/schema.h"
#include "fraudgen/validate/dataset_store.h"

namespace fraudgen::validate {

// The folder is not a dataset fraudgen can validate; the message says what is wrong and what
// is accepted (exit code 2).
struct DatasetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct DatasetFile {
  Table table;
  std::string path;  // relative to the folder
  std::string partition;  // "year=2025/month=03", empty when the table is not partitioned
  uint64_t rows = 0, bytes = 0;
  std::string sha256;
};

// One figure of a manifest's totals (or total_bytes) beside the sum of that manifest's files.
struct ManifestTotal {
  std::string manifest, figure;  // e.g. "totals.transactions.rows"
  uint64_t declared = 0, summed = 0;
};

// The manifest's fraud section (the whole dataset's, in every shard's manifest).
struct FraudSummary {
  double requested_rate = 0, realised_rate = 0;
  uint64_t transactions = 0, fraudulent = 0, scenarios = 0;
  std::map<std::string, uint64_t> by_type;
};

// The manifest's ride_fraud section (with rides).
struct RideFraudSummary {
  double requested_rate = 0, realised_rate = 0;
  uint64_t rides = 0, fraudulent = 0;
  std::map<std::string, uint64_t> by_type;
};

struct Dataset {
  std::string dir;                     // the folder or s3://bucket/prefix, for messages
  std::shared_ptr<DatasetStore> store; // where its files are read
  std::vector<std::string> manifests;  // file names
  Format format = Format::Parquet;
  Compression compression = Compression::None;
  uint64_t seed = 0;                   // the run's, for what the ride checks recompute (weather, surge)
  std::string type = "transactions";   // config.type: transactions, rides or all
  int64_t start_day = 0, end_day = 0;
  uint64_t customers = 0, block_customers = 1, files_in_dataset = 0;
  double fraud_rate = 0;               // config.fraud_rate
  FraudSummary fraud;
  RideFraudSummary ride_fraud;
  std::vector<DatasetFile> files;      // of all manifests found, per table in file order
  std::vector<ManifestTotal> totals;   // every manifest's totals, to check against its files
  uint32_t shard_count = 1;            // of the run that wrote the shard manifests (1: manifest.json)
  std::vector<std::string> missing_manifests;  // the run's shard manifests that are not in the folder
  bool complete() const { return files.size() == files_in_dataset; }
  std::vector<const DatasetFile*> files_of(Table t) const;  // the table's files, in row order
  bool banking() const { return type != "rides"; }       // devices, transactions and fraud_labels
  bool rides() const { return type != "transactions"; }  // drivers, rides and driver_sessions
};

// Reads manifest.json, or every shard manifest of one run. A manifest.json that `fraudgen
// finalize` wrote may stand beside the shard manifests it was made from; it alone is read.
// `each`, when given, sees every manifest it read, parsed, in order (finalize builds from them).
using ManifestVisitor = std::function<void(const std::string& name, const nlohmann::json& manifest)>;
Dataset load_dataset(std::shared_ptr<DatasetStore> store, const ManifestVisitor& each = {});
Dataset load_dataset(const std::string& dir, const ManifestVisitor& each = {});  // a local folder

// A manifest file, parsed; DatasetError when it cannot be read or is not JSON.
nlohmann::json read_manifest(DatasetStore& store, const std::string& name);
// Throws DatasetError when `other` is not of the same run as `first` (seed, schema, config but
// the shard).
void require_same_run(const nlohmann::json& first, const std::string& first_name, const nlohmann::json& other,
                      const std::string& other_name);

}  // namespace fraudgen::validate
