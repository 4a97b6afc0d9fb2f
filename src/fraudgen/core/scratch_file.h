// A temporary file no other process can open: made without a name in a folder (O_TMPFILE, or a
// unique name removed at once where the file system lacks it), so it is gone when closed or when
// the process dies, and nothing is left behind. For what a run keeps out of memory and reads
// back: a ride world's riders and the capitals' recent history events. The page cache holds what
// is read often; the kernel writes it out and drops it when memory is short.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

namespace fraudgen {

// What went wrong, with the system's reason on its own (for a message of the caller's).
struct ScratchFileError : std::runtime_error {
  ScratchFileError(const std::string& what, std::string why) : std::runtime_error(what), reason(std::move(why)) {}
  std::string reason;
};

// A folder without room for what a run would keep in it (a refusal before anything is written).
struct ScratchRoomError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws ScratchRoomError when `dir`'s file system has less than `bytes` free for this user;
// `needs` says what for (for the message).
void ensure_scratch_room(const std::filesystem::path& dir, uint64_t bytes, const std::string& needs);

class ScratchFile {
 public:
  // Throws ScratchFileError naming the folder and the reason when no file can be made there.
  explicit ScratchFile(const std::filesystem::path& dir);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Writes `bytes` at the end and returns where they start. Safe from any thread: each call has
  // its own room.
  uint64_t append(const void* data, size_t bytes);
  // Reads `bytes` written at `offset`. Safe from any thread.
  void read(uint64_t offset, void* out, size_t bytes) const;
  // Frees the disk behind bytes no longer needed (reading them after gives zeros). Best effort:
  // a file system that cannot punch holes keeps them.
  void release(uint64_t offset, size_t bytes);
  // Bytes appended so far (released ones included).
  uint64_t size() const { return end_.load(std::memory_order_relaxed); }
  // Forgets everything written and frees its disk, for a file that one thread fills and reads
  // again and again. Not while another thread appends.
  void clear();

 private:
  [[noreturn]] void fail(const char* what) const;
  std::filesystem::path dir_;
  int fd_ = -1;
  std::atomic<uint64_t> end_{0};
};

}  // namespace fraudgen
