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

// Of spill records, on average: a busy day's window (Black Friday) holds 2-4 times as much.
constexpr double kWindowBytes = 16.0 * (1 << 20);

// A window in stream order with its lines: the envelope around each row, from the first event to
// send (after --from-seq) on.
struct RenderedWindow {
  SortedWindow sorted;
  uint64_t first_seq = 0;
  size_t first_entry = 0;
  std::string lines;
  std::vector<size_t> ends;  // of each line in `lines`
  // The k-th line's row: the line ends with the payload and "}\n" (event_line.h).
  std::string_view payload_of(size_t k) const {
    const size_t length = sorted.entries[first_entry + k].length;
    return std::string_view(lines).substr(ends[k] - 2 - length, length);
  }
};

double seconds_since(Pacer::Clock::time_point t) {
  return std::chrono::duration<double>(Pacer::Clock::now() - t).count();
}

}  // namespace

uint64_t spill_bytes(const Plan& plan) {
  double bytes = 0;
  for (size_t t = 0; t < kTableCount; ++t)
    bytes += static_cast<double>(plan.rows[t]) * (plan.size_model.bytes_per_row[t] + static_cast<double>(kSpillHeaderBytes));
  return static_cast<uint64_t>(bytes);
}

int64_t spill_window_ms(const Plan& plan, int64_t days) {
  const double bytes = static_cast<double>(spill_bytes(plan));
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
    out.sha256 = Sha256().hex_digest();  // of no line
    return out;
  }

  // Skip whole windows before --from-seq and --start-at without reading them; the first window
  // read skips the events before either (later windows start after both).
  uint64_t window = 0, seq = 0;
  const uint64_t windows = spill.windows();
  auto before_start = [&](uint64_t w) {
    return options.start_at_ms && spill.origin_ms() + static_cast<int64_t>(w + 1) * spill.window_ms() <= *options.start_at_ms;
  };
  while (window < windows && (seq + spill.events_in(window) <= options.from_seq || before_start(window)))
    seq += spill.events_in(window++);
  out.first_seq = std::max(options.from_seq, seq);  // until the first window read says where it starts

  // The next window is read, sorted and turned into lines on another thread while this one
  // paces and sends the current window, and hashes what it sent. `window_seq` is the seq of the
  // window's first event; its events before `min_seq` or `start_at` are skipped.
  auto render = [&spill](uint64_t w, uint64_t window_seq, uint64_t min_seq, std::optional<int64_t> start_at) {
    auto r = std::make_unique<RenderedWindow>();
    r->sorted = sort_window(spill.read(w));
    const std::vector<SortedWindow::Entry>& entries = r->sorted.entries;
    size_t first = min_seq > window_seq ? static_cast<size_t>(min_seq - window_seq) : 0;
    if (start_at) {
      const auto at = std::partition_point(entries.begin(), entries.end(),
                                           [&](const SortedWindow::Entry& e) { return e.key.time_ms < *start_at; });
      first = std::max(first, static_cast<size_t>(at - entries.begin()));
    }
    r->first_entry = std::min(first, entries.size());
    r->first_seq = window_seq + r->first_entry;
    r->lines.reserve(r->sorted.bytes.size() + 100 * entries.size());
    for (size_t i = r->first_entry; i < entries.size(); ++i) {
      const SortedWindow::Entry& e = entries[i];
      append_event_line({r->first_seq + (i - r->first_entry), e.key, r->sorted.payload(e)}, r->lines);
      r->ends.push_back(r->lines.size());
    }
    std::string().swap(r->sorted.bytes);  // the payloads live on in the lines (payload_of)
    return r;
  };
  std::future<std::unique_ptr<RenderedWindow>> next;
  if (window < windows) next = std::async(std::launch::async, render, window, seq, options.from_seq, options.start_at_ms);
  const uint64_t first_window = window;

  Pacer pacer(options.pace, options.start_at_ms, options.start_at_wall);
  Sha256 digest;
  counters.sending = true;
  const auto send_start = Pacer::Clock::now();
  const auto deadline = options.duration_seconds
                            ? send_start + std::chrono::nanoseconds(static_cast<int64_t>(*options.duration_seconds * 1e9))
                            : Pacer::Clock::time_point::max();
  int64_t max_lag_ns = 0;
  for (; window < windows; ++window) {
    const std::unique_ptr<RenderedWindow> w = next.get();
    const size_t count = w->ends.size();
    seq = w->first_seq;
    if (window == first_window) out.first_seq = seq;
    if (window + 1 < windows)
      next = std::async(std::launch::async, render, window + 1, w->first_seq + count, 0, std::optional<int64_t>());
    size_t k = 0;  // lines of this window sent
    for (; k < count; ++k, ++seq) {
      if (options.max_events && out.sent >= *options.max_events) out.end = StreamOutcome::MaxEvents;
      else if (stop) out.end = StreamOutcome::Interrupted;
      else if (sink.closed()) out.end = StreamOutcome::ReaderClosed;
      if (out.end != StreamOutcome::Complete) break;
      const SortedWindow::Entry& e = w->sorted.entries[w->first_entry + k];
      const StreamEvent event{seq, e.key, w->payload_of(k)};
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
      const size_t begin = k == 0 ? 0 : w->ends[k - 1];
      sink.send(event, std::string_view(w->lines).substr(begin, w->ends[k] - begin));
      if (out.sent == 0) out.first_sim_ms = e.key.time_ms;
      out.last_sim_ms = e.key.time_ms;
      ++out.sent;
      ++out.sent_by_table[e.key.table];
      counters.sent = out.sent;
      counters.sim_ms = e.key.time_ms;
    }
    digest.update(std::string_view(w->lines).substr(0, k == 0 ? 0 : w->ends[k - 1]));  // the lines sent
    if (out.end != StreamOutcome::Complete) break;
  }
  if (next.valid()) next.wait();
  sink.finish();
  if (out.end == StreamOutcome::Complete && sink.closed()) out.end = StreamOutcome::ReaderClosed;
  out.sha256 = digest.hex_digest();
  out.send_seconds = seconds_since(send_start);
  out.max_lag_seconds = static_cast<double>(max_lag_ns) / 1e9;
  counters.sending = false;
  return out;
}

}  // namespace fraudgen
