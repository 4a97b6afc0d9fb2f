// The sending half of every stream: takes events already rendered as lines, in stream order,
// paces them (pacer.h), hands them to the sink, and stops at --max-events, --duration, a signal
// or a reader that went away. Keeps the counters, the outcome and the SHA-256 of what was sent.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/core/sha256.h"
#include "fraudgen/stream/event_sink.h"
#include "fraudgen/stream/pacer.h"
#include "fraudgen/stream/stream_runner.h"

namespace fraudgen {

// Consecutive events of the stream as lines (event_line.h), the first being event `first_seq`.
struct RenderedEvents {
  uint64_t first_seq = 0;
  std::vector<EventKey> keys;
  std::vector<uint32_t> payload_lengths;
  std::string lines;
  std::vector<size_t> ends;  // of each line in `lines`
  size_t size() const { return keys.size(); }
  void clear();
  // Appends the event's line.
  void add(const EventKey& key, std::string_view payload);
  std::string_view line(size_t k) const { return std::string_view(lines).substr(k ? ends[k - 1] : 0, ends[k] - (k ? ends[k - 1] : 0)); }
  // The line ends with the payload and "}\n" (event_line.h).
  std::string_view payload(size_t k) const { return std::string_view(lines).substr(ends[k] - 2 - payload_lengths[k], payload_lengths[k]); }
};

class EventSender {
 public:
  EventSender(const StreamOptions& options, EventSink& sink, const std::atomic<bool>& stop, StreamCounters& counters,
              StreamOutcome& out);
  // Sends `events` in order; false once the stream has ended (out.end says why).
  bool send(const RenderedEvents& events);
  // Flushes the sink and fills in the outcome's digest and timing.
  void finish();

 private:
  const StreamOptions& options_;
  EventSink& sink_;
  const std::atomic<bool>& stop_;
  StreamCounters& counters_;
  StreamOutcome& out_;
  Pacer pacer_;
  Sha256 digest_;
  Pacer::Clock::time_point start_, deadline_;
  int64_t max_lag_ns_ = 0;
};

}  // namespace fraudgen
