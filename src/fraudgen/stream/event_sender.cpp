#include "fraudgen/stream/event_sender.h"

#include <algorithm>

#include "fraudgen/stream/event_line.h"

namespace fraudgen {

void RenderedEvents::clear() {
  first_seq = 0;
  keys.clear();
  payload_lengths.clear();
  lines.clear();
  ends.clear();
}

void RenderedEvents::add(const EventKey& key, std::string_view payload) {
  append_event_line({first_seq + keys.size(), key, payload}, lines);
  keys.push_back(key);
  payload_lengths.push_back(static_cast<uint32_t>(payload.size()));
  ends.push_back(lines.size());
}

EventSender::EventSender(const StreamOptions& options, EventSink& sink, const std::atomic<bool>& stop, StreamCounters& counters,
                         StreamOutcome& out)
    : options_(options), sink_(sink), stop_(stop), counters_(counters), out_(out),
      pacer_(options.pace, options.start_at_ms, options.start_at_wall), start_(Pacer::Clock::now()) {
  deadline_ = options.duration_seconds ? start_ + std::chrono::nanoseconds(static_cast<int64_t>(*options.duration_seconds * 1e9))
                                       : Pacer::Clock::time_point::max();
  counters_.sending = true;
}

bool EventSender::send(const RenderedEvents& events) {
  size_t k = 0;  // events sent
  for (; k < events.size(); ++k) {
    if (options_.max_events && out_.sent >= *options_.max_events) out_.end = StreamOutcome::MaxEvents;
    else if (stop_) out_.end = StreamOutcome::Interrupted;
    else if (sink_.closed()) out_.end = StreamOutcome::ReaderClosed;
    if (out_.end != StreamOutcome::Complete) break;
    const EventKey& key = events.keys[k];
    const StreamEvent event{events.first_seq + k, key, events.payload(k)};
    const auto due = pacer_.due(out_.sent, key.time_ms);
    // Paced, the stream ends at the first event due after --duration; at --rate max (everything
    // due at once) when the clock passes it, read every 64 events.
    if (due > deadline_ || (!pacer_.paced() && out_.sent % 64 == 0 && Pacer::Clock::now() > deadline_)) {
      out_.end = StreamOutcome::Duration;
      break;
    }
    if (pacer_.paced()) {
      const auto now = Pacer::Clock::now();
      if (due > now) {
        counters_.lag_us = 0;
        sink_.idle(due);  // what is due now leaves before the wait
        Pacer::sleep_until(due, stop_);
        if (stop_) {
          out_.end = StreamOutcome::Interrupted;
          break;
        }
      } else {
        const int64_t lag = std::chrono::duration_cast<std::chrono::nanoseconds>(now - due).count();
        max_lag_ns_ = std::max(max_lag_ns_, lag);
        counters_.lag_us = lag / 1000;
      }
    }
    sink_.send(event, events.line(k));
    if (out_.sent == 0) {
      out_.first_sim_ms = key.time_ms;
      out_.first_seq = event.seq;
    }
    out_.last_sim_ms = key.time_ms;
    ++out_.sent;
    ++out_.sent_by_table[key.table];
    counters_.sent = out_.sent;
    counters_.sim_ms = key.time_ms;
  }
  digest_.update(std::string_view(events.lines).substr(0, k == 0 ? 0 : events.ends[k - 1]));  // the lines sent
  sink_.release();
  return out_.end == StreamOutcome::Complete;
}

void EventSender::finish() {
  sink_.finish();
  if (out_.end == StreamOutcome::Complete && sink_.closed()) out_.end = StreamOutcome::ReaderClosed;
  out_.sha256 = digest_.hex_digest();
  out_.send_seconds = std::chrono::duration<double>(Pacer::Clock::now() - start_).count();
  out_.max_lag_seconds = static_cast<double>(max_lag_ns_) / 1e9;
  counters_.sending = false;
}

}  // namespace fraudgen
