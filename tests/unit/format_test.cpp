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

// The two rows of sample(), written through add_rows and a RowWriter each.
void fill_sample_rows(ColumnBatch& b) {
  const size_t first = b.add_rows(2);
  RowWriter r = b.row_writer(first);
  r.put_keyed_str(0, 7, "a \"quoted\", line\nbreak\\ \x01 São");
  r.put_int(1, 2);
  r.put_int(2, -150);
  r.put_bool(3, true);
  r.put_double(4, 3.0);
  RowWriter s = b.row_writer(first + 1);
  s.put_null(0);
  s.put_int(1, 0);
  s.put_null(2);
  s.put_bool(3, false);
  s.put_null(4);
}

TEST(ColumnBatch, RowWriterFillsAddedRowsAsAppendsWould) {
  ColumnBatch appended = sample(), written(kSchema);
  written.put_str(0, "row before");  // add_rows starts after the rows already there
  written.put_int(1, 1); written.put_null(2); written.put_bool(3, false); written.put_double(4, -1.0);
  fill_sample_rows(written);
  ASSERT_TRUE(written.consistent());
  ASSERT_EQ(written.rows(), 3u);
  for (int c = 0; c < 5; ++c) {
    const ColumnData &a = appended.column(c), &w = written.column(c);
    for (size_t row = 0; row < 2; ++row) {
      SCOPED_TRACE("column " + std::to_string(c) + " row " + std::to_string(row));
      EXPECT_EQ(a.valid[row], w.valid[row + 1]);
      if (c == 0) EXPECT_EQ(a.str(row), w.str(row + 1));
      else if (c == 4) EXPECT_EQ(a.doubles[row], w.doubles[row + 1]);
      else EXPECT_EQ(a.ints[row], w.ints[row + 1]);
    }
  }
  EXPECT_EQ(written.column(0).str(0), "row before");
  EXPECT_EQ(written.column(0).str(2), "");

  ColumnBatch keyed(kSchema);
  keyed.set_keyed(0);
  fill_sample_rows(keyed);
  ASSERT_TRUE(keyed.consistent());
  ASSERT_EQ(keyed.column(0).keys.size(), 2u);
  EXPECT_EQ(keyed.column(0).keys[0], 7u);
  EXPECT_EQ(keyed.column(0).keys[1], 0u);  // nulls carry key 0
}

TEST(ColumnBatch, AppendRowsCopiesValuesNullsAndKeysOfTheRange) {
  ColumnBatch from(kSchema);
  from.set_keyed(0);
  fill_sample_rows(from);
  fill_sample_rows(from);  // rows 0-3: the sample's two rows twice
  ColumnBatch to(kSchema);
  to.append_rows(from, 1, 3);  // the null row, then the quoted one
  to.append_rows(from, 0, 1);
  ASSERT_TRUE(to.consistent());
  ASSERT_EQ(to.rows(), 3u);
  const size_t source_row[] = {1, 2, 0};
  for (int c = 0; c < 5; ++c)
    for (size_t row = 0; row < 3; ++row) {
      SCOPED_TRACE("column " + std::to_string(c) + " row " + std::to_string(row));
      const ColumnData &a = from.column(c), &b = to.column(c);
      const size_t r = source_row[row];
      EXPECT_EQ(a.valid[r], b.valid[row]);
      if (c == 0) EXPECT_EQ(a.str(r), b.str(row));
      else if (c == 4) EXPECT_EQ(a.doubles[r], b.doubles[row]);
      else EXPECT_EQ(a.ints[r], b.ints[row]);
    }
  ASSERT_EQ(to.column(0).keys.size(), 3u);  // the empty batch took the keyed column
  EXPECT_EQ(to.column(0).keys[0], 0u);
  EXPECT_EQ(to.column(0).keys[1], 7u);
  EXPECT_EQ(to.column(0).str(1), "a \"quoted\", line\nbreak\\ \x01 São");
}

TEST(ColumnBatch, AnAddedRowLeftUnfilledIsInconsistent) {
  ColumnBatch whole(kSchema);
  fill_sample_rows(whole);
  whole.add_rows(1);
  EXPECT_FALSE(whole.consistent());

  ColumnBatch one_column_missed(kSchema);
  fill_sample_rows(one_column_missed);
  RowWriter r = one_column_missed.row_writer(one_column_missed.add_rows(1));
  r.put_null(0); r.put_int(1, 1); r.put_null(2); r.put_bool(3, true);  // column 4 never written
  EXPECT_FALSE(one_column_missed.consistent());
  one_column_missed.row_writer(2).put_double(4, 0.5);
  EXPECT_TRUE(one_column_missed.consistent());
}

// A Parquet page of 8-byte integers (amounts in cents, mostly zero high bytes) and hex text.
std::string page_like_bytes() {
  std::string page;
  uint64_t x = 12345;
  for (int i = 0; i < 16384; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const int64_t cents = static_cast<int64_t>((x >> 40) % 5'000'000);
    page.append(reinterpret_cast<const char*>(&cents), sizeof cents);
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (int k = 0; k < 16; ++k) page.push_back(kHex[(x >> (4 * k)) & 15]);
  }
  return page;
}

std::string zstd_decompress(std::string_view frame, size_t size) {
  std::string out(size, '\0');
  const size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n)) return std::string("error: ") + ZSTD_getErrorName(n);
  out.resize(n);
  return out;
}

TEST(Compressor, ParquetPagesGetTheirOwnZstdParametersAndOtherContentTheLevels) {
  const std::string page = page_like_bytes();
  for (int level : {1, 3, 5, 6}) {
    SCOPED_TRACE("level " + std::to_string(level));
    std::string by_level(ZSTD_compressBound(page.size()), '\0');
    by_level.resize(ZSTD_compress(by_level.data(), by_level.size(), page.data(), page.size(), level));
    Compressor comp(Compression::Zstd, level);
    ByteBuffer tuned, doubles, stream;
    comp.compress_into(page, tuned, Compressor::Content::ParquetPage);
    comp.compress_into(page, doubles, Compressor::Content::ParquetDoublePage);
    comp.compress_into(page, stream);
    EXPECT_EQ(zstd_decompress(tuned.view(), page.size()), page);
    // Doubles and streams are compressed exactly as the level alone would, even right after a
    // tuned page on the same context.
    EXPECT_EQ(doubles.view(), by_level);
    EXPECT_EQ(stream.view(), by_level);
    if (level <= 5) EXPECT_NE(tuned.view(), by_level);  // tuned up to level 5
    else EXPECT_EQ(tuned.view(), by_level);
  }
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
