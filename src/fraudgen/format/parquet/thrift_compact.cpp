#include "fraudgen/format/parquet/thrift_compact.h"

namespace fraudgen::parquet {

void CompactWriter::varint(uint64_t v) {
  char* p = out_.reserve(10);
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  out_.commit(p);
}

void CompactWriter::byte(uint8_t b) {
  char* p = out_.reserve(1);
  *p++ = static_cast<char>(b);
  out_.commit(p);
}

void CompactWriter::field_header(int16_t id, CompactType type) {
  int delta = static_cast<int>(id) - static_cast<int>(last_id_);
  if (delta > 0 && delta <= 15) {
    byte(static_cast<uint8_t>((delta << 4) | static_cast<int>(type)));
  } else {
    byte(static_cast<uint8_t>(type));
    varint(zigzag32(id));
  }
  last_id_ = id;
}

void CompactWriter::struct_begin() {
  saved_ids_.push_back(last_id_);
  last_id_ = 0;
}

void CompactWriter::struct_end() {
  byte(static_cast<uint8_t>(CompactType::Stop));
  if (saved_ids_.empty()) {
    last_id_ = 0;
    return;
  }
  last_id_ = saved_ids_.back();
  saved_ids_.pop_back();
}

void CompactWriter::field_bool(int16_t id, bool v) {
  field_header(id, v ? CompactType::BoolTrue : CompactType::BoolFalse);
}

void CompactWriter::field_i8(int16_t id, int8_t v) {
  field_header(id, CompactType::Byte);
  byte(static_cast<uint8_t>(v));
}

void CompactWriter::field_i16(int16_t id, int16_t v) {
  field_header(id, CompactType::I16);
  varint(zigzag32(v));
}

void CompactWriter::field_i32(int16_t id, int32_t v) {
  field_header(id, CompactType::I32);
  varint(zigzag32(v));
}

void CompactWriter::field_i64(int16_t id, int64_t v) {
  field_header(id, CompactType::I64);
  varint(zigzag64(v));
}

void CompactWriter::field_binary(int16_t id, std::string_view v) {
  field_header(id, CompactType::Binary);
  elem_binary(v);
}

void CompactWriter::field_struct_begin(int16_t id) {
  field_header(id, CompactType::Struct);
  struct_begin();
}

void CompactWriter::field_list_begin(int16_t id, CompactType elem, uint32_t size) {
  field_header(id, CompactType::List);
  list_begin(elem, size);
}

void CompactWriter::list_begin(CompactType elem, uint32_t size) {
  if (size < 15) {
    byte(static_cast<uint8_t>((size << 4) | static_cast<uint32_t>(elem)));
  } else {
    byte(static_cast<uint8_t>(0xF0 | static_cast<uint32_t>(elem)));
    varint(size);
  }
}

void CompactWriter::elem_binary(std::string_view v) {
  varint(v.size());
  if (!v.empty()) out_.append(v);
}

}  // namespace fraudgen::parquet
