// DIR or s3://bucket/prefix, as validate and finalize take it, opened for reading.
#pragma once
#include <memory>
#include <string>

#include "fraudgen/cli/s3_flags.h"
#include "fraudgen/validate/dataset_store.h"

namespace fraudgen {

// UsageError for a bad location, flags or credentials, or a folder that is not there.
std::shared_ptr<validate::DatasetStore> open_dataset(const std::string& where, const S3Flags& s3);

}  // namespace fraudgen
