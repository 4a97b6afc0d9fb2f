// The single schema definition. Parquet, JSONL and CSV writers, `fraudgen schema` and
// docs/schema.md are all driven by these tables.
#pragma once
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>

namespace fraudgen {

enum class ColumnType : uint8_t {
  String,     // UTF-8 text
  Enum,       // text from a fixed vocabulary, stored as an index
  Int32,
  Int64,
  Double,
  Bool,
  Date,       // days since 1970-01-01, written as YYYY-MM-DD
  Timestamp,  // UTC instant in milliseconds, written in Brasília time (-03:00)
  Decimal2,   // money: integer cents, written with exactly two decimals
};

struct Column {
  std::string_view name;
  ColumnType type;
  bool nullable;
  std::string_view unit;
  std::string_view description;
  std::span<const std::string_view> vocabulary = {};  // Enum columns only
};

struct TableSchema {
  std::string_view name;
  std::string_view description;
  std::span<const Column> columns;
};

enum class Table : uint8_t { Customers, Devices, Transactions, FraudLabels, Drivers, Rides, DriverSessions, RideFraudLabels };
inline constexpr Table kAllTables[] = {Table::Customers, Table::Devices, Table::Transactions,   Table::FraudLabels,
                                       Table::Drivers,   Table::Rides,   Table::DriverSessions, Table::RideFraudLabels};
inline constexpr size_t kTableCount = std::size(kAllTables);
// The banking tables: rows of blocks of customers (--type transactions or all).
inline constexpr Table kBankTables[] = {Table::Customers, Table::Devices, Table::Transactions, Table::FraudLabels};
inline constexpr size_t kBankTableCount = std::size(kBankTables);
// The ride-hailing tables: their rows come from (city, span of days) blocks and the drivers,
// not from blocks of customers.
inline constexpr bool is_ride_table(Table t) {
  return t == Table::Drivers || t == Table::Rides || t == Table::DriverSessions || t == Table::RideFraudLabels;
}
// Tables of ground truth only: one row per fraudulent row of their table.
inline constexpr bool is_label_table(Table t) { return t == Table::FraudLabels || t == Table::RideFraudLabels; }

const TableSchema& schema_of(Table table);
std::string_view type_name(ColumnType type);
inline constexpr uint32_t kSchemaVersion = 7;

}  // namespace fraudgen
