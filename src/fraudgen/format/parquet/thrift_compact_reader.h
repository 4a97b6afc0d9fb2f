// Minimal Thrift compact-protocol reader: what a Parquet footer and page headers hold. Unknown
// fields are skipped, so files with more metadata than fraudgen writes still read.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "fraudgen/format/parquet/thrift_compact.h"

namespace fraudgen::parquet {

// Thrown on truncated or malformed Thrift bytes.
struct ThriftError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CompactReader {
 public:
  explicit CompactReader(std::string_view bytes) : bytes_(bytes) {}

  // Enter a struct value: field ids restart from 0 inside it.
  void struct_begin();
  void struct_end();
  // The next field's id and type; false at the struct's stop byte (which is consumed).
  bool next_field(int16_t& id, CompactType& type);

  // Values; a bool field's value is in its type, so read_bool takes it.
  static bool read_bool(CompactType field_type) { return field_type == CompactType::BoolTrue; }
  int32_t read_i32();
  int64_t read_i64();
  std::string_view read_binary();
  // List header: element type and size.
  uint32_t list_begin(CompactType& elem);
  void skip(CompactType type);

  uint64_t varint();
  uint8_t byte();
  size_t position() const { return pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  int16_t last_id_ = 0;
  std::vector<int16_t> saved_ids_;
};

}  // namespace fraudgen::parquet
