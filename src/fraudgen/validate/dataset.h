// A dataset folder as its manifests describe it: manifest.json, or one or more
// manifest.shard-*.json whose files together form all or part of one dataset.
#pragma once
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "fraudgen/format/format.h"
#include "fraudgen/schema/schema.h"

namespace fraudgen::validate {

// The folder is not a dataset fraudgen can validate; the message says what is wrong and what
// is accepted (exit code 2).
struct DatasetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct DatasetFile {
  Table table;
  std::string path;  // relative to the folder
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

struct Dataset {
  std::string dir;
  std::vector<std::string> manifests;  // file names
  Format format = Format::Parquet;
  Compression compression = Compression::None;
  int64_t start_day = 0, end_day = 0;
  uint64_t customers = 0, block_customers = 1, files_in_dataset = 0;
  double fraud_rate = 0;               // config.fraud_rate
  FraudSummary fraud;
  std::vector<DatasetFile> files;      // of all manifests found, per table in file order
  std::vector<ManifestTotal> totals;   // every manifest's totals, to check against its files
  bool complete() const { return files.size() == files_in_dataset; }
};

Dataset load_dataset(const std::string& dir);

}  // namespace fraudgen::validate
