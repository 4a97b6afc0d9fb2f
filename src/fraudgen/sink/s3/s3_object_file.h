// An S3 object read as a RandomAccessFile: ranged GETs through a window, so a reader that goes
// front to back (text files, hashing) makes one request per window, and a Parquet reader one
// per row group. Memory: the window plus what the caller asks for at once.
#pragma once
#include <memory>
#include <string>

#include "fraudgen/format/read/random_access_file.h"
#include "fraudgen/sink/s3/s3_client.h"

namespace fraudgen {

inline constexpr size_t kS3ReadWindow = 8ULL << 20;

// `client` is the file's own (one connection per open file); `size` is the object's, as listed;
// `url` names it in messages.
std::unique_ptr<RandomAccessFile> open_s3_object(std::unique_ptr<S3Client> client, std::string key, std::string url,
                                                 uint64_t size);

}  // namespace fraudgen
