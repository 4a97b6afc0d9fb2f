// Per-stage costs (simulate a block, encode it) to find where time goes. Whole-run throughput
// is measured by bench/run.sh.
#include <benchmark/benchmark.h>

#include "fraudgen/format/format.h"
#include "fraudgen/reference/reference_data.h"
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
    sim.run({block * 4, block * 4 + 4}, false, false, true);
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
  auto enc = fraudgen::make_text_encoder(fraudgen::Format::Jsonl);
  fraudgen::ByteBuffer out;
  uint64_t block = static_cast<uint64_t>(state.thread_index()) * 1'000'000, rows = 0;
  for (auto _ : state) {
    sim.run({block * 4, block * 4 + 4}, false, false, true);
    out.clear();
    enc->encode_block(sim.batch(fraudgen::Table::Transactions), out);
    rows += sim.batch(fraudgen::Table::Transactions).rows();
    ++block;
  }
  state.counters["tx/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateJsonl)->Unit(benchmark::kMillisecond)->Threads(1)->Threads(2)->UseRealTime();

void BM_EncodeBlock(benchmark::State& state) {
  fraudgen::BlockSimulator sim(fixture().ctx);
  sim.run({0, 8}, false, false, true);
  auto enc = fraudgen::make_text_encoder(state.range(0) ? fraudgen::Format::Csv : fraudgen::Format::Jsonl);
  fraudgen::ByteBuffer out;
  uint64_t rows = 0, bytes = 0;
  for (auto _ : state) {
    out.clear();
    enc->encode_block(sim.batch(fraudgen::Table::Transactions), out);
    rows += sim.batch(fraudgen::Table::Transactions).rows();
    bytes += out.size();
  }
  state.counters["tx/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EncodeBlock)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
