// Thrift compact protocol writer and Parquet metadata serialisation: exact bytes for
// hand-computed cases, and a round trip through an independent compact-protocol reader.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/format/parquet/metadata.h"
#include "fraudgen/format/parquet/thrift_compact.h"

using namespace fraudgen;
using namespace fraudgen::parquet;

namespace {

// "15 02 00" style rendering, so mismatches are readable.
std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string s;
  for (unsigned char c : bytes) {
    if (!s.empty()) s += ' ';
    s += digits[c >> 4];
    s += digits[c & 15];
  }
  return s;
}

std::string hex(const ByteBuffer& b) { return hex(b.view()); }

// ---- An independent compact-protocol reader (test only) -------------------------------------

struct TValue {
  int type = 0;  // compact type id; bools are reported as 1 whatever their value
  int64_t i = 0;
  bool b = false;
  std::string s;
  std::vector<TValue> elems;         // list / set
  std::map<int, TValue> fields;      // struct
  std::vector<int> field_order;      // struct field ids in wire order

  const TValue& at(int id) const {
    auto it = fields.find(id);
    if (it == fields.end()) throw std::runtime_error("no field " + std::to_string(id));
    return it->second;
  }
  bool has(int id) const { return fields.count(id) != 0; }
};

class TReader {
 public:
  explicit TReader(std::string_view in) : in_(in) {}

  TValue read_struct() {
    TValue v;
    v.type = 12;
    int last = 0;
    for (;;) {
      uint8_t h = u8();
      if (h == 0) return v;
      int type = h & 0x0F;
      int delta = h >> 4;
      int id = delta != 0 ? last + delta : static_cast<int>(unzigzag(uleb()));
      last = id;
      if (v.fields.count(id)) throw std::runtime_error("duplicate field " + std::to_string(id));
      TValue f;
      if (type == 1 || type == 2) {
        f.type = 1;
        f.b = type == 1;
      } else {
        f = read_value(type);
      }
      v.fields.emplace(id, std::move(f));
      v.field_order.push_back(id);
    }
  }

  bool at_end() const { return pos_ == in_.size(); }

 private:
  TValue read_value(int type) {
    TValue v;
    v.type = type;
    switch (type) {
      case 1:
      case 2: {  // bool as a list element: one byte
        v.type = 1;
        v.b = u8() == 1;
        break;
      }
      case 3:
        v.i = static_cast<int8_t>(u8());
        break;
      case 4:
      case 5:
      case 6:
        v.i = unzigzag(uleb());
        break;
      case 7:
        for (int k = 0; k < 8; ++k) u8();
        break;
      case 8: {
        uint64_t n = uleb();
        if (n > in_.size() - pos_) throw std::runtime_error("binary past end");
        v.s.assign(in_.substr(pos_, n));
        pos_ += n;
        break;
      }
      case 9:
      case 10: {
        uint8_t h = u8();
        uint64_t n = h >> 4;
        if (n == 15) n = uleb();
        int elem = h & 0x0F;
        for (uint64_t k = 0; k < n; ++k) v.elems.push_back(read_value(elem));
        break;
      }
      case 12:
        v = read_struct();
        break;
      default:
        throw std::runtime_error("unsupported type " + std::to_string(type));
    }
    return v;
  }

  uint8_t u8() {
    if (pos_ >= in_.size()) throw std::runtime_error("read past end");
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint64_t uleb() {
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      uint8_t b = u8();
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    throw std::runtime_error("varint too long");
  }
  static int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

  std::string_view in_;
  size_t pos_ = 0;
};

TValue decode(const ByteBuffer& b) {
  TReader r(b.view());
  TValue v = r.read_struct();
  if (!r.at_end()) throw std::runtime_error("trailing bytes");
  return v;
}

}  // namespace

// ---- Primitive encodings -------------------------------------------------------------------

