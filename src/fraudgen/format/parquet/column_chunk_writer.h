// Encodes one column of one row group: values stream into pages that are encoded and
// compressed as they fill; strings try a dictionary and fall back to PLAIN when it grows too
// large. finish() yields the chunk's bytes and its metadata (offsets relative to the chunk).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

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
  void add_string(std::string_view s);
  void add_fixed(int64_t v);
  void add_double(double v);
  void note_value();  // after each value: flush a full page
  void string_stat(std::string_view s);
  void add_plain_string(std::string_view s);  // statistics and PLAIN bytes of one value
  std::string_view dict_value(uint32_t id) const {
    return {dict_arena_.data() + dict_offsets_[id], dict_offsets_[id + 1] - dict_offsets_[id]};
  }
  void flush_page();
  void write_page(PageType type, int32_t num_values, std::string_view body, ByteBuffer& dest, bool dictionary_encoded);
  uint32_t dictionary_id(std::string_view s);
  void leave_dictionary();
  bool mostly_distinct() const;
  void demote_page_to_plain();

  const Column* column_;
  Type type_;
  bool nullable_;
  Compressor* compressor_;
  CompressionCodec codec_;

  // Current page.
  std::vector<uint32_t> levels_;   // definition levels (nullable columns)
  std::vector<uint32_t> indices_;  // dictionary ids of the non-null values
  ByteBuffer plain_;               // PLAIN values of the non-null values
  uint32_t page_values_ = 0;       // values including nulls
  uint32_t bool_bits_ = 0;         // BOOLEAN: bits used in the last byte of plain_

  // Scratch reused for every page, so pages allocate nothing once warm.
  ByteBuffer body_, levels_buf_, compressed_buf_, header_buf_;

  // Whole chunk.
  ByteBuffer pages_;               // compressed data pages, headers included
  int64_t values_ = 0, nulls_ = 0, uncompressed_ = 0, compressed_ = 0;
  bool dictionary_ = false;        // values are being dictionary-encoded
  bool used_dictionary_ = false;   // some page is dictionary-encoded
  bool used_plain_ = false;        // some page is PLAIN
  std::string dict_arena_;
  std::vector<uint32_t> dict_offsets_{0};
  std::vector<uint32_t> dict_table_;  // open addressing: id + 1, 0 = empty
  std::vector<int32_t> enum_ids_;     // Enum columns: vocabulary index -> dictionary id

  // Statistics over the non-null values, in the column's sort order.
  bool has_stats_ = false;
  int64_t min_i_ = 0, max_i_ = 0;
  double min_d_ = 0, max_d_ = 0;
  std::string min_s_, max_s_;
};

}  // namespace fraudgen::parquet
