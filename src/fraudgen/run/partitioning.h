// Hive-style partitions of the time-stamped tables (--partition-by month or day): which tables
// are cut, by which column, and the folders `year=2025/month=03[/day=07]` of the date range.
// A row's partition is the Brasília date of its time column, the date its text shows.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fraudgen/schema/schema.h"

namespace fraudgen {

enum class PartitionBy : uint8_t { None, Month, Day };

std::optional<PartitionBy> parse_partition_by(std::string_view text);
std::string_view partition_by_name(PartitionBy p);

// The column a table is partitioned by (transactions.timestamp, rides.requested_at, ...), or -1
// for the tables that stay whole (customers, devices, drivers).
int partition_column(Table table);

// One folder of partitioned output: local dates [first_day, end_day).
struct Partition {
  int64_t first_day, end_day;
  std::string path;  // "year=2025/month=03" or "year=2025/month=03/day=07"
};

// The partitions that cover local dates [first_day, last_day], in date order (none for None).
std::vector<Partition> partitions_of(PartitionBy by, int64_t first_day, int64_t last_day);

// The local dates [first, end) of a partition path ("year=2025/month=03" or
// "year=2025/month=03/day=07"); nullopt when it is not one.
std::optional<std::pair<int64_t, int64_t>> partition_days(std::string_view path);

// The index in `partitions` of the one holding local date `day`; partitions.size() when none does.
size_t partition_of_day(const std::vector<Partition>& partitions, int64_t day);

}  // namespace fraudgen
