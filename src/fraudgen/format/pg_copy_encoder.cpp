// PostgreSQL's binary COPY format (the "Binary Format" section of the COPY reference page):
// a signature header, then per row a field count and each field as a 32-bit length (-1 for
// NULL) and the type's binary send form, big-endian; a -1 field count ends the stream. The
// server stores these values without parsing text: measured 7-30% faster to load than CSV
// (docs/performance.md).
#include <bit>
#include <cstring>
#include <memory>

#include "fraudgen/format/format.h"

namespace fraudgen {
namespace {

// PostgreSQL's epoch for DATE and TIMESTAMPTZ is 2000-01-01.
constexpr int64_t kPgEpochDays = 10'957;                  // days from 1970-01-01
constexpr int64_t kPgEpochMillis = kPgEpochDays * 86'400'000;

// Network byte order (big-endian), as every binary COPY value is.
template <typename T>
char* put(char* p, T value) {
  static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
  if constexpr (sizeof(T) == 2) {
    uint16_t v = std::bit_cast<uint16_t>(value);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap16(v);
    std::memcpy(p, &v, 2);
  } else if constexpr (sizeof(T) == 4) {
    uint32_t v = std::bit_cast<uint32_t>(value);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
    std::memcpy(p, &v, 4);
  } else {
    uint64_t v = std::bit_cast<uint64_t>(value);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
  }
  return p + sizeof(T);
}

// NUMERIC's send form: digit count, weight, sign, display scale, then base-10000 digits.
// Cents have two decimals, so the fraction is one base-10000 digit (cents x 100).
char* put_cents(char* p, int64_t cents) {
  const bool negative = cents < 0;
  uint64_t v = negative ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  uint16_t digits[8];
  int n = 0;
  const uint16_t fraction = static_cast<uint16_t>((v % 100) * 100);
  for (uint64_t whole = v / 100; whole > 0; whole /= 10'000) digits[n++] = static_cast<uint16_t>(whole % 10'000);
  const int16_t weight = static_cast<int16_t>(n - 1);
  // digits[] holds the whole part least significant first; the fraction follows it.
  uint16_t ordered[9];
  int count = 0;
  for (int i = n - 1; i >= 0; --i) ordered[count++] = digits[i];
  if (fraction) ordered[count++] = fraction;
  while (count > 0 && ordered[count - 1] == 0) --count;  // trailing zero digits carry nothing
  int first = 0;
  int16_t shown_weight = n == 0 ? -1 : weight;
  while (first < count && ordered[first] == 0) { ++first; --shown_weight; }
  const int16_t ndigits = static_cast<int16_t>(count - first);
  p = put<int32_t>(p, 8 + 2 * ndigits);
  p = put<int16_t>(p, ndigits);
  p = put<int16_t>(p, ndigits ? shown_weight : 0);
  p = put<uint16_t>(p, negative && ndigits ? 0x4000 : 0x0000);
  p = put<int16_t>(p, 2);
  for (int i = first; i < count; ++i) p = put<uint16_t>(p, ordered[i]);
  return p;
}

class PgCopyEncoder final : public ChunkEncoder {
 public:
  void file_header(const TableSchema&, ByteBuffer& out) override {
    static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // 11 bytes with its NUL
    char* p = out.reserve(19);
    std::memcpy(p, kSignature, 11);
    p = put<int32_t>(p + 11, 0);  // flags: no OIDs
    p = put<int32_t>(p, 0);       // no header extension
    out.commit(p);
  }
  void begin_chunk(const TableSchema&) override { buffer_.clear(); }

  void add_rows(const ColumnBatch& batch, size_t begin, size_t end) override {
    const auto& cols = batch.schema().columns;
    size_t text = 0;
    for (size_t c = 0; c < cols.size(); ++c) text += batch.column(static_cast<int>(c)).chars.size();
    size_t longest_enum = 0;
    for (const Column& col : cols)
      for (std::string_view v : col.vocabulary) longest_enum = std::max(longest_enum, v.size());
    // Per field at most a length and 8 bytes, or a NUMERIC of 8 + 5 x 2 bytes, or an enum value.
    char* p = buffer_.reserve((end - begin) * (2 + cols.size() * (4 + 18 + longest_enum)) + text);
    for (size_t r = begin; r < end; ++r) {
      p = put<int16_t>(p, static_cast<int16_t>(cols.size()));
      for (size_t c = 0; c < cols.size(); ++c) {
        const ColumnData& d = batch.column(static_cast<int>(c));
        if (!d.valid[r]) { p = put<int32_t>(p, -1); continue; }
        switch (cols[c].type) {
          case ColumnType::String: p = put_text(p, d.str(r)); break;
          case ColumnType::Enum: p = put_text(p, cols[c].vocabulary[static_cast<size_t>(d.ints[r])]); break;
          case ColumnType::Int32: p = put<int32_t>(put<int32_t>(p, 4), static_cast<int32_t>(d.ints[r])); break;
          case ColumnType::Int64: p = put<int64_t>(put<int32_t>(p, 8), d.ints[r]); break;
          case ColumnType::Double: p = put<uint64_t>(put<int32_t>(p, 8), std::bit_cast<uint64_t>(d.doubles[r])); break;
          case ColumnType::Bool: p = put<int32_t>(p, 1); *p++ = d.ints[r] ? 1 : 0; break;
          case ColumnType::Date: p = put<int32_t>(put<int32_t>(p, 4), static_cast<int32_t>(d.ints[r] - kPgEpochDays)); break;
          case ColumnType::Timestamp: p = put<int64_t>(put<int32_t>(p, 8), (d.ints[r] - kPgEpochMillis) * 1000); break;
          case ColumnType::Decimal2: p = put_cents(p, d.ints[r]); break;
        }
      }
    }
    buffer_.commit(p);
  }

  std::unique_ptr<ChunkFooterInfo> end_chunk(ByteBuffer& out) override {
    if (out.empty()) out.swap(buffer_);
    else out.append(buffer_.view());
    return nullptr;
  }
  void file_footer(const TableSchema&, std::span<const ChunkFooterInfo* const>, std::span<const uint64_t>, ByteBuffer& out) override {
    char* p = out.reserve(2);
    out.commit(put<int16_t>(p, -1));
  }

 private:
  static char* put_text(char* p, std::string_view s) {
    p = put<int32_t>(p, static_cast<int32_t>(s.size()));
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    return p + s.size();
  }
  ByteBuffer buffer_;
};

}  // namespace

std::unique_ptr<ChunkEncoder> make_pg_copy_encoder(const EncoderOptions&) { return std::make_unique<PgCopyEncoder>(); }

}  // namespace fraudgen
