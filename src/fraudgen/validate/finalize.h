// `fraudgen finalize`: proves a sharded dataset whole (every shard manifest of one run, every
// file they list with its byte count) and only then writes manifest.json, so that, as for an
// unsharded run, "manifest.json is present" means "the dataset is whole". SHA-256 and the row
// checks stay with `fraudgen validate`.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fraudgen/validate/dataset_store.h"

namespace fraudgen::validate {

struct FinalizeOutcome {
  bool whole = false;
  std::vector<std::string> missing;  // what keeps the dataset from being whole, one line each
  bool written = false;              // manifest.json was written now (false: it was there already)
  uint32_t shards = 1;
  uint64_t files = 0, rows = 0, bytes = 0;
};

// Throws DatasetError (exit 2) when the folder is not one run's dataset (mixed runs, bad
// manifests); returns whole = false (exit 1) when shards or files are missing, writing nothing.
// Running it again on a finalized dataset writes nothing and reports it whole.
FinalizeOutcome finalize_dataset(std::shared_ptr<DatasetStore> store);
FinalizeOutcome finalize_dataset(const std::string& dir);  // a local folder

}  // namespace fraudgen::validate
