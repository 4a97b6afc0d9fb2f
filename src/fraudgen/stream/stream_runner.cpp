#include "fraudgen/stream/stream_runner.h"

#include <algorithm>

#include "fraudgen/core/parallel.h"
#include "fraudgen/core/sha256.h"
#include "fraudgen/stream/event_sender.h"
#include "fraudgen/stream/event_spill.h"
#include "fraudgen/stream/sorted_window.h"
#include "fraudgen/stream/span_stream.h"
#include "fraudgen/stream/world_events.h"

namespace fraudgen {
namespace {

// Of spill records, on average: a busy day's window (Black Friday) holds 2-4 times as much.
constexpr double kWindowBytes = 16.0 * (1 << 20);

double seconds_since(Pacer::Clock::time_point t) {
  return std::chrono::duration<double>(Pacer::Clock::now() - t).count();
}

}  // namespace

std::vector<Table> streamed_tables(const RunConfig& cfg) {
  std::vector<Table> out;
  for (Table t : kAllTables)
    if (t == Table::Rides ? cfg.rides() : !is_ride_table(t) && cfg.banking()) out.push_back(t);
  return out;
}

bool streams_table(const Plan& plan, Table table) {
  if (table == Table::Rides) return plan.writes[static_cast<size_t>(Table::Rides)];
  if (is_ride_table(table)) return false;
  return plan.writes[static_cast<size_t>(Table::Transactions)];
}

uint64_t stream_events(const Plan& plan) {
  uint64_t events = 0;
  for (Table t : kAllTables)
    if (streams_table(plan, t)) events += plan.rows[static_cast<size_t>(t)];
  return events;
}

uint64_t stream_blocks(const Plan& plan) {
  return (streams_table(plan, Table::Transactions) ? plan.blocks : 0) +
         (streams_table(plan, Table::Rides) ? plan.ride_layout.blocks.size() : 0);
}

uint64_t spill_bytes(const Plan& plan) {
  double bytes = 0;
  for (size_t t = 0; t < kTableCount; ++t)
    if (streams_table(plan, static_cast<Table>(t))) bytes += static_cast<double>(plan.rows[t]) * (plan.size_model.bytes_per_row[t] + static_cast<double>(kSpillHeaderBytes));
  return static_cast<uint64_t>(bytes);
}

int64_t spill_window_ms(const Plan& plan, int64_t days) {
  const double bytes = static_cast<double>(spill_bytes(plan));
  const double range_ms = static_cast<double>(days) * static_cast<double>(kMillisPerDay);
  const double window = bytes > 0 ? range_ms * kWindowBytes / bytes : range_ms;
  return std::clamp<int64_t>(static_cast<int64_t>(window), 60'000, kMillisPerDay);
}

int64_t stream_span_days(const Plan& plan, int64_t days, uint64_t memory_bytes) {
  constexpr int64_t kMinSpanDays = 7;
  const int64_t span = span_days_for(plan, days, memory_bytes / 4);
  return span >= std::min(days, kMinSpanDays) ? span : 0;
}

StreamOutcome run_stream(const SimContext& ctx, const Plan& plan, const StreamOptions& options, EventSink& sink,
                         const std::atomic<bool>& stop, StreamCounters& counters) {
  const SimConfig& cfg = ctx.config();
  if (const int64_t span = stream_span_days(plan, cfg.days(), options.memory_bytes)) {
    StreamOutcome out = run_span_stream(ctx, plan, span, options, sink, stop, counters);
    out.method = "in memory, " + std::to_string(span) + (span == 1 ? " day" : " days") + " at a time";
    return out;
  }
  StreamOutcome out;
  out.method = std::to_string(stream_blocks(plan)) + " blocks into the spill";
  const auto prepare_start = Pacer::Clock::now();
  EventSpill spill(options.spill_dir, day_start_ms(cfg.start_day), spill_window_ms(plan, cfg.days()));
  counters.blocks = stream_blocks(plan);
  spill_world(ctx, plan, options.workers, spill, options.spill_dir, stop, counters.blocks_done);
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
  // paces and sends the current window. `window_seq` is the seq of the window's first event; its
  // events before `min_seq` or `start_at` are skipped.
  auto render = [&spill](uint64_t w, uint64_t window_seq, uint64_t min_seq, std::optional<int64_t> start_at) {
    const SortedWindow sorted = sort_window(spill.read(w));
    const std::vector<SortedWindow::Entry>& entries = sorted.entries;
    size_t first = min_seq > window_seq ? static_cast<size_t>(min_seq - window_seq) : 0;
    if (start_at) {
      const auto at = std::partition_point(entries.begin(), entries.end(),
                                           [&](const SortedWindow::Entry& e) { return e.key.time_ms < *start_at; });
      first = std::max(first, static_cast<size_t>(at - entries.begin()));
    }
    first = std::min(first, entries.size());
    auto r = std::make_unique<RenderedEvents>();
    r->first_seq = window_seq + first;
    r->lines.reserve(sorted.bytes.size() + 100 * (entries.size() - first));
    for (size_t i = first; i < entries.size(); ++i) r->add(entries[i].key, sorted.payload(entries[i]));
    return r;
  };
  // The seq of each window's first event, from the first window read on.
  std::vector<uint64_t> window_seq(windows + 1, seq);
  for (uint64_t w = window; w < windows; ++w) window_seq[w + 1] = window_seq[w] + spill.events_in(w);
  const uint64_t first_window = window;

  EventSender sender(options, sink, stop, counters, out);
  bool first_read = true;
  make_ahead(
      first_window, windows, 1,
      [&](uint64_t w) {
        return w == first_window ? render(w, window_seq[w], options.from_seq, options.start_at_ms) : render(w, window_seq[w], 0, std::nullopt);
      },
      [&](const std::unique_ptr<RenderedEvents>& w) {
        if (first_read) out.first_seq = w->first_seq;
        first_read = false;
        return sender.send(*w);
      });
  sender.finish();
  return out;
}

}  // namespace fraudgen
