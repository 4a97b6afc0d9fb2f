// A fully resolved `fraudgen generate` request: every default filled in, every value checked.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "fraudgen/format/format.h"
#include "fraudgen/sim/sim_config.h"

namespace fraudgen {

struct RunConfig {
  SimConfig sim;
  bool seed_given = false;
  bool dates_given = false;
  std::optional<uint64_t> size_bytes;   // target total bytes of all files
  std::optional<uint64_t> customers;    // or an exact customer count
  Format format = Format::Parquet;
  Compression compression = Compression::Zstd;
  int compression_level = 0;            // 0 = the codec's default
  std::filesystem::path output = "output";
  int workers = 1;
  std::string workers_source = "--workers";  // or the CPU budget it came from (cpu_budget.h)
  uint64_t file_size = 128ULL << 20;
  uint64_t row_group_rows = 122'880;     // Parquet rows per row group
  uint32_t shard_index = 0, shard_count = 1;
  std::string shard_source;              // "--shard" or the launcher's variables; empty when unsharded
  bool overwrite = false;
  bool quiet = false;
  std::string type = "transactions";
  std::string calibration_file;          // --calibration, empty when absent
};

}  // namespace fraudgen
