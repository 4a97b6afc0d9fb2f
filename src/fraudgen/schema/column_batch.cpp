#include "fraudgen/schema/column_batch.h"

#include <cstring>
#include <stdexcept>

namespace fraudgen {

static bool uses_doubles(ColumnType t) { return t == ColumnType::Double; }
static bool uses_chars(ColumnType t) { return t == ColumnType::String; }

ColumnBatch::ColumnBatch(const TableSchema& schema) : schema_(&schema), columns_(schema.columns.size()) {
  for (const Column& c : schema.columns)
    storage_.push_back(uses_doubles(c.type) ? Storage::Doubles : uses_chars(c.type) ? Storage::Chars : Storage::Ints);
}

void ColumnBatch::set_keyed(int c) {
  if (storage_[static_cast<size_t>(c)] != Storage::Chars) throw std::logic_error("only String columns can be keyed");
  storage_[static_cast<size_t>(c)] = Storage::KeyedChars;
}

void ColumnBatch::clear() {
  for (auto& d : columns_) {
    d.ints.clear(); d.doubles.clear(); d.chars.clear(); d.offsets.clear(); d.offsets.push_back(0); d.valid.clear(); d.keys.clear();
  }
}

size_t ColumnBatch::capacity_bytes() const {
  size_t n = 0;
  for (const auto& d : columns_)
    n += d.ints.capacity() * sizeof(int64_t) + d.doubles.capacity() * sizeof(double) + d.chars.capacity() + d.offsets.capacity() * sizeof(uint32_t) +
         d.valid.capacity() + d.keys.capacity() * sizeof(uint64_t);
  return n;
}

void ColumnBatch::append_rows(const ColumnBatch& from, size_t begin, size_t end) {
  if (from.schema_ != schema_) throw std::logic_error("append_rows: the batches hold different tables");
  if (rows() == 0) storage_ = from.storage_;
  const size_t n = end - begin;
  for (size_t c = 0; c < columns_.size(); ++c) {
    ColumnData& d = columns_[c];
    const ColumnData& s = from.columns_[c];
    d.valid.append(s.valid.data() + begin, n);
    switch (storage_[c]) {
      case Storage::Ints: d.ints.append(s.ints.data() + begin, n); break;
      case Storage::Doubles: d.doubles.append(s.doubles.data() + begin, n); break;
      case Storage::KeyedChars: d.keys.append(s.keys.data() + begin, n); [[fallthrough]];
      case Storage::Chars: {
        // The rows' characters are contiguous in `from`; their offsets move by where they land.
        const uint32_t first = s.offsets[begin], shift = static_cast<uint32_t>(d.chars.size()) - first;
        d.chars.append(std::string_view(s.chars.data() + first, s.offsets[end] - first));
        for (size_t r = begin; r < end; ++r) d.offsets.push_back(s.offsets[r + 1] + shift);
        break;
      }
    }
  }
}

// Presence flag of a row that add_rows made and no RowWriter has filled yet.
constexpr uint8_t kUnfilled = 2;

size_t ColumnBatch::add_rows(size_t n) {
  const size_t first = rows(), end = first + n;
  if (n == 0) return first;  // nothing to mark (and no buffer yet to mark it in)
  for (size_t c = 0; c < columns_.size(); ++c) {
    auto& d = columns_[c];
    d.valid.resize_for_overwrite(end);
    std::memset(d.valid.data() + first, kUnfilled, n);
    switch (storage_[c]) {
      case Storage::Ints: d.ints.resize_for_overwrite(end); break;
      case Storage::Doubles: d.doubles.resize_for_overwrite(end); break;
      case Storage::KeyedChars: d.keys.resize_for_overwrite(end); [[fallthrough]];
      case Storage::Chars: d.offsets.resize_for_overwrite(end + 1); d.chars.reserve(n * 16); break;
    }
  }
  return first;
}

bool ColumnBatch::consistent() const {
  size_t n = rows();
  for (size_t c = 0; c < columns_.size(); ++c) {
    const auto& d = columns_[c];
    auto t = schema_->columns[c].type;
    size_t values = uses_doubles(t) ? d.doubles.size() : uses_chars(t) ? d.offsets.size() - 1 : d.ints.size();
    if (d.valid.size() != n || values != n) return false;
    if (storage_[c] == Storage::KeyedChars && d.keys.size() != n) return false;
    for (uint8_t v : d.valid)
      if (v > 1 || (!v && !schema_->columns[c].nullable)) return false;
  }
  return true;
}

}  // namespace fraudgen
