// An event sink that keeps what it is sent, for the stream tests.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/stream/event_sink.h"

namespace fraudgen::test_support {

class CapturingSink : public EventSink {
 public:
  void send(const StreamEvent& e, std::string_view line) override {
    text.append(line);
    seqs.push_back(e.seq);
    keys.push_back(e.key);
    payloads.emplace_back(e.payload);
    if (close_after && seqs.size() >= close_after) closed_ = true;
  }
  void flush() override { ++flushes; }
  bool closed() const override { return closed_; }
  std::string text;
  std::vector<uint64_t> seqs;
  std::vector<EventKey> keys;
  std::vector<std::string> payloads;
  size_t flushes = 0, close_after = 0;  // close_after: report closed after this many events (0: never)
  bool closed_ = false;
};

}  // namespace fraudgen::test_support
