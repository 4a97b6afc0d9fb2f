#include "fraudgen/schema/column_batch.h"

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

void ColumnBatch::reserve(size_t rows) {
  for (size_t c = 0; c < columns_.size(); ++c) {
    auto t = schema_->columns[c].type;
    auto& d = columns_[c];
    d.valid.reserve(rows);
    if (storage_[c] == Storage::KeyedChars) d.keys.reserve(rows);
    if (uses_doubles(t)) d.doubles.reserve(rows);
    else if (uses_chars(t)) { d.offsets.reserve(rows + 1); d.chars.reserve(rows * 16); }
    else d.ints.reserve(rows);
  }
}

bool ColumnBatch::consistent() const {
  size_t n = rows();
  for (size_t c = 0; c < columns_.size(); ++c) {
    const auto& d = columns_[c];
    auto t = schema_->columns[c].type;
    size_t values = uses_doubles(t) ? d.doubles.size() : uses_chars(t) ? d.offsets.size() - 1 : d.ints.size();
    if (d.valid.size() != n || values != n) return false;
    if (storage_[c] == Storage::KeyedChars && d.keys.size() != n) return false;
    if (!schema_->columns[c].nullable)
      for (uint8_t v : d.valid) if (!v) return false;
  }
  return true;
}

}  // namespace fraudgen
