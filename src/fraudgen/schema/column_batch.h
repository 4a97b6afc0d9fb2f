// A block of rows stored column by column (struct of arrays). The simulator appends one value
// per column per row; format writers read the columns. Enum, Bool, Date, Timestamp, Decimal2 and
// integer columns share the int64 storage.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/schema/schema.h"

namespace fraudgen {

struct ColumnData {
  std::vector<int64_t> ints;
  std::vector<double> doubles;
  std::string chars;                  // String columns: concatenated UTF-8
  std::vector<uint32_t> offsets{0};   // String columns: row i is chars[offsets[i], offsets[i+1])
  std::vector<uint8_t> valid;         // 1 = value, 0 = null
  std::vector<uint64_t> keys;         // keyed String columns: per row, equal keys mean equal strings

  std::string_view str(size_t row) const {
    return {chars.data() + offsets[row], offsets[row + 1] - offsets[row]};
  }
};

class ColumnBatch {
 public:
  explicit ColumnBatch(const TableSchema& schema);
  const TableSchema& schema() const { return *schema_; }
  size_t rows() const { return columns_.empty() ? 0 : columns_[0].valid.size(); }
  const ColumnData& column(int c) const { return columns_[static_cast<size_t>(c)]; }
  void clear();
  void reserve(size_t rows);

  void put_int(int c, int64_t v) { auto& d = columns_[static_cast<size_t>(c)]; d.ints.push_back(v); d.valid.push_back(1); }
  void put_bool(int c, bool v) { put_int(c, v ? 1 : 0); }
  void put_double(int c, double v) { auto& d = columns_[static_cast<size_t>(c)]; d.doubles.push_back(v); d.valid.push_back(1); }
  void put_str(int c, std::string_view v) {
    auto& d = columns_[static_cast<size_t>(c)];
    d.chars.append(v);
    d.offsets.push_back(static_cast<uint32_t>(d.chars.size()));
    d.valid.push_back(1);
  }
  // For strings formatted in place: write up to `max_len` bytes at the returned pointer, then commit.
  char* begin_str(int c, size_t max_len) {
    auto& d = columns_[static_cast<size_t>(c)];
    size_t at = d.chars.size();
    d.chars.resize(at + max_len);
    return d.chars.data() + at;
  }
  void commit_str(int c, const char* end) {
    auto& d = columns_[static_cast<size_t>(c)];
    d.chars.resize(static_cast<size_t>(end - d.chars.data()));
    d.offsets.push_back(static_cast<uint32_t>(d.chars.size()));
    d.valid.push_back(1);
  }
  void put_null(int c);

  // Keyed String columns: each string is a function of an integer the simulator already has
  // (a customer, a merchant, a bank), so encoders can build dictionaries without hashing text.
  void set_keyed(int c) { keyed_[static_cast<size_t>(c)] = 1; }
  // On a column not marked keyed these are put_str and commit_str.
  void put_keyed_str(int c, uint64_t key, std::string_view v) {
    if (keyed_[static_cast<size_t>(c)]) columns_[static_cast<size_t>(c)].keys.push_back(key);
    put_str(c, v);
  }
  void commit_keyed_str(int c, uint64_t key, const char* end) {
    if (keyed_[static_cast<size_t>(c)]) columns_[static_cast<size_t>(c)].keys.push_back(key);
    commit_str(c, end);
  }

  // True when every column holds the same number of rows (a cheap integrity check).
  bool consistent() const;

 private:
  const TableSchema* schema_;
  std::vector<ColumnData> columns_;
  std::vector<uint8_t> keyed_;
};

}  // namespace fraudgen
