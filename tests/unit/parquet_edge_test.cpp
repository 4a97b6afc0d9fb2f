// Writes Parquet edge cases with the real encoder: an empty table, one row, an all-null column,
// non-ASCII text, a string longer than a page, a dictionary that overflows into PLAIN, several
// row groups. Each case also gets NAME.expected.json with the values, normalised (int64 and
// micros as strings, money as "12.34", dates ISO). The end-to-end suite (tests/e2e/parquet_edge
// .test.mjs) runs this test with FRAUDGEN_PARQUET_EDGE_DIR set and checks that DuckDB, hyparquet
// and parquet-wasm read exactly those values. Without the variable the files go to a temporary
// folder and only their framing is checked here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/format/format.h"
#include "fraudgen/schema/vocabulary.h"

using namespace fraudgen;
namespace fs = std::filesystem;

namespace {

constexpr Column kEdgeCols[] = {
    {"id", ColumnType::Int64, false, "", ""},
    {"name", ColumnType::String, true, "", ""},
    {"flag", ColumnType::Bool, true, "", ""},
    {"amount", ColumnType::Decimal2, true, "", ""},
    {"day", ColumnType::Date, true, "", ""},
    {"ts", ColumnType::Timestamp, true, "", ""},
    {"x", ColumnType::Double, true, "", ""},
    {"kind", ColumnType::Enum, true, "", "", vocab::kChannel},
    {"always_null", ColumnType::String, true, "", ""},
    {"small", ColumnType::Int32, false, "", ""},
};
constexpr TableSchema kEdgeSchema{"edge", "", kEdgeCols};

// Row r of a case: deterministic values with nulls sprinkled by position.
struct Row {
  int64_t id;
  std::optional<std::string> name;
  std::optional<bool> flag;
  std::optional<int64_t> cents, day, ms;
  std::optional<double> x;
  std::optional<int> kind;
  int32_t small;
};

void put(ColumnBatch& b, const Row& r) {
  b.put_int(0, r.id);
  r.name ? b.put_str(1, *r.name) : b.put_null(1);
  r.flag ? b.put_bool(2, *r.flag) : b.put_null(2);
  r.cents ? b.put_int(3, *r.cents) : b.put_null(3);
  r.day ? b.put_int(4, *r.day) : b.put_null(4);
  r.ms ? b.put_int(5, *r.ms) : b.put_null(5);
  r.x ? b.put_double(6, *r.x) : b.put_null(6);
  r.kind ? b.put_int(7, *r.kind) : b.put_null(7);
  b.put_null(8);
  b.put_int(9, r.small);
}

nlohmann::json expected(const Row& r) {
  using nlohmann::json;
  auto opt = [](const auto& o, auto f) { return o ? json(f(*o)) : json(nullptr); };
  return {std::to_string(r.id),
          opt(r.name, [](const std::string& s) { return s; }),
          opt(r.flag, [](bool v) { return v; }),
          opt(r.cents, [](int64_t c) { char b[32]; std::snprintf(b, sizeof b, "%s%lld.%02lld", c < 0 ? "-" : "", std::llabs(c) / 100, std::llabs(c) % 100); return std::string(b); }),
          opt(r.day, [](int64_t d) { return format_date(d); }),
          opt(r.ms, [](int64_t ms) { return std::to_string(ms * 1000); }),
          opt(r.x, [](double v) { return v; }),
          opt(r.kind, [](int k) { return std::string(vocab::kChannel[static_cast<size_t>(k)]); }),
          nullptr,
          r.small};
}

Row row(int64_t i, std::string name) {
  Row r{};
  r.id = i * 1'000'003 - 5;  // -5 for the first row: a negative INT64
  r.name = std::move(name);
  if (i % 7 == 3) r.name.reset();
  if (i % 5 != 1) r.flag = (i % 3 == 0);
  if (i % 11 != 2) r.cents = (i % 2 ? -1 : 1) * (i * 137 % 100000);
  if (i % 13 != 4) r.day = 19000 + i % 3000;
  if (i % 17 != 5) r.ms = 1'700'000'000'000LL + i * 61'001;
  if (i % 19 != 6) r.x = (i % 2 ? -1.0 : 1.0) * static_cast<double>(i) / 7.0;
  if (i % 23 != 7) r.kind = static_cast<int>(i % 5);
  r.small = static_cast<int32_t>(i % 1000) - 500;
  return r;
}

// Writes `chunks` (each a list of rows) as one file; returns its bytes.
std::string write_case(const fs::path& dir, const std::string& name, const std::vector<std::vector<Row>>& chunks,
                       Compression codec) {
  EncoderOptions o;
  o.format = Format::Parquet;
  o.compression = codec;
  o.level = codec == Compression::Zstd ? 3 : codec == Compression::Gzip ? 6 : 0;
  o.created_by = "fraudgen version test (build edge)";
  o.metadata = {{"fraudgen.case", name}};
  auto enc = make_encoder(o);
  ByteBuffer file;
  enc->file_header(kEdgeSchema, file);
  std::vector<std::unique_ptr<ChunkFooterInfo>> infos;
  std::vector<uint64_t> offsets;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& chunk : chunks) {
    ColumnBatch batch(kEdgeSchema);
    for (const Row& r : chunk) {
      put(batch, r);
      rows.push_back(expected(r));
    }
    offsets.push_back(file.size());
    enc->begin_chunk(kEdgeSchema);
    // Feed in two slices, as the executor does when a row group spans blocks.
    size_t half = batch.rows() / 2;
    enc->add_rows(batch, 0, half);
    enc->add_rows(batch, half, batch.rows());
    infos.push_back(enc->end_chunk(file));
  }
  std::vector<const ChunkFooterInfo*> raw;
  for (const auto& i : infos) raw.push_back(i.get());
  enc->file_footer(kEdgeSchema, raw, offsets, file);
  std::ofstream(dir / (name + ".parquet"), std::ios::binary).write(file.data(), static_cast<std::streamsize>(file.size()));
  nlohmann::json cols = nlohmann::json::array();
  for (const Column& c : kEdgeSchema.columns) cols.push_back(c.name);
  std::ofstream(dir / (name + ".expected.json")) << nlohmann::json{{"columns", cols}, {"rows", rows}}.dump();
  return std::string(file.view());
}

}  // namespace

