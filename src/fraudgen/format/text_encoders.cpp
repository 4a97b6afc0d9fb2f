// JSONL and CSV: one line per row, every column present, nulls explicit.
#include <emmintrin.h>

#include <algorithm>
#include <stdexcept>
#include <memory>
#include <string>
#include <vector>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/text.h"
#include "fraudgen/format/format.h"
#include "fraudgen/format/value_writer.h"

namespace fraudgen {
namespace {

// Room for any non-string value in text form.
constexpr size_t kMaxScalar = 48;

// Writes rows of one table as text lines.
class TextRows {
 public:
  virtual ~TextRows() = default;
  virtual void header(const TableSchema& schema, ByteBuffer& out) const = 0;
  virtual void rows(const ColumnBatch& batch, size_t begin, size_t end, ByteBuffer& out) = 0;

 protected:

  // Writes a non-string value of row r; returns the new end.
  static char* scalar(char* p, const Column& col, const ColumnData& d, size_t r) {
    switch (col.type) {
      case ColumnType::Int32:
      case ColumnType::Int64: return write_int(p, d.ints[r]);
      case ColumnType::Bool: return write_text(p, d.ints[r] ? std::string_view("true") : std::string_view("false"));
      case ColumnType::Double: return write_double(p, d.doubles[r]);
      case ColumnType::Decimal2: return write_cents(p, d.ints[r]);
      case ColumnType::Date: return write_date(p, d.ints[r]);
      case ColumnType::Timestamp: return write_timestamp_brt(p, d.ints[r]);
      default: return p;
    }
  }
  // The text bytes of rows [begin, end): room is reserved for the rows written, not the whole
  // batch (a partitioned run adds a batch's rows to many encoders, a few rows each).
  static size_t string_bytes(const ColumnBatch& batch, size_t begin, size_t end) {
    size_t n = 0;
    for (size_t c = 0; c < batch.schema().columns.size(); ++c) {
      const ColumnData& d = batch.column(static_cast<int>(c));
      if (d.chars.size() > 0) n += d.offsets[end] - d.offsets[begin];
    }
    return n;
  }
};

class JsonlRows final : public TextRows {
 public:
  void header(const TableSchema&, ByteBuffer&) const override {}

  void rows(const ColumnBatch& batch, size_t begin, size_t end, ByteBuffer& out) override {
    const auto& cols = batch.schema().columns;
    if (keyed_for_ != &batch.schema()) prepare(batch.schema());
    const size_t count = end - begin;
    // Reserve the block's worst case once (never zero-filled, only the used part is touched),
    // then write without bounds checks. Keys and enum values are copied as fixed-size padded
    // slots (inlined vector moves); the slack below covers that over-copy.
    size_t per_row = 2;
    for (const auto& k : keys_) per_row += k.size + kSlot + kMaxScalar + 2;
    char* p = out.reserve(count * per_row + 6 * string_bytes(batch, begin, end) + kSlot);
    for (size_t r = begin; r < end; ++r) {
      for (size_t c = 0; c < cols.size(); ++c) {
        const ColumnData& d = batch.column(static_cast<int>(c));
        const Slot& key = keys_[c];
        std::memcpy(p, key.text, kSlot);
        p += key.size;
        if (!d.valid[r]) { std::memcpy(p, "null", 4); p += 4; continue; }
        const Column& col = cols[c];
        switch (col.type) {
          case ColumnType::String: p = quoted(p, d.str(r)); break;
          case ColumnType::Enum: {
            const Slot& v = enums_[c][static_cast<size_t>(d.ints[r])];
            std::memcpy(p, v.text, kSlot);
            p += v.size;
            break;
          }
          case ColumnType::Date:
          case ColumnType::Timestamp: *p++ = '"'; p = scalar(p, col, d, r); *p++ = '"'; break;
          default: p = scalar(p, col, d, r);
        }
      }
      *p++ = '}';
      *p++ = '\n';
    }
    out.commit(p);
  }

 private:
  static constexpr size_t kSlot = 48;
  struct Slot { char text[kSlot]; size_t size; };

  static Slot slot(std::string_view s) {
    Slot out{};
    if (s.size() > kSlot) throw std::logic_error("JSONL key or enum value longer than its slot: " + std::string(s));
    std::memcpy(out.text, s.data(), s.size());
    out.size = s.size();
    return out;
  }

