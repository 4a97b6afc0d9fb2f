// Lines of a (possibly compressed) text file, without their line feed. A line is valid until
// the next call.
#pragma once
#include <string>
#include <string_view>

#include "fraudgen/format/read/byte_stream.h"

namespace fraudgen {

class LineReader {
 public:
  LineReader(std::unique_ptr<RandomAccessFile> file, Compression codec) : stream_(std::move(file), codec) {}
  bool next(std::string_view& line);
  const std::string& name() const { return stream_.name(); }
  uint64_t line_number() const { return line_number_; }  // 1-based number of the last line returned

 private:
  ByteStream stream_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t line_number_ = 0;
};

}  // namespace fraudgen
