// The encoder a run uses: format and codec from the configuration, and for Parquet the
// writer's name and the key-value metadata (seed, schema version) every file carries; and how a
// simulated block's rows reach it.
#pragma once
#include <cstdint>
#include <memory>

#include "fraudgen/format/format.h"
#include "fraudgen/run/run_config.h"
#include "fraudgen/sim/block_simulator.h"

namespace fraudgen {

std::unique_ptr<ChunkEncoder> make_chunk_encoder(const RunConfig& cfg);

// Writes rows [begin, end) of the table `sim` has prepared and feeds them to `encoder`, 1,024 at
// a time: few enough to be encoded while they are still in the core's cache.
void encode_prepared_rows(BlockSimulator& sim, Table table, uint64_t begin, uint64_t end, ChunkEncoder& encoder);

}  // namespace fraudgen
