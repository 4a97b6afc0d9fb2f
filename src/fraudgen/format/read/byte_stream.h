// Reads a file front to back, decompressing gzip (any number of members) or zstd (any
// number of frames) on the way, so text files are parsed without holding them whole.
#pragma once
#include <memory>
#include <string>

#include "fraudgen/format/format.h"
#include "fraudgen/format/read/random_access_file.h"

struct z_stream_s;  // zlib's stream state, kept out of this header

namespace fraudgen {

class ByteStream {
 public:
  // Throws std::runtime_error for a codec a text file cannot have.
  ByteStream(std::unique_ptr<RandomAccessFile> file, Compression codec);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // Up to `cap` decompressed bytes into `out`; 0 at the end. Throws on corrupt data.
  size_t read(char* out, size_t cap);
  const std::string& name() const { return file_->name(); }

 private:
  size_t fill_input();  // raw bytes into in_; returns how many were read

  std::unique_ptr<RandomAccessFile> file_;
  uint64_t offset_ = 0;  // of the next raw byte
  Compression codec_;
  std::string in_;
  size_t in_pos_ = 0, in_end_ = 0;
  void* zstd_ = nullptr;
  std::unique_ptr<::z_stream_s> zlib_;
  bool member_done_ = false;  // gzip: the last member ended exactly at its trailer
};

}  // namespace fraudgen
