// Reads a local file front to back, decompressing gzip (any number of members) or zstd (any
// number of frames) on the way, so text files are parsed without holding them whole.
#pragma once
#include <cstdio>
#include <memory>
#include <string>

#include "fraudgen/format/format.h"

struct z_stream_s;  // zlib's stream state, kept out of this header

namespace fraudgen {

class ByteStream {
 public:
  // Throws std::runtime_error when the file cannot be opened.
  ByteStream(const std::string& path, Compression codec);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // Up to `cap` decompressed bytes into `out`; 0 at the end. Throws on corrupt data.
  size_t read(char* out, size_t cap);

 private:
  size_t fill_input();  // raw bytes into in_; returns how many were read

  std::string path_;
  Compression codec_;
  std::FILE* file_ = nullptr;
  std::string in_;
  size_t in_pos_ = 0, in_end_ = 0;
  void* zstd_ = nullptr;
  std::unique_ptr<::z_stream_s> zlib_;
  bool member_done_ = false;  // gzip: the last member ended exactly at its trailer
};

}  // namespace fraudgen
