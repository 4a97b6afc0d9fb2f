// Where a dataset's bytes go. A Destination (a local folder or an S3 prefix) opens one Sink per
// output file; a file becomes visible under its final name only when committed, and everything
// a failed or interrupted run started is removed by abandon().
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fraudgen {

struct WrittenFile {
  uint64_t bytes;
  std::string sha256;
};

class Sink {
 public:
  virtual ~Sink() = default;  // without commit(): discards what was written
  virtual void write(std::string_view data) = 0;
  // Completes the file. An object store may still be finishing the upload when this returns;
  // Destination::finish() waits for it.
  virtual WrittenFile commit() = 0;
};

// The dataset-relative paths a run will write: its manifest and its own data files.
struct DatasetPaths {
  std::string manifest;
  std::vector<std::string> files;
  std::vector<std::string> table_folders;  // every table's folder, e.g. "transactions" (--overwrite clears them all)
  std::vector<std::string> run_folders;    // the folders of the tables the run writes
  std::string shard_label;                 // "shard 1/3", for messages
  uint32_t shard_count = 1;
  bool sharded() const { return shard_count > 1; }  // other shards may share the destination
  std::string run_identity;                // JSON: seed, schema version, configuration (run_identity.h)
};

class Destination {
 public:
  virtual ~Destination() = default;
  virtual std::string describe() const = 0;  // for messages: a path or s3://bucket/prefix
  // Refuses a destination that already holds this run's files (unless `overwrite`, which removes
  // them); creates what is missing. Throws UsageError-style std::invalid_argument for the user's
  // mistakes and std::runtime_error for failures.
  virtual void prepare(const DatasetPaths& paths, bool overwrite) = 0;
  virtual std::unique_ptr<Sink> open(const std::string& relative_path) = 0;
  // Waits until every committed file is durable and visible; throws the first failure.
  virtual void finish() = 0;
  // After a failure or an interrupt: removes what this run wrote. Never throws.
  virtual void abandon() noexcept = 0;
};

}  // namespace fraudgen
