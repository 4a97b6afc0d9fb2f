#include "fraudgen/validate/table_cursor.h"

#include "fraudgen/core/civil_time.h"
#include "fraudgen/run/partitioning.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {

TableCursor::TableCursor(const CheckContext& ctx, Table table, std::vector<const DatasetFile*> files)
    : ctx_(ctx), table_(table), customer_column_(table == Table::Customers ? 0 : 1), files_(std::move(files)),
      batch_(read_schema_of(table)), next_batch_(read_schema_of(table)) {}

bool TableCursor::next_of_file() {
  bool got;
  if (prefetch_.valid()) {
    got = prefetch_.get();  // rethrows the reader's exception
    std::swap(batch_, next_batch_);
    std::swap(problems_, next_problems_);
  } else {
    got = reader_->next(batch_, problems_);
  }
  if (got) prefetch_ = std::async(std::launch::async, [this] { return reader_->next(next_batch_, next_problems_); });
  return got;
}

bool TableCursor::at_end() {
  if (row_ < batch_.rows()) return false;
  return !load_batch();
}

void TableCursor::advance() {
  ++row_;
  ++file_row_;
  skip_broken_rows();
}

void TableCursor::skip_broken_rows() {
  while (row_ < batch_.rows() && broken_[row_]) {
    ++row_;
    ++file_row_;
  }
}

int64_t TableCursor::block() const {
  if (!batch_.column(customer_column_).valid[row_]) return -1;
  auto n = numbered_id(batch_.column(customer_column_).str(row_), "CUST_", 12);
  if (!n || *n == 0) return -1;
  return static_cast<int64_t>((*n - 1) / ctx_.dataset.block_customers);
}

void TableCursor::end_file() {
  const DatasetFile& f = *files_[file_];
  if (rows_in_file_ != f.rows)
    ctx_.report.violation(Check::ManifestFiles, {f.path, 0, "rows", std::to_string(rows_in_file_), std::to_string(f.rows) + " rows, as in the manifest"});
  reader_.reset();
  file_open_ = false;
  ++file_;
}

bool TableCursor::load_batch() {
  while (file_ < files_.size()) {
    const DatasetFile& f = *files_[file_];
    if (!file_open_) {
      file_open_ = true;
      rows_in_file_ = 0;
      file_row_ = 1;
      try {
        if (!ctx_.dataset.store->size_of(f.path)) {  // reported by the manifest file check
          ++file_;
          file_open_ = false;
          continue;
        }
        if (!f.partition.empty()) {
          const auto days = partition_days(f.partition);
          const int column = partition_column(table_);
          if (!days || column < 0 || !f.path.starts_with(std::string(schema_of(table_).name) + "/" + f.partition + "/")) {
            ctx_.report.violation(Check::ManifestFiles, {f.path, 0, "partition", f.partition,
                                                         "year=YYYY/month=MM[/day=DD] of a time-stamped table, the folder of the file"});
            partition_first_ = partition_end_ = 0;
          } else {
            std::tie(partition_first_, partition_end_) = *days;
          }
        }
        reader_ = open_table_reader(ctx_.dataset.store->open(f.path), ctx_.dataset.format, ctx_.dataset.compression, table_);
      } catch (const std::exception& e) {
        ctx_.report.violation(Check::ManifestFiles, {f.path, 0, "", "unreadable", std::string("a readable file: ") + e.what()});
        ++file_;
        file_open_ = false;
        continue;
      }
    }
    bool got = false;
    try {
      got = next_of_file();
    } catch (const std::exception& e) {
      ctx_.report.violation(Check::ManifestFiles, {f.path, file_row_, "", "unreadable", std::string("a readable file: ") + e.what()});
      reader_.reset();
      file_open_ = false;
      ++file_;
      // The reader may have left part of a batch in batch_: none of it is a row to check.
      batch_.clear();
      row_ = 0;
      continue;
    }
    if (!got) {
      end_file();
      continue;
    }
    rows_in_file_ += batch_.rows();
    broken_.assign(batch_.rows(), 0);
    for (const ValueProblem& p : problems_) {
      const uint64_t at = file_row_ + p.row;
      if (p.column < 0) {
        broken_[p.row] = 1;
        ctx_.report.violation(Check::Schema, {f.path, at, "", p.value, p.expected});
      } else {
        ctx_.report.violation(Check::Schema, {f.path, at, std::string(batch_.schema().columns[static_cast<size_t>(p.column)].name), p.value, p.expected});
      }
    }
    if (!f.partition.empty()) check_partition(f);
    row_ = 0;
    skip_broken_rows();
    if (row_ < batch_.rows()) return true;
  }
  return false;
}

void TableCursor::check_partition(const DatasetFile& f) {
  const int column = partition_column(table_);
  if (column < 0 || partition_end_ == 0) return;  // reported when the file was opened
  const ColumnData& times = batch_.column(column);
  ctx_.report.checked(Check::Layout, batch_.rows());
  for (size_t r = 0; r < batch_.rows(); ++r) {
    if (broken_[r] || !times.valid[r]) continue;
    const int64_t day = local_day_of(times.ints[r]);
    if (day < partition_first_ || day >= partition_end_)
      ctx_.report.violation(Check::Layout, {f.path, file_row_ + r, std::string(schema_of(table_).columns[static_cast<size_t>(column)].name),
                                            format_timestamp_brt(times.ints[r]), "a time in " + f.partition + ", the file's partition"});
  }
}

}  // namespace fraudgen::validate
