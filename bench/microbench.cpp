// Per-stage costs (simulate a block, encode it) to find where time goes. Whole-run throughput
// is measured by bench/run.sh.
#include <benchmark/benchmark.h>

#include "fraudgen/format/format.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/run/chunk_encoding.h"
#include "fraudgen/schema/schema.h"
#include "fraudgen/sim/block_simulator.h"

namespace {

struct Fixture {
  fraudgen::ReferenceData ref = fraudgen::ReferenceData::load();
  fraudgen::SimContext ctx{ref, {42, 20089, 20453, true, 0.01}};  // 2025-01-01 .. 2025-12-31
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_SimulateBlock(benchmark::State& state) {
  fraudgen::BlockSimulator sim(fixture().ctx);
  uint64_t block = static_cast<uint64_t>(state.thread_index()) * 1'000'000, rows = 0;
  for (auto _ : state) {
    sim.run({block * 4, block * 4 + 4}, fraudgen::Table::Transactions);
    rows += sim.batch(fraudgen::Table::Transactions).rows();
    ++block;
  }
  state.counters["tx/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateBlock)->Unit(benchmark::kMillisecond);

// Simulation plus JSONL encoding per thread, without the file sink: how the generator itself
// scales with threads (tx/s is per thread; compare threads:1 with threads:2).
void BM_GenerateJsonl(benchmark::State& state) {
  fraudgen::BlockSimulator sim(fixture().ctx);
  auto enc = fraudgen::make_encoder({});
  fraudgen::ByteBuffer out;
  uint64_t block = static_cast<uint64_t>(state.thread_index()) * 1'000'000, rows = 0;
  for (auto _ : state) {
    sim.run({block * 4, block * 4 + 4}, fraudgen::Table::Transactions);
    const auto& batch = sim.batch(fraudgen::Table::Transactions);
    out.clear();
    enc->begin_chunk(batch.schema());
    enc->add_rows(batch, 0, batch.rows());
    enc->end_chunk(out);
    rows += sim.batch(fraudgen::Table::Transactions).rows();
    ++block;
  }
  state.counters["tx/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateJsonl)->Unit(benchmark::kMillisecond)->Threads(1)->Threads(2)->UseRealTime();

// Simulation plus Parquet + ZSTD 1 encoding per thread, without the ordered writer and the file
// sink (no SHA-256, no copy into the page cache): rows reach the encoder through the executor's
// encode_prepared_rows and a row group is closed every 122,880 rows or so. tx/s counts all
// threads; compare threads:1 with threads:2 for how the generator itself scales.
void BM_GenerateParquet(benchmark::State& state) {
  using fraudgen::Table;
  fraudgen::BlockSimulator sim(fixture().ctx);
  fraudgen::EncoderOptions options;
  options.format = fraudgen::Format::Parquet;
  options.compression = fraudgen::Compression::Zstd;
  options.level = 1;
  auto enc = fraudgen::make_encoder(options);
  const fraudgen::TableSchema& schema = fraudgen::schema_of(Table::Transactions);
  fraudgen::ByteBuffer out;
  uint64_t block = static_cast<uint64_t>(state.thread_index()) * 1'000'000, rows = 0, in_group = 0;
  enc->begin_chunk(schema);
  for (auto _ : state) {
    sim.prepare({block * 4, block * 4 + 4}, Table::Transactions);
    const uint64_t n = sim.rows(Table::Transactions);
    fraudgen::encode_prepared_rows(sim, Table::Transactions, 0, n, *enc);
    rows += n;
    in_group += n;
    ++block;
    if (in_group >= 122'880) {
      out.clear();
      enc->end_chunk(out);
      enc->begin_chunk(schema);
      in_group = 0;
    }
  }
  state.counters["tx/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateParquet)->Unit(benchmark::kMillisecond)->Threads(1)->Threads(2)->UseRealTime();

// Encoding one chunk of 32 customers' transactions (about 25,000 rows).
// Arg: 0 JSONL, 1 CSV, 2 Parquet+ZSTD 3, 3 Parquet+ZSTD 1, 4 Parquet+Snappy, 5 Parquet uncompressed.
void BM_EncodeBlock(benchmark::State& state) {
  fraudgen::BlockSimulator sim(fixture().ctx);
  sim.run({0, 32}, fraudgen::Table::Transactions);
  fraudgen::EncoderOptions options;
  options.format = state.range(0) == 0 ? fraudgen::Format::Jsonl : fraudgen::Format::Csv;
  // Arg 2: Parquet + ZSTD 3; 3: Parquet + ZSTD 1; 4: Parquet + Snappy; 5: Parquet uncompressed.
  if (state.range(0) >= 2) options.format = fraudgen::Format::Parquet;
  const fraudgen::Compression codecs[] = {fraudgen::Compression::None, fraudgen::Compression::None, fraudgen::Compression::Zstd,
                                          fraudgen::Compression::Zstd, fraudgen::Compression::Snappy, fraudgen::Compression::None};
  options.compression = codecs[state.range(0)];
  options.level = state.range(0) == 3 ? 1 : 3;
  auto enc = fraudgen::make_encoder(options);
  const auto& batch = sim.batch(fraudgen::Table::Transactions);
  fraudgen::ByteBuffer out;
  uint64_t rows = 0, bytes = 0;
  for (auto _ : state) {
    out.clear();
    enc->begin_chunk(batch.schema());
    enc->add_rows(batch, 0, batch.rows());
    enc->end_chunk(out);
    rows += sim.batch(fraudgen::Table::Transactions).rows();
    bytes += out.size();
  }
  state.counters["tx/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EncodeBlock)->DenseRange(0, 5)->Unit(benchmark::kMillisecond);

}  // namespace
