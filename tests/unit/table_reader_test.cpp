// The readers behind `fraudgen validate`: files written by the project's own encoders (Parquet
// with every codec, JSONL and CSV with every codec) read back equal to the source batches.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "fraudgen/format/format.h"
#include "fraudgen/format/parquet/rle_hybrid.h"
#include "fraudgen/format/parquet/rle_hybrid_reader.h"
#include "fraudgen/format/read/table_reader.h"
#include "fraudgen/rides/ride_blocks.h"
#include "fraudgen/sim/block_simulator.h"
#include "fraudgen/sim/sim_context.h"
#include "shared_reference.h"

using namespace fraudgen;

namespace {

using fraudgen::test_support::ref;

// Writes `batch` as one file of `format`: rows split over two chunks (Parquet: two row groups).
std::string write_file(const ColumnBatch& batch, Format format, Compression codec, const std::string& name) {
  EncoderOptions o;
  o.format = format;
  o.compression = codec;
  o.level = codec == Compression::Gzip ? 6 : codec == Compression::Zstd ? 1 : 0;
  o.created_by = "fraudgen test";
  auto enc = make_encoder(o);
  ByteBuffer out;
  enc->file_header(batch.schema(), out);
  std::vector<std::unique_ptr<ChunkFooterInfo>> infos;
  std::vector<uint64_t> offsets;
  const size_t half = batch.rows() / 2;
  for (auto [begin, end] : {std::pair{size_t{0}, half}, std::pair{half, batch.rows()}}) {
    offsets.push_back(out.size());
    enc->begin_chunk(batch.schema());
    enc->add_rows(batch, begin, end);
    infos.push_back(enc->end_chunk(out));
  }
  std::vector<const ChunkFooterInfo*> raw;
  for (auto& i : infos) raw.push_back(i.get());
  enc->file_footer(batch.schema(), raw, offsets, out);
  // One name per process: ctest runs this file's tests at the same time.
  const std::string path =
      (std::filesystem::temp_directory_path() / ("fraudgen_reader_" + std::to_string(::getpid()) + "_" + name)).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(out.data(), 1, out.size(), f);
  std::fclose(f);
  return path;
}

// Every value of `read` equals the source's (enums read back as their text).
void expect_same(const ColumnBatch& source, const ColumnBatch& read, const std::string& what) {
  ASSERT_EQ(read.rows(), source.rows()) << what;
  const TableSchema& schema = source.schema();
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const Column& col = schema.columns[c];
    const ColumnData& s = source.column(static_cast<int>(c));
    const ColumnData& r = read.column(static_cast<int>(c));
    for (size_t row = 0; row < source.rows(); ++row) {
      ASSERT_EQ(r.valid[row], s.valid[row]) << what << " " << col.name << " row " << row;
      if (!s.valid[row]) continue;
      switch (col.type) {
        case ColumnType::String: ASSERT_EQ(r.str(row), s.str(row)) << what << " " << col.name << " row " << row; break;
        case ColumnType::Enum: ASSERT_EQ(r.str(row), col.vocabulary[static_cast<size_t>(s.ints[row])]) << what << " " << col.name; break;
        case ColumnType::Double: ASSERT_EQ(r.doubles[row], s.doubles[row]) << what << " " << col.name << " row " << row; break;
        default: ASSERT_EQ(r.ints[row], s.ints[row]) << what << " " << col.name << " row " << row;
      }
    }
  }
}

}  // namespace

TEST(RleHybridReader, DecodesWhatTheWriterEncodes) {
  std::mt19937 rng(7);
  for (int width : {1, 3, 8, 13, 20}) {
    std::vector<uint32_t> values;
    for (int run = 0; run < 60; ++run) {  // runs (RLE) and noise (bit-packed), odd total
      uint32_t v = rng() & ((1u << width) - 1);
      const int n = static_cast<int>(rng() % 20) + 1;
      for (int k = 0; k < n; ++k) values.push_back(run % 2 ? v : rng() & ((1u << width) - 1));
    }
    values.push_back(1);
    ByteBuffer out;
    parquet::write_rle_hybrid(values, width, out);
    std::vector<uint32_t> back;
    parquet::read_rle_hybrid(out.view(), width, values.size(), back);
    EXPECT_EQ(back, values) << "bit width " << width;
  }
  std::vector<uint32_t> back;
  EXPECT_THROW(parquet::read_rle_hybrid(std::string_view("\x03", 1), 8, 8, back), std::runtime_error);  // truncated
}

