// The units the ride tables are made in. Rides and driver sessions come in blocks of one dispatch
// area (a capital, or a part of a large one: dispatch_areas.h) and a span of days (each area's
// spans sized so a block holds about 16,384 requests, at most a quarter); a block needs its span and the 8 days before it, whose rides only feed the history
// features, so every block is computed alone and its rows never depend on the layout (the order
// of blocks does). Those 8 days are simulated again unless another block left their events.
// Drivers come in blocks of 4,096 people, then the reserve drivers the rides used, 4,096 a block
// (at least one block).
// A block holds its span's rides whole and the 8 days before only as RideHistoryEvents, which
// with a spill folder wait on disk and are read back a run at a time; its ride rows are written
// a slice at a time, as the customers' transactions are. Its labels and sessions need only the
// span, and a run keeps them from the plan's count of every block (ride_span_store.h).
#pragma once
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "fraudgen/core/append_vector.h"
#include "fraudgen/core/scratch_file.h"
#include "fraudgen/rides/ride_day_events.h"
#include "fraudgen/rides/ride_history.h"
#include "fraudgen/rides/ride_span_store.h"
#include "fraudgen/rides/ride_tables.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/sim/block_simulator.h"

namespace fraudgen {

struct RideBlock {
  uint32_t area;  // dispatch area (RideWorld::areas)
  int64_t first_day, end_day;  // local dates, end exclusive
};

struct RideLayout {
  static constexpr uint64_t kDriversPerBlock = 4096;
  std::vector<RideBlock> blocks;  // in row order: by first day, then area
  uint64_t population = 0;        // drivers of the world (RideWorld::drivers)
  std::vector<uint64_t> reserves; // the reserve drivers any ride took, ascending
  uint64_t population_blocks() const { return (population + kDriversPerBlock - 1) / kDriversPerBlock; }
  uint64_t driver_blocks() const { return population_blocks() + std::max<uint64_t>(1, (reserves.size() + kDriversPerBlock - 1) / kDriversPerBlock); }
};

// The blocks of `world` over local dates [start_day, end_day], each area's spans sized for about
// `requests` requests. A block never spans one of `cut_days` (ascending): it starts anew there,
// so each block's rows lie in one partition. A JSONL or CSV chunk is one block (run/plan.cpp), so
// this also sizes a text chunk: 16,384 rides are about 21 MB of JSON (65,536 made a 300,000-
// customer JSONL run peak at 985 MB, against 392 MB now). Blocks this small cost no more CPU,
// as their 8 days before mostly come from the block before (ride_day_events.h).
inline constexpr double kRequestsPerRideBlock = 16'384;
std::vector<RideBlock> ride_blocks(const RideWorld& world, int64_t start_day, int64_t end_day, std::span<const int64_t> cut_days = {},
                                   double requests = kRequestsPerRideBlock);

class RideBlockSimulator {
 public:
  // `shared`, when given, is where workers leave and find their days' history events. With
  // `spill_dir`, a ride block's 8 days before wait there as history events while its history is
  // computed, rather than in memory (scratch_file.h). With `spans`, the labels and sessions of
  // the blocks it kept are read from it rather than simulated.
  RideBlockSimulator(const RideWorld& world, const RideLayout& layout, RideDayEvents* shared = nullptr, const std::filesystem::path& spill_dir = {},
                     const RideSpanStore* spans = nullptr);

  // As BlockSimulator's: prepare() makes block `block` of the table (a RideLayout::blocks index
  // for rides, their labels and sessions, a driver block for drivers), rows() counts them, slice()
  // returns some (ride rows are written for the slice asked for, the other tables' at prepare()).
  void prepare(uint64_t block, Table table);
  uint64_t rows(Table table) const;
  BlockSimulator::Slice slice(Table table, uint64_t begin, uint64_t end);

  // What the plan needs of a ride block: its rows in each table and the reserve drivers it used.
  struct Count {
    uint64_t rides = 0, sessions = 0, labels = 0;
    std::array<uint64_t, kRideFraudTypeCount> by_type{};  // fraudulent rides
    std::vector<uint64_t> reserves;
  };
  // With `keep`, the block's labels and sessions are kept there as block `index`.
  Count count(const RideBlock& block, RideSpanStore* keep = nullptr, uint64_t index = 0);

  // The bytes the simulator's ride blocks hold now (the span's rides, history events and
  // histories, the batches), for the test that a block's memory stays within its span's rides.
  size_t held_bytes() const;
  // The days before a block simulated again because no block left their events (or they were dropped).
  uint64_t lookback_days_simulated() const { return lookback_days_simulated_; }
  // The days of blocks' spans simulated (by count() and prepare()).
  uint64_t span_days_simulated() const { return span_days_simulated_; }

 private:
  const DriverPerson& driver(uint64_t index);
  // Simulates the block's span: each day's rides go to `on_day` with the day, its sessions to sessions_.
  template <typename OnDay>
  void simulate(const RideBlock& block, OnDay on_day);
  // Appends the history events of `area` on `day` to events_ (and leaves them in shared_ when `keep`).
  void add_day_events(uint32_t area, int64_t day, const std::vector<MetroRide>* simulated, bool keep);
  void write_sessions(int64_t block);
  // Before day_rides_ is simulated into: a ride block whose rides are there is no longer prepared.
  void reuse_day_rides();
  RideRowContext row_context(uint32_t area);
  const RideWorld& world_;
  const RideLayout& layout_;
  RideDayEvents* shared_;
  const RideSpanStore* spans_;
  std::vector<RideLabel> labels_;  // a block's, when kept from the count or made by count()
  // The drivers the block being made has met (the area's, its reserves and second accounts), made
  // from their indices; forgotten at each prepare(), so a run's drivers are never all held.
  std::map<uint64_t, DriverPerson> met_;
  std::vector<MetroRide> day_rides_;
  // A span of several days gathers its rides here (in memory mapped on its own, kept across
  // blocks, so blocks made one after another neither allocate nor fragment the heap).
  AppendVector<MetroRide> rides_;
  // The prepared ride block's rides: rides_, or day_rides_ for a one-day span (a large capital's:
  // its day is not held twice).
  std::span<const MetroRide> span_rides_;
  uint32_t ride_area_ = 0;
  std::vector<RideHistoryEvent> events_;  // the lookback's rides (unless in lookback_file_), then the span's
  std::unique_ptr<ScratchFile> lookback_file_;  // the lookback's rides, with a spill folder
  std::vector<RideHistoryEvent> lookback_read_;  // a run of them read back
  std::vector<RideHistory> history_;
  std::vector<DriverSession> sessions_, day_sessions_;
  uint64_t lookback_days_simulated_ = 0, span_days_simulated_ = 0;
  int64_t ride_block_ = -1, label_block_ = -1, session_block_ = -1, driver_block_ = -1;  // which block each batch holds
  ColumnBatch rides_batch_, labels_batch_, sessions_batch_, drivers_batch_;
};

}  // namespace fraudgen
