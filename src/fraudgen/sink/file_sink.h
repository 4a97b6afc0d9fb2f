// A local output file that appears under its final name only when complete: bytes go to a
// hidden temporary beside it, which is renamed on commit and deleted otherwise.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "fraudgen/core/sha256.h"
#include "fraudgen/sink/sink.h"

namespace fraudgen {

class FileSink : public Sink {
 public:
  explicit FileSink(std::filesystem::path final_path);
  ~FileSink() override;  // removes the temporary unless committed
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  void write(std::string_view data) override;
  WrittenFile commit() override;
  static std::filesystem::path temporary_path_for(const std::filesystem::path& final_path);

 private:
  std::filesystem::path final_path_, temp_path_;
  int fd_ = -1;
  uint64_t bytes_ = 0;
  Sha256 sha_;
  bool committed_ = false;
};

}  // namespace fraudgen
