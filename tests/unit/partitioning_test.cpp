#include <gtest/gtest.h>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/run/partitioning.h"

using namespace fraudgen;

TEST(Partitioning, MonthsCoverTheRangeInOrderWithPartialEnds) {
  const int64_t first = days_from_civil(2024, 12, 20), last = days_from_civil(2025, 3, 2);
  const auto p = partitions_of(PartitionBy::Month, first, last);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].path, "year=2024/month=12");
  EXPECT_EQ(p[1].path, "year=2025/month=01");
  EXPECT_EQ(p[3].path, "year=2025/month=03");
  EXPECT_EQ(p[0].first_day, first);
  EXPECT_EQ(p[1].first_day, days_from_civil(2025, 1, 1));
  EXPECT_EQ(p[2].end_day - p[2].first_day, 28);  // February 2025
  EXPECT_EQ(p[3].end_day, last + 1);
  for (size_t i = 1; i < p.size(); ++i) EXPECT_EQ(p[i].first_day, p[i - 1].end_day);
}

TEST(Partitioning, DaysAreOneFolderEach) {
  const int64_t first = days_from_civil(2024, 2, 28);
  const auto p = partitions_of(PartitionBy::Day, first, first + 2);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[1].path, "year=2024/month=02/day=29");
  EXPECT_EQ(p[2].path, "year=2024/month=03/day=01");
  EXPECT_TRUE(partitions_of(PartitionBy::None, first, first + 2).empty());
}

TEST(Partitioning, ADayFindsItsPartitionAndOnlyDaysOfTheRangeDo) {
  const int64_t first = days_from_civil(2025, 1, 30), last = days_from_civil(2025, 3, 1);
  const auto p = partitions_of(PartitionBy::Month, first, last);
  EXPECT_EQ(partition_of_day(p, first), 0u);
  EXPECT_EQ(partition_of_day(p, days_from_civil(2025, 2, 1)), 1u);
  EXPECT_EQ(partition_of_day(p, days_from_civil(2025, 2, 28)), 1u);
  EXPECT_EQ(partition_of_day(p, last), 2u);
  EXPECT_EQ(partition_of_day(p, first - 1), p.size());
  EXPECT_EQ(partition_of_day(p, last + 1), p.size());
  // A transaction at 23:30 in Brasília on January 31 is 02:30 UTC on February 1: January's.
  const int64_t late = day_start_ms(days_from_civil(2025, 1, 31)) + (23 * 60 + 30) * 60'000;
  EXPECT_EQ(partition_of_day(p, local_day_of(late)), 0u);
}

TEST(Partitioning, OnlyTheTimeStampedTablesArePartitionedAndOnlyThreeValuesParse) {
  for (Table t : kAllTables) {
    const int c = partition_column(t);
    const bool timed = t == Table::Transactions || t == Table::FraudLabels || t == Table::Rides || t == Table::DriverSessions ||
                       t == Table::RideFraudLabels;
    ASSERT_EQ(c >= 0, timed) << schema_of(t).name;
    if (timed) {
      EXPECT_EQ(schema_of(t).columns[static_cast<size_t>(c)].type, ColumnType::Timestamp) << schema_of(t).name;
    }
  }
  EXPECT_EQ(parse_partition_by("month"), PartitionBy::Month);
  EXPECT_EQ(parse_partition_by("day"), PartitionBy::Day);
  EXPECT_EQ(parse_partition_by("none"), PartitionBy::None);
  EXPECT_FALSE(parse_partition_by("Month"));
  EXPECT_FALSE(parse_partition_by("week"));
}