  void prepare(const TableSchema& schema) {
    keyed_for_ = &schema;
    keys_.clear();
    enums_.assign(schema.columns.size(), {});
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      const Column& col = schema.columns[c];
      std::string key(c ? ",\"" : "{\"");
      key.append(col.name).append("\":");
      keys_.push_back(slot(key));
      for (std::string_view v : col.vocabulary) {
        std::string value("\"");
        value.append(v).append("\"");
        enums_[c].push_back(slot(value));
      }
    }
  }

  // JSON string with escapes. Runs of 16 bytes that need no escaping are copied at once.
  static char* quoted(char* p, std::string_view s) {
    *p++ = '"';
    const char* in = s.data();
    const char* end = in + s.size();
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (end - in >= 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
      // Bytes < 0x20 (unsigned): min(v, 0x1f) == v, with 0x80+ (UTF-8) excluded by the signed compare trick.
      __m128i control = _mm_cmplt_epi8(_mm_xor_si128(v, _mm_set1_epi8(static_cast<char>(0x80))), _mm_xor_si128(space, _mm_set1_epi8(static_cast<char>(0x80))));
      __m128i special = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      if (_mm_movemask_epi8(special) != 0) break;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
      in += 16;
      p += 16;
    }
    for (; in < end; ++in) {
      char ch = *in;
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
  std::vector<Slot> keys_;
  std::vector<std::vector<Slot>> enums_;
};

// RFC 4180. A null is an empty field; an empty string would be written as "" (we emit none).
class CsvRows final : public TextRows {
 public:
  void header(const TableSchema& schema, ByteBuffer& out) const override {
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      if (c) out.append(",");
      out.append(schema.columns[c].name);
    }
    out.append("\n");
  }

  void rows(const ColumnBatch& batch, size_t begin, size_t end, ByteBuffer& out) override {
    const auto& cols = batch.schema().columns;
    const size_t count = end - begin;
    char* p = out.reserve(count * (1 + cols.size() * (kMaxScalar + 3)) + 2 * string_bytes(batch, begin, end) + 16);
    for (size_t r = begin; r < end; ++r) {
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
  // Copies runs of 16 bytes without ',', '"', CR or LF; returns where the scan stopped.
  static const char* plain_prefix(char*& p, const char* in, const char* end) {
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
    while (end - in >= 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
      __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
      if (_mm_movemask_epi8(special) != 0) break;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
      in += 16;
      p += 16;
    }
    return in;
  }

  static char* field(char* p, std::string_view s) {
    char* start = p;
    const char* end = s.data() + s.size();
    const char* in = plain_prefix(p, s.data(), end);
    bool quote = s.empty();
    for (; in < end; ++in) {
      char ch = *in;
      if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') { quote = true; break; }
      *p++ = ch;
    }
    if (!quote) return p;
    p = start;  // rare: rewrite the whole field quoted
    *p++ = '"';
    for (char ch : s) {
      if (ch == '"') *p++ = '"';
      *p++ = ch;
    }
    *p++ = '"';
    return p;
  }
};

// A chunk of text is its lines, compressed as one frame when a codec is set.
class TextChunkEncoder final : public ChunkEncoder {
 public:
  explicit TextChunkEncoder(const EncoderOptions& o)
      : rows_(o.format == Format::Csv ? std::unique_ptr<TextRows>(std::make_unique<CsvRows>()) : std::make_unique<JsonlRows>()),
        compressor_(o.compression, o.level), compressed_(o.compression != Compression::None) {}

  void file_header(const TableSchema& schema, ByteBuffer& out) override {
    buffer_.clear();
    rows_->header(schema, buffer_);
    if (!buffer_.empty()) compressor_.compress_into(buffer_.view(), out);
  }
  void begin_chunk(const TableSchema&) override { buffer_.clear(); }
  void add_rows(const ColumnBatch& batch, size_t begin, size_t end) override { rows_->rows(batch, begin, end, buffer_); }
  std::unique_ptr<ChunkFooterInfo> end_chunk(ByteBuffer& out) override {
    if (!compressed_ && out.empty()) out.swap(buffer_);  // no copy in the common case
    else if (!buffer_.empty()) compressor_.compress_into(buffer_.view(), out);
    return nullptr;
  }
  void file_footer(const TableSchema&, std::span<const ChunkFooterInfo* const>, std::span<const uint64_t>, ByteBuffer&) override {}

 private:
  std::unique_ptr<TextRows> rows_;
  Compressor compressor_;
  bool compressed_;
  ByteBuffer buffer_;
};

}  // namespace

std::unique_ptr<ChunkEncoder> make_text_encoder(const EncoderOptions& options) {
  return std::make_unique<TextChunkEncoder>(options);
}

}  // namespace fraudgen
