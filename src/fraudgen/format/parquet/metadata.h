// The subset of the Parquet format's Thrift metadata (parquet.thrift) that a writer needs,
// serialised with the Thrift compact protocol. Field ids and enum values follow parquet.thrift
// exactly. Optional fields are std::optional and are written only when set; required fields
// are always written.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "fraudgen/core/byte_buffer.h"

namespace fraudgen::parquet {

enum class Type : int32_t {
  BOOLEAN = 0,
  INT32 = 1,
  INT64 = 2,
  INT96 = 3,
  FLOAT = 4,
  DOUBLE = 5,
  BYTE_ARRAY = 6,
  FIXED_LEN_BYTE_ARRAY = 7,
};

enum class ConvertedType : int32_t {
  UTF8 = 0,
  MAP = 1,
  MAP_KEY_VALUE = 2,
  LIST = 3,
  ENUM = 4,
  DECIMAL = 5,
  DATE = 6,
  TIME_MILLIS = 7,
  TIME_MICROS = 8,
  TIMESTAMP_MILLIS = 9,
  TIMESTAMP_MICROS = 10,
  UINT_8 = 11,
  UINT_16 = 12,
  UINT_32 = 13,
  UINT_64 = 14,
  INT_8 = 15,
  INT_16 = 16,
  INT_32 = 17,
  INT_64 = 18,
  JSON = 19,
  BSON = 20,
  INTERVAL = 21,
};

enum class FieldRepetitionType : int32_t { REQUIRED = 0, OPTIONAL = 1, REPEATED = 2 };

enum class Encoding : int32_t {
  PLAIN = 0,
  PLAIN_DICTIONARY = 2,
  RLE = 3,
  BIT_PACKED = 4,
  DELTA_BINARY_PACKED = 5,
  DELTA_LENGTH_BYTE_ARRAY = 6,
  DELTA_BYTE_ARRAY = 7,
  RLE_DICTIONARY = 8,
  BYTE_STREAM_SPLIT = 9,
};

enum class CompressionCodec : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  LZO = 3,
  BROTLI = 4,
  LZ4 = 5,
  ZSTD = 6,
  LZ4_RAW = 7,
};

enum class PageType : int32_t { DATA_PAGE = 0, INDEX_PAGE = 1, DICTIONARY_PAGE = 2, DATA_PAGE_V2 = 3 };

// Logical types (union LogicalType). The variant alternative selects the union field.
enum class TimeUnit { MILLIS, MICROS, NANOS };  // union TimeUnit fields 1, 2, 3
struct StringType {};                           // LogicalType field 1
struct DecimalType {                            // LogicalType field 5
  int32_t scale = 0;                            // 1
  int32_t precision = 0;                        // 2
};
struct DateType {};     // LogicalType field 6
struct TimestampType {  // LogicalType field 8
  bool isAdjustedToUTC = true;         // 1
  TimeUnit unit = TimeUnit::MICROS;  // 2
};
struct IntType {  // LogicalType field 10
  int8_t bitWidth = 64;  // 1 (i8)
  bool isSigned = true;  // 2
};
using LogicalType = std::variant<StringType, DecimalType, DateType, TimestampType, IntType>;

struct SchemaElement {
  std::optional<Type> type;                            // 1
  std::optional<int32_t> type_length;                  // 2
  std::optional<FieldRepetitionType> repetition_type;  // 3
  std::string name;                                    // 4
  std::optional<int32_t> num_children;                 // 5
  std::optional<ConvertedType> converted_type;         // 6
  std::optional<int32_t> scale;                        // 7
  std::optional<int32_t> precision;                    // 8
  std::optional<int32_t> field_id;                     // 9
  std::optional<LogicalType> logicalType;              // 10
};

// Legacy min/max (fields 1, 2) are deliberately not represented.
struct Statistics {
  std::optional<int64_t> null_count;        // 3
  std::optional<int64_t> distinct_count;    // 4
  std::optional<std::string> max_value;     // 5 (PLAIN bytes, no length prefix)
  std::optional<std::string> min_value;     // 6
  std::optional<bool> is_max_value_exact;   // 7
  std::optional<bool> is_min_value_exact;   // 8
};

