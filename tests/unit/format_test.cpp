#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "fraudgen/format/format.h"
#include "fraudgen/schema/column_batch.h"
#include "fraudgen/schema/vocabulary.h"

using namespace fraudgen;

namespace {

constexpr Column kCols[] = {
    {"s", ColumnType::String, true, "", ""},
    {"e", ColumnType::Enum, false, "", "", vocab::kChannel},
    {"m", ColumnType::Decimal2, true, "", ""},
    {"b", ColumnType::Bool, false, "", ""},
    {"d", ColumnType::Double, true, "", ""},
};
constexpr TableSchema kSchema{"t", "", kCols};

ColumnBatch sample() {
  ColumnBatch b(kSchema);
  b.put_str(0, "a \"quoted\", line\nbreak\\ \x01 São");
  b.put_int(1, 2);
  b.put_int(2, -150);
  b.put_bool(3, true);
  b.put_double(4, 3.0);
  b.put_null(0);
  b.put_int(1, 0);
  b.put_null(2);
  b.put_bool(3, false);
  b.put_null(4);
  return b;
}

std::string encode(Format f) {
  EncoderOptions o;
  o.format = f;
  auto enc = make_encoder(o);
  ByteBuffer out;
  enc->file_header(kSchema, out);
  ColumnBatch batch = sample();
  enc->begin_chunk(kSchema);
  enc->add_rows(batch, 0, 1);
  enc->add_rows(batch, 1, 2);
  enc->end_chunk(out);
  return std::string(out.view());
}

}  // namespace

TEST(Jsonl, EscapesAndWritesExplicitNulls) {
  EXPECT_EQ(encode(Format::Jsonl),
            "{\"s\":\"a \\\"quoted\\\", line\\nbreak\\\\ \\u0001 São\",\"e\":\"ATM\",\"m\":-1.50,\"b\":true,\"d\":3.0}\n"
            "{\"s\":null,\"e\":\"MOBILE_APP\",\"m\":null,\"b\":false,\"d\":null}\n");
}

TEST(Csv, QuotesWhenNeededAndLeavesNullsEmpty) {
  EXPECT_EQ(encode(Format::Csv),
            "s,e,m,b,d\n"
            "\"a \"\"quoted\"\", line\nbreak\\ \x01 São\",ATM,-1.50,true,3.0\n"
            ",MOBILE_APP,,false,\n");
}

TEST(ColumnBatch, DetectsMissingValuesAndNullsInRequiredColumns) {
  ColumnBatch b = sample();
  EXPECT_TRUE(b.consistent());
  b.put_int(1, 1);
  EXPECT_FALSE(b.consistent());
  ColumnBatch c(kSchema);
  c.put_null(0); c.put_null(1); c.put_null(2); c.put_bool(3, true); c.put_null(4);
  EXPECT_FALSE(c.consistent());  // e is not nullable
}

TEST(Compressor, ConcatenatedFramesDecompressToConcatenatedInput) {
  std::string a(100000, 'x'), b = "second block with different content\n";
  for (size_t i = 0; i < a.size(); i += 7) a[i] = static_cast<char>('a' + i % 26);
  for (Compression codec : {Compression::Zstd, Compression::Gzip}) {
    Compressor comp(codec, codec == Compression::Zstd ? 3 : 6);
    ByteBuffer x, y;
    comp.compress_into(a, x);
    comp.compress_into(b, y);
    std::string stream = std::string(x.view()) + std::string(y.view());
    EXPECT_LT(x.size(), a.size() / 2);
    std::string plain(a.size() + b.size() + 100, '\0');
    size_t got = 0;
    if (codec == Compression::Zstd) {
      ZSTD_DStream* ds = ZSTD_createDStream();
      ZSTD_inBuffer in{stream.data(), stream.size(), 0};
      ZSTD_outBuffer out{plain.data(), plain.size(), 0};
      while (in.pos < in.size) ASSERT_FALSE(ZSTD_isError(ZSTD_decompressStream(ds, &out, &in)));
      got = out.pos;
      ZSTD_freeDStream(ds);
    } else {
      // zlib reads one gzip member at a time; continue after each member ends.
      size_t pos = 0;
      while (pos < stream.size()) {
        z_stream z{};
        ASSERT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
        z.next_in = reinterpret_cast<Bytef*>(stream.data() + pos);
        z.avail_in = static_cast<uInt>(stream.size() - pos);
        z.next_out = reinterpret_cast<Bytef*>(plain.data() + got);
        z.avail_out = static_cast<uInt>(plain.size() - got);
        ASSERT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
        pos += z.total_in;
        got += z.total_out;
        inflateEnd(&z);
      }
    }
    EXPECT_EQ(plain.substr(0, got), a + b) << compression_name(codec);
  }
}

