// The stream of rides: every ride of generate's rides table, once, when it is over, in every
// path a stream takes (held in spans, spilled, unbounded), and with --type all interleaved with
// the banking events of the same world.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/ride_spill.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/run/plan.h"
#include "fraudgen/stream/jsonl_rows.h"
#include "fraudgen/stream/span_stream.h"
#include "fraudgen/stream/stream_runner.h"
#include "fraudgen/stream/unbounded_stream.h"
#include "capturing_sink.h"
#include "fresh_folder.h"
#include "shared_reference.h"

using namespace fraudgen;

namespace {

using fraudgen::test_support::fresh_folder;
using fraudgen::test_support::ref;

using fraudgen::test_support::CapturingSink;

// A world with rides: riders in the capitals (about 500 rides), six days.
struct RidesStreamWorld {
  RunConfig cfg;
  SimContext ctx;
  Plan plan;
  RidesStreamWorld(const std::string& type, int workers, int64_t days = 6)
      : cfg([&] {
          RunConfig c;
          c.sim = {23, 20089, 20089 + days - 1, true, 0.05};
          c.format = Format::Jsonl;
          c.compression = Compression::None;
          c.customers = 800;
          c.workers = workers;
          c.type = type;
          return c;
        }()),
        ctx(ref(), cfg.sim),
        plan((attach_rides(ctx, cfg), make_plan(ctx, cfg))) {}
};

StreamOutcome bounded(const RidesStreamWorld& w, StreamOptions options, CapturingSink& sink) {
  std::atomic<bool> stop{false};
  StreamCounters counters;
  options.spill_dir = std::filesystem::temp_directory_path();
  options.pace = {Pace::Max, 0};
  return run_stream(w.ctx, w.plan, options, sink, stop, counters);
}

// generate's rides rows, the way its executor makes them: block by block of the plan's layout.
std::vector<std::string> generated_rides(const RidesStreamWorld& w) {
  RideBlockSimulator sim(*w.plan.ride_world, w.plan.ride_layout);
  JsonlRows rows;
  std::vector<std::string> out;
  for (uint64_t b = 0; b < w.plan.ride_layout.blocks.size(); ++b) {
    sim.prepare(b, Table::Rides);
    for (std::string_view line : rows.lines(*sim.slice(Table::Rides, 0, sim.rows(Table::Rides)).batch)) out.emplace_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> ride_payloads(const CapturingSink& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.keys.size(); ++i)
    if (s.keys[i].table == static_cast<uint8_t>(Table::Rides)) out.push_back(s.payloads[i]);
  std::sort(out.begin(), out.end());
  return out;
}

// The JSON text of a member of a row, or "" when it is null or absent.
std::string member(std::string_view row, std::string_view name) {
  std::string head(1, '"');  // built in steps: g++ 12 warns falsely (-Wrestrict) on "..." + std::string + "..."
  head.append(name).append("\":\"");
  const size_t at = row.find(head);
  if (at == std::string_view::npos) return "";
  const size_t begin = at + head.size();
  return std::string(row.substr(begin, row.find('"', begin) - begin));
}

// A sink that also measures, at every event, the bytes of this process's nameless files in
// `folder` (scratch_file.h): their links in /proc/self/fd still name the folder.
class FolderWatchingSink final : public CapturingSink {
 public:
  explicit FolderWatchingSink(std::filesystem::path folder) : folder_(std::move(folder)) {}
  void send(const StreamEvent& e, std::string_view line) override {
    CapturingSink::send(e, line);
    peak_bytes = std::max(peak_bytes, held_bytes());
  }
  uint64_t peak_bytes = 0;

 private:
  uint64_t held_bytes() const {
    uint64_t bytes = 0;
    std::error_code ec;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
      const std::string target = std::filesystem::read_symlink(fd.path(), ec).string();
      struct stat st {};
      if (!ec && target.starts_with(folder_.string() + "/") && ::stat(fd.path().c_str(), &st) == 0) bytes += static_cast<uint64_t>(st.st_size);
    }
    return bytes;
  }
  std::filesystem::path folder_;
};

}  // namespace

