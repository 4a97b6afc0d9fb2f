#include "fraudgen/format/parquet/thrift_compact_reader.h"

namespace fraudgen::parquet {

uint8_t CompactReader::byte() {
  if (pos_ >= bytes_.size()) throw ThriftError("Thrift data ends early");
  return static_cast<uint8_t>(bytes_[pos_++]);
}

uint64_t CompactReader::varint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = byte();
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  throw ThriftError("Thrift varint longer than 10 bytes");
}

void CompactReader::struct_begin() {
  saved_ids_.push_back(last_id_);
  last_id_ = 0;
}

void CompactReader::struct_end() {
  if (saved_ids_.empty()) throw ThriftError("Thrift struct end without a begin");
  last_id_ = saved_ids_.back();
  saved_ids_.pop_back();
}

bool CompactReader::next_field(int16_t& id, CompactType& type) {
  uint8_t b = byte();
  if (b == 0) return false;
  type = static_cast<CompactType>(b & 0x0F);
  int delta = b >> 4;
  if (delta) id = static_cast<int16_t>(last_id_ + delta);
  else id = static_cast<int16_t>(read_i32());  // zigzag i16 in long form
  last_id_ = id;
  return true;
}

int32_t CompactReader::read_i32() {
  uint64_t z = varint();
  return static_cast<int32_t>(static_cast<uint32_t>(z >> 1) ^ -static_cast<uint32_t>(z & 1));
}

int64_t CompactReader::read_i64() {
  uint64_t z = varint();
  return static_cast<int64_t>((z >> 1) ^ -(z & 1));
}

std::string_view CompactReader::read_binary() {
  uint64_t n = varint();
  if (n > bytes_.size() - pos_) throw ThriftError("Thrift binary runs past the end");
  std::string_view out = bytes_.substr(pos_, n);
  pos_ += n;
  return out;
}

uint32_t CompactReader::list_begin(CompactType& elem) {
  uint8_t b = byte();
  elem = static_cast<CompactType>(b & 0x0F);
  uint32_t size = b >> 4;
  if (size == 15) size = static_cast<uint32_t>(varint());
  return size;
}

void CompactReader::skip(CompactType type) {
  switch (type) {
    case CompactType::BoolTrue:
    case CompactType::BoolFalse: return;
    case CompactType::Byte: byte(); return;
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64: varint(); return;
    case CompactType::Double: for (int i = 0; i < 8; ++i) byte(); return;
    case CompactType::Binary: read_binary(); return;
    case CompactType::List:
    case CompactType::Set: {
      CompactType elem;
      uint32_t n = list_begin(elem);
      for (uint32_t i = 0; i < n; ++i) {
        if (elem == CompactType::BoolTrue || elem == CompactType::BoolFalse) byte();  // list bools are one byte each
        else skip(elem);
      }
      return;
    }
    case CompactType::Map: {
      uint64_t n = varint();
      if (n == 0) return;
      uint8_t kv = byte();
      for (uint64_t i = 0; i < n; ++i) {
        skip(static_cast<CompactType>(kv >> 4));
        skip(static_cast<CompactType>(kv & 0x0F));
      }
      return;
    }
    case CompactType::Struct: {
      struct_begin();
      int16_t id;
      CompactType t;
      while (next_field(id, t)) skip(t);
      struct_end();
      return;
    }
    default: throw ThriftError("unknown Thrift type " + std::to_string(static_cast<int>(type)));
  }
}

}  // namespace fraudgen::parquet
