#include "fraudgen/run/partitioning.h"

#include <algorithm>
#include <cstdio>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {

std::optional<PartitionBy> parse_partition_by(std::string_view text) {
  if (text == "none") return PartitionBy::None;
  if (text == "month") return PartitionBy::Month;
  if (text == "day") return PartitionBy::Day;
  return std::nullopt;
}

std::string_view partition_by_name(PartitionBy p) {
  switch (p) {
    case PartitionBy::Month: return "month";
    case PartitionBy::Day: return "day";
    case PartitionBy::None: break;
  }
  return "none";
}

int partition_column(Table table) {
  std::string_view name;
  switch (table) {
    case Table::Transactions:
    case Table::FraudLabels: name = "timestamp"; break;
    case Table::Rides:
    case Table::RideFraudLabels: name = "requested_at"; break;
    case Table::DriverSessions: name = "online_at"; break;
    default: return -1;
  }
  const auto columns = schema_of(table).columns;
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c].name == name) return static_cast<int>(c);
  return -1;
}

std::vector<Partition> partitions_of(PartitionBy by, int64_t first_day, int64_t last_day) {
  std::vector<Partition> out;
  if (by == PartitionBy::None) return out;
  for (int64_t day = first_day; day <= last_day;) {
    const CivilDate d = civil_from_days(day);
    char path[48];
    int64_t end;
    if (by == PartitionBy::Month) {
      std::snprintf(path, sizeof path, "year=%04d/month=%02u", d.year, d.month);
      end = d.month == 12 ? days_from_civil(d.year + 1, 1, 1) : days_from_civil(d.year, d.month + 1, 1);
    } else {
      std::snprintf(path, sizeof path, "year=%04d/month=%02u/day=%02u", d.year, d.month, d.day);
      end = day + 1;
    }
    out.push_back({day, std::min(end, last_day + 1), path});
    day = end;
  }
  return out;
}

std::optional<std::pair<int64_t, int64_t>> partition_days(std::string_view path) {
  int year = 0;
  unsigned month = 0, day = 0;
  int used = 0;
  const std::string text(path);
  if (std::sscanf(text.c_str(), "year=%4d/month=%2u%n", &year, &month, &used) == 2 && static_cast<size_t>(used) == text.size() &&
      month >= 1 && month <= 12 && text == partitions_of(PartitionBy::Month, days_from_civil(year, month, 1), days_from_civil(year, month, 1))[0].path)
    return std::pair{days_from_civil(year, month, 1), month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1)};
  if (std::sscanf(text.c_str(), "year=%4d/month=%2u/day=%2u%n", &year, &month, &day, &used) == 3 && static_cast<size_t>(used) == text.size() &&
      month >= 1 && month <= 12 && day >= 1 && day <= 31) {
    const int64_t d = days_from_civil(year, month, day);
    if (partitions_of(PartitionBy::Day, d, d)[0].path == text) return std::pair{d, d + 1};  // not February 30
  }
  return std::nullopt;
}

size_t partition_of_day(const std::vector<Partition>& partitions, int64_t day) {
  auto it = std::upper_bound(partitions.begin(), partitions.end(), day, [](int64_t d, const Partition& p) { return d < p.end_day; });
  return it != partitions.end() && it->first_day <= day ? static_cast<size_t>(it - partitions.begin()) : partitions.size();
}

}  // namespace fraudgen
