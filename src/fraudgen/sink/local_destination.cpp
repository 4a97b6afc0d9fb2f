#include "fraudgen/sink/local_destination.h"

#include <unistd.h>

#include <stdexcept>

#include "fraudgen/sink/file_sink.h"

namespace fraudgen {
namespace fs = std::filesystem;

void LocalDestination::prepare(const DatasetPaths& paths, bool overwrite) {
  std::error_code ec;
  const fs::path& out = folder_;
  const std::string name = "--output " + out.string();
  const bool existed = fs::exists(out, ec);
  if (existed && !fs::is_directory(out, ec)) throw std::invalid_argument(name + " exists and is not a folder");
  if (existed) {
    bool empty = fs::is_empty(out, ec);
    if (ec) throw std::invalid_argument(name + " cannot be read: " + ec.message());
    // A shard may join a folder holding other shards' files; it checks its own files below.
    if (!empty && !overwrite && !paths.sharded)
      throw std::invalid_argument(name + " is not empty; choose an empty folder or pass --overwrite to replace its dataset");
  }
  // Missing folders are created; the nearest one that exists must be a writable folder.
  fs::path ancestor = fs::absolute(out, ec);
  while (!fs::exists(ancestor, ec) && ancestor.has_relative_path()) ancestor = ancestor.parent_path();
  if (!fs::is_directory(ancestor, ec))
    throw std::invalid_argument(name + " cannot be created: " + ancestor.string() + " is not a folder");
  if (::access(ancestor.c_str(), W_OK) != 0)
    throw std::invalid_argument(name + " is not writable (" + ancestor.string() + " does not allow writing)");
  if (existed && !overwrite && paths.sharded) {
    bool ours_present = fs::exists(out / paths.manifest, ec);
    for (const auto& f : paths.files) ours_present = ours_present || fs::exists(out / f, ec);
    if (ours_present) throw std::invalid_argument(name + " already holds " + paths.shard_label + "; pass --overwrite to replace it");
  }
  // Nothing below runs on bad input: replace an old dataset only now.
  if (existed && overwrite) {
    fs::remove(out / paths.manifest, ec);
    if (!paths.sharded)
      for (const auto& t : paths.table_folders) fs::remove_all(out / t, ec);
    else
      for (const auto& f : paths.files) fs::remove(out / f, ec);
  }
  fs::create_directories(out, ec);
  if (ec) throw std::invalid_argument(name + " cannot be created: " + ec.message());
  for (const auto& t : paths.table_folders) fs::create_directories(out / t, ec);
  created_ = !existed;
}

std::unique_ptr<Sink> LocalDestination::open(const std::string& relative_path) {
  return std::make_unique<FileSink>(folder_ / relative_path);
}

void LocalDestination::abandon() noexcept {
  std::error_code ec;
  if (created_) fs::remove_all(folder_, ec);  // nothing complete is worth keeping without a manifest
}

}  // namespace fraudgen
