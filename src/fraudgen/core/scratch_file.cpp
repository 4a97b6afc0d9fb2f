#include "fraudgen/core/scratch_file.h"

#include "fraudgen/core/byte_size.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace fraudgen {

void ensure_scratch_room(const std::filesystem::path& dir, uint64_t bytes, const std::string& needs) {
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) != 0) return;  // unknown: a full disk is reported when a write fails
  const uint64_t free_bytes = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
  if (free_bytes >= bytes) return;
  throw ScratchRoomError(needs + " needs about " + format_bytes(static_cast<double>(bytes)) + " in --spill-dir " + dir.string() + ", and " +
                         format_bytes(static_cast<double>(free_bytes)) + " is free; choose a folder with room (--spill-dir), or fewer customers");
}

ScratchFile::ScratchFile(const std::filesystem::path& dir) : dir_(dir) {
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string name = (dir / "fraudgen-scratch-XXXXXX").string();
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ >= 0) ::unlink(name.c_str());
  }
  if (fd_ < 0) fail("cannot make a temporary file in");
}

ScratchFile::~ScratchFile() {
  if (fd_ >= 0) ::close(fd_);
}

void ScratchFile::fail(const char* what) const {
  const std::string reason = std::strerror(errno);
  throw ScratchFileError(std::string(what) + " " + dir_.string() + ": " + reason + " (--spill-dir chooses another folder)", reason);
}

uint64_t ScratchFile::append(const void* data, size_t bytes) {
  const uint64_t at = end_.fetch_add(bytes, std::memory_order_relaxed);
  const char* p = static_cast<const char*>(data);
  for (size_t done = 0; done < bytes;) {
    const ssize_t n = ::pwrite(fd_, p + done, bytes - done, static_cast<off_t>(at + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write a temporary file in");
    done += static_cast<size_t>(n);
  }
  return at;
}

void ScratchFile::read(uint64_t offset, void* out, size_t bytes) const {
  char* p = static_cast<char*>(out);
  for (size_t done = 0; done < bytes;) {
    const ssize_t n = ::pread(fd_, p + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read a temporary file in");
    if (n == 0) throw std::logic_error("a read past the end of a temporary file");
    done += static_cast<size_t>(n);
  }
}

void ScratchFile::release(uint64_t offset, size_t bytes) {
  if (bytes > 0) ::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(offset), static_cast<off_t>(bytes));
}

void ScratchFile::clear() {
  if (::ftruncate(fd_, 0) != 0) fail("cannot empty a temporary file in");
  end_.store(0, std::memory_order_relaxed);
}

}  // namespace fraudgen
