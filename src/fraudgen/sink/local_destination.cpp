#include "fraudgen/sink/local_destination.h"

#include <unistd.h>

#include <set>
#include <stdexcept>

#include "fraudgen/core/file_text.h"
#include "fraudgen/run/manifest_names.h"
#include "fraudgen/run/run_identity.h"
#include "fraudgen/sink/file_sink.h"

namespace fraudgen {
namespace fs = std::filesystem;

namespace {

// Temporaries of our files (FileSink's ".NAME.tmp-PID") that an attempt killed before it could
// clean up left behind.
void remove_leftover_temporaries(const fs::path& out, const std::vector<std::string>& files) {
  std::set<std::string> prefixes;  // "FOLDER/.NAME.tmp-"
  std::set<fs::path> folders;
  for (const auto& f : files) {
    const std::string temporary = FileSink::temporary_path_for(out / f).string();
    prefixes.insert(temporary.substr(0, temporary.rfind(".tmp-") + 5));
    folders.insert((out / f).parent_path());
  }
  std::error_code ec;
  for (const auto& folder : folders)
    for (const auto& e : fs::directory_iterator(folder, ec)) {
      const std::string path = e.path().string();
      const auto tmp = path.rfind(".tmp-");
      if (tmp != std::string::npos && prefixes.count(path.substr(0, tmp + 5))) fs::remove(e.path(), ec);
    }
}

}  // namespace

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
    if (!empty && !overwrite && !paths.sharded())
      throw std::invalid_argument(name + " is not empty; choose an empty folder or pass --overwrite to replace its dataset");
  }
  // Missing folders are created; the nearest one that exists must be a writable folder.
  fs::path ancestor = fs::absolute(out, ec);
  while (!fs::exists(ancestor, ec) && ancestor.has_relative_path()) ancestor = ancestor.parent_path();
  if (!fs::is_directory(ancestor, ec))
    throw std::invalid_argument(name + " cannot be created: " + ancestor.string() + " is not a folder");
  if (::access(ancestor.c_str(), W_OK) != 0)
    throw std::invalid_argument(name + " is not writable (" + ancestor.string() + " does not allow writing)");
  // A shard joins its own run's folder, and replaces what an earlier attempt of it left there (an
  // engine's retry); a manifest of any other dataset in the folder is refused without --overwrite.
  if (existed && !overwrite && paths.sharded())
    for (const auto& e : fs::directory_iterator(out, ec)) {
      const std::string file = e.path().filename().string();
      if (file != kWholeManifest && !is_shard_manifest(file)) continue;
      const std::string conflict =
          shard_conflict(file, read_file_text(e.path()).value_or(""), paths.run_identity, paths.shard_count);
      if (!conflict.empty())
        throw std::invalid_argument(name + " holds " + conflict + "; write " + paths.shard_label +
                                    " to its own run's folder, or pass --overwrite to replace this shard's files there");
    }
  // Nothing below runs on bad input: replace an old dataset, or an earlier attempt of this shard,
  // only now; the manifest goes first, so nothing half-replaced looks whole.
  if (existed && (overwrite || paths.sharded())) {
    fs::remove(out / paths.manifest, ec);
    if (!paths.sharded()) {
      for (const auto& t : paths.table_folders) fs::remove_all(out / t, ec);
    } else {
      for (const auto& f : paths.files) fs::remove(out / f, ec);
      remove_leftover_temporaries(out, paths.files);
    }
  }
  fs::create_directories(out, ec);
  if (ec) throw std::invalid_argument(name + " cannot be created: " + ec.message());
  for (const auto& t : paths.run_folders) fs::create_directories(out / t, ec);
  created_ = !existed && !paths.sharded();
  if (paths.sharded()) shard_files_ = paths.files;
}

std::unique_ptr<Sink> LocalDestination::open(const std::string& relative_path) {
  return std::make_unique<FileSink>(folder_ / relative_path);
}

void LocalDestination::abandon() noexcept {
  std::error_code ec;
  if (created_) fs::remove_all(folder_, ec);  // nothing complete is worth keeping without a manifest
  for (const auto& f : shard_files_) fs::remove(folder_ / f, ec);
}

}  // namespace fraudgen
