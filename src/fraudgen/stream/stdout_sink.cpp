#include "fraudgen/stream/stdout_sink.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace fraudgen {

constexpr size_t kStdoutBuffer = 1 << 20;  // written once this much is held

void StdoutSink::send(const StreamEvent&, std::string_view line) {
  if (!held_.empty() && held_.data() + held_.size() != line.data()) flush();
  held_ = held_.empty() ? line : std::string_view(held_.data(), held_.size() + line.size());
  if (held_.size() >= kStdoutBuffer) flush();
}

void StdoutSink::flush() {
  size_t done = 0;
  while (done < held_.size() && !closed_) {
    const ssize_t n = ::write(fd_, held_.data() + done, held_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EPIPE) {
      closed_ = true;
      break;
    }
    if (n < 0) throw std::runtime_error(std::string("cannot write to standard output: ") + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  held_ = {};
}

}  // namespace fraudgen
