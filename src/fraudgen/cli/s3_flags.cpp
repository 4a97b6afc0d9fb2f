#include "fraudgen/cli/s3_flags.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <filesystem>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/parse_number.h"
#include "fraudgen/core/byte_size.h"
#include "fraudgen/core/environment.h"

namespace fraudgen {

void S3Flags::add(CLI::App* cmd, bool uploads) {
  cmd->add_option("--s3-endpoint", endpoint_, "S3-compatible endpoint, http(s)://host[:port] (default: AWS_ENDPOINT_URL, "
                                              "MINIO_ENDPOINT, else AWS for s3:// and http://localhost:9000 for minio://).");
  cmd->add_option("--s3-region", region_, "Region for signing and bucket creation (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1).");
  if (uploads) {
    cmd->add_option("--s3-part-size", part_size_, "Multipart part size, 5MiB to 5GiB (default 16MiB); doubled every 500 parts.");
    cmd->add_option("--s3-concurrency", concurrency_, "Parts uploaded at once, 1 to 64 (default 4). Memory: this x part size.");
  }
  cmd->add_option("--s3-max-attempts", max_attempts_, "Tries per request, 1 to 20 (default 5), with exponential backoff and jitter.");
  cmd->add_option("--s3-timeout", timeout_, "Seconds a request may move no bytes before it is retried, 1 to 3600 (default 30).");
  cmd->add_option("--s3-ca-bundle", ca_bundle_, "PEM file of CA certificates for an endpoint with a private CA.");
  if (uploads) cmd->add_flag("--create-bucket", create_bucket_, "Create the bucket when it does not exist.");
}

S3Target S3Flags::resolve(const std::string& url, const std::string& what) const {
  S3Target t;
  try {
    t.location = parse_s3_location(url);
  } catch (const std::invalid_argument& e) {
    throw UsageError(what + ": " + e.what());
  }
  t.options = options(t.location);
  try {
    t.credentials = resolve_credentials(process_environment());
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  return t;
}

void S3Flags::refuse_for_local(const std::string& what) const {
  for (const auto* flag : {&endpoint_, &region_, &part_size_, &concurrency_, &max_attempts_, &timeout_, &ca_bundle_})
    if (!flag->empty()) throw UsageError("the --s3-* flags apply only to an s3:// or minio:// " + what);
  if (create_bucket_) throw UsageError("--create-bucket applies only to an s3:// or minio:// " + what);
}

S3Options S3Flags::options(const S3Location& location) const {
  S3Options s3;
  const EnvLookup env = process_environment();
  std::string endpoint = endpoint_, source = "--s3-endpoint";
  for (const char* var : {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "MINIO_ENDPOINT"})
    if (endpoint.empty() && !env(var).empty()) endpoint = env(var), source = var;
  if (endpoint.empty() && location.scheme == "minio") endpoint = "http://localhost:9000", source = "the minio:// default";
  if (!endpoint.empty()) {
    try {
      s3.endpoint = normalise_endpoint(endpoint, source);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  std::string region = region_;
  for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (region.empty()) region = env(var);
  if (!region.empty()) s3.region = region;
  for (char c : s3.region)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      throw UsageError("--s3-region '" + s3.region + "' is not a region name; accepted: lower-case letters, digits and '-', e.g. us-east-1");
  if (!part_size_.empty()) {
    auto bytes = parse_byte_size(part_size_);
    if (!bytes || *bytes < kS3MinPartSize || *bytes > kS3MaxPartSize)
      throw UsageError("--s3-part-size '" + part_size_ + "' is not valid; accepted: 5MiB to 5GiB, e.g. 16MiB or 64MB");
    s3.part_size = *bytes;
  }
  set_whole_flag(concurrency_, "--s3-concurrency", 1, 64, s3.concurrency);
  set_whole_flag(max_attempts_, "--s3-max-attempts", 1, 20, s3.max_attempts);
  set_whole_flag(timeout_, "--s3-timeout", 1, 3600, s3.timeout_seconds);
  if (!ca_bundle_.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(ca_bundle_, ec) || ::access(ca_bundle_.c_str(), R_OK) != 0)
      throw UsageError("--s3-ca-bundle '" + ca_bundle_ + "' is not a readable file; accepted: a PEM file of CA certificates");
    s3.ca_bundle = ca_bundle_;
  }
  s3.create_bucket = create_bucket_;
  return s3;
}

}  // namespace fraudgen
