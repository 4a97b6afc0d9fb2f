#include "fraudgen/validate/dataset_store.h"

#include <algorithm>
#include <filesystem>

#include "fraudgen/core/file_text.h"
#include "fraudgen/sink/file_sink.h"
#include "fraudgen/validate/dataset.h"

namespace fraudgen::validate {
namespace fs = std::filesystem;
namespace {

class LocalStore final : public DatasetStore {
 public:
  explicit LocalStore(std::string dir) : dir_(std::move(dir)) {}
  std::string describe() const override { return dir_; }

  std::vector<std::string> root_names() override {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.is_regular_file()) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  std::optional<std::string> read_whole(const std::string& relative) override { return read_file_text(at(relative)); }
  std::optional<uint64_t> size_of(const std::string& relative) override {
    std::error_code ec;
    const uint64_t size = fs::file_size(at(relative), ec);
    if (ec) return std::nullopt;
    return size;
  }
  std::unique_ptr<RandomAccessFile> open(const std::string& relative) override { return open_local_file(at(relative).string()); }
  void publish(const std::string& relative, const std::string& text) override {
    FileSink sink(at(relative));  // a temporary file renamed into place on commit
    sink.write(text);
    sink.commit();
  }

 private:
  fs::path at(const std::string& relative) const { return fs::path(dir_) / relative; }
  std::string dir_;
};

}  // namespace

std::shared_ptr<DatasetStore> open_local_store(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw DatasetError("'" + dir + "' is not a folder; accepted: a folder or an s3://bucket/prefix written by `fraudgen generate`");
  return std::make_shared<LocalStore>(dir);
}

}  // namespace fraudgen::validate
