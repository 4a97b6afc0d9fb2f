// What each ride block's span leaves for the ride_fraud_labels and driver_sessions tables: its
// fraudulent rides' labels and its driver sessions. The plan's count simulates every block's span
// once; keeping these from it spares those two tables' passes a simulation of every span each
// (they were two of the four a run made, a third of its CPU). They wait in a nameless file in
// the spill folder (scratch_file.h), or in memory without one, until the run ends: a chunk that
// ends inside a block reads it again for the next chunk.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "fraudgen/core/scratch_file.h"
#include "fraudgen/rides/driver_day.h"
#include "fraudgen/rides/ride_tables.h"

namespace fraudgen {

class RideSpanStore {
 public:
  explicit RideSpanStore(const std::filesystem::path& spill_dir);
  // Makes room for `blocks` blocks, before any is kept.
  void resize(size_t blocks) { blocks_.resize(blocks); }

  // Keeps block `block`'s labels (in the order of its rides) and sessions (as simulated). Once
  // per block, from any thread.
  void put(uint64_t block, std::span<const RideLabel> labels, std::span<const DriverSession> sessions);
  // Appends the block's labels or sessions to `out`; false when the block was not kept.
  bool labels(uint64_t block, std::vector<RideLabel>& out) const;
  bool sessions(uint64_t block, std::vector<DriverSession>& out) const;

  // The bytes kept for `rides` rides at a `fraud_rate`, for the spill folder's room check: 0.45
  // sessions a ride (20,000 customers over a year; 0.15 at 1,000,000, whose drivers take more
  // rides a session), so about 6 to 16 bytes a ride at 1% fraud.
  static double bytes_for(double rides, double fraud_rate);

 private:
  struct Kept {
    bool kept = false;
    uint64_t offset = 0;  // in file_, or in held
    uint32_t labels = 0, sessions = 0;
    std::string held;  // without a spill folder
  };
  template <typename T>
  void read(const Kept& k, size_t skip_bytes, uint32_t count, std::vector<T>& out) const;
  std::vector<Kept> blocks_;
  std::unique_ptr<ScratchFile> file_;
};

}  // namespace fraudgen
