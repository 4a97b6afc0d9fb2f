// The units the ride tables are made in. Rides and driver sessions come in blocks of one capital
// and a span of days (each city's spans sized so a block holds about 65,536 requests, at most a
// quarter); a block simulates its span and the 8 days before it, whose rides only feed the
// history features, so every block is computed alone and its rows never depend on the layout.
// Drivers come in blocks of 4,096 people, then one block of the reserve drivers the rides used.
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "fraudgen/rides/ride_history.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/sim/block_simulator.h"

namespace fraudgen {

struct RideBlock {
  uint32_t city;
  int64_t first_day, end_day;  // local dates, end exclusive
};

struct RideLayout {
  static constexpr uint64_t kDriversPerBlock = 4096;
  std::vector<RideBlock> blocks;  // in row order: by first day, then city
  uint64_t population = 0;        // drivers of the world (RideWorld::drivers)
  std::vector<uint64_t> reserves; // the reserve drivers any ride took, ascending
  uint64_t driver_blocks() const { return (population + kDriversPerBlock - 1) / kDriversPerBlock + 1; }
};

// The blocks of `world` over local dates [start_day, end_day]. A block never spans one of
// `cut_days` (ascending): it starts anew there, so each block's rows lie in one partition.
std::vector<RideBlock> ride_blocks(const RideWorld& world, int64_t start_day, int64_t end_day, std::span<const int64_t> cut_days = {});

class RideBlockSimulator {
 public:
  RideBlockSimulator(const RideWorld& world, const RideLayout& layout);

  // As BlockSimulator's: prepare() makes block `block` of the table (a RideLayout::blocks index
  // for rides, their labels and sessions, a driver block for drivers), rows() counts them, slice() returns some.
  void prepare(uint64_t block, Table table);
  uint64_t rows(Table table) const;
  BlockSimulator::Slice slice(Table table, uint64_t begin, uint64_t end);

  // What the plan needs of a ride block: its rows in each table and the reserve drivers it used.
  struct Count {
    uint64_t rides = 0, sessions = 0, labels = 0;
    std::array<uint64_t, kRideFraudTypeCount> by_type{};  // fraudulent rides
    std::vector<uint64_t> reserves;
  };
  Count count(const RideBlock& block);

 private:
  const DriverPerson& driver(uint64_t index);
  // The block's rides (and the lookback's when `history`) and its sessions.
  void simulate(const RideBlock& block, bool history);
  const RideWorld& world_;
  const RideLayout& layout_;
  std::map<uint64_t, DriverPerson> reserves_;  // the reserve drivers met so far
  std::vector<MetroRide> rides_, day_rides_;
  std::vector<DriverSession> sessions_, day_sessions_;
  std::vector<RideHistory> history_;
  size_t first_ride_ = 0;  // rides_ before it belong to the lookback
  int64_t ride_block_ = -1, session_block_ = -1, driver_block_ = -1;  // which block each batch holds
  ColumnBatch rides_batch_, labels_batch_, sessions_batch_, drivers_batch_;
};

}  // namespace fraudgen
