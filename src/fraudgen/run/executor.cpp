#include "fraudgen/run/executor.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "fraudgen/sink/file_sink.h"

namespace fraudgen {
namespace {

struct EncodedBlock {
  std::array<ByteBuffer, 3> bytes;
  std::array<uint64_t, 3> rows{};
};

struct Work {
  uint64_t block;
  std::array<int32_t, 3> file;  // index into plan.files per table, -1 = not written by this shard
};

struct OpenFile {
  std::unique_ptr<FileSink> sink;
  uint64_t rows = 0;
};

}  // namespace

std::vector<FileResult> execute_plan(const SimContext& ctx, const RunConfig& cfg, const Plan& plan,
                                     std::atomic<bool>& stop, RunCounters& counters) {
  // Which blocks this shard needs, and for which tables.
  std::array<size_t, 3> first_file{};
  for (size_t i = plan.files.size(); i-- > 0;) first_file[static_cast<size_t>(plan.files[i].table)] = i;
  std::vector<Work> work;
  for (uint64_t b = 0; b < plan.blocks; ++b) {
    Work w{b, {-1, -1, -1}};
    bool any = false;
    for (Table t : kAllTables) {
      size_t ti = static_cast<size_t>(t);
      size_t f = first_file[ti] + b / plan.blocks_per_file[ti];
      if (plan.files[f].owned) { w.file[ti] = static_cast<int32_t>(f); any = true; }
    }
    if (any) work.push_back(w);
  }
  counters.blocks_total = work.size();

  const size_t workers = static_cast<size_t>(std::max(1, cfg.workers));
  const size_t window = workers + 2;
  std::mutex mu;
  std::condition_variable produced, consumed;
  std::map<size_t, EncodedBlock> pending;
  std::vector<EncodedBlock> free_blocks;  // recycled buffers: no allocation once warm
  size_t written = 0;              // work items appended to their files so far
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
      BlockSimulator sim(ctx);
      std::array<std::unique_ptr<BlockEncoder>, 3> encoders;
      for (auto& e : encoders) e = make_text_encoder(cfg.format);
      Compressor compressor(cfg.compression, cfg.compression_level);
      bool contributed = false;
      for (;;) {
        size_t k = next.fetch_add(1);
        if (k >= work.size()) return;
        {
          std::unique_lock lock(mu);
          consumed.wait(lock, [&] { return stop || k < written + window; });
          if (stop) return;
        }
        EncodedBlock out;
        {
          std::lock_guard lock(mu);
          if (!free_blocks.empty()) {
            out = std::move(free_blocks.back());
            free_blocks.pop_back();
          }
        }
        const Work& w = work[k];
        sim.run(plan.block_range(w.block), w.file[0] >= 0, w.file[1] >= 0, w.file[2] >= 0);
        for (size_t t = 0; t < 3; ++t) {
          out.bytes[t].clear();
          out.rows[t] = 0;
          if (w.file[t] < 0) continue;
          const ColumnBatch& batch = sim.batch(static_cast<Table>(t));
          encoders[t]->encode_block(batch, out.bytes[t]);
          compressor.compress(out.bytes[t]);
          out.rows[t] = batch.rows();
          counters.rows[t] += batch.rows();
        }
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

  std::vector<FileResult> results;
  std::map<size_t, OpenFile> open;
  auto encoder = make_text_encoder(cfg.format);
  Compressor header_compressor(cfg.compression, cfg.compression_level);
  try {
    while (written < work.size()) {
      EncodedBlock block;
      {
        std::unique_lock lock(mu);
        produced.wait_for(lock, std::chrono::milliseconds(200), [&] { return stop || pending.count(written); });
        if (stop) break;
        auto it = pending.find(written);
        if (it == pending.end()) continue;
        block = std::move(it->second);
        pending.erase(it);
      }
      const Work& w = work[written];
      for (size_t t = 0; t < 3; ++t) {
        if (w.file[t] < 0) continue;
        const PlannedFile& pf = plan.files[static_cast<size_t>(w.file[t])];
        OpenFile& f = open[static_cast<size_t>(w.file[t])];
        if (!f.sink) {
          f.sink = std::make_unique<FileSink>(cfg.output / pf.path);
          ByteBuffer header;
          encoder->file_header(schema_of(pf.table), header);
          header_compressor.compress(header);
          f.sink->write(header.view());
          counters.bytes += header.size();
        }
        f.sink->write(block.bytes[t].view());
        f.rows += block.rows[t];
        counters.bytes += block.bytes[t].size();
        if (w.block + 1 == pf.end_block) {
          WrittenFile done = f.sink->commit();
          results.push_back({pf.path, pf.table, f.rows, done.bytes, done.sha256});
          open.erase(static_cast<size_t>(w.file[t]));
        }
      }
      {
        std::lock_guard lock(mu);
        ++written;
        free_blocks.push_back(std::move(block));
      }
      ++counters.blocks_done;
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