TEST(TableReader, ReadsEveryTableInEveryFormatAndCodecAsWritten) {
  SimContext ctx(ref(), {42, 20089, 20178, true, 0.05});  // 2025-01-01 .. 2025-03-31, 5% fraud
  BlockSimulator sim(ctx);
  // The ride tables from a small world's first ride block and its drivers.
  const RideMarket market(ref());
  const RideWorld world(ctx, market, 2000);
  RideLayout layout;
  layout.blocks = ride_blocks(world, 20089, 20095);
  layout.population = world.drivers();
  RideBlockSimulator ride_sim(world, layout);
  // The block with the most fraudulent rides, so ride_fraud_labels has rows too.
  uint64_t ride_block = 0, most = 0;
  for (uint64_t b = 0; b < layout.blocks.size(); ++b) {
    ride_sim.prepare(b, Table::RideFraudLabels);
    if (ride_sim.rows(Table::RideFraudLabels) > most) most = ride_sim.rows(Table::RideFraudLabels), ride_block = b;
  }
  auto batch_of = [&](Table table) -> const ColumnBatch& {
    if (!is_ride_table(table)) {
      sim.run({0, 16}, table);
      return sim.batch(table);
    }
    ride_sim.prepare(table == Table::Drivers ? 0 : ride_block, table);
    return *ride_sim.slice(table, 0, ride_sim.rows(table)).batch;
  };
  const std::pair<Format, Compression> kinds[] = {
      {Format::Parquet, Compression::Zstd}, {Format::Parquet, Compression::Snappy}, {Format::Parquet, Compression::Gzip},
      {Format::Parquet, Compression::None}, {Format::Jsonl, Compression::None},     {Format::Jsonl, Compression::Gzip},
      {Format::Csv, Compression::Zstd},     {Format::Csv, Compression::None}};
  for (Table table : kAllTables) {
    const ColumnBatch& source = batch_of(table);
    ASSERT_GT(source.rows(), 0u) << schema_of(table).name;
    for (auto [format, codec] : kinds) {
      const std::string what = std::string(schema_of(table).name) + " " + std::string(format_name(format)) + " " +
                               std::string(compression_name(codec));
      const std::string path = write_file(source, format, codec, what.substr(0, what.find(' ')) + file_extension(format, codec));
      auto reader = open_table_reader(path, format, codec, table);
      ColumnBatch all(read_schema_of(table)), part(read_schema_of(table));
      std::vector<ValueProblem> problems;
      while (reader->next(part, problems)) {
        EXPECT_TRUE(problems.empty()) << what << ": " << problems[0].value;
        for (size_t r = 0; r < part.rows(); ++r)  // append, column by column
          for (size_t c = 0; c < part.schema().columns.size(); ++c) {
            const ColumnData& d = part.column(static_cast<int>(c));
            const int ci = static_cast<int>(c);
            if (!d.valid[r]) all.put_null(ci);
            else if (part.schema().columns[c].type == ColumnType::String) all.put_str(ci, d.str(r));
            else if (part.schema().columns[c].type == ColumnType::Double) all.put_double(ci, d.doubles[r]);
            else all.put_int(ci, d.ints[r]);
          }
      }
      expect_same(source, all, what);
      std::filesystem::remove(path);
    }
  }
}

TEST(TableReader, RejectsAFileOfAnotherTableOrFormat) {
  SimContext ctx(ref(), {42, 20089, 20178, true, 0.01});
  BlockSimulator sim(ctx);
  sim.run({0, 4}, Table::Devices);
  const std::string parquet = write_file(sim.batch(Table::Devices), Format::Parquet, Compression::Zstd, "devices.parquet");
  EXPECT_THROW(open_table_reader(parquet, Format::Parquet, Compression::Zstd, Table::Customers), ReadError);
  EXPECT_THROW(open_table_reader(parquet, Format::Csv, Compression::None, Table::Devices), ReadError);  // no CSV header
  std::filesystem::remove(parquet);
  EXPECT_THROW(open_table_reader("/nonexistent/x.parquet", Format::Parquet, Compression::None, Table::Devices), ReadError);
}

TEST(TableReader, ReadsARangeOfAParquetFilesRowGroups) {
  SimContext ctx(ref(), {42, 20089, 20178, true, 0.01});
  BlockSimulator sim(ctx);
  sim.run({0, 4}, Table::Devices);
  const ColumnBatch& source = sim.batch(Table::Devices);
  const std::string path = write_file(source, Format::Parquet, Compression::Zstd, "groups.parquet");
  const size_t half = source.rows() / 2;
  // Rows read from row groups [first, end), as (first row's device_id, row count).
  auto read = [&](size_t first, size_t end) {
    auto reader = open_table_reader(path, Format::Parquet, Compression::Zstd, Table::Devices);
    EXPECT_EQ(reader->row_groups(), 2u);
    reader->read_row_groups(first, end);
    ColumnBatch batch(read_schema_of(Table::Devices));
    std::vector<ValueProblem> problems;
    std::vector<std::string> ids;
    while (reader->next(batch, problems))
      for (size_t r = 0; r < batch.rows(); ++r) ids.emplace_back(batch.column(0).str(r));
    return ids;
  };
  const auto first = read(0, 1), second = read(1, 2), both = read(0, 2), none = read(2, 2);
  ASSERT_EQ(first.size(), half);
  ASSERT_EQ(second.size(), source.rows() - half);
  EXPECT_EQ(first.front(), source.column(0).str(0));
  EXPECT_EQ(second.front(), source.column(0).str(half));
  EXPECT_EQ(both.size(), source.rows());
  EXPECT_TRUE(none.empty());
  std::filesystem::remove(path);
  // A text file is one unit, read whole.
  const std::string csv = write_file(source, Format::Csv, Compression::None, "groups.csv");
  EXPECT_EQ(open_table_reader(csv, Format::Csv, Compression::None, Table::Devices)->row_groups(), 1u);
  std::filesystem::remove(csv);
}
