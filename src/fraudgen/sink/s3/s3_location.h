// Where a dataset goes in object storage: `s3://bucket/prefix` (or `minio://bucket/prefix`),
// and the encoding rules that turn its object keys into request paths.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace fraudgen {

struct S3Location {
  std::string scheme;  // "s3" or "minio", as the user wrote it
  std::string bucket;
  std::string prefix;  // no leading or trailing '/'; may be empty

  // The object key of a dataset-relative path such as "transactions/part-00000.parquet".
  std::string key(std::string_view relative) const;
  std::string url() const;  // scheme://bucket/prefix, for messages and the manifest
};

// True when `output` names object storage rather than a local folder.
bool is_object_store_url(std::string_view output);

// Parses and checks an object-store URL; throws std::invalid_argument saying what is wrong and
// what is accepted.
S3Location parse_s3_location(std::string_view url);

// SigV4 URI encoding: every byte except A-Z a-z 0-9 - _ . ~ becomes %XX (upper-case hex);
// '/' is kept when `keep_slash` (object keys in paths) and encoded otherwise (query values).
std::string uri_encode(std::string_view s, bool keep_slash);

}  // namespace fraudgen
