#include "fraudgen/sink/file_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace fraudgen {

std::filesystem::path FileSink::temporary_path_for(const std::filesystem::path& final_path) {
  // Leading dot: Spark, DuckDB globs and Hive treat it as hidden while it is being written.
  std::string name = ".";
  name.append(final_path.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
  return final_path.parent_path() / name;
}

FileSink::FileSink(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  temp_path_ = temporary_path_for(final_path_);
  fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot create " + temp_path_.string() + ": " + std::strerror(errno));
}

FileSink::~FileSink() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_path_, ec);
  }
}

void FileSink::write(std::string_view data) {
  sha_.update(data);
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot write " + final_path_.string() + ": " + std::strerror(errno));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  bytes_ += data.size();
}

WrittenFile FileSink::commit() {
  if (::close(fd_) != 0) {
    fd_ = -1;
    throw std::runtime_error("cannot close " + final_path_.string() + ": " + std::strerror(errno));
  }
  fd_ = -1;
  std::error_code ec;
  std::filesystem::rename(temp_path_, final_path_, ec);
  if (ec) throw std::runtime_error("cannot rename " + temp_path_.string() + " to " + final_path_.string() + ": " + ec.message());
  committed_ = true;
  return {bytes_, sha_.hex_digest()};
}

}  // namespace fraudgen
