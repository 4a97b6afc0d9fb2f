// A fully resolved `fraudgen generate` request: every default filled in, every value checked.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "fraudgen/format/format.h"
#include "fraudgen/run/partitioning.h"
#include "fraudgen/schema/schema.h"
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
  PartitionBy partition_by = PartitionBy::None;  // Hive folders for the time-stamped tables
  uint32_t shard_index = 0, shard_count = 1;
  std::string shard_source;              // "--shard" or the launcher's variables; empty when unsharded
  bool overwrite = false;
  bool quiet = false;
  std::string type = "transactions";   // transactions, rides or all
  bool banking() const { return type != "rides"; }        // devices, transactions and fraud labels
  bool rides() const { return type != "transactions"; }   // drivers, rides and driver sessions
  // Whether the run writes `t` (customers always: riders are customers).
  bool writes(Table t) const { return t == Table::Customers || (is_ride_table(t) ? rides() : banking()); }
  // Whether `t` is written in Hive partitions (--partition-by month or day, a time-stamped table).
  bool partitioned(Table t) const { return writes(t) && partition_by != PartitionBy::None && partition_column(t) >= 0; }
  std::string calibration_file;          // --calibration, empty when absent
  // Where a ride run's riders and the capitals' recent history events wait (scratch files with
  // no name, rider_store.h); empty keeps them in memory.
  std::filesystem::path spill_dir;
};

}  // namespace fraudgen
