#include "fraudgen/run/chunk_encoding.h"

#include <algorithm>
#include <string>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/schema.h"
#include "fraudgen/version.h"

namespace fraudgen {

std::unique_ptr<ChunkEncoder> make_chunk_encoder(const RunConfig& cfg) {
  EncoderOptions o;
  o.format = cfg.format;
  o.compression = cfg.compression;
  o.level = cfg.compression_level;
  // The form parquet-format specifies for FileMetaData.created_by.
  o.created_by = std::string("fraudgen version ") + kVersion + " (build " + kBuildId + ")";
  o.metadata = {
      {"fraudgen.version", kVersion},
      {"fraudgen.seed", std::to_string(cfg.sim.seed)},
      {"fraudgen.schema_version", std::to_string(kSchemaVersion)},
      {"fraudgen.start_date", format_date(cfg.sim.start_day)},
      {"fraudgen.end_date", format_date(cfg.sim.end_day)},
      {"fraudgen.profiles", cfg.sim.profiles ? "true" : "false"},
  };
  return make_encoder(o);
}

void encode_prepared_rows(BlockSimulator& sim, Table table, uint64_t begin, uint64_t end, ChunkEncoder& encoder) {
  constexpr uint64_t kSliceRows = 1024;
  for (uint64_t at = begin; at < end; at += kSliceRows) {
    const BlockSimulator::Slice s = sim.slice(table, at, std::min(end, at + kSliceRows));
    encoder.add_rows(*s.batch, s.first, s.last);
  }
}

}  // namespace fraudgen
