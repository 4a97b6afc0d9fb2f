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


}  // namespace fraudgen
