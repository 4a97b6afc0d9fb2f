// Resolved object-storage settings of a run (no secrets: those live in S3Credentials).
#pragma once
#include <cstdint>
#include <string>

namespace fraudgen {

struct S3Options {
  std::string endpoint;            // scheme://host[:port]; empty = AWS (virtual-hosted addressing)
  std::string region = "us-east-1";
  uint64_t part_size = 16ULL << 20;  // first part size; grows so an object stays under 10,000 parts
  int concurrency = 4;               // parts in flight
  int max_attempts = 5;              // per request, first try included
  int timeout_seconds = 30;          // a request that moves no bytes for this long is retried
  std::string ca_bundle;             // PEM file for private CAs; empty = the system's
  bool create_bucket = false;
};

inline constexpr uint64_t kS3MinPartSize = 5ULL << 20;
inline constexpr uint64_t kS3MaxPartSize = 5ULL << 30;
inline constexpr int kS3MaxParts = 10'000;

// Size of part `n` (1-based): the base size, doubled after every 500 parts and capped at 5 GiB,
// so 10,000 parts hold over 25 TiB even from the 5 MiB minimum (S3 objects stop at 5 TiB), while
// files under 500 parts (8 GiB at the 16 MiB default) keep one part size.
inline uint64_t s3_part_size(uint64_t base, int n) {
  int doublings = (n - 1) / 500;
  uint64_t size = base;
  for (int i = 0; i < doublings && size < kS3MaxPartSize; ++i) size *= 2;
  return size < kS3MaxPartSize ? size : kS3MaxPartSize;
}

// Checks an endpoint URL: http(s)://host[:port] with no credentials, path or query. Returns the
// normalised URL (no trailing '/'); throws std::invalid_argument naming `what`.
std::string normalise_endpoint(const std::string& url, const std::string& what);

}  // namespace fraudgen
