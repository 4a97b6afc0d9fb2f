// One row of a batch read from a data file, with where it came from, and its values as the
// checks need them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "fraudgen/schema/column_batch.h"

namespace fraudgen::validate {

struct RowRef {
  const ColumnBatch& batch;
  size_t row;
  const std::string& file;  // relative to the dataset folder
  uint64_t file_row;        // 1-based

  bool valid(int c) const { return batch.column(c).valid[row] != 0; }
  std::string_view str(int c) const { return batch.column(c).str(row); }
  int64_t i(int c) const { return batch.column(c).ints[row]; }
  double d(int c) const { return batch.column(c).doubles[row]; }
  std::string_view name(int c) const { return batch.schema().columns[static_cast<size_t>(c)].name; }
  // The value as the text formats write it ("null" for a null), for reports.
  std::string text(int c) const;
};

}  // namespace fraudgen::validate
