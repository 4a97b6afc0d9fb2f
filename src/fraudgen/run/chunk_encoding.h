// The encoder a run uses: format and codec from the configuration, and for Parquet the
// writer's name and the key-value metadata (seed, schema version) every file carries.
#pragma once
#include <memory>

#include "fraudgen/format/format.h"
#include "fraudgen/run/run_config.h"

namespace fraudgen {

std::unique_ptr<ChunkEncoder> make_chunk_encoder(const RunConfig& cfg);

}  // namespace fraudgen
