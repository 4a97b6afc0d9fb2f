// A dataset under an S3 prefix, for validate and finalize: one listing at the start (keys and
// sizes, every page), manifests by GET, data objects by ranged GETs on their own connections.
#pragma once
#include <memory>

#include "fraudgen/sink/s3/s3_credentials.h"
#include "fraudgen/sink/s3/s3_location.h"
#include "fraudgen/sink/s3/s3_options.h"
#include "fraudgen/validate/dataset_store.h"

namespace fraudgen::validate {

// Throws DatasetError when the bucket does not exist or nothing is under the prefix, and
// S3Error when the store cannot be reached or refuses.
std::shared_ptr<DatasetStore> open_s3_store(const S3Location& location, const S3Options& options,
                                            const S3Credentials& credentials);

}  // namespace fraudgen::validate
