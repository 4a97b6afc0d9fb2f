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

#include "fraudgen/core/civil_time.h"
#include "fraudgen/run/chunk_encoding.h"
#include "fraudgen/sink/sink.h"

namespace fraudgen {
namespace {

struct Work {
  Table table;
  size_t chunk;  // into plan.chunks[table]
  size_t file;   // into plan.files: the first file of the chunk's group
  size_t files;  // in the group: one per partition, one when unpartitioned
};

// A chunk's rows of one file of its group: bytes [begin, begin + size) of the chunk's buffer.
struct Piece {
  size_t begin = 0, size = 0;
  uint64_t rows = 0;
  std::unique_ptr<ChunkFooterInfo> info;
};

// The pieces share one buffer: a buffer per piece would hold an encoder's reserve each (the
// Parquet bound of a row group is some 300 KiB however few its rows), times the partitions.
struct EncodedChunk {
  ByteBuffer bytes;
  std::vector<Piece> pieces;  // per file of the group
  uint64_t rows = 0;
  std::string_view piece_bytes(size_t j) const { return bytes.view().substr(pieces[j].begin, pieces[j].size); }
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
  Simulators(const SimContext& ctx, const Plan& plan, RideDayEvents* ride_days, const std::filesystem::path& spill_dir) : customers(ctx) {
    if (plan.ride_world) rides = std::make_unique<RideBlockSimulator>(*plan.ride_world, plan.ride_layout, ride_days, spill_dir, plan.ride_spans.get());
  }
};

// The rows of a chunk of a partitioned table, copied out of the simulator's slices in their
// order, and the runs of them that fall in each file of its group. A worker encodes them a
// partition at a time with its one encoder, so its memory is the chunk's rows, one batch
// whatever the number of partitions.
struct PartitionStaging {
  struct Run {
    size_t piece, begin, end;
  };
  std::unique_ptr<ColumnBatch> batch;
  std::vector<Run> runs;
  void reset(const TableSchema& schema) {
    if (!batch || &batch->schema() != &schema) batch = std::make_unique<ColumnBatch>(schema);
    batch->clear();
    runs.clear();
  }
  void add(const ColumnBatch& from, size_t begin, size_t end, size_t piece) {
    const size_t at = batch->rows();
    batch->append_rows(from, begin, end);
    runs.push_back({piece, at, at + end - begin});
  }
};

// Sends the rows of a prepared block to the chunk's group: all to the encoder when
// unpartitioned, else each run of rows to its partition's staging batch.
class PieceRouter {
 public:
  PieceRouter(const Plan& plan, const Work& w) : plan_(plan), w_(w), column_(plan.files[w.file].partition == PlannedFile::kWhole ? -1 : partition_column(w.table)) {}
  bool partitioned() const { return column_ >= 0; }

  template <typename Simulator>
  void add(Simulator& sim, uint64_t begin, uint64_t end, ChunkEncoder& encoder, PartitionStaging& staging) {
    constexpr uint64_t kSliceRows = 1024;  // as encode_prepared_rows
    if (column_ < 0) return encode_prepared_rows(sim, w_.table, begin, end, encoder);
    for (uint64_t at = begin; at < end; at += kSliceRows) {
      const BlockSimulator::Slice s = sim.slice(w_.table, at, std::min(end, at + kSliceRows));
      const ColumnData& times = s.batch->column(column_);
      for (size_t r = s.first; r < s.last;) {
        const size_t piece = piece_of(local_day_of(times.ints[r]));
        size_t run = r + 1;
        while (run < s.last && piece_of(local_day_of(times.ints[run])) == piece) ++run;
        staging.add(*s.batch, r, run, piece);
        r = run;
      }
    }
  }

