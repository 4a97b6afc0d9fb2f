#include "fraudgen/run/executor.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "fraudgen/run/chunk_encoding.h"
#include "fraudgen/sink/sink.h"

namespace fraudgen {
namespace {

struct Work {
  Table table;
  size_t chunk;  // into plan.chunks[table]
  size_t file;   // into plan.files
};

struct EncodedChunk {
  ByteBuffer bytes;
  uint64_t rows = 0;
  std::unique_ptr<ChunkFooterInfo> info;
};

struct OpenFile {
  std::unique_ptr<Sink> sink;
  uint64_t rows = 0, offset = 0;
  std::vector<std::unique_ptr<ChunkFooterInfo>> infos;
  std::vector<uint64_t> offsets;
};

// The simulators of one worker: customers' blocks, and ride blocks when the run has rides.
struct Simulators {
  BlockSimulator customers;
  std::unique_ptr<RideBlockSimulator> rides;
  Simulators(const SimContext& ctx, const Plan& plan) : customers(ctx) {
    if (plan.ride_world) rides = std::make_unique<RideBlockSimulator>(*plan.ride_world, plan.ride_layout);
  }
};

// Encodes one chunk: simulates the blocks it spans and feeds their rows to the encoder.
template <typename Simulator, typename BlockOf>
void encode_chunk(const Plan& plan, const Work& w, Simulator& sim, BlockOf block_of, ChunkEncoder& enc, EncodedChunk& out) {
  const size_t ti = static_cast<size_t>(w.table);
  const Chunk& ch = plan.chunks[ti][w.chunk];
  enc.begin_chunk(schema_of(w.table));
  uint64_t skip = ch.skip, left = ch.rows;
  for (uint64_t b = ch.first_block; b < ch.end_block && left > 0; ++b) {
    sim.prepare(block_of(b), w.table);
    uint64_t n = sim.rows(w.table), begin = std::min(skip, n), take = std::min(n - begin, left);
    skip -= begin;
    encode_prepared_rows(sim, w.table, begin, begin + take, enc);
    left -= take;
  }
  if (left != 0 || skip != 0) throw std::logic_error("the plan's row counts disagree with the simulation");
  out.rows = ch.rows;
  out.info = enc.end_chunk(out.bytes);
}

}  // namespace

std::vector<FileResult> execute_plan(const SimContext& ctx, const RunConfig& cfg, const Plan& plan,
                                     Destination& destination, std::atomic<bool>& stop, RunCounters& counters) {
  // The chunks of the files this shard writes, file by file. Files are independent, so their
  // order is free: the longest chunks go first (a fraud_labels chunk re-simulates every block it
  // spans) and the short customers and devices chunks last, so the workers run out of work
  // together instead of one waiting for the other's last long chunk.
  constexpr Table kLongestFirst[] = {Table::FraudLabels, Table::Transactions, Table::RideFraudLabels, Table::Rides,
                                     Table::DriverSessions, Table::Devices, Table::Drivers, Table::Customers};
  static_assert(std::size(kLongestFirst) == kTableCount);
  std::vector<Work> work;
  for (Table t : kLongestFirst)
    for (size_t f = 0; f < plan.files.size(); ++f) {
      const PlannedFile& pf = plan.files[f];
      if (!pf.owned || pf.table != t) continue;
      for (size_t c = pf.first_chunk; c < pf.end_chunk; ++c) work.push_back({pf.table, c, f});
    }
  counters.chunks_total = work.size();

  const size_t workers = static_cast<size_t>(std::max(1, cfg.workers));
  const size_t window = workers + 2;
  std::mutex mu;
  std::condition_variable produced, consumed;
  std::map<size_t, EncodedChunk> pending;
  std::vector<EncodedChunk> free_chunks;  // recycled buffers: no allocation once warm
  size_t written = 0;                     // work items appended to their files so far
  // Each file's next chunk to append. Only each file's chunks are ordered: a long chunk of one
  // file (fraud_labels, first) holds up no other file, and at most `window` items are claimed
  // and not yet appended, whichever files they belong to.
  std::vector<size_t> next_chunk(plan.files.size());
  for (size_t f = 0; f < plan.files.size(); ++f) next_chunk[f] = plan.files[f].first_chunk;
  // The finished chunk that comes next in its file, if any (called with `mu` held).
  auto appendable = [&] {
    auto it = pending.begin();
    while (it != pending.end() && work[it->first].chunk != next_chunk[work[it->first].file]) ++it;
    return it;
  };
  std::atomic<size_t> next{0};
  std::exception_ptr error;

  auto fail = [&](std::exception_ptr e) {
    std::lock_guard lock(mu);
    if (!error) error = e;
    stop = true;
    produced.notify_all();
    consumed.notify_all();
  };

  auto worker = [&] {
    try {
      Simulators sims(ctx, plan);
      auto encoder = make_chunk_encoder(cfg);
      bool contributed = false;
      for (;;) {
        size_t k = next.fetch_add(1);
        if (k >= work.size()) return;
        EncodedChunk out;
        {
          std::unique_lock lock(mu);
          consumed.wait(lock, [&] { return stop || k < written + window; });
          if (stop) return;
          if (!free_chunks.empty()) {
            out = std::move(free_chunks.back());
            free_chunks.pop_back();
          }
        }
        out.bytes.clear();
        if (is_ride_table(work[k].table)) encode_chunk(plan, work[k], *sims.rides, [](uint64_t b) { return b; }, *encoder, out);
        else encode_chunk(plan, work[k], sims.customers, [&](uint64_t b) { return plan.block_range(b); }, *encoder, out);
        counters.rows[static_cast<size_t>(work[k].table)] += out.rows;
        if (!contributed) {
          contributed = true;
          ++counters.workers_used;
        }
        std::lock_guard lock(mu);
        pending.emplace(k, std::move(out));
        produced.notify_all();
      }
    } catch (...) {
      fail(std::current_exception());
    }
  };

  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i) threads.emplace_back(worker);

