// Walks one table's rows in the order of its unpartitioned layout, whether or not its files are
// Hive partitions (--partition-by). A partition's files hold, block after block, the rows of each
// block that fall in it; a block's rows are in time order, so the unpartitioned order is, block
// by block, that block's rows of each partition in partition order. This is a merge of one
// cursor per partition on (block, partition). Unpartitioned, it is the one cursor.
#pragma once
#include <memory>
#include <vector>

#include "fraudgen/validate/table_cursor.h"

namespace fraudgen::validate {

class PartitionedCursor {
 public:
  PartitionedCursor(const CheckContext& ctx, Table table, const std::vector<const DatasetFile*>& files);
  bool at_end();  // reads ahead as needed
  RowRef row() const { return parts_[current_]->row(); }
  int64_t block() const { return parts_[current_]->block(); }  // as TableCursor::block
  void advance();
  Table table() const { return table_; }

 private:
  void choose();  // the partition whose next row comes next
  Table table_;
  std::vector<std::unique_ptr<TableCursor>> parts_;  // per partition, in partition order
  size_t current_ = 0;
  bool chosen_ = false;
};

}  // namespace fraudgen::validate
