// Walks the rows of one table across its files in order, reading a batch at a time. Values that
// do not parse are reported (schema) and read as null; rows that do not parse at all are
// reported and skipped; a file's row count is compared with the manifest's when it ends. The
// next batch of a file is decoded on another thread while the current one is checked.
#pragma once
#include <future>
#include <memory>
#include <vector>

#include "fraudgen/format/read/table_reader.h"
#include "fraudgen/validate/check_context.h"

namespace fraudgen::validate {

class TableCursor {
 public:
  TableCursor(const CheckContext& ctx, Table table, std::vector<const DatasetFile*> files);
  bool at_end();  // reads ahead as needed
  RowRef row() const { return {batch_, row_, files_[file_]->path, file_row_}; }
  // Block of the current row's customer, or -1 when its customer_id is unreadable.
  int64_t block() const;
  void advance();
  Table table() const { return table_; }

 private:
  bool load_batch();  // the next non-empty batch of this or a later file
  bool next_of_file();  // the open file's next batch (prefetched if possible) into batch_
  void end_file();
  void skip_broken_rows();
  void check_partition(const DatasetFile& f);  // every row of the batch in the file's partition

  const CheckContext& ctx_;
  Table table_;
  int customer_column_;
  std::vector<const DatasetFile*> files_;
  size_t file_ = 0;
  bool file_open_ = false;
  std::unique_ptr<TableReader> reader_;
  ColumnBatch batch_, next_batch_;
  std::vector<ValueProblem> problems_, next_problems_;
  std::future<bool> prefetch_;  // reader_->next(next_batch_, ...) in flight; declared last: waited for first
  std::vector<uint8_t> broken_;  // per row of the batch
  int64_t partition_first_ = 0, partition_end_ = 0;  // the open file's partition's dates, if any
  size_t row_ = 0;
  uint64_t file_row_ = 0, rows_in_file_ = 0;
};

}  // namespace fraudgen::validate
