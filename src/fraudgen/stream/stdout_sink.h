// Events as JSON lines on standard output, in large writes. A reader that closes the pipe
// (`fraudgen stream | head`) ends the stream cleanly: SIGPIPE must be ignored by the caller.
#pragma once
#include <string>

#include "fraudgen/stream/event_sink.h"

namespace fraudgen {

class StdoutSink final : public EventSink {
 public:
  explicit StdoutSink(int fd = 1) : fd_(fd) {}
  void send(const StreamEvent& event, std::string_view line) override;
  void flush() override;
  bool closed() const override { return closed_; }

 private:
  int fd_;
  std::string buffer_;
  bool closed_ = false;
};

}  // namespace fraudgen
