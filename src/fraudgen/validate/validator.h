// `fraudgen validate`: checks a dataset folder against fraudgen's invariants, streaming the
// tables block by block (see block_checker.h), independently of the generator's simulation code.
#pragma once
#include <memory>
#include <string>

#include "fraudgen/validate/dataset_store.h"
#include "fraudgen/validate/report.h"

namespace fraudgen::validate {

struct ValidateOptions {
  size_t max_examples = 5;  // per check
  // A folder missing some of a sharded run's shards: check what is there and skip the checks that
  // need the whole dataset, instead of failing for the missing shards.
  bool allow_partial = false;
};

struct ValidationResult {
  Report report;
  DatasetSummary summary;
};

// Throws DatasetError when `dir` is not a dataset it can validate.
ValidationResult validate_dataset(std::shared_ptr<DatasetStore> store, const ValidateOptions& options);
ValidationResult validate_dataset(const std::string& dir, const ValidateOptions& options);  // a local folder

}  // namespace fraudgen::validate
