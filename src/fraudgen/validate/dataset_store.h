// Where a dataset that validate and finalize read lives: a local folder or an S3 prefix. They
// read manifests whole, data files through RandomAccessFile (a window at a time), and finalize
// publishes manifest.json through it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fraudgen/format/read/random_access_file.h"

namespace fraudgen::validate {

class DatasetStore {
 public:
  virtual ~DatasetStore() = default;
  virtual std::string describe() const = 0;  // the folder, or s3://bucket/prefix
  // The names of the files directly in the dataset's root (where the manifests are), sorted.
  virtual std::vector<std::string> root_names() = 0;
  // A small file (a manifest) whole; nullopt when it is not there.
  virtual std::optional<std::string> read_whole(const std::string& relative) = 0;
  // A file's size; nullopt when it is not there.
  virtual std::optional<uint64_t> size_of(const std::string& relative) = 0;
  // Throws std::runtime_error when the file is not there or cannot be opened. Safe to call from
  // several threads at once.
  virtual std::unique_ptr<RandomAccessFile> open(const std::string& relative) = 0;
  // Writes `text` as `relative` so that readers see all of it or nothing.
  virtual void publish(const std::string& relative, const std::string& text) = 0;
};

// Throws DatasetError when `dir` is not a folder.
std::shared_ptr<DatasetStore> open_local_store(const std::string& dir);

}  // namespace fraudgen::validate
