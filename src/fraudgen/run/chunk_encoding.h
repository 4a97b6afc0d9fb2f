// The encoder a run uses: format and codec from the configuration, and for Parquet the
// writer's name and the key-value metadata (seed, schema version) every file carries; and how a
// simulated block's rows reach it.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>

#include "fraudgen/format/format.h"
#include "fraudgen/run/run_config.h"
#include "fraudgen/sim/block_simulator.h"

namespace fraudgen {

std::unique_ptr<ChunkEncoder> make_chunk_encoder(const RunConfig& cfg);

// Writes rows [begin, end) of the table `sim` (a BlockSimulator or RideBlockSimulator) has
// prepared and feeds them to `encoder`, 1,024 at a time: few enough to be encoded while they are
// still in the core's cache.
template <typename Simulator>
void encode_prepared_rows(Simulator& sim, Table table, uint64_t begin, uint64_t end, ChunkEncoder& encoder) {
  constexpr uint64_t kSliceRows = 1024;
  for (uint64_t at = begin; at < end; at += kSliceRows) {
    const BlockSimulator::Slice s = sim.slice(table, at, std::min(end, at + kSliceRows));
    encoder.add_rows(*s.batch, s.first, s.last);
  }
}

}  // namespace fraudgen
