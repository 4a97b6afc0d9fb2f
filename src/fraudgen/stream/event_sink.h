// Where a stream's events go. Each event arrives with its line: the event as stdout writes it
// (event_line.h); a sink that frames events its own way (Kafka, a webhook) uses the payload.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "fraudgen/stream/stream_event.h"

namespace fraudgen {

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void send(const StreamEvent& event, std::string_view line) = 0;
  // Pushes out what is buffered.
  virtual void flush() = 0;
  // The lines passed to send() so far are about to be freed: a sink that holds them by
  // reference (stdout) writes them now.
  virtual void release() {}
  // The stream is about to wait until `until` for the next event's time: a sink sends what it
  // holds if it would otherwise be held too long (stdout and Kafka always; a webhook when its
  // batch would outlive the linger), so a paced event is delivered when it is due.
  virtual void idle(std::chrono::steady_clock::time_point /*until*/) { flush(); }
  // At the end of the stream: delivers what is still in flight (Kafka: waits for the brokers'
  // acknowledgements). The sink reports what could not be delivered in its own terms.
  virtual void finish() { flush(); }
  // The reader went away (a closed pipe), or the target failed for good: nothing more can be delivered.
  virtual bool closed() const = 0;
  // Delivery figures for the progress line ("" when the sink has none); called from the
  // progress thread while events are sent, so it reads only atomics.
  virtual std::string progress() const { return {}; }
};

}  // namespace fraudgen
