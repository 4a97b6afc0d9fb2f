// JSONL and CSV: one line per row, every column present, nulls explicit.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/format/format.h"
#include "fraudgen/format/value_writer.h"

namespace fraudgen {
namespace {

// Room for any non-string value in text form.
constexpr size_t kMaxScalar = 48;

class TextEncoder : public BlockEncoder {
 protected:

  // Writes a non-string value of row r; returns the new end.
  static char* scalar(char* p, const Column& col, const ColumnData& d, size_t r) {
    switch (col.type) {
      case ColumnType::Int32:
      case ColumnType::Int64: return write_int(p, d.ints[r]);
      case ColumnType::Bool: return write_text_view(p, d.ints[r] ? std::string_view("true") : std::string_view("false"));
      case ColumnType::Double: return write_double(p, d.doubles[r]);
      case ColumnType::Decimal2: return write_cents(p, d.ints[r]);
      case ColumnType::Date: return write_date(p, d.ints[r]);
      case ColumnType::Timestamp: return write_timestamp_brt(p, d.ints[r]);
      default: return p;
    }
  }
  static size_t string_bytes(const ColumnBatch& batch) {
    size_t n = 0;
    for (size_t c = 0; c < batch.schema().columns.size(); ++c) n += batch.column(static_cast<int>(c)).chars.size();
    return n;
  }
  static char* write_text_view(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
  }
};

class JsonlEncoder final : public TextEncoder {
 public:
  void file_header(const TableSchema&, ByteBuffer&) const override {}

  void encode_block(const ColumnBatch& batch, ByteBuffer& out) override {
    const auto& cols = batch.schema().columns;
    if (keyed_for_ != &batch.schema()) {
      keyed_for_ = &batch.schema();
      keys_.clear();
      for (size_t c = 0; c < cols.size(); ++c) keys_.push_back((c ? ",\"" : "{\"") + std::string(cols[c].name) + "\":");
    }
    const size_t rows = batch.rows();
    // Reserve the block's worst case once (never zero-filled, only the used part is touched),
    // then write without bounds checks.
    size_t per_row = 2;
    for (const auto& k : keys_) per_row += k.size() + kMaxScalar + 2;
    char* p = out.reserve(rows * per_row + 6 * string_bytes(batch));
    for (size_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < cols.size(); ++c) {
        const ColumnData& d = batch.column(static_cast<int>(c));
        p = write_text_view(p, keys_[c]);
        if (!d.valid[r]) { p = write_text_view(p, "null"); continue; }
        const Column& col = cols[c];
        if (col.type == ColumnType::String) p = quoted(p, d.str(r));
        else if (col.type == ColumnType::Enum) p = quoted(p, col.vocabulary[static_cast<size_t>(d.ints[r])]);
        else if (col.type == ColumnType::Date || col.type == ColumnType::Timestamp) { *p++ = '"'; p = scalar(p, col, d, r); *p++ = '"'; }
        else p = scalar(p, col, d, r);
      }
      *p++ = '}';
      *p++ = '\n';
    }
    out.commit(p);
  }

 private:
  static char* quoted(char* p, std::string_view s) {
    *p++ = '"';
    for (char ch : s) {
      unsigned char u = static_cast<unsigned char>(ch);
      if (u >= 0x20 && ch != '"' && ch != '\\') { *p++ = ch; continue; }
      *p++ = '\\';
      switch (ch) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        default: {
          const char* hex = "0123456789abcdef";
          *p++ = 'u'; *p++ = '0'; *p++ = '0'; *p++ = hex[u >> 4]; *p++ = hex[u & 15];
        }
      }
    }
    *p++ = '"';
    return p;
  }
  const TableSchema* keyed_for_ = nullptr;
  std::vector<std::string> keys_;
};

// RFC 4180. A null is an empty field; an empty string would be written as "" (we emit none).
class CsvEncoder final : public TextEncoder {
 public:
  void file_header(const TableSchema& schema, ByteBuffer& out) const override {
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      if (c) out.append(",");
      out.append(schema.columns[c].name);
    }
    out.append("\n");
  }

  void encode_block(const ColumnBatch& batch, ByteBuffer& out) override {
    const auto& cols = batch.schema().columns;
    const size_t rows = batch.rows();
    char* p = out.reserve(rows * (1 + cols.size() * (kMaxScalar + 3)) + 2 * string_bytes(batch));
    for (size_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < cols.size(); ++c) {
        if (c) *p++ = ',';
        const ColumnData& d = batch.column(static_cast<int>(c));
        if (!d.valid[r]) continue;
        const Column& col = cols[c];
        if (col.type == ColumnType::String) p = field(p, d.str(r));
        else if (col.type == ColumnType::Enum) p = field(p, col.vocabulary[static_cast<size_t>(d.ints[r])]);
        else p = scalar(p, col, d, r);
      }
      *p++ = '\n';
    }
    out.commit(p);
  }

 private:
  static char* field(char* p, std::string_view s) {
    bool quote = s.empty() || s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) return write_text_view(p, s);
    *p++ = '"';
    for (char ch : s) {
      if (ch == '"') *p++ = '"';
      *p++ = ch;
    }
    *p++ = '"';
    return p;
  }
};

}  // namespace

std::unique_ptr<BlockEncoder> make_text_encoder(Format format) {
  if (format == Format::Csv) return std::make_unique<CsvEncoder>();
  return std::make_unique<JsonlEncoder>();
}

}  // namespace fraudgen
