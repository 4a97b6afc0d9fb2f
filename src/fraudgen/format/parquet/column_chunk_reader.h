// Decodes one column chunk of a row group as fraudgen writes it: an optional dictionary page
// (PLAIN), then V1 data pages (PLAIN or RLE_DICTIONARY values, RLE/bit-packed definition levels
// for OPTIONAL columns), each page compressed with the chunk's codec.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/format/parquet/metadata.h"
#include "fraudgen/schema/column_batch.h"

namespace fraudgen::parquet {

class ColumnChunkReader {
 public:
  // Appends the chunk's `rows` values to column `c` of `batch` (Enum columns as text,
  // timestamps in milliseconds). `chunk` holds the chunk's bytes, from its first page.
  // Throws std::runtime_error on data it cannot decode.
  void read(std::string_view chunk, const ColumnMetaData& meta, int64_t rows, ColumnBatch& batch, int c);

 private:
  void read_dictionary(std::string_view page, int32_t count, Type type);
  void read_data_page(std::string_view page, const DataPageHeader& header, Type type, ColumnBatch& batch, int c);

  std::string page_;                        // decompressed page
  std::vector<std::string> dict_strings_;   // BYTE_ARRAY dictionary
  std::vector<int64_t> dict_ints_;          // INT32 / INT64 dictionary
  std::vector<double> dict_doubles_;        // DOUBLE dictionary
  std::vector<uint32_t> levels_, indices_;
};

}  // namespace fraudgen::parquet
