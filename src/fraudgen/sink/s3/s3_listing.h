// Listing what is under a prefix: the objects (ListObjectsV2) and the multipart uploads still
// open (ListMultipartUploads), every page or the first only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "fraudgen/sink/s3/s3_client.h"

namespace fraudgen {

struct S3Object {
  std::string key;
  uint64_t size = 0;
};

struct S3OpenUpload {
  std::string key, upload_id;
};

// `where` names the prefix in error messages (e.g. s3://bucket/prefix/).
std::vector<S3Object> list_objects(S3Client& client, const std::string& prefix, bool every_page, const std::string& where);
std::vector<S3OpenUpload> list_open_uploads(S3Client& client, const std::string& prefix, const std::string& where);

}  // namespace fraudgen
