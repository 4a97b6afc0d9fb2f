// A block of rows stored column by column (struct of arrays). The simulator appends one value
// per column per row; format writers read the columns. Enum, Bool, Date, Timestamp, Decimal2 and
// integer columns share the int64 storage.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/core/append_vector.h"
#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/schema/schema.h"

namespace fraudgen {

struct ColumnData {
  ColumnData() { offsets.push_back(0); }
  AppendVector<int64_t> ints;
  AppendVector<double> doubles;
  ByteBuffer chars;                   // String columns: concatenated UTF-8
  AppendVector<uint32_t> offsets;     // String columns: row i is chars[offsets[i], offsets[i+1])
  AppendVector<uint8_t> valid;        // 1 = value, 0 = null
  AppendVector<uint64_t> keys;        // keyed String columns: per row, equal keys mean equal strings

  std::string_view str(size_t row) const {
    return {chars.data() + offsets[row], offsets[row + 1] - offsets[row]};
  }
};

class RowWriter;

class ColumnBatch {
 public:
  explicit ColumnBatch(const TableSchema& schema);
  const TableSchema& schema() const { return *schema_; }
  size_t rows() const { return columns_.empty() ? 0 : columns_[0].valid.size(); }
  const ColumnData& column(int c) const { return columns_[static_cast<size_t>(c)]; }
  void clear();
  size_t capacity_bytes() const;  // what its columns have allocated
  // Copies rows [begin, end) of `from`, a batch of the same table, to the end of this one. An
  // empty batch first takes `from`'s keyed columns (set_keyed), so the copies keep their keys.
  void append_rows(const ColumnBatch& from, size_t begin, size_t end);

  // Row-at-a-time filling for the widest table: makes room for n more rows in every column and
  // returns the first one's index. Fill each new row once, in order, through row_writer(); a row
  // left unfilled is marked (its presence flags are neither 0 nor 1) and fails consistent().
  size_t add_rows(size_t n);
  RowWriter row_writer(size_t row);

  // The appends run once per column per row: always inlined, so a row costs stores, not calls.
  [[gnu::always_inline]] void put_int(int c, int64_t v) { auto& d = columns_[static_cast<size_t>(c)]; d.ints.push_back(v); d.valid.push_back(1); }
  [[gnu::always_inline]] void put_bool(int c, bool v) { put_int(c, v ? 1 : 0); }
  [[gnu::always_inline]] void put_double(int c, double v) { auto& d = columns_[static_cast<size_t>(c)]; d.doubles.push_back(v); d.valid.push_back(1); }
  [[gnu::always_inline]] void put_str(int c, std::string_view v) {
    auto& d = columns_[static_cast<size_t>(c)];
    d.chars.append(v);
    d.offsets.push_back(static_cast<uint32_t>(d.chars.size()));
    d.valid.push_back(1);
  }
  // For strings formatted in place: write up to `max_len` bytes at the returned pointer, then commit.
  [[gnu::always_inline]] char* begin_str(int c, size_t max_len) {
    return columns_[static_cast<size_t>(c)].chars.reserve(max_len);
  }
  [[gnu::always_inline]] void commit_str(int c, const char* end) {
    auto& d = columns_[static_cast<size_t>(c)];
    d.chars.commit(end);
    d.offsets.push_back(static_cast<uint32_t>(d.chars.size()));
    d.valid.push_back(1);
  }
  [[gnu::always_inline]] void put_null(int c) {
    auto& d = columns_[static_cast<size_t>(c)];
    switch (storage_[static_cast<size_t>(c)]) {
      case Storage::Ints: d.ints.push_back(0); break;
      case Storage::Doubles: d.doubles.push_back(0.0); break;
      case Storage::Chars: d.offsets.push_back(static_cast<uint32_t>(d.chars.size())); break;
      case Storage::KeyedChars: d.offsets.push_back(static_cast<uint32_t>(d.chars.size())); d.keys.push_back(0); break;
    }
    d.valid.push_back(0);
  }

