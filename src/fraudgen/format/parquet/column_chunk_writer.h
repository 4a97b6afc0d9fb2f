// Encodes one column of one row group: values stream into pages that are encoded and
// compressed as they fill; strings and integers try a dictionary and fall back to PLAIN when it
// grows too large or the values turn out mostly distinct. finish() yields the chunk's bytes and its metadata (offsets relative to the chunk).
#pragma once
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "fraudgen/core/append_vector.h"
#include "fraudgen/format/format.h"
#include "fraudgen/format/parquet/metadata.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen::parquet {

class ColumnChunkWriter {
 public:
  // `compressor` is shared by all columns of one encoder (one zstd context per worker).
  ColumnChunkWriter(const Column& column, Compression codec, Compressor& compressor);
  void reset();
  void add(const ColumnData& data, size_t begin, size_t end);
  // Appends the chunk (dictionary page, then data pages) to `out`; offsets in the returned
  // metadata are relative to where the chunk starts in `out`.
  ColumnMetaData finish(ByteBuffer& out);
  // An upper bound of what finish() appends, so the caller can reserve once.
  size_t finish_bytes_bound() const;

  static Type physical_type(ColumnType t);

 private:
  Compressor::Content page_content() const {
    return type_ == Type::DOUBLE ? Compressor::Content::ParquetDoublePage : Compressor::Content::ParquetPage;
  }
  void add_string(std::string_view s);
  void add_keyed_string(uint64_t key, std::string_view s);  // dictionary by the simulator's key
  void add_int(int64_t v);    // INT32/INT64: through the dictionary while there is one
  void add_fixed(int64_t v);  // PLAIN
  void add_double_stat(double v) {
    if (v != v) throw std::logic_error("NaN in column " + std::string(column_->name));
    if (!has_stats_) { min_d_ = max_d_ = v; has_stats_ = true; }
    else { min_d_ = std::min(min_d_, v); max_d_ = std::max(max_d_, v); }
  }
  // PLAIN INT32/INT64/DOUBLE values a page at a time, with no per-value dispatch.
  template <typename T, typename Get>
  void add_plain_run(const ColumnData& d, size_t begin, size_t end, Get get);
  void string_stat(std::string_view s);
  void add_plain_string(std::string_view s);  // statistics and PLAIN bytes of one value
  std::string_view dict_value(uint32_t id) const {
    return {dict_arena_.data() + dict_offsets_[id], dict_offsets_[id + 1] - dict_offsets_[id]};
  }
  void flush_page();
  void clear_plain();  // empties the page's PLAIN values, keeping room for its levels in front
  void write_data_page(int32_t num_values, std::string_view body, bool dictionary_encoded);  // into pages_
  void write_dictionary_page(int32_t num_values, std::string_view body, ByteBuffer& dest);
  uint32_t dictionary_id(std::string_view s);
  uint32_t int_dictionary_id(int64_t v);
  // id + 1 of an INT32/INT64 value or a string key already in the dictionary, else 0.
  uint32_t known_int_id(int64_t v) const;
  void push_index(uint32_t id);  // a dictionary id for the page, then the probe and the limits
  bool dictionary_too_large() const;
  uint32_t dictionary_size() const {
    return type_ == Type::BYTE_ARRAY ? static_cast<uint32_t>(dict_offsets_.size() - 1) : static_cast<uint32_t>(dict_ints_.size());
  }
  void int_stat(int64_t v) {
    if (!has_stats_) { min_i_ = max_i_ = v; has_stats_ = true; }
    else { min_i_ = std::min(min_i_, v); max_i_ = std::max(max_i_, v); }
  }
  void leave_dictionary();
  bool mostly_distinct() const;
  void demote_page_to_plain();

  const Column* column_;
  Type type_;
  bool nullable_;
  Compressor* compressor_;
  CompressionCodec codec_;

  // Current page.
  AppendVector<uint8_t> levels_;    // definition levels (nullable columns), as ColumnData::valid
  AppendVector<uint32_t> indices_;  // dictionary ids of the non-null values
  ByteBuffer plain_;               // room for the levels, then PLAIN values of the non-null values
  uint32_t page_values_ = 0;       // values including nulls
  uint32_t bool_bits_ = 0;         // BOOLEAN: bits used in the last byte of plain_

  // Scratch reused for every page, so pages allocate nothing once warm.
  ByteBuffer body_, levels_buf_, compressed_buf_, header_buf_;

  // Whole chunk.
  // Compressed data pages, headers included, with unused room before each header: the pages
  // are the spans.
  ByteBuffer pages_;
  struct PageSpan {
    size_t begin, size;
  };
  std::vector<PageSpan> page_spans_;
  int64_t values_ = 0, nulls_ = 0, uncompressed_ = 0, compressed_ = 0;
  bool dictionary_ = false;        // values are being dictionary-encoded
  bool used_dictionary_ = false;   // some page is dictionary-encoded
  bool used_plain_ = false;        // some page is PLAIN
  std::string dict_arena_;
  std::vector<uint32_t> dict_offsets_{0};
  std::vector<uint32_t> dict_table_;  // open addressing: id + 1, 0 = empty
  std::vector<int32_t> enum_ids_;     // Enum columns: vocabulary index -> dictionary id
  std::vector<int64_t> dict_ints_;    // INT32/INT64 columns: dictionary id -> value; keyed strings: -> key
  // Values in [0, kSmallValues) (counts, codes, small keys) find their id here (id + 1, 0 =
  // none) without hashing; larger ones through dict_table_.
  static constexpr size_t kSmallValues = 1024;
  std::vector<uint32_t> small_ids_;

  // Statistics over the non-null values, in the column's sort order.
  bool has_stats_ = false;
  int64_t min_i_ = 0, max_i_ = 0;
  double min_d_ = 0, max_d_ = 0;
  std::string min_s_, max_s_;
  uint64_t min_key_ = 0, max_key_ = 0;  // prefix_key() of min_s_ and max_s_
};

}  // namespace fraudgen::parquet
