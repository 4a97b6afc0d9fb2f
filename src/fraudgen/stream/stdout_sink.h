// Events as JSON lines on standard output, in large writes straight from the lines the stream
// made (consecutive lines lie one after another in memory; nothing is copied). A reader that closes the pipe
// (`fraudgen stream | head`) ends the stream cleanly: SIGPIPE must be ignored by the caller.
#pragma once
#include <string_view>

#include "fraudgen/stream/event_sink.h"

namespace fraudgen {

class StdoutSink final : public EventSink {
 public:
  explicit StdoutSink(int fd = 1) : fd_(fd) {}
  void send(const StreamEvent& event, std::string_view line) override;
  void flush() override;
  void release() override { flush(); }
  bool closed() const override { return closed_; }

 private:
  int fd_;
  std::string_view held_;  // lines sent and not yet written
  bool closed_ = false;
};

}  // namespace fraudgen
