#include "fraudgen/format/parquet/column_chunk_writer.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <type_traits>
#include <stdexcept>

#include "fraudgen/format/parquet/rle_hybrid.h"
#include "fraudgen/format/parquet/thrift_compact.h"

namespace fraudgen::parquet {
namespace {

constexpr uint32_t kPageValues = 16384;         // values per data page
constexpr size_t kPageBytes = 1 << 20;          // or this many bytes of PLAIN values
constexpr size_t kMaxDictionaryBytes = 1 << 20; // beyond this, the rest of the chunk is PLAIN
constexpr uint32_t kMaxDictionaryEntries = 1 << 16;
constexpr size_t kDictionaryProbe = 1024;       // values seen before judging a dictionary
// A PLAIN page's values are written after room for its definition levels (their 4-byte length,
// then at most 2 bytes per 8 levels in the RLE/bit-packed hybrid), so the page body is
// compressed in place rather than copied behind the levels.
constexpr size_t kLevelsRoom = 4 + 2 * ((kPageValues + 7) / 8) + 16;
// Data pages are compressed straight into the chunk's buffer after this much room; the header,
// known only once the compressed size is, goes at the end of the room (a V1 data page header
// is under 40 bytes).
constexpr size_t kHeaderRoom = 64;

CompressionCodec codec_of(Compression c) {
  switch (c) {
    case Compression::None: return CompressionCodec::UNCOMPRESSED;
    case Compression::Snappy: return CompressionCodec::SNAPPY;
    case Compression::Gzip: return CompressionCodec::GZIP;
    case Compression::Zstd: return CompressionCodec::ZSTD;
  }
  return CompressionCodec::UNCOMPRESSED;
}

template <typename T>
void put_le(ByteBuffer& b, T v) {
  char* p = b.reserve(sizeof(T));
  std::memcpy(p, &v, sizeof(T));  // x86-64 and every platform we build on are little-endian
  b.commit(p + sizeof(T));
}

// PLAIN BYTE_ARRAY: 4-byte little-endian length, then the bytes.
void put_byte_array(ByteBuffer& b, std::string_view s) {
  put_le<uint32_t>(b, static_cast<uint32_t>(s.size()));
  b.append(s);
}

template <typename T>
std::string le_bytes(T v) {
  std::string s(sizeof(T), '\0');
  std::memcpy(s.data(), &v, sizeof(T));
  return s;
}

}  // namespace

Type ColumnChunkWriter::physical_type(ColumnType t) {
  switch (t) {
    case ColumnType::String:
    case ColumnType::Enum: return Type::BYTE_ARRAY;
    case ColumnType::Int32:
    case ColumnType::Date: return Type::INT32;
    case ColumnType::Int64:
    case ColumnType::Timestamp:
    case ColumnType::Decimal2: return Type::INT64;
    case ColumnType::Double: return Type::DOUBLE;
    case ColumnType::Bool: return Type::BOOLEAN;
  }
  return Type::BYTE_ARRAY;
}

ColumnChunkWriter::ColumnChunkWriter(const Column& column, Compression codec, Compressor& compressor)
    : column_(&column), type_(physical_type(column.type)), nullable_(column.nullable), compressor_(&compressor),
      codec_(codec_of(codec)) {
  reset();
}

void ColumnChunkWriter::reset() {
  levels_.clear();
  indices_.clear();
  clear_plain();
  page_values_ = 0;
  bool_bits_ = 0;
  pages_.clear();
  page_spans_.clear();
  values_ = nulls_ = uncompressed_ = compressed_ = 0;
  // Small integers (counts, ages, instalments) shrink to a few bits per value in a dictionary,
  // which also spares the compressor most of their bytes; mostly-distinct ones are demoted.
  dictionary_ = type_ == Type::BYTE_ARRAY || type_ == Type::INT32 || type_ == Type::INT64;
  used_dictionary_ = used_plain_ = false;
  dict_arena_.clear();
  dict_offsets_.assign(1, 0);
  dict_table_.assign(dictionary_ ? 1024 : 0, 0);
  dict_ints_.clear();
  small_ids_.assign(type_ == Type::INT32 || type_ == Type::INT64 || type_ == Type::BYTE_ARRAY ? kSmallValues : 0, 0);
  enum_ids_.assign(column_->vocabulary.size(), -1);
  has_stats_ = false;
  min_s_.clear();
  max_s_.clear();
}

uint32_t ColumnChunkWriter::dictionary_id(std::string_view s) {
  size_t mask = dict_table_.size() - 1;
  size_t slot = std::hash<std::string_view>{}(s) & mask;
  for (;; slot = (slot + 1) & mask) {
    uint32_t e = dict_table_[slot];
    if (e == 0) break;
    if (dict_value(e - 1) == s) return e - 1;
  }
  uint32_t id = static_cast<uint32_t>(dict_offsets_.size() - 1);
  dict_arena_.append(s);
  dict_offsets_.push_back(static_cast<uint32_t>(dict_arena_.size()));
  dict_table_[slot] = id + 1;
  if (dict_offsets_.size() * 2 > dict_table_.size()) {  // keep the load under one half
    std::vector<uint32_t> bigger(dict_table_.size() * 2, 0);
    size_t m = bigger.size() - 1;
    for (uint32_t k = 0; k + 1 < dict_offsets_.size(); ++k) {
      size_t p = std::hash<std::string_view>{}(dict_value(k)) & m;
      while (bigger[p]) p = (p + 1) & m;
      bigger[p] = k + 1;
    }
    dict_table_.swap(bigger);
  }
  return id;
}

namespace {

size_t int_slot(int64_t v, size_t mask) {
  return static_cast<size_t>((static_cast<uint64_t>(v) * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

}  // namespace

uint32_t ColumnChunkWriter::known_int_id(int64_t v) const {
  if (static_cast<uint64_t>(v) < kSmallValues) return small_ids_[static_cast<size_t>(v)];
  const size_t mask = dict_table_.size() - 1;
  for (size_t slot = int_slot(v, mask);; slot = (slot + 1) & mask) {
    const uint32_t e = dict_table_[slot];
    if (e == 0 || dict_ints_[e - 1] == v) return e;
  }
}

uint32_t ColumnChunkWriter::int_dictionary_id(int64_t v) {
  if (static_cast<uint64_t>(v) < kSmallValues) {
    uint32_t& e = small_ids_[static_cast<size_t>(v)];
    if (e == 0) {
      dict_ints_.push_back(v);
      e = static_cast<uint32_t>(dict_ints_.size());
    }
    return e - 1;
  }
  size_t mask = dict_table_.size() - 1;
  size_t slot = int_slot(v, mask);
  for (;; slot = (slot + 1) & mask) {
    uint32_t e = dict_table_[slot];
    if (e == 0) break;
    if (dict_ints_[e - 1] == v) return e - 1;
  }
  uint32_t id = static_cast<uint32_t>(dict_ints_.size());
  dict_ints_.push_back(v);
  dict_table_[slot] = id + 1;
  if (dict_ints_.size() * 2 > dict_table_.size()) {  // keep the load under one half
    std::vector<uint32_t> bigger(dict_table_.size() * 2, 0);
    size_t m = bigger.size() - 1;
    for (uint32_t k = 0; k < dict_ints_.size(); ++k) {
      size_t p = int_slot(dict_ints_[k], m);
      while (bigger[p]) p = (p + 1) & m;
      bigger[p] = k + 1;
    }
    dict_table_.swap(bigger);
  }
  return id;
}

// Ids, hashes and other mostly-distinct strings gain nothing from a dictionary. Enum columns
// have small vocabularies by construction, and a handful of values proves nothing.
bool ColumnChunkWriter::mostly_distinct() const {
  return column_->type != ColumnType::Enum && indices_.size() >= 64 && size_t{dictionary_size()} * 2 > indices_.size();
}

// While no page has used the dictionary, the current page can still become PLAIN and the
// dictionary be dropped, so the chunk carries no dictionary page at all.
void ColumnChunkWriter::demote_page_to_plain() {
  if (type_ == Type::BYTE_ARRAY)
    for (uint32_t id : indices_) add_plain_string(dict_value(id));
  else
    for (uint32_t id : indices_) add_fixed(dict_ints_[id]);
  indices_.clear();
  dict_ints_.clear();
  dict_arena_.clear();
  dict_offsets_.assign(1, 0);
  std::fill(dict_table_.begin(), dict_table_.end(), 0);
  std::fill(small_ids_.begin(), small_ids_.end(), 0);
  std::fill(enum_ids_.begin(), enum_ids_.end(), -1);
  dictionary_ = false;
}

void ColumnChunkWriter::leave_dictionary() {
  // The page in progress holds dictionary ids: finish it as a dictionary page first.
  if (page_values_ > 0) flush_page();
  dictionary_ = false;
}

namespace {

// The first 8 bytes, zero-padded, as a big-endian integer: when two strings' keys differ they
// order as their keys do (unsigned bytes, a shorter string first), so most comparisons with
// the running minimum and maximum need no memcmp.
uint64_t prefix_key(std::string_view s) {
  uint64_t v = 0;
  if (!s.empty()) std::memcpy(&v, s.data(), std::min<size_t>(8, s.size()));
  return __builtin_bswap64(v);
}

}  // namespace

void ColumnChunkWriter::string_stat(std::string_view s) {
  const uint64_t key = prefix_key(s);
  if (!has_stats_) {
    min_s_ = max_s_ = s;
    min_key_ = max_key_ = key;
    has_stats_ = true;
  } else if (key < min_key_ || (key == min_key_ && s < min_s_)) {  // std::string_view compares as unsigned bytes, Parquet's order
    min_s_ = s;
    min_key_ = key;
  } else if (key > max_key_ || (key == max_key_ && s > max_s_)) {
    max_s_ = s;
    max_key_ = key;
  }
}

// One value through the dictionary: the chunk's first values decide whether a dictionary pays
// (probe), and one that outgrows its limits is left for PLAIN.
void ColumnChunkWriter::push_index(uint32_t id) {
  indices_.push_back(id);
  if (!used_dictionary_ && indices_.size() == kDictionaryProbe && mostly_distinct()) demote_page_to_plain();
  else if (id + 1 == dictionary_size() && dictionary_too_large()) leave_dictionary();  // it grows only by a new, last id
}


bool ColumnChunkWriter::dictionary_too_large() const {
  if (type_ == Type::BYTE_ARRAY) return dict_arena_.size() > kMaxDictionaryBytes || dict_offsets_.size() > kMaxDictionaryEntries;
  return dict_ints_.size() > kMaxDictionaryEntries;
}

// Dictionary-encoded values (strings and integers) enter the statistics through the dictionary
// at finish() (it holds exactly the distinct values); PLAIN values one by one.
void ColumnChunkWriter::add_string(std::string_view s) {
  if (dictionary_) {
    push_index(dictionary_id(s));
    return;
  }
  add_plain_string(s);
}

void ColumnChunkWriter::add_keyed_string(uint64_t key, std::string_view s) {
  if (!dictionary_) return add_plain_string(s);
  const size_t known = dict_ints_.size();
  const uint32_t id = int_dictionary_id(static_cast<int64_t>(key));
  if (id == known) {  // first time this key is seen: its string joins the dictionary
    dict_arena_.append(s);
    dict_offsets_.push_back(static_cast<uint32_t>(dict_arena_.size()));
  }
  push_index(id);
}

void ColumnChunkWriter::add_plain_string(std::string_view s) {
  string_stat(s);
  put_byte_array(plain_, s);
}

void ColumnChunkWriter::add_int(int64_t v) {
  if (!dictionary_) return add_fixed(v);
  push_index(int_dictionary_id(v));  // statistics come from the dictionary at finish()
}

void ColumnChunkWriter::add_fixed(int64_t v) {
  int_stat(v);
  switch (type_) {
    case Type::INT32: put_le<int32_t>(plain_, static_cast<int32_t>(v)); break;
    case Type::INT64: put_le<int64_t>(plain_, v); break;
    case Type::BOOLEAN: {
      if (bool_bits_ == 0) put_le<uint8_t>(plain_, 0);
      if (v) plain_.data()[plain_.size() - 1] = static_cast<char>(plain_.data()[plain_.size() - 1] | (1 << bool_bits_));
      bool_bits_ = (bool_bits_ + 1) & 7;
      break;
    }
    default: throw std::logic_error("add_fixed on a non-integer column");
  }
}



template <typename T, typename Get>
void ColumnChunkWriter::add_plain_run(const ColumnData& d, size_t begin, size_t end, Get get) {
  for (size_t r = begin; r < end;) {
    const size_t n = std::min(end - r, size_t{kPageValues - page_values_});
    char* out = plain_.reserve(n * sizeof(T));
    const uint8_t* valid = d.valid.data();
    size_t nulls = 0;
    if (nullable_) levels_.append(valid + r, n);
    for (size_t i = r; i < r + n; ++i) {
      if (!valid[i]) {
        ++nulls;
        continue;
      }
      const T v = get(i);
      if constexpr (std::is_same_v<T, double>) {
        add_double_stat(v);
      } else {
        int_stat(v);
      }
      std::memcpy(out, &v, sizeof(T));
      out += sizeof(T);
    }
    plain_.commit(out);
    page_values_ += static_cast<uint32_t>(n);
    values_ += static_cast<int64_t>(n);
    nulls_ += static_cast<int64_t>(nulls);
    r += n;
    if (page_values_ >= kPageValues) flush_page();
  }
}

void ColumnChunkWriter::add(const ColumnData& d, size_t begin, size_t end) {
  if (type_ == Type::DOUBLE) return add_plain_run<double>(d, begin, end, [&](size_t r) { return d.doubles[r]; });
  if (!dictionary_ && type_ == Type::INT64) {
    if (column_->type == ColumnType::Timestamp)
      return add_plain_run<int64_t>(d, begin, end, [&](size_t r) { return d.ints[r] * 1000; });  // ms -> us
    return add_plain_run<int64_t>(d, begin, end, [&](size_t r) { return d.ints[r]; });
  }
  if (!dictionary_ && type_ == Type::INT32)
    return add_plain_run<int32_t>(d, begin, end, [&](size_t r) { return static_cast<int32_t>(d.ints[r]); });

  // One type dispatch per call, not per value. A value is counted in its page before it is
  // encoded: encoding may flush the page (a dictionary that outgrows its limit), and the
  // flushed page must hold exactly the levels and values it counts. Values go in segments that
  // cannot overfill a page by count, so the count is checked once per segment; PLAIN bytes can
  // fill a page at any value. A segment's levels go in at once: a page flushed inside it takes
  // only the levels of the values it counts and leaves the rest for the next page.
  //
  // `known_id(r)` is the dictionary id + 1 of row r's value when the chunk has already seen it
  // (else 0). Once the dictionary is past its probe, runs of such values take a tight loop:
  // they add no entry and no PLAIN bytes, so nothing in it can flush the page or leave the
  // dictionary. Any other value goes through `put` one at a time.
  auto each = [&](auto&& put, auto&& known_id) {
    const uint8_t* valid = d.valid.data();
    for (size_t r = begin; r < end;) {
      const size_t stop = r + std::min(end - r, size_t{kPageValues - page_values_});
      values_ += static_cast<int64_t>(stop - r);
      if (nullable_) levels_.append(valid + r, stop - r);
      while (r < stop) {
        if (dictionary_ && (used_dictionary_ || indices_.size() >= kDictionaryProbe)) {
          indices_.reserve(indices_.size() + (stop - r));
          size_t k = r;
          for (; k < stop; ++k) {
            if (!valid[k]) {
              ++nulls_;
              continue;
            }
            const uint32_t id = known_id(k);
            if (id == 0) break;
            indices_.push_back(id - 1);
          }
          page_values_ += static_cast<uint32_t>(k - r);
          r = k;
          if (r == stop) break;
        }
        ++page_values_;
        if (valid[r]) put(r);
        else ++nulls_;
        ++r;
        if (plain_.size() - kLevelsRoom >= kPageBytes) flush_page();
      }
      if (page_values_ >= kPageValues) flush_page();
    }
  };
  constexpr auto no_fast_path = [](size_t) -> uint32_t { return 0; };
  switch (column_->type) {
    case ColumnType::String:
      if (!d.keys.empty()) {
        each([&](size_t r) { add_keyed_string(d.keys[r], d.str(r)); },
             [&](size_t r) { return known_int_id(static_cast<int64_t>(d.keys[r])); });
      } else {
        each([&](size_t r) { add_string(d.str(r)); }, no_fast_path);
      }
      break;
    case ColumnType::Enum:
      each([&](size_t r) {
        size_t v = static_cast<size_t>(d.ints[r]);
        if (dictionary_ && enum_ids_[v] >= 0) {  // a value this chunk has seen
          indices_.push_back(static_cast<uint32_t>(enum_ids_[v]));
          return;
        }
        add_string(column_->vocabulary[v]);
        if (dictionary_) enum_ids_[v] = static_cast<int32_t>(indices_.back());
      }, [&](size_t r) { return static_cast<uint32_t>(enum_ids_[static_cast<size_t>(d.ints[r])] + 1); });
      break;
    case ColumnType::Timestamp: each([&](size_t r) { add_int(d.ints[r] * 1000); }, no_fast_path); break;  // ms -> us
    case ColumnType::Bool:
      each([&](size_t r) {  // PLAIN bits, least significant first
        const int64_t v = d.ints[r];
        int_stat(v);
        if (bool_bits_ == 0) put_le<uint8_t>(plain_, 0);
        plain_.data()[plain_.size() - 1] = static_cast<char>(plain_.data()[plain_.size() - 1] | ((v != 0) << bool_bits_));
        bool_bits_ = (bool_bits_ + 1) & 7;
      }, no_fast_path);
      break;
    default:
      each([&](size_t r) { add_int(d.ints[r]); }, [&](size_t r) { return known_int_id(d.ints[r]); });
  }
}

void ColumnChunkWriter::clear_plain() {
  plain_.clear();
  plain_.commit(plain_.reserve(kLevelsRoom) + kLevelsRoom);
}

void ColumnChunkWriter::flush_page() {
  if (page_values_ == 0) return;
  if (dictionary_ && !used_dictionary_ && !indices_.empty() && mostly_distinct()) demote_page_to_plain();
  if (nullable_) {
    levels_buf_.clear();
    write_rle_hybrid(std::span<const uint8_t>(levels_.data(), page_values_), 1, levels_buf_);
  }
  // V1 pages prefix the levels with their length.
  auto put_levels = [&](char* p) {
    const uint32_t n = static_cast<uint32_t>(levels_buf_.size());
    std::memcpy(p, &n, 4);
    if (n) std::memcpy(p + 4, levels_buf_.data(), n);
  };
  const size_t levels_size = nullable_ ? 4 + levels_buf_.size() : 0;
  // A page with no non-null value is PLAIN (and empty), so an all-null chunk has no dictionary.
  const bool dict_page = !indices_.empty();
  std::string_view body;
  if (dict_page) {
    body_.clear();
    if (nullable_) {
      put_levels(body_.reserve(levels_size));
      body_.commit(body_.data() + levels_size);
    }
    uint32_t max_id = dictionary_size();
    int width = bit_width_for(max_id == 0 ? 0 : max_id - 1);
    if (width == 0) width = 1;
    put_le<uint8_t>(body_, static_cast<uint8_t>(width));
    write_rle_hybrid(indices_, width, body_);
    body = body_.view();
  } else {
    if (levels_size > kLevelsRoom) throw std::logic_error("definition levels outgrew their room in column " + std::string(column_->name));
    char* values = plain_.data() + kLevelsRoom;
    if (nullable_) put_levels(values - levels_size);
    body = {values - levels_size, plain_.size() - kLevelsRoom + levels_size};
  }
  write_data_page(static_cast<int32_t>(page_values_), body, dict_page);
  (dict_page ? used_dictionary_ : used_plain_) = true;
  levels_.drop_front(page_values_);  // levels of values not yet counted stay (see add())
  indices_.clear();
  clear_plain();
  page_values_ = 0;
  bool_bits_ = 0;
}

void ColumnChunkWriter::write_data_page(int32_t num_values, std::string_view body, bool dictionary_encoded) {
  const size_t at = pages_.size();
  pages_.commit(pages_.reserve(kHeaderRoom) + kHeaderRoom);
  compressor_->compress_into(body, pages_, page_content());
  const size_t compressed = pages_.size() - at - kHeaderRoom;
  PageHeader h;
  h.type = PageType::DATA_PAGE;
  h.uncompressed_page_size = static_cast<int32_t>(body.size());
  h.compressed_page_size = static_cast<int32_t>(compressed);
  DataPageHeader dp;
  dp.num_values = num_values;
  dp.encoding = dictionary_encoded ? Encoding::RLE_DICTIONARY : Encoding::PLAIN;
  dp.definition_level_encoding = Encoding::RLE;
  dp.repetition_level_encoding = Encoding::RLE;
  h.data_page_header = dp;
  header_buf_.clear();
  write_page_header(h, header_buf_);
  const size_t header = header_buf_.size();
  if (header > kHeaderRoom) throw std::logic_error("a data page header outgrew its room");
  const size_t begin = at + kHeaderRoom - header;
  std::memcpy(pages_.data() + begin, header_buf_.data(), header);
  page_spans_.push_back({begin, header + compressed});
  uncompressed_ += static_cast<int64_t>(header + body.size());
  compressed_ += static_cast<int64_t>(header + compressed);
}

void ColumnChunkWriter::write_dictionary_page(int32_t num_values, std::string_view body, ByteBuffer& dest) {
  compressed_buf_.clear();
  compressor_->compress_into(body, compressed_buf_, page_content());
  PageHeader h;
  h.type = PageType::DICTIONARY_PAGE;
  h.uncompressed_page_size = static_cast<int32_t>(body.size());
  h.compressed_page_size = static_cast<int32_t>(compressed_buf_.size());
  h.dictionary_page_header = DictionaryPageHeader{num_values, Encoding::PLAIN, std::nullopt};
  header_buf_.clear();
  write_page_header(h, header_buf_);
  dest.append(header_buf_.view());
  dest.append(compressed_buf_.view());
  uncompressed_ += static_cast<int64_t>(header_buf_.size() + body.size());
  compressed_ += static_cast<int64_t>(header_buf_.size() + compressed_buf_.size());
}

size_t ColumnChunkWriter::finish_bytes_bound() const {
  // Pages so far, the page in progress (compression can only grow it by a small margin), the dictionary.
  size_t page = plain_.size() + 4 * (levels_.size() + indices_.size()) + 64;
  size_t dict = dict_arena_.size() + 4 * dict_offsets_.size() + 8 * dict_ints_.size();
  return pages_.size() + 2 * (page + dict) + 4096;
}

ColumnMetaData ColumnChunkWriter::finish(ByteBuffer& out) {
  flush_page();
  const int64_t start = static_cast<int64_t>(out.size());
  ColumnMetaData md;
  md.type = type_;
  md.path_in_schema = {std::string(column_->name)};
  md.codec = codec_;
  md.num_values = values_;
  if (used_dictionary_) {
    ByteBuffer dict;
    if (type_ == Type::BYTE_ARRAY) {
      for (uint32_t k = 0; k + 1 < dict_offsets_.size(); ++k) {
        put_byte_array(dict, dict_value(k));
        string_stat(dict_value(k));
      }
    } else {
      for (int64_t v : dict_ints_) {
        int_stat(v);
        if (type_ == Type::INT32) put_le<int32_t>(dict, static_cast<int32_t>(v));
        else put_le<int64_t>(dict, v);
      }
    }
    write_dictionary_page(static_cast<int32_t>(dictionary_size()), dict.view(), out);
    md.dictionary_page_offset = start;
    md.encodings.push_back(Encoding::PLAIN);
    md.encodings.push_back(Encoding::RLE_DICTIONARY);
    if (used_plain_) md.encodings.push_back(Encoding::PLAIN);
  } else {
    md.encodings.push_back(Encoding::PLAIN);
  }
  md.encodings.push_back(Encoding::RLE);  // definition (and absent repetition) levels
  std::sort(md.encodings.begin(), md.encodings.end());
  md.encodings.erase(std::unique(md.encodings.begin(), md.encodings.end()), md.encodings.end());
  md.data_page_offset = static_cast<int64_t>(out.size());
  for (const PageSpan& span : page_spans_) out.append({pages_.data() + span.begin, span.size});
  md.total_uncompressed_size = uncompressed_;
  md.total_compressed_size = compressed_;

  Statistics st;
  st.null_count = nulls_;
  if (has_stats_) {
    switch (type_) {
      case Type::BYTE_ARRAY: st.min_value = min_s_; st.max_value = max_s_; break;
      case Type::INT32: st.min_value = le_bytes<int32_t>(static_cast<int32_t>(min_i_)); st.max_value = le_bytes<int32_t>(static_cast<int32_t>(max_i_)); break;
      case Type::INT64: st.min_value = le_bytes<int64_t>(min_i_); st.max_value = le_bytes<int64_t>(max_i_); break;
      case Type::DOUBLE: st.min_value = le_bytes<double>(min_d_); st.max_value = le_bytes<double>(max_d_); break;
      case Type::BOOLEAN: st.min_value = std::string(1, static_cast<char>(min_i_)); st.max_value = std::string(1, static_cast<char>(max_i_)); break;
      default: break;
    }
    st.is_min_value_exact = true;
    st.is_max_value_exact = true;
  }
  md.statistics = st;
  return md;
}

}  // namespace fraudgen::parquet