// Held in spans of any length on any workers, or spilled: the same lines, in key order, every
// ride of generate's table exactly once at the instant it was over, among the banking events.
TEST(RideStream, SpansAndSpillSendGeneratesRidesOnceEachWhenOverInterleavedWithTheBank) {
  RidesStreamWorld w("all", 2);
  const uint64_t rides = w.plan.rows[static_cast<size_t>(Table::Rides)];
  ASSERT_GT(rides, 200u) << "the world has riders";

  StreamOptions spilling;
  spilling.memory_bytes = 0;
  spilling.workers = 2;
  CapturingSink spilled;
  const StreamOutcome rs = bounded(w, spilling, spilled);
  EXPECT_EQ(rs.method, std::to_string(w.plan.blocks + w.plan.ride_layout.blocks.size()) + " blocks into the spill");
  EXPECT_EQ(rs.end, StreamOutcome::Complete);
  EXPECT_EQ(rs.sent, rs.total_events);
  EXPECT_EQ(rs.sent_by_table[static_cast<size_t>(Table::Rides)], rides);
  for (Table t : kBankTables) EXPECT_EQ(rs.sent_by_table[static_cast<size_t>(t)], w.plan.rows[static_cast<size_t>(t)]) << schema_of(t).name;
  EXPECT_EQ(rs.sent_by_table[static_cast<size_t>(Table::Drivers)], 0u);
  EXPECT_EQ(rs.sent_by_table[static_cast<size_t>(Table::DriverSessions)], 0u);
  EXPECT_TRUE(std::is_sorted(spilled.keys.begin(), spilled.keys.end()));
  EXPECT_EQ(std::adjacent_find(spilled.keys.begin(), spilled.keys.end()), spilled.keys.end()) << "keys are unique";
  EXPECT_EQ(ride_payloads(spilled), generated_rides(w));

  // Each ride when it is over: ended_at when completed, cancelled_at otherwise (NO_DRIVER too).
  uint64_t completed = 0, not_completed = 0, ride_then_bank = 0;
  for (size_t i = 0; i < spilled.keys.size(); ++i) {
    const EventKey& k = spilled.keys[i];
    if (k.table != static_cast<uint8_t>(Table::Rides)) continue;
    const std::string& row = spilled.payloads[i];
    const bool done = member(row, "status") == "COMPLETED";
    (done ? completed : not_completed) += 1;
    EXPECT_EQ(member(row, done ? "ended_at" : "cancelled_at"), format_timestamp_brt(k.time_ms)) << row;
    EXPECT_EQ(member(row, "requested_at"), format_timestamp_brt(static_cast<int64_t>(k.sub))) << row;
    if (i + 1 < spilled.keys.size() && spilled.keys[i + 1].table < static_cast<uint8_t>(Table::Rides)) ++ride_then_bank;
  }
  EXPECT_GT(completed, 0u);
  EXPECT_GT(not_completed, 0u);
  EXPECT_GT(ride_then_bank, 0u) << "rides and banking events interleave";

  for (int64_t span_days : {1, 4}) {
    for (int workers : {1, 2}) {
      CapturingSink held;
      StreamOptions o;
      o.pace = {Pace::Max, 0};
      o.workers = workers;
      std::atomic<bool> stop{false};
      StreamCounters counters;
      const StreamOutcome r = run_span_stream(w.ctx, w.plan, span_days, o, held, stop, counters);
      EXPECT_EQ(r.sha256, rs.sha256) << span_days << " days, " << workers << " workers";
      EXPECT_TRUE(held.text == spilled.text) << span_days << " days, " << workers << " workers";
    }
  }
}

// --type rides sends the rides alone: the same rows as --type all's (the ride tables do not
// depend on the type), in the same order, whichever way they are held.
TEST(RideStream, TypeRidesSendsOnlyTheRidesOfTypeAll) {
  RidesStreamWorld all("all", 2), only("rides", 2);
  CapturingSink with_bank, spilled, held;
  bounded(all, {}, with_bank);
  StreamOptions spilling;
  spilling.memory_bytes = 0;
  const StreamOutcome rs = bounded(only, spilling, spilled);
  const StreamOutcome rh = bounded(only, {}, held);
  EXPECT_NE(rh.method, rs.method);
  EXPECT_EQ(rs.sha256, rh.sha256);
  EXPECT_EQ(rs.total_events, only.plan.rows[static_cast<size_t>(Table::Rides)]);
  EXPECT_EQ(rs.sent, rs.total_events);
  for (const EventKey& k : spilled.keys) ASSERT_EQ(k.table, static_cast<uint8_t>(Table::Rides));
  std::vector<std::string> rides_of_all;
  for (size_t i = 0; i < with_bank.keys.size(); ++i)
    if (with_bank.keys[i].table == static_cast<uint8_t>(Table::Rides)) rides_of_all.push_back(with_bank.payloads[i]);
  EXPECT_EQ(spilled.payloads, rides_of_all);
}