struct DataPageHeader {
  int32_t num_values = 0;                                 // 1
  Encoding encoding = Encoding::PLAIN;                    // 2
  Encoding definition_level_encoding = Encoding::RLE;     // 3
  Encoding repetition_level_encoding = Encoding::RLE;     // 4
  std::optional<Statistics> statistics;                   // 5
};

struct DictionaryPageHeader {
  int32_t num_values = 0;               // 1
  Encoding encoding = Encoding::PLAIN;  // 2
  std::optional<bool> is_sorted;        // 3
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;                     // 1
  int32_t num_nulls = 0;                      // 2
  int32_t num_rows = 0;                       // 3
  Encoding encoding = Encoding::PLAIN;        // 4
  int32_t definition_levels_byte_length = 0;  // 5
  int32_t repetition_levels_byte_length = 0;  // 6
  std::optional<bool> is_compressed;          // 7 (absent means true)
  std::optional<Statistics> statistics;       // 8
};

// index_page_header (field 6) is never written.
struct PageHeader {
  PageType type = PageType::DATA_PAGE;                         // 1
  int32_t uncompressed_page_size = 0;                          // 2
  int32_t compressed_page_size = 0;                            // 3
  std::optional<int32_t> crc;                                  // 4
  std::optional<DataPageHeader> data_page_header;              // 5
  std::optional<DictionaryPageHeader> dictionary_page_header;  // 7
  std::optional<DataPageHeaderV2> data_page_header_v2;         // 8
};

struct KeyValue {
  std::string key;                   // 1
  std::optional<std::string> value;  // 2
};

// encoding_stats (13) and later fields are never written.
struct ColumnMetaData {
  Type type = Type::BOOLEAN;                                    // 1
  std::vector<Encoding> encodings;                              // 2
  std::vector<std::string> path_in_schema;                      // 3
  CompressionCodec codec = CompressionCodec::UNCOMPRESSED;      // 4
  int64_t num_values = 0;                                       // 5
  int64_t total_uncompressed_size = 0;                          // 6
  int64_t total_compressed_size = 0;                            // 7
  std::optional<std::vector<KeyValue>> key_value_metadata;      // 8
  int64_t data_page_offset = 0;                                 // 9
  std::optional<int64_t> index_page_offset;                     // 10
  std::optional<int64_t> dictionary_page_offset;                // 11
  std::optional<Statistics> statistics;                         // 12
};

struct ColumnChunk {
  std::optional<std::string> file_path;     // 1
  int64_t file_offset = 0;                  // 2 (deprecated; writers should write 0)
  std::optional<ColumnMetaData> meta_data;  // 3 (optional in Thrift, but readers require it)
};

// sorting_columns (4) is never written.
struct RowGroup {
  std::vector<ColumnChunk> columns;              // 1
  int64_t total_byte_size = 0;                   // 2
  int64_t num_rows = 0;                          // 3
  std::optional<int64_t> file_offset;            // 5
  std::optional<int64_t> total_compressed_size;  // 6
  std::optional<int16_t> ordinal;                // 7 (i16)
};

// union ColumnOrder; the value is the union field id.
enum class ColumnOrder : int16_t { TYPE_ORDER = 1 };

struct FileMetaData {
  int32_t version = 1;                                      // 1
  std::vector<SchemaElement> schema;                        // 2
  int64_t num_rows = 0;                                     // 3
  std::vector<RowGroup> row_groups;                         // 4
  std::optional<std::vector<KeyValue>> key_value_metadata;  // 5
  std::optional<std::string> created_by;                    // 6
  std::optional<std::vector<ColumnOrder>> column_orders;    // 7
};

// Append the compact-protocol encoding of the struct to `out`.
void write_file_metadata(const FileMetaData& md, ByteBuffer& out);
void write_page_header(const PageHeader& header, ByteBuffer& out);

}  // namespace fraudgen::parquet