TEST(ParquetEdge, WritesEdgeCaseFiles) {
  const char* env = std::getenv("FRAUDGEN_PARQUET_EDGE_DIR");
  fs::path dir = env ? fs::path(env) : fs::temp_directory_path() / "fraudgen-parquet-edge";
  fs::create_directories(dir);

  std::vector<Row> normal;
  for (int i = 0; i < 300; ++i) normal.push_back(row(i, "nome " + std::to_string(i % 40)));
  Row accents = row(1, "José Conceição Ñandú 😀 \"quoted\", comma");
  accents.name = "José Conceição Ñandú 😀 \"quoted\", comma";
  std::vector<Row> long_string = {row(0, "short"), row(1, std::string(3 << 20, 'L') + "ã"), row(2, "after")};
  std::vector<Row> overflow;  // 20,000 distinct ~70-byte names, each three times in a row: > 1 MiB of dictionary
  const std::string pad(48, 'p');
  for (int i = 0; i < 60'000; ++i) overflow.push_back(row(i, "merchant-" + pad + "-" + std::to_string(i / 3)));
  std::vector<Row> unique;    // mostly distinct from the start: PLAIN without a dictionary
  for (int i = 0; i < 5000; ++i) unique.push_back(row(i, "TXN_" + std::to_string(i * 7919)));

  struct Case { std::string name; std::vector<std::vector<Row>> chunks; Compression codec; };
  std::vector<Case> cases = {
      {"empty", {}, Compression::Zstd},
      {"one_row_non_ascii", {{accents}}, Compression::Zstd},
      {"three_row_groups", {normal, {normal.begin(), normal.begin() + 10}, normal}, Compression::Zstd},
      {"long_string_snappy", {long_string}, Compression::Snappy},
      {"dictionary_overflow_gzip", {overflow}, Compression::Gzip},
      {"unique_strings_none", {unique}, Compression::None},
  };
  for (const Case& c : cases) {
    std::string bytes = write_case(dir, c.name, c.chunks, c.codec);
    ASSERT_GE(bytes.size(), 12u) << c.name;
    EXPECT_EQ(bytes.substr(0, 4), "PAR1") << c.name;
    EXPECT_EQ(bytes.substr(bytes.size() - 4), "PAR1") << c.name;
    uint32_t footer = 0;
    std::memcpy(&footer, bytes.data() + bytes.size() - 8, 4);
    EXPECT_LT(footer + 8u, bytes.size()) << c.name;
  }
}