  // Keyed String columns: each string is a function of an integer the simulator already has
  // (a customer, a merchant, a bank), so encoders can build dictionaries without hashing text.
  void set_keyed(int c);
  // On a column not marked keyed these are put_str and commit_str.
  [[gnu::always_inline]] void put_keyed_str(int c, uint64_t key, std::string_view v) {
    if (storage_[static_cast<size_t>(c)] == Storage::KeyedChars) columns_[static_cast<size_t>(c)].keys.push_back(key);
    put_str(c, v);
  }
  [[gnu::always_inline]] void commit_keyed_str(int c, uint64_t key, const char* end) {
    if (storage_[static_cast<size_t>(c)] == Storage::KeyedChars) columns_[static_cast<size_t>(c)].keys.push_back(key);
    commit_str(c, end);
  }

  // True when every column holds the same number of rows, every row added by add_rows was
  // filled, and required columns have no nulls (an integrity check for tests).
  bool consistent() const;

 private:
  friend class RowWriter;
  // Which of ColumnData's vectors hold a column's values, decided once rather than per null.
  enum class Storage : uint8_t { Ints, Doubles, Chars, KeyedChars };
  const TableSchema* schema_;
  std::vector<ColumnData> columns_;
  std::vector<Storage> storage_;
};

// Fills one row made by ColumnBatch::add_rows with the same calls as ColumnBatch's appends. The
// values go to the row's index instead of each column's end, so a value costs its stores, not
// a size and a capacity to load, compare and store for every column. Strings still append to
// their column's characters, which is why rows are filled in order.
class RowWriter {
 public:
  RowWriter(ColumnBatch& batch, size_t row) : columns_(batch.columns_.data()), storage_(batch.storage_.data()), row_(row) {}

  [[gnu::always_inline]] void put_int(int c, int64_t v) { auto& d = col(c); d.ints[row_] = v; d.valid[row_] = 1; }
  [[gnu::always_inline]] void put_bool(int c, bool v) { put_int(c, v ? 1 : 0); }
  [[gnu::always_inline]] void put_double(int c, double v) { auto& d = col(c); d.doubles[row_] = v; d.valid[row_] = 1; }
  [[gnu::always_inline]] void put_str(int c, std::string_view v) {
    auto& d = col(c);
    d.chars.append(v);
    end_str(d);
  }
  [[gnu::always_inline]] char* begin_str(int c, size_t max_len) { return col(c).chars.reserve(max_len); }
  [[gnu::always_inline]] void commit_str(int c, const char* end) {
    auto& d = col(c);
    d.chars.commit(end);
    end_str(d);
  }
  [[gnu::always_inline]] void put_null(int c) {
    auto& d = col(c);
    switch (storage_[static_cast<size_t>(c)]) {
      case ColumnBatch::Storage::Ints: d.ints[row_] = 0; break;
      case ColumnBatch::Storage::Doubles: d.doubles[row_] = 0.0; break;
      case ColumnBatch::Storage::Chars: d.offsets[row_ + 1] = static_cast<uint32_t>(d.chars.size()); break;
      case ColumnBatch::Storage::KeyedChars: d.offsets[row_ + 1] = static_cast<uint32_t>(d.chars.size()); d.keys[row_] = 0; break;
    }
    d.valid[row_] = 0;
  }
  [[gnu::always_inline]] void put_keyed_str(int c, uint64_t key, std::string_view v) {
    if (storage_[static_cast<size_t>(c)] == ColumnBatch::Storage::KeyedChars) col(c).keys[row_] = key;
    put_str(c, v);
  }
  [[gnu::always_inline]] void commit_keyed_str(int c, uint64_t key, const char* end) {
    if (storage_[static_cast<size_t>(c)] == ColumnBatch::Storage::KeyedChars) col(c).keys[row_] = key;
    commit_str(c, end);
  }

 private:
  ColumnData& col(int c) const { return columns_[static_cast<size_t>(c)]; }
  void end_str(ColumnData& d) const {
    d.offsets[row_ + 1] = static_cast<uint32_t>(d.chars.size());
    d.valid[row_] = 1;
  }
  ColumnData* columns_;
  const ColumnBatch::Storage* storage_;
  size_t row_;
};

inline RowWriter ColumnBatch::row_writer(size_t row) { return RowWriter(*this, row); }

}  // namespace fraudgen
