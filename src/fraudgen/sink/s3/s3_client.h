// One connection's worth of S3 requests: SigV4-signed by libcurl, each retried on 5xx, 429,
// timeouts and connection errors with exponential backoff and full jitter. Not thread-safe:
// every thread that uploads owns one client (and so one reusable connection).
#pragma once
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fraudgen/sink/s3/s3_credentials.h"
#include "fraudgen/sink/s3/s3_options.h"

namespace fraudgen {

struct S3Request {
  const char* method = "GET";       // GET, PUT, POST, DELETE or HEAD
  std::string key;                  // object key; empty addresses the bucket itself
  std::string query;                // canonical: keys sorted and encoded, "k=" for empty values
  std::string_view body;
  std::string content_type;         // empty: no Content-Type header
  std::string range;                // "first-last" (bytes, inclusive) for a ranged GET; empty: whole object
  bool error_in_ok_body = false;    // CompleteMultipartUpload may answer 200 with an <Error> body
};

struct S3Response {
  long status = 0;
  std::string body;
  std::string etag;
  int64_t content_length = -1;  // from the Content-Length header, -1 when absent
};

class S3Error : public std::runtime_error {
 public:
  S3Error(const std::string& message, long status, std::string code, bool retryable)
      : std::runtime_error(message), status(status), code(std::move(code)), retryable(retryable) {}
  long status;       // HTTP status, 0 for a transport failure
  std::string code;  // S3 error code (NoSuchBucket, ...) or libcurl's error text
  bool retryable;
};

// Raised instead of S3Error when the run was cancelled while a request was in flight.
struct S3Cancelled : std::runtime_error {
  S3Cancelled() : std::runtime_error("cancelled") {}
};

// Told about every retry: what was being done, the attempt that failed (1-based), why, and the
// pause before the next one.
using RetryObserver = std::function<void(const std::string& what, int attempt, const std::string& cause, double delay_s)>;

class S3Client {
 public:
  S3Client(const S3Options& options, const S3Credentials& credentials, std::string bucket,
           std::function<bool()> cancelled = {}, RetryObserver on_retry = {});
  ~S3Client();
  S3Client(const S3Client&) = delete;
  S3Client& operator=(const S3Client&) = delete;

  // Sends `r` until it succeeds (2xx) or fails for good; throws S3Error whose message starts
  // with `what` and gives the cause and the number of attempts.
  S3Response call(const S3Request& r, const std::string& what);

  // The request URL: path-style for custom endpoints, virtual-hosted for AWS.
  std::string url_for(const std::string& key, const std::string& query) const;

 private:
  S3Response attempt(const S3Request& r, const std::string& payload_sha256);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fraudgen
