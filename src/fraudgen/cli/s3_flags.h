// The --s3-* flags, for every command that takes an s3:// location: how to reach the store
// (endpoint, region, retries, timeout, CA) and, for generate, how to upload (part size,
// concurrency, --create-bucket). Each falls back on its environment variables, and is checked.
#pragma once
#include <string>

#include "fraudgen/sink/s3/s3_credentials.h"
#include "fraudgen/sink/s3/s3_location.h"
#include "fraudgen/sink/s3/s3_options.h"

namespace CLI { class App; }

namespace fraudgen {

// A store location with everything needed to reach it.
struct S3Target {
  S3Location location;
  S3Options options;
  S3Credentials credentials;
};

class S3Flags {
 public:
  void add(CLI::App* cmd, bool uploads);
  // UsageError (naming `what`, e.g. "--output") for a bad URL, flag value or credential chain.
  S3Target resolve(const std::string& url, const std::string& what) const;
  // UsageError when any flag was given although `what` is a local folder.
  void refuse_for_local(const std::string& what) const;

 private:
  S3Options options(const S3Location& location) const;
  std::string endpoint_, region_, part_size_, concurrency_, max_attempts_, timeout_, ca_bundle_;
  bool create_bucket_ = false;
};

}  // namespace fraudgen