  // This thread is the ordered writer: it appends chunks to their files in plan order.
  std::vector<FileResult> results;
  std::map<size_t, OpenFile> open;
  auto encoder = make_chunk_encoder(cfg);
  try {
    while (written < work.size()) {
      EncodedChunk chunk;
      size_t k;
      {
        std::unique_lock lock(mu);
        produced.wait_for(lock, std::chrono::milliseconds(200), [&] { return stop || appendable() != pending.end(); });
        if (stop) break;
        auto it = appendable();
        if (it == pending.end()) continue;
        k = it->first;
        chunk = std::move(it->second);
        pending.erase(it);
      }
      const Work& w = work[k];
      const PlannedFile& pf = plan.files[w.file];
      const TableSchema& schema = schema_of(pf.table);
      OpenFile& f = open[w.file];
      ByteBuffer framing;
      if (!f.sink) {
        f.sink = destination.open(pf.path);
        encoder->file_header(schema, framing);
        f.sink->write(framing.view());
        f.offset = framing.size();
      }
      f.offsets.push_back(f.offset);
      f.sink->write(chunk.bytes.view());
      f.offset += chunk.bytes.size();
      f.rows += chunk.rows;
      f.infos.push_back(std::move(chunk.info));
      counters.bytes += framing.size() + chunk.bytes.size();
      if (w.chunk + 1 == pf.end_chunk) {
        std::vector<const ChunkFooterInfo*> infos;
        for (const auto& i : f.infos) infos.push_back(i.get());
        framing.clear();
        encoder->file_footer(schema, infos, f.offsets, framing);
        f.sink->write(framing.view());
        counters.bytes += framing.size();
        WrittenFile done = f.sink->commit();
        results.push_back({pf.path, pf.table, f.rows, done.bytes, done.sha256});
        open.erase(w.file);
      }
      {
        std::lock_guard lock(mu);
        ++next_chunk[w.file];
        ++written;
        free_chunks.push_back(std::move(chunk));
      }
      ++counters.chunks_done;
      consumed.notify_all();
    }
  } catch (...) {
    fail(std::current_exception());
  }
  {
    std::lock_guard lock(mu);
    if (written < work.size()) stop = true;
    consumed.notify_all();
  }
  for (auto& t : threads) t.join();
  open.clear();  // removes the temporaries of files that did not complete
  if (error) std::rethrow_exception(error);
  if (written < work.size()) throw Interrupted();
  std::sort(results.begin(), results.end(), [](const FileResult& a, const FileResult& b) { return a.path < b.path; });
  return results;
}

}  // namespace fraudgen
