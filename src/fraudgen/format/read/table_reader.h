// Reads the rows of one data file fraudgen wrote (Parquet, JSONL or CSV, with its codec) back
// into column batches of the table's schema. Enum columns come back as their text, so a value
// outside the vocabulary can be seen and reported.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "fraudgen/format/format.h"
#include "fraudgen/format/read/random_access_file.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen {

// The file cannot be read as a whole: missing, corrupt, not of its format or schema.
struct ReadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One value (or one whole row, column = -1) that could not be parsed; it reads as null.
struct ValueProblem {
  size_t row;      // within the batch
  int column;      // -1: the whole row
  std::string value;
  std::string expected;
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // Replaces `batch` with the next rows and `problems` with the values that did not parse;
  // false when the file has no more rows. Throws ReadError on a corrupt file.
  virtual bool next(ColumnBatch& batch, std::vector<ValueProblem>& problems) = 0;
  // Only these columns (indices of the table's schema) need values; the others may read as null.
  // Parquet then reads and decodes those column chunks only; the text formats parse whole rows.
  virtual void read_only(const std::vector<int>& columns) { (void)columns; }
  // The file's row groups, units that can be read apart (Parquet); a text file is one unit.
  virtual size_t row_groups() const { return 1; }
  // next() then reads row groups [first, end) only (Parquet); a text file is read whole.
  virtual void read_row_groups(size_t first, size_t end) { (void)first, (void)end; }
};

// The schema batches are read into: the table's columns with Enum ones as String (same
// vocabulary), since values are kept as text.
const TableSchema& read_schema_of(Table table);

std::unique_ptr<TableReader> open_table_reader(std::unique_ptr<RandomAccessFile> file, Format format, Compression codec,
                                               Table table);
// A local file's reader; ReadError when it cannot be opened.
std::unique_ptr<TableReader> open_table_reader(const std::string& path, Format format, Compression codec, Table table);

}  // namespace fraudgen