TEST(ParquetThrift, VarintBoundaries) {
  ByteBuffer b;
  CompactWriter w(b);
  w.varint(0);
  w.varint(127);
  w.varint(128);
  w.varint(300);
  w.varint(16384);
  w.varint(std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(hex(b), "00 7F 80 01 AC 02 80 80 01 FF FF FF FF FF FF FF FF FF 01");
}

TEST(ParquetThrift, ZigZag) {
  EXPECT_EQ(zigzag32(0), 0u);
  EXPECT_EQ(zigzag32(-1), 1u);
  EXPECT_EQ(zigzag32(1), 2u);
  EXPECT_EQ(zigzag32(-2), 3u);
  EXPECT_EQ(zigzag32(std::numeric_limits<int32_t>::max()), 0xFFFFFFFEu);
  EXPECT_EQ(zigzag32(std::numeric_limits<int32_t>::min()), 0xFFFFFFFFu);
  EXPECT_EQ(zigzag64(-1), 1u);
  EXPECT_EQ(zigzag64(std::numeric_limits<int64_t>::max()), 0xFFFFFFFFFFFFFFFEull);
  EXPECT_EQ(zigzag64(std::numeric_limits<int64_t>::min()), 0xFFFFFFFFFFFFFFFFull);
}

TEST(ParquetThrift, StructWithOneI32Field) {
  ByteBuffer b;
  CompactWriter w(b);
  w.struct_begin();
  w.field_i32(1, 1);
  w.struct_end();
  EXPECT_EQ(hex(b), "15 02 00");
}

TEST(ParquetThrift, FieldIdDeltaShortAndLongForm) {
  {  // 1 -> 20: delta 19 needs the long form: type byte, then zigzag varint id (40 = 0x28).
    ByteBuffer b;
    CompactWriter w(b);
    w.struct_begin();
    w.field_i32(1, 1);
    w.field_i32(20, 3);
    w.struct_end();
    EXPECT_EQ(hex(b), "15 02 05 28 06 00");
  }
  {  // delta 15 still fits the nibble; delta 16 does not.
    ByteBuffer b;
    CompactWriter w(b);
    w.struct_begin();
    w.field_i32(15, 0);
    w.field_i32(31, 0);
    w.struct_end();
    EXPECT_EQ(hex(b), "F5 00 05 3E 00 00");
  }
  {  // A decreasing id also uses the long form.
    ByteBuffer b;
    CompactWriter w(b);
    w.struct_begin();
    w.field_i32(5, 1);
    w.field_i32(2, 1);
    w.struct_end();
    EXPECT_EQ(hex(b), "55 02 05 04 02 00");
  }
}

TEST(ParquetThrift, BoolFieldsLiveInTheTypeNibble) {
  ByteBuffer b;
  CompactWriter w(b);
  w.struct_begin();
  w.field_bool(1, true);
  w.field_bool(2, false);
  w.field_bool(3, true);
  w.struct_end();
  EXPECT_EQ(hex(b), "11 12 11 00");
}

TEST(ParquetThrift, NegativeAndWideIntegers) {
  ByteBuffer b;
  CompactWriter w(b);
  w.struct_begin();
  w.field_i32(1, -1);                                      // zigzag 1
  w.field_i32(2, -64);                                     // zigzag 127
  w.field_i32(3, -65);                                     // zigzag 129
  w.field_i32(4, std::numeric_limits<int32_t>::min());     // zigzag 2^32-1
  w.field_i64(5, std::numeric_limits<int64_t>::min());     // zigzag 2^64-1
  w.field_i64(6, 5'000'000'000);                           // zigzag 10^10
  w.field_i16(7, -300);                                    // zigzag 599
  w.field_i8(8, -3);                                       // raw byte
  w.struct_end();
  EXPECT_EQ(hex(b),
            "15 01 "
            "15 7F "
            "15 81 01 "
            "15 FF FF FF FF 0F "
            "16 FF FF FF FF FF FF FF FF FF 01 "
            "16 80 C8 AF A0 25 "
            "14 D7 04 "
            "13 FD "
            "00");
}

TEST(ParquetThrift, Strings) {
  ByteBuffer b;
  CompactWriter w(b);
  w.struct_begin();
  w.field_string(1, "\xC3\xA9\xE2\x82\xAC");  // "é€": 5 UTF-8 bytes, written verbatim
  w.field_string(2, "");
  w.field_binary(3, std::string_view("a\0b", 3));
  w.struct_end();
  EXPECT_EQ(hex(b), "18 05 C3 A9 E2 82 AC 18 00 18 03 61 00 62 00");
}

TEST(ParquetThrift, ListOfThreeI32) {
  ByteBuffer b;
  CompactWriter w(b);
  w.struct_begin();
  w.field_list_begin(1, CompactType::I32, 3);
  w.elem_i32(1);
  w.elem_i32(2);
  w.elem_i32(3);
  w.struct_end();
  EXPECT_EQ(hex(b), "19 35 02 04 06 00");
}

TEST(ParquetThrift, ListHeaderSizeBoundary) {
  ByteBuffer b;
  CompactWriter w(b);
  w.list_begin(CompactType::I32, 14);
  w.list_begin(CompactType::I32, 15);
  w.list_begin(CompactType::Struct, 0);
  w.list_begin(CompactType::I64, 200);
  EXPECT_EQ(hex(b), "E5 F5 0F 0C F6 C8 01");
}

TEST(ParquetThrift, ListOfTwentyStringsUsesLongHeader) {
  ByteBuffer b;
  CompactWriter w(b);
  w.struct_begin();
  w.field_list_begin(1, CompactType::Binary, 20);
  for (int k = 0; k < 20; ++k) w.elem_binary("a");
  w.struct_end();
  std::string expected = "19 F8 14";
  for (int k = 0; k < 20; ++k) expected += " 01 61";
  expected += " 00";
  EXPECT_EQ(hex(b), expected);
}

TEST(ParquetThrift, NestedStructResetsAndRestoresFieldIdDelta) {
  ByteBuffer b;
  CompactWriter w(b);
  w.struct_begin();
  w.field_i32(1, 1);
  w.field_struct_begin(5);  // delta 4, type struct
  w.field_i32(1, 7);        // inner ids restart at 0: delta 1
  w.field_struct_begin(3);  // two levels deep
  w.field_bool(2, true);
  w.struct_end();
  w.struct_end();
  w.field_i32(6, 2);  // back in the outer struct: delta 1 from field 5
  w.field_list_begin(7, CompactType::Struct, 2);
  w.struct_begin();
  w.field_i32(2, 1);  // list elements start from 0 too
  w.struct_end();
  w.struct_begin();
  w.struct_end();
  w.field_i32(8, 0);  // after the list: delta 1 from field 7
  w.struct_end();
  EXPECT_EQ(hex(b),
            "15 02 "
            "4C 15 0E 2C 21 00 00 "
            "15 04 "
            "19 2C 25 02 00 00 "
            "15 00 "
            "00");
}

TEST(ParquetThrift, AppendsToExistingBytes) {
  ByteBuffer b;
  b.append("PAR1");
  PageHeader h;
  h.type = PageType::DICTIONARY_PAGE;
  h.uncompressed_page_size = 4;
  h.compressed_page_size = 4;
  h.dictionary_page_header = DictionaryPageHeader{2, Encoding::PLAIN, true};
  write_page_header(h, b);
  // 15 04: DICTIONARY_PAGE=2; 15 08 15 08: sizes 4; 4C: field 7 struct (delta 4 from 3);
  // 15 04 15 00 11 00: num_values 2, PLAIN, is_sorted true, stop; 00: stop.
  EXPECT_EQ(hex(b), "50 41 52 31 15 04 15 08 15 08 4C 15 04 15 00 11 00 00");
}

// ---- Parquet structs -----------------------------------------------------------------------

TEST(ParquetThrift, DataPageHeaderBytes) {
  PageHeader h;
  h.type = PageType::DATA_PAGE;
  h.uncompressed_page_size = 100;
  h.compressed_page_size = 80;
  h.crc = -2;
  DataPageHeader d;
  d.num_values = 10;
  d.encoding = Encoding::RLE_DICTIONARY;
  d.definition_level_encoding = Encoding::RLE;
  d.repetition_level_encoding = Encoding::BIT_PACKED;
  Statistics s;
  s.null_count = 0;
  s.max_value = std::string("\x09\x00\x00\x00", 4);
  s.min_value = std::string("\x01\x00\x00\x00", 4);
  s.is_max_value_exact = true;
  s.is_min_value_exact = false;
  d.statistics = s;
  h.data_page_header = d;
  ByteBuffer b;
  write_page_header(h, b);
  EXPECT_EQ(hex(b),
            "15 00 "           // 1 type DATA_PAGE
            "15 C8 01 "        // 2 uncompressed 100
            "15 A0 01 "        // 3 compressed 80
            "15 03 "           // 4 crc -2
            "1C "              // 5 data_page_header
            "15 14 "           //   1 num_values 10
            "15 10 "           //   2 RLE_DICTIONARY 8
            "15 06 "           //   3 RLE 3
            "15 08 "           //   4 BIT_PACKED 4
            "1C "              //   5 statistics
            "36 00 "           //     3 null_count 0 (legacy min/max 1, 2 never written)
            "28 04 09 00 00 00 "  //  5 max_value
            "18 04 01 00 00 00 "  //  6 min_value
            "11 12 "           //     7 true, 8 false
            "00 00 00");
}

TEST(ParquetThrift, DataPageHeaderV2Bytes) {
  PageHeader h;
  h.type = PageType::DATA_PAGE_V2;
  h.uncompressed_page_size = 1;
  h.compressed_page_size = 1;
  DataPageHeaderV2 d;
  d.num_values = 3;
  d.num_nulls = 1;
  d.num_rows = 3;
  d.encoding = Encoding::PLAIN;
  d.definition_levels_byte_length = 2;
  d.repetition_levels_byte_length = 0;
  d.is_compressed = false;
  h.data_page_header_v2 = d;
  ByteBuffer b;
  write_page_header(h, b);
  EXPECT_EQ(hex(b), "15 06 15 02 15 02 5C 15 06 15 02 15 06 15 00 15 04 15 00 12 00 00");
}

TEST(ParquetThrift, MinimalFileMetaDataWithTimestampBytes) {
  FileMetaData md;
  md.version = 1;
  SchemaElement root;
  root.name = "r";
  root.num_children = 1;
  SchemaElement t;
  t.type = Type::INT64;
  t.repetition_type = FieldRepetitionType::REQUIRED;
  t.name = "t";
  t.logicalType = TimestampType{true, TimeUnit::MICROS};
  md.schema = {root, t};
  md.num_rows = 0;
  md.column_orders = std::vector<ColumnOrder>{ColumnOrder::TYPE_ORDER};
  ByteBuffer b;
  write_file_metadata(md, b);
  EXPECT_EQ(hex(b),
            "15 02 "                 // 1 version 1
            "19 2C "                 // 2 list<struct>, 2 elements
            "48 01 72 15 02 00 "     //   {4 name "r", 5 num_children 1}
            "15 04 25 00 18 01 74 "  //   {1 INT64, 3 REQUIRED, 4 name "t",
            "6C 8C 11 1C 2C 00 00 00 00 00 "  // 10 LogicalType{8 TIMESTAMP{1 true, 2 TimeUnit{2 MICROS{}}}}}
            "16 00 "                 // 3 num_rows 0
            "19 0C "                 // 4 row_groups: empty list<struct>
            "39 1C 1C 00 00 "        // 7 column_orders: [ColumnOrder{1 TYPE_ORDER{}}]
            "00");
}

TEST(ParquetThrift, LogicalTypeEncodings) {
  auto encode = [](const LogicalType& lt) {
    FileMetaData md;
    SchemaElement e;
    e.name = "";
    e.logicalType = lt;
    md.schema = {e};
    ByteBuffer b;
    write_file_metadata(md, b);
    // Strip FileMetaData framing: "15 02 19 1C 48 00" ... "00 16 00 19 0C 00".
    std::string h = hex(b);
    std::string prefix = "15 02 19 1C 48 00 ";
    std::string suffix = " 00 16 00 19 0C 00";
    EXPECT_EQ(h.substr(0, prefix.size()), prefix);
    EXPECT_EQ(h.substr(h.size() - suffix.size()), suffix);
    return h.substr(prefix.size(), h.size() - prefix.size() - suffix.size());
  };
  EXPECT_EQ(encode(StringType{}), "6C 1C 00 00");
  EXPECT_EQ(encode(DateType{}), "6C 6C 00 00");
  EXPECT_EQ(encode(DecimalType{2, 18}), "6C 5C 15 04 15 24 00 00");
  EXPECT_EQ(encode(TimestampType{false, TimeUnit::MILLIS}), "6C 8C 12 1C 1C 00 00 00 00");
  EXPECT_EQ(encode(TimestampType{true, TimeUnit::NANOS}), "6C 8C 11 1C 3C 00 00 00 00");
  // IntType: union field 10 (delta 10 still fits the nibble); bitWidth is an i8 (type 3).
  EXPECT_EQ(encode(IntType{8, true}), "6C AC 13 08 11 00 00");
  EXPECT_EQ(encode(IntType{32, false}), "6C AC 13 20 12 00 00");
}

TEST(ParquetThrift, FileMetaDataRoundTripsThroughIndependentReader) {
  FileMetaData md;
  md.version = 1;
  md.num_rows = 1000;
  md.created_by = "fraudgen version 0.1.0 (build test)";
  md.key_value_metadata = std::vector<KeyValue>{{"fraudgen.seed", "42"}, {"no.value", std::nullopt}};

  SchemaElement root;
  root.name = "schema";
  root.num_children = 4;
  SchemaElement ts;
  ts.type = Type::INT64;
  ts.repetition_type = FieldRepetitionType::REQUIRED;
  ts.name = "event_time";
  ts.converted_type = ConvertedType::TIMESTAMP_MICROS;
  ts.logicalType = TimestampType{true, TimeUnit::MICROS};
  SchemaElement amount;
  amount.type = Type::INT64;
  amount.repetition_type = FieldRepetitionType::OPTIONAL;
  amount.name = "amount";
  amount.converted_type = ConvertedType::DECIMAL;
  amount.scale = 2;
  amount.precision = 18;
  amount.logicalType = DecimalType{2, 18};
  SchemaElement merchant;
  merchant.type = Type::BYTE_ARRAY;
  merchant.repetition_type = FieldRepetitionType::REQUIRED;
  merchant.name = "merchant_\xC3\xA9";
  merchant.converted_type = ConvertedType::UTF8;
  merchant.logicalType = StringType{};
  SchemaElement age;
  age.type = Type::INT32;
  age.repetition_type = FieldRepetitionType::REQUIRED;
  age.name = "age";
  age.converted_type = ConvertedType::INT_8;
  age.logicalType = IntType{8, true};
  age.field_id = 40;
  md.schema = {root, ts, amount, merchant, age};

  RowGroup rg;
  rg.num_rows = 1000;
  rg.total_byte_size = 6'000'000'000;
  rg.total_compressed_size = 5'000'000'000;
  rg.file_offset = 4;
  rg.ordinal = 0;
  const char* names[] = {"event_time", "amount", "merchant_\xC3\xA9", "age"};
  Type types[] = {Type::INT64, Type::INT64, Type::BYTE_ARRAY, Type::INT32};
  int64_t offset = 4;
  for (int c = 0; c < 4; ++c) {
    ColumnChunk cc;
    cc.file_offset = 0;
    ColumnMetaData m;
    m.type = types[c];
    m.encodings = {Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY};
    m.path_in_schema = {names[c]};
    m.codec = CompressionCodec::ZSTD;
    m.num_values = 1000;
    m.total_uncompressed_size = 3'000'000'000;
    m.total_compressed_size = 2'500'000'000;
    if (c == 2) m.dictionary_page_offset = offset;
    m.data_page_offset = offset + 100;
    Statistics s;
    s.null_count = c == 1 ? 7 : 0;
    s.min_value = "lo";
    s.max_value = "hi";
    m.statistics = s;
    cc.meta_data = m;
    rg.columns.push_back(cc);
    offset += 2'500'000'000;
  }
  md.row_groups = {rg};
  md.column_orders = std::vector<ColumnOrder>(4, ColumnOrder::TYPE_ORDER);

  ByteBuffer b;
  write_file_metadata(md, b);
  TValue f = decode(b);

  EXPECT_EQ(f.field_order, (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(f.at(1).i, 1);
  EXPECT_EQ(f.at(3).i, 1000);
  EXPECT_EQ(f.at(6).s, "fraudgen version 0.1.0 (build test)");

  const auto& schema = f.at(2).elems;
  ASSERT_EQ(schema.size(), 5u);
  std::vector<std::string> got_names;
  for (const TValue& e : schema) got_names.push_back(e.at(4).s);
  EXPECT_EQ(got_names, (std::vector<std::string>{"schema", "event_time", "amount", "merchant_\xC3\xA9", "age"}));
  EXPECT_EQ(schema[0].field_order, (std::vector<int>{4, 5}));  // root: no type, no repetition
  EXPECT_EQ(schema[0].at(5).i, 4);

  // TIMESTAMP(isAdjustedToUTC=true, MICROS)
  const TValue& ts_lt = schema[1].at(10);
  EXPECT_EQ(ts_lt.field_order, (std::vector<int>{8}));
  EXPECT_EQ(schema[1].at(1).i, 2);   // INT64
  EXPECT_EQ(schema[1].at(3).i, 0);   // REQUIRED
  EXPECT_EQ(schema[1].at(6).i, 10);  // TIMESTAMP_MICROS
  EXPECT_EQ(ts_lt.at(8).at(1).type, 1);
  EXPECT_TRUE(ts_lt.at(8).at(1).b);
  EXPECT_EQ(ts_lt.at(8).at(2).field_order, (std::vector<int>{2}));  // MICROS
  EXPECT_TRUE(ts_lt.at(8).at(2).at(2).fields.empty());

  // DECIMAL(18, 2)
  EXPECT_EQ(schema[2].at(3).i, 1);  // OPTIONAL
  EXPECT_EQ(schema[2].at(6).i, 5);  // DECIMAL
  EXPECT_EQ(schema[2].at(7).i, 2);
  EXPECT_EQ(schema[2].at(8).i, 18);
  EXPECT_EQ(schema[2].at(10).at(5).at(1).i, 2);   // scale
  EXPECT_EQ(schema[2].at(10).at(5).at(2).i, 18);  // precision

  EXPECT_EQ(schema[3].at(6).i, 0);  // UTF8
  EXPECT_TRUE(schema[3].at(10).at(1).fields.empty());
  EXPECT_EQ(schema[4].at(9).i, 40);
  EXPECT_EQ(schema[4].at(10).at(10).at(1).type, 3);  // i8
  EXPECT_EQ(schema[4].at(10).at(10).at(1).i, 8);
  EXPECT_TRUE(schema[4].at(10).at(10).at(2).b);

  const auto& groups = f.at(4).elems;
  ASSERT_EQ(groups.size(), 1u);
  const TValue& g = groups[0];
  EXPECT_EQ(g.field_order, (std::vector<int>{1, 2, 3, 5, 6, 7}));
  EXPECT_EQ(g.at(2).i, 6'000'000'000);
  EXPECT_EQ(g.at(3).i, 1000);
  EXPECT_EQ(g.at(5).i, 4);
  EXPECT_EQ(g.at(6).i, 5'000'000'000);
  EXPECT_EQ(g.at(7).type, 4);  // i16
  EXPECT_EQ(g.at(7).i, 0);
  ASSERT_EQ(g.at(1).elems.size(), 4u);
  int64_t expect_offset = 4;
  for (int c = 0; c < 4; ++c) {
    const TValue& cc = g.at(1).elems[c];
    EXPECT_EQ(cc.field_order, (std::vector<int>{2, 3}));
    EXPECT_EQ(cc.at(2).i, 0);
    const TValue& m = cc.at(3);
    EXPECT_EQ(m.at(1).i, static_cast<int>(types[c]));
    ASSERT_EQ(m.at(2).elems.size(), 3u);
    EXPECT_EQ(m.at(2).elems[0].i, 0);
    EXPECT_EQ(m.at(2).elems[1].i, 3);
    EXPECT_EQ(m.at(2).elems[2].i, 8);
    ASSERT_EQ(m.at(3).elems.size(), 1u);
    EXPECT_EQ(m.at(3).elems[0].s, names[c]);
    EXPECT_EQ(m.at(4).i, 6);  // ZSTD
    EXPECT_EQ(m.at(5).i, 1000);
    EXPECT_EQ(m.at(6).i, 3'000'000'000);
    EXPECT_EQ(m.at(7).i, 2'500'000'000);
    EXPECT_EQ(m.at(9).i, expect_offset + 100);
    EXPECT_EQ(m.has(11), c == 2);
    if (c == 2) {
      EXPECT_EQ(m.at(11).i, expect_offset);
    }
    const TValue& s = m.at(12);
    EXPECT_EQ(s.field_order, (std::vector<int>{3, 5, 6}));
    EXPECT_EQ(s.at(3).i, c == 1 ? 7 : 0);
    EXPECT_EQ(s.at(5).s, "hi");
    EXPECT_EQ(s.at(6).s, "lo");
    expect_offset += 2'500'000'000;
  }

  const auto& kvs = f.at(5).elems;
  ASSERT_EQ(kvs.size(), 2u);
  EXPECT_EQ(kvs[0].at(1).s, "fraudgen.seed");
  EXPECT_EQ(kvs[0].at(2).s, "42");
  EXPECT_EQ(kvs[1].at(1).s, "no.value");
  EXPECT_FALSE(kvs[1].has(2));

  const auto& orders = f.at(7).elems;
  ASSERT_EQ(orders.size(), 4u);
  for (const TValue& o : orders) {
    EXPECT_EQ(o.field_order, (std::vector<int>{1}));
    EXPECT_TRUE(o.at(1).fields.empty());
  }
}

TEST(ParquetThrift, PageHeaderRoundTripsThroughIndependentReader) {
  PageHeader h;
  h.type = PageType::DATA_PAGE;
  h.uncompressed_page_size = 1 << 20;
  h.compressed_page_size = 123456;
  DataPageHeader d;
  d.num_values = 20000;
  d.encoding = Encoding::PLAIN;
  h.data_page_header = d;
  ByteBuffer b;
  write_page_header(h, b);
  TValue v = decode(b);
  EXPECT_EQ(v.field_order, (std::vector<int>{1, 2, 3, 5}));
  EXPECT_EQ(v.at(2).i, 1 << 20);
  EXPECT_EQ(v.at(3).i, 123456);
  EXPECT_EQ(v.at(5).field_order, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(v.at(5).at(1).i, 20000);
  EXPECT_EQ(v.at(5).at(3).i, 3);  // RLE default
  EXPECT_EQ(v.at(5).at(4).i, 3);
}
