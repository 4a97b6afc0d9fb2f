// A dataset in a local folder: files are written under hidden temporary names and renamed when
// complete (see FileSink).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "fraudgen/sink/sink.h"

namespace fraudgen {

class LocalDestination : public Destination {
 public:
  explicit LocalDestination(std::filesystem::path folder) : folder_(std::move(folder)) {}
  std::string describe() const override { return folder_.string(); }
  void prepare(const DatasetPaths& paths, bool overwrite) override;
  std::unique_ptr<Sink> open(const std::string& relative_path) override;
  void finish() override {}
  // Removes the folder if this run created it; a shard removes only its own files, since other
  // shards may be writing beside it.
  void abandon() noexcept override;

 private:
  std::filesystem::path folder_;
  bool created_ = false;
  std::vector<std::string> shard_files_;  // a shard's own files; empty when unsharded
};

}  // namespace fraudgen
