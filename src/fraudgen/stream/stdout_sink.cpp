#include "fraudgen/stream/stdout_sink.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace fraudgen {

constexpr size_t kStdoutBuffer = 1 << 20;

void StdoutSink::send(const StreamEvent&, std::string_view line) {
  buffer_.append(line);
  if (buffer_.size() >= kStdoutBuffer) flush();
}

void StdoutSink::flush() {
  size_t done = 0;
  while (done < buffer_.size() && !closed_) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EPIPE) {
      closed_ = true;
      break;
    }
    if (n < 0) throw std::runtime_error(std::string("cannot write to standard output: ") + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
}

}  // namespace fraudgen
