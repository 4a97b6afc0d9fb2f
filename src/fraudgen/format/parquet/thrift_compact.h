// Minimal Thrift compact-protocol writer: just what Parquet page headers and footers need.
// Output is appended to a ByteBuffer. Structs (including unions, which are structs with one
// field) are bracketed by struct_begin()/struct_end(); struct-valued fields open with
// field_struct_begin(id). Lists have no end marker: write the header, then exactly `size`
// elements (struct elements bracketed by struct_begin()/struct_end()).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "fraudgen/core/byte_buffer.h"

namespace fraudgen::parquet {

// Compact-protocol type ids (field-header low nibble, list element type).
enum class CompactType : uint8_t {
  Stop = 0,
  BoolTrue = 1,
  BoolFalse = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
};

inline uint32_t zigzag32(int32_t v) {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
inline uint64_t zigzag64(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

class CompactWriter {
 public:
  explicit CompactWriter(ByteBuffer& out) : out_(out) {}

  // Open a struct value (top level or list element): field ids restart from 0 inside it.
  void struct_begin();
  // Stop byte, then the enclosing struct's field-id context is restored.
  void struct_end();

  void field_bool(int16_t id, bool v);
  void field_i8(int16_t id, int8_t v);
  void field_i16(int16_t id, int16_t v);
  void field_i32(int16_t id, int32_t v);
  void field_i64(int16_t id, int64_t v);
  void field_binary(int16_t id, std::string_view v);
  void field_string(int16_t id, std::string_view v) { field_binary(id, v); }
  // Field header plus struct_begin(); close with struct_end().
  void field_struct_begin(int16_t id);
  // Field header plus list header; then write `size` elements.
  void field_list_begin(int16_t id, CompactType elem, uint32_t size);

  // List header alone (short form below 15 elements, long form otherwise).
  void list_begin(CompactType elem, uint32_t size);
  void elem_i32(int32_t v) { varint(zigzag32(v)); }
  void elem_i64(int64_t v) { varint(zigzag64(v)); }
  void elem_binary(std::string_view v);

  // Raw building blocks.
  void varint(uint64_t v);  // ULEB128
  void byte(uint8_t b);

 private:
  void field_header(int16_t id, CompactType type);

  ByteBuffer& out_;
  int16_t last_id_ = 0;
  std::vector<int16_t> saved_ids_;
};

}  // namespace fraudgen::parquet
