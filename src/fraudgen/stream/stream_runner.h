// `fraudgen stream` over a bounded date range. A world whose spans of a few days fit in
// --memory is simulated a span at a time while the span before is sent (span_stream.h). A
// larger one goes in two passes: pass one simulates the world into the spill (event_spill.h);
// pass two reads it a window at a time, in stream order, and sends each event when the pacer
// says it is due. What is sent depends only on the world and --from-seq; the rate, speed, sink,
// worker count and memory change only when.
#pragma once
#include <array>
#include <chrono>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "fraudgen/run/plan.h"
#include "fraudgen/sim/sim_context.h"
#include "fraudgen/stream/event_sink.h"
#include "fraudgen/stream/pacer.h"

namespace fraudgen {

inline constexpr uint64_t kDefaultStreamMemory = 512ULL << 20;

struct StreamOptions {
  Pace pace;
  uint64_t from_seq = 0;
  std::optional<int64_t> start_at_ms;  // skip the events before this simulated instant (UTC ms)
  std::optional<std::chrono::steady_clock::time_point> start_at_wall;  // --start-at now: when "now" was
  std::optional<uint64_t> max_events;
  std::optional<double> duration_seconds;  // wall time of sending, after pass one
  int workers = 1;
  std::filesystem::path spill_dir;
  uint64_t memory_bytes = kDefaultStreamMemory;
  bool progress = true;
};

// What the run did; counters are atomics so the progress line can read them while it runs.
struct StreamCounters {
  std::atomic<uint64_t> blocks_done{0}, blocks{0};
  std::atomic<uint64_t> sent{0};
  std::atomic<int64_t> sim_ms{0};      // simulated time of the last event sent
  std::atomic<int64_t> lag_us{0};      // how late the last event was, beyond its due time
  std::atomic<bool> sending{false};
};

struct StreamOutcome {
  uint64_t total_events = 0;      // in the whole stream
  uint64_t first_seq = 0, sent = 0;
  std::array<uint64_t, kTableCount> sent_by_table{};
  int64_t first_sim_ms = 0, last_sim_ms = 0;
  double prepare_seconds = 0, send_seconds = 0;
  double max_lag_seconds = 0;     // the latest an event left after its due time
  std::string sha256;             // of the lines sent, in order
  std::string method;             // how the events were held, for the closing summary
  enum End { Complete, MaxEvents, Duration, Interrupted, ReaderClosed } end = Complete;
};

// The tables a stream of `cfg`'s --type sends, in table order (as streams_table).
std::vector<Table> streamed_tables(const RunConfig& cfg);
// Whether a stream of `plan` sends `table`'s rows: the banking tables with --type transactions or
// all, rides with --type rides or all. Drivers and driver sessions are not events (README).
bool streams_table(const Plan& plan, Table table);
// The events of a bounded stream: the rows of the tables it sends.
uint64_t stream_events(const Plan& plan);
// Blocks simulated before or while the events are sent: of customers and of rides, for progress.
uint64_t stream_blocks(const Plan& plan);

StreamOutcome run_stream(const SimContext& ctx, const Plan& plan, const StreamOptions& options, EventSink& sink,
                         const std::atomic<bool>& stop, StreamCounters& counters);

// Days per span when a bounded stream is held in memory a span at a time, 0 when it spills: a
// span takes at most a quarter of --memory (the span sent, the next one simulated, the chunks
// of lines in flight, and a busy span above the average), and spans are a week at least (each
// span simulates the kLookbackDays before it again), or the whole range when shorter.
int64_t stream_span_days(const Plan& plan, int64_t days, uint64_t memory_bytes);

// Simulated milliseconds per spill window: about 16 MiB of events each on average, between a minute and a day.
int64_t spill_window_ms(const Plan& plan, int64_t days);
// The bytes the spill will hold: every row's JSONL line and its record header (from the plan's
// size model, so within a few percent).
uint64_t spill_bytes(const Plan& plan);

}  // namespace fraudgen