// Without an end date the rides come a day of every capital at a time: on any workers the same
// lines, which begin with the bounded stream's, banking events and rides interleaved.
TEST(RideStream, UnboundedSameLinesForAnyWorkersAndTheBoundedStreamsBeginning) {
  for (const std::string type : {"all", "rides"}) {
    SCOPED_TRACE(type);
    RidesStreamWorld w(type, 1, 5);
    CapturingSink b;
    bounded(w, {}, b);
    const int64_t end_ms = day_start_ms(w.cfg.sim.end_day + 1);
    const auto in_range = static_cast<uint64_t>(
        std::count_if(b.keys.begin(), b.keys.end(), [&](const EventKey& k) { return k.time_ms < end_ms; }));
    SimConfig endless = w.cfg.sim;
    endless.end_day = endless.start_day + 3650;
    SimContext ctx(ref(), endless);
    attach_rides(ctx, w.cfg);
    const RideWorld rides(ctx, *ctx.ride_market(), *w.cfg.customers);
    const uint64_t customers = w.cfg.banking() ? *w.cfg.customers : 0;
    std::string texts[2];
    for (int workers : {1, 2}) {
      CapturingSink sink;
      StreamOptions o;
      o.pace = {Pace::Max, 0};
      o.workers = workers;
      o.spill_dir = std::filesystem::temp_directory_path();
      o.max_events = in_range + 50;
      std::atomic<bool> stop{false};
      StreamCounters counters;
      const StreamOutcome r = run_unbounded_stream(ctx, customers, &rides, o, sink, stop, counters);
      EXPECT_EQ(r.end, StreamOutcome::MaxEvents);
      ASSERT_EQ(sink.keys.size(), in_range + 50);
      texts[workers - 1] = sink.text;
    }
    EXPECT_EQ(texts[0], texts[1]);
    size_t at = 0;
    for (uint64_t i = 0; i < in_range; ++i) at = b.text.find('\n', at) + 1;
    EXPECT_EQ(texts[0].compare(0, at, b.text, 0, at), 0) << "the unbounded stream begins with the bounded one";

    // From an instant in the middle: the rides requested the day before and over after it come too.
    const int64_t instant = day_start_ms(w.cfg.sim.start_day + 2) + 30 * 60'000;
    CapturingSink later;
    StreamOptions o;
    o.pace = {Pace::Max, 0};
    o.start_at_ms = instant;
    o.spill_dir = std::filesystem::temp_directory_path();
    o.max_events = 200;
    std::atomic<bool> stop{false};
    StreamCounters counters;
    run_unbounded_stream(ctx, customers, &rides, o, later, stop, counters);
    const auto first = std::partition_point(b.keys.begin(), b.keys.end(), [&](const EventKey& k) { return k.time_ms < instant; }) - b.keys.begin();
    ASSERT_EQ(later.payloads.size(), 200u);
    for (size_t i = 0; i < 200; ++i) ASSERT_EQ(later.payloads[i], b.payloads[static_cast<size_t>(first) + i]) << i;
  }
}

// Without an end, a day of every capital's ride lines waits in the spill folder until its last ride
// is sent, rather than in memory: the folder holds at least the first day's lines, and never more
// than the room the stream asks for before it starts (ride_spill.h).
TEST(RideStream, UnboundedRideDaysWaitInTheSpillFolderWithinTheRoomAskedFor) {
  const std::filesystem::path folder = fresh_folder("ride-days");
  {
    RidesStreamWorld w("rides", 2);
    SimConfig endless = w.cfg.sim;
    endless.end_day = endless.start_day + 3650;
    SimContext ctx(ref(), endless);
    attach_rides(ctx, w.cfg);
    const RideWorld rides(ctx, *ctx.ride_market(), *w.cfg.customers, 2, folder);
    FolderWatchingSink sink(folder);
    StreamOptions o;
    o.pace = {Pace::Max, 0};
    o.workers = 2;
    o.spill_dir = folder;
    o.max_events = 400;  // into the fourth day
    std::atomic<bool> stop{false};
    StreamCounters counters;
    ASSERT_EQ(run_unbounded_stream(ctx, 0, &rides, o, sink, stop, counters).end, StreamOutcome::MaxEvents);
    const int64_t second_day_ms = day_start_ms(endless.start_day + 1);
    uint64_t first_day_lines = 0;
    for (size_t i = 0; i < sink.keys.size(); ++i)
      if (sink.keys[i].time_ms < second_day_ms) first_day_lines += sink.payloads[i].size();
    ASSERT_GT(sink.keys.back().time_ms, day_start_ms(endless.start_day + 3)) << "the stream reached its fourth day";
    EXPECT_GT(first_day_lines, 100'000u);
    EXPECT_GE(sink.peak_bytes, first_day_lines) << "the first day's lines were in the folder while they were sent";
    EXPECT_LE(static_cast<double>(sink.peak_bytes), ride_spill_bytes(*w.cfg.customers, 2, w.cfg.sim.dispatch_area_drivers, RideSpillUse::UnboundedStream));
  }
  EXPECT_TRUE(std::filesystem::is_empty(folder)) << "the stream's files had no names";
  std::filesystem::remove_all(folder);
}
