#include "fraudgen/validate/partitioned_cursor.h"

namespace fraudgen::validate {

PartitionedCursor::PartitionedCursor(const CheckContext& ctx, Table table, const std::vector<const DatasetFile*>& files) : table_(table) {
  // Files come by path, so a partition's files are together and partitions in date order.
  std::vector<const DatasetFile*> part;
  for (size_t i = 0; i <= files.size(); ++i) {
    if (!part.empty() && (i == files.size() || files[i]->partition != part.front()->partition)) {
      parts_.push_back(std::make_unique<TableCursor>(ctx, table, part));
      part.clear();
    }
    if (i < files.size()) part.push_back(files[i]);
  }
  if (parts_.empty()) parts_.push_back(std::make_unique<TableCursor>(ctx, table, part));
}

void PartitionedCursor::choose() {
  current_ = parts_.size();
  int64_t best = 0;
  for (size_t i = 0; i < parts_.size(); ++i) {
    if (parts_[i]->at_end()) continue;
    const int64_t b = parts_[i]->block();
    if (current_ == parts_.size() || b < best) current_ = i, best = b;
  }
  chosen_ = true;
}

bool PartitionedCursor::at_end() {
  if (!chosen_) choose();
  return current_ == parts_.size();
}

void PartitionedCursor::advance() {
  TableCursor& part = *parts_[current_];
  const int64_t block = part.block();
  part.advance();
  // A partition's rows of one block are consecutive: stay on it until its block changes.
  if (part.at_end() || (parts_.size() > 1 && part.block() != block)) chosen_ = false;
}

}  // namespace fraudgen::validate