// A keyed String column (its strings named by integers the simulator has) must encode to the
// same Parquet bytes as the same strings dictionary-encoded by hashing: low cardinality with
// nulls (dictionary), and mostly distinct values (demoted to PLAIN).
TEST(Parquet, KeyedStringsEncodeLikeHashedStrings) {
  static constexpr Column cols[] = {{"k", ColumnType::String, true, "", ""}};
  static constexpr TableSchema schema{"k", "", cols};
  auto encode_rows = [&](bool keyed, uint64_t distinct) {
    ColumnBatch b(schema);
    if (keyed) b.set_keyed(0);
    for (uint64_t r = 0; r < 5000; ++r) {
      if (r % 7 == 3) {
        b.put_null(0);
        continue;
      }
      uint64_t key = (r * 2654435761u) % distinct;
      b.put_keyed_str(0, key, "value-" + std::to_string(key * 31));
    }
    EXPECT_TRUE(b.consistent());
    EncoderOptions o;
    o.format = Format::Parquet;
    o.compression = Compression::None;
    auto enc = make_encoder(o);
    ByteBuffer out;
    enc->begin_chunk(schema);
    enc->add_rows(b, 0, 2000);
    enc->add_rows(b, 2000, b.rows());
    enc->end_chunk(out);
    return std::string(out.view());
  };
  for (uint64_t distinct : {3, 40, 4000}) {
    std::string hashed = encode_rows(false, distinct), keyed = encode_rows(true, distinct);
    EXPECT_GT(hashed.size(), 100u);
    EXPECT_EQ(keyed, hashed) << distinct << " distinct values";
  }
}

// A page can fill in the middle of one add_rows() call: long PLAIN strings reach the page's byte
// limit, and a dictionary outgrows its 65536 entries. The levels of the rest of the call must
// move to the next page. Row-by-row calls never leave levels behind, so both must give the
// same bytes, whether the batch comes in one call or one row at a time.
TEST(Parquet, PagesFilledInsideOneCallEncodeLikeRowByRow) {
  static constexpr Column cols[] = {
      {"long_text", ColumnType::String, true, "", ""},
      {"growing_text", ColumnType::String, true, "", ""},
      {"growing_int", ColumnType::Int64, true, "", ""},
      {"flag", ColumnType::Bool, true, "", ""},
  };
  static constexpr TableSchema schema{"t", "", cols};
  ColumnBatch b(schema);
  const std::string filler(100, 'x');
  for (uint64_t r = 0; r < 90000; ++r) {
    if (r % 5 == 2) {
      for (int c = 0; c < 4; ++c) b.put_null(c);
      continue;
    }
    std::string text = std::to_string(r * 7919);
    text.append(filler);
    b.put_str(0, text);  // distinct: PLAIN, about 10,000 per 1 MiB page
    const uint64_t key = r < 2000 ? r % 10 : r;  // a dictionary at first, then too many entries
    b.put_str(1, std::to_string(key * 31 + 7));
    b.put_int(2, static_cast<int64_t>(key) * 1000003);
    b.put_bool(3, r % 3 == 0);
  }
  ASSERT_TRUE(b.consistent());
  auto encode_rows = [&](size_t step) {
    EncoderOptions o;
    o.format = Format::Parquet;
    o.compression = Compression::None;
    auto enc = make_encoder(o);
    ByteBuffer out;
    enc->begin_chunk(schema);
    for (size_t r = 0; r < b.rows(); r += step) enc->add_rows(b, r, std::min(b.rows(), r + step));
    enc->end_chunk(out);
    return std::string(out.view());
  };
  const std::string whole = encode_rows(b.rows()), row_by_row = encode_rows(1);
  EXPECT_GT(whole.size(), 9'000'000u);
  EXPECT_TRUE(whole == row_by_row);  // not EXPECT_EQ: a mismatch would print 9 MB
  EXPECT_TRUE(encode_rows(7777) == row_by_row);
}