 private:
  size_t piece_of(int64_t day) const {
    const size_t p = partition_of_day(plan_.partitions, day);
    for (size_t j = 0; j < w_.files; ++j)
      if (plan_.files[w_.file + j].partition == p) return j;
    throw std::logic_error("a row of " + std::string(schema_of(w_.table).name) + " falls outside the partitions its plan gave its chunk");
  }
  const Plan& plan_;
  const Work& w_;
  int column_;
};

// Encodes one chunk: simulates the blocks it spans and encodes their rows, as one piece when
// unpartitioned, else one piece per file of its group (a partition's rows, maybe none).
template <typename Simulator, typename BlockOf>
void encode_chunk(const Plan& plan, const Work& w, Simulator& sim, BlockOf block_of, ChunkEncoder& encoder, PartitionStaging& staging,
                  EncodedChunk& out) {
  const size_t ti = static_cast<size_t>(w.table);
  const TableSchema& schema = schema_of(w.table);
  const Chunk& ch = plan.chunks[ti][w.chunk];
  PieceRouter router(plan, w);
  if (router.partitioned()) staging.reset(schema);
  else encoder.begin_chunk(schema);
  uint64_t skip = ch.skip, left = ch.rows;
  for (uint64_t b = ch.first_block; b < ch.end_block && left > 0; ++b) {
    sim.prepare(block_of(b), w.table);
    uint64_t n = sim.rows(w.table), begin = std::min(skip, n), take = std::min(n - begin, left);
    skip -= begin;
    router.add(sim, begin, begin + take, encoder, staging);
    left -= take;
  }
  if (left != 0 || skip != 0) throw std::logic_error("the plan's row counts disagree with the simulation");
  out.rows = ch.rows;
  out.pieces.resize(w.files);
  // Partitioned: each file's runs in row order, files in group order.
  if (router.partitioned())
    std::stable_sort(staging.runs.begin(), staging.runs.end(), [](const auto& x, const auto& y) { return x.piece < y.piece; });
  auto run = staging.runs.begin();
  out.bytes.clear();
  for (size_t j = 0; j < w.files; ++j) {
    Piece& piece = out.pieces[j];
    piece.begin = out.bytes.size();
    if (router.partitioned()) {
      piece.rows = 0;
      encoder.begin_chunk(schema);
      for (; run != staging.runs.end() && run->piece == j; ++run) {
        encoder.add_rows(*staging.batch, run->begin, run->end);
        piece.rows += run->end - run->begin;
      }
    } else {
      piece.rows = ch.rows;
    }
    piece.info = encoder.end_chunk(out.bytes);
    piece.size = out.bytes.size() - piece.begin;
  }
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
    for (size_t f = 0; f < plan.files.size(); f += file_group_size(plan, f)) {
      const PlannedFile& pf = plan.files[f];
      if (!pf.owned || pf.table != t) continue;
      for (size_t c = pf.first_chunk; c < pf.end_chunk; ++c) work.push_back({pf.table, c, f, file_group_size(plan, f)});
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
  RideDayEvents ride_days(shared_ride_day_events_bytes(plan.ride_world ? plan.ride_world->riders() : 0), plan.ride_world ? cfg.spill_dir : std::filesystem::path());

  auto fail = [&](std::exception_ptr e) {
    std::lock_guard lock(mu);
    if (!error) error = e;
    stop = true;
    produced.notify_all();
    consumed.notify_all();
  };

  auto worker = [&] {
    try {
      Simulators sims(ctx, plan, &ride_days, plan.ride_world ? cfg.spill_dir : std::filesystem::path());
      auto encoder = make_chunk_encoder(cfg);
      PartitionStaging staging;
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
        if (is_ride_table(work[k].table)) encode_chunk(plan, work[k], *sims.rides, [](uint64_t b) { return b; }, *encoder, staging, out);
        else encode_chunk(plan, work[k], sims.customers, [&](uint64_t b) { return plan.block_range(b); }, *encoder, staging, out);
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
      const bool last_chunk = w.chunk + 1 == plan.files[w.file].end_chunk;
      for (size_t j = 0; j < w.files; ++j) {
        const size_t file = w.file + j;
        const PlannedFile& pf = plan.files[file];
        const TableSchema& schema = schema_of(pf.table);
        Piece& piece = chunk.pieces[j];
        OpenFile& f = open[file];
        ByteBuffer framing;
        if (!f.sink) {
          f.sink = destination.open(pf.path);
          encoder->file_header(schema, framing);
          f.sink->write(framing.view());
          f.offset = framing.size();
        }
        f.offsets.push_back(f.offset);
        f.sink->write(chunk.piece_bytes(j));
        f.offset += piece.size;
        f.rows += piece.rows;
        f.infos.push_back(std::move(piece.info));
        counters.bytes += framing.size() + piece.size;
        if (last_chunk) {
          // The plan makes a partition's file only where the group has rows (partition_rows.h).
          if (f.rows == 0 && pf.partition != PlannedFile::kWhole && plan.rows[static_cast<size_t>(pf.table)] > 0)
            throw std::logic_error(pf.path + " was planned with rows but got none");
          std::vector<const ChunkFooterInfo*> infos;
          for (const auto& i : f.infos) infos.push_back(i.get());
          framing.clear();
          encoder->file_footer(schema, infos, f.offsets, framing);
          f.sink->write(framing.view());
          counters.bytes += framing.size();
          WrittenFile done = f.sink->commit();
          results.push_back({pf.path, pf.table, f.rows, done.bytes, done.sha256,
                             pf.partition == PlannedFile::kWhole ? std::string() : plan.partitions[pf.partition].path});
          open.erase(file);
        }
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
