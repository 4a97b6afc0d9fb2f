// The bytes of one data file by offset, wherever it lives: a local file (pread), or an object
// in S3 (ranged GETs, see sink/s3/s3_object_file.h). The readers see only this.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace fraudgen {

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual uint64_t size() const = 0;
  // Up to `n` bytes at `offset` into `out`; fewer only at the end of the file. Throws
  // std::runtime_error naming the file when it cannot be read.
  virtual size_t read_at(uint64_t offset, char* out, size_t n) = 0;
  virtual const std::string& name() const = 0;  // for messages
};

// Throws std::runtime_error ("cannot open PATH: why") when the file cannot be opened.
std::unique_ptr<RandomAccessFile> open_local_file(const std::string& path);

}  // namespace fraudgen
