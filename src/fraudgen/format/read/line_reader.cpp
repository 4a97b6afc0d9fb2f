#include "fraudgen/format/read/line_reader.h"

#include <cstring>

namespace fraudgen {

bool LineReader::next(std::string_view& line) {
  constexpr size_t kRead = 1 << 20;
  size_t scan_from = pos_;
  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(buf_.data() + scan_from, '\n', buf_.size() - scan_from));
    if (nl) {
      size_t end = static_cast<size_t>(nl - buf_.data());
      line = std::string_view(buf_).substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_number_;
      return true;
    }
    if (eof_) {
      if (pos_ >= buf_.size()) return false;
      line = std::string_view(buf_).substr(pos_);  // a last line without a line feed
      pos_ = buf_.size();
      ++line_number_;
      return true;
    }
    buf_.erase(0, pos_);  // keep the partial line, read more after it
    pos_ = 0;
    scan_from = buf_.size();
    const size_t old = buf_.size();
    buf_.resize(old + kRead);
    size_t n = stream_.read(buf_.data() + old, kRead);
    buf_.resize(old + n);
    if (n == 0) eof_ = true;
  }
}

}  // namespace fraudgen
