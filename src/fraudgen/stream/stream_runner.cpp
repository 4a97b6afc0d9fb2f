#include "fraudgen/stream/stream_runner.h"

#include <algorithm>
#include <future>

#include "fraudgen/core/sha256.h"
#include "fraudgen/stream/event_line.h"
#include "fraudgen/stream/event_spill.h"
#include "fraudgen/stream/sorted_window.h"
#include "fraudgen/stream/world_events.h"

namespace fraudgen {
namespace {

constexpr double kEnvelopeBytes = 90;  // seq, type and event_time around each row
constexpr double kWindowBytes = 32.0 * (1 << 20);

double seconds_since(Pacer::Clock::time_point t) {
  return std::chrono::duration<double>(Pacer::Clock::now() - t).count();
}

}  // namespace

int64_t spill_window_ms(const Plan& plan, int64_t days) {
  double bytes = 0;
  for (size_t t = 0; t < kTableCount; ++t)
    bytes += static_cast<double>(plan.rows[t]) * (plan.size_model.bytes_per_row[t] + kEnvelopeBytes);
  const double range_ms = static_cast<double>(days) * static_cast<double>(kMillisPerDay);
  const double window = bytes > 0 ? range_ms * kWindowBytes / bytes : range_ms;
  return std::clamp<int64_t>(static_cast<int64_t>(window), 60'000, kMillisPerDay);
}

StreamOutcome run_stream(const SimContext& ctx, const Plan& plan, const StreamOptions& options, EventSink& sink,
                         const std::atomic<bool>& stop, StreamCounters& counters) {
  StreamOutcome out;
  const auto prepare_start = Pacer::Clock::now();
  const SimConfig& cfg = ctx.config();
  EventSpill spill(options.spill_dir, day_start_ms(cfg.start_day), spill_window_ms(plan, cfg.days()));
  counters.blocks = plan.blocks;
  spill_world(ctx, plan, options.workers, spill, stop, counters.blocks_done);
  out.prepare_seconds = seconds_since(prepare_start);
  out.total_events = spill.events();
  out.first_seq = options.from_seq;
  if (stop) {
    out.end = StreamOutcome::Interrupted;
    return out;
  }

  // Skip whole windows before --from-seq without reading them.
  uint64_t window = 0, seq = 0;
  const uint64_t windows = spill.windows();
  while (window < windows && seq + spill.events_in(window) <= options.from_seq) seq += spill.events_in(window++);
  auto load = [&spill](uint64_t w) { return sort_window(spill.read(w)); };
  std::future<SortedWindow> next;
  if (window < windows) next = std::async(std::launch::async, load, window);

  Pacer pacer(options.pace);
  Sha256 digest;
  std::string line;
  counters.sending = true;
  const auto send_start = Pacer::Clock::now();
  const auto deadline = options.duration_seconds
                            ? send_start + std::chrono::nanoseconds(static_cast<int64_t>(*options.duration_seconds * 1e9))
                            : Pacer::Clock::time_point::max();
  int64_t max_lag_ns = 0;
  for (; window < windows; ++window) {
    SortedWindow w = next.get();
    // The next window is read and sorted while this one is sent.
    if (window + 1 < windows) next = std::async(std::launch::async, load, window + 1);
    size_t i = 0;
    if (seq < options.from_seq) {
      i = static_cast<size_t>(options.from_seq - seq);
      seq = options.from_seq;
    }
    for (; i < w.entries.size(); ++i, ++seq) {
      if (options.max_events && out.sent >= *options.max_events) out.end = StreamOutcome::MaxEvents;
      else if (stop) out.end = StreamOutcome::Interrupted;
      else if (sink.closed()) out.end = StreamOutcome::ReaderClosed;
      if (out.end != StreamOutcome::Complete) break;
      const SortedWindow::Entry& e = w.entries[i];
      const StreamEvent event{seq, e.key, w.payload(e)};
      const auto due = pacer.due(out.sent, e.key.time_ms);
      if (due > deadline) {
        out.end = StreamOutcome::Duration;
        break;
      }
      if (pacer.paced()) {
        auto now = Pacer::Clock::now();
        if (due > now) {
          counters.lag_us = 0;
          sink.idle(due);  // what is due now leaves before the wait
          Pacer::sleep_until(due, stop);
          if (stop) {
            out.end = StreamOutcome::Interrupted;
            break;
          }
        } else {
          const int64_t lag = std::chrono::duration_cast<std::chrono::nanoseconds>(now - due).count();
          max_lag_ns = std::max(max_lag_ns, lag);
          counters.lag_us = lag / 1000;
        }
      }
      line.clear();
      append_event_line(event, line);
      digest.update(line);
      sink.send(event, line);
      if (out.sent == 0) out.first_sim_ms = e.key.time_ms;
      out.last_sim_ms = e.key.time_ms;
      ++out.sent;
      ++out.sent_by_table[e.key.table];
      counters.sent = out.sent;
      counters.sim_ms = e.key.time_ms;
    }
    if (out.end != StreamOutcome::Complete) break;
  }
  if (next.valid()) next.wait();
  sink.finish();
  if (out.end == StreamOutcome::Complete && sink.closed()) out.end = StreamOutcome::ReaderClosed;
  out.send_seconds = seconds_since(send_start);
  out.max_lag_seconds = static_cast<double>(max_lag_ns) / 1e9;
  out.sha256 = digest.hex_digest();
  counters.sending = false;
  return out;
}

}  // namespace fraudgen
