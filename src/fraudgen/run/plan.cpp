#include "fraudgen/run/plan.h"

#include <sys/resource.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <span>
#include <thread>

#include "fraudgen/core/parallel.h"
#include "fraudgen/rides/ride_day_events.h"
#include "fraudgen/rides/ride_spill.h"
#include "fraudgen/run/chunk_encoding.h"
#include "fraudgen/run/partition_rows.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {
namespace {

// The most row groups (chunks x partitions) of a file group of a partitioned customers' table.
constexpr uint64_t kMaxRowGroupsPerGroup = 8192;

// Text formats: one block per chunk, so --file-size stays fine-grained for every table.
std::vector<Chunk> cut_whole_blocks(const std::vector<uint32_t>& block_rows) {
  std::vector<Chunk> out;
  for (uint64_t b = 0; b < block_rows.size(); ++b) out.push_back({b, b + 1, 0, block_rows[b]});
  return out;
}

// Exactly `group` rows per chunk (the last one may be shorter), whatever the block boundaries.
std::vector<Chunk> cut_row_groups(const std::vector<uint32_t>& block_rows, uint64_t group) {
  std::vector<Chunk> out;
  uint64_t block = 0, offset = 0;  // offset of the next row inside `block`
  uint64_t total = 0;
  for (uint32_t r : block_rows) total += r;
  for (uint64_t start = 0; start < total; start += group) {
    while (offset >= block_rows[block]) { offset -= block_rows[block]; ++block; }
    Chunk c{block, block, offset, std::min(group, total - start)};
    uint64_t need = c.rows + offset;
    uint64_t b = block;
    while (need > block_rows[b]) need -= block_rows[b++];
    c.end_block = b + 1;
    out.push_back(c);
    offset += c.rows;
  }
  if (out.empty()) out.push_back({0, std::min<uint64_t>(1, block_rows.size()), 0, 0});  // an empty table still gets a file
  return out;
}

struct TableSize {
  double bytes_per_row = 0, file_overhead = 0, cpu_seconds_per_row = 0;
  uint64_t rows = 0;  // the pilot's
};

// User CPU only: the pilot's kernel time is mostly first touches of buffers that a real run
// allocates once and reuses.
double user_cpu_seconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec) + static_cast<double>(usage.ru_utime.tv_usec) * 1e-6;
}
double thread_cpu_seconds() { return user_cpu_seconds(RUSAGE_THREAD); }
// The whole process's: the plan's ride world and block counts run on the workers' threads, and
// nothing else runs while they do.
double process_cpu_seconds() { return user_cpu_seconds(RUSAGE_SELF); }

// Encodes the pilot blocks' rows of one table as one chunk of a file of their own.
template <typename Simulator, typename Block>
TableSize measure_table(const std::vector<Block>& blocks, Table t, Simulator& sim, ChunkEncoder& encoder) {
  const TableSchema& schema = schema_of(t);
  const double cpu_start = thread_cpu_seconds();
  ByteBuffer out;
  encoder.file_header(schema, out);
  const size_t header = out.size();
  encoder.begin_chunk(schema);
  uint64_t rows = 0;
  for (const Block& block : blocks) {
    sim.prepare(block, t);
    const uint64_t n = sim.rows(t);
    encode_prepared_rows(sim, t, 0, n, encoder);
    rows += n;
  }
  auto info = encoder.end_chunk(out);
  const size_t body = out.size() - header;
  const ChunkFooterInfo* infos[] = {info.get()};
  const uint64_t offsets[] = {header};
  encoder.file_footer(schema, infos, offsets, out);
  const double per_row = 1.0 / static_cast<double>(std::max<uint64_t>(rows, 1));
  return {static_cast<double>(body) * per_row, static_cast<double>(out.size() - body),
          (thread_cpu_seconds() - cpu_start) * per_row, rows};
}

// One customer's rows in each table, and their fraud.
struct CustomerRows {
  uint32_t devices = 0, transactions = 0, fraudulent = 0, scenarios = 0;
  std::array<uint32_t, kFraudTypeCount> fraud_by_type{};
};

CustomerRows count_customer_rows(const SimContext& ctx, uint64_t index) {
  const SimConfig& sim = ctx.config();
  Customer c = make_customer(ctx, index);
  open_window(ctx, c, sim.start_day, sim.end_day);
  CustomerRows rows;
  for (size_t s = 0; s < c.devices.size(); ++s) rows.devices += device_listed(c, s);
  const TimelineRows timeline = count_timeline_rows(ctx, c);
  rows.transactions = static_cast<uint32_t>(timeline.transactions);
  rows.fraudulent = static_cast<uint32_t>(timeline.fraudulent);
  rows.scenarios = static_cast<uint32_t>(c.scenarios.size());
  for (const FraudScenario& s : c.scenarios) rows.fraud_by_type[static_cast<size_t>(s.type)] += static_cast<uint32_t>(s.steps_in_window);
  return rows;
}

// Counts customers [first, end) on up to `threads` threads, each a contiguous part of 256 at least.
void count_rows(const SimContext& ctx, uint64_t first, uint64_t end, int threads, std::vector<CustomerRows>& out) {
  out.assign(end - first, {});
  const uint64_t parts = std::min<uint64_t>(static_cast<uint64_t>(std::max(threads, 1)), (end - first) / 256);
  for_parts(end - first, parts, [&](uint64_t, uint64_t a, uint64_t b) {
    for (uint64_t i = a; i < b; ++i) out[i] = count_customer_rows(ctx, first + i);
  });
}

// Lays out the ride blocks of `world` over local dates [first_day, last_day], counts every block's
// rows on up to `threads` threads, and records the reserve drivers the blocks use. With `keep`,
// every block's labels and sessions are kept there for the run.
std::vector<RideBlockSimulator::Count> count_ride_blocks(const RideWorld& world, int64_t first_day, int64_t last_day, int threads,
                                                         RideLayout& layout, std::span<const int64_t> cut_days = {}, RideSpanStore* keep = nullptr) {
  layout.blocks = ride_blocks(world, first_day, last_day, cut_days);
  layout.population = world.drivers();
  if (keep) keep->resize(layout.blocks.size());
  std::vector<RideBlockSimulator::Count> counts(layout.blocks.size());
  for_parts(layout.blocks.size(), static_cast<uint64_t>(std::max(threads, 1)), [&](uint64_t, uint64_t a, uint64_t b) {
    RideBlockSimulator sim(world, layout);
    for (uint64_t i = a; i < b; ++i) counts[i] = sim.count(layout.blocks[i], keep, i);
  });
  for (const auto& c : counts) layout.reserves.insert(layout.reserves.end(), c.reserves.begin(), c.reserves.end());
  std::sort(layout.reserves.begin(), layout.reserves.end());
  layout.reserves.erase(std::unique(layout.reserves.begin(), layout.reserves.end()), layout.reserves.end());
  return counts;
}

// The ride tables' sizes, on a pilot world of 3,000 customers over the range's first week: bytes
// per row, and the ride tables' bytes per customer and day, which --size needs before the
// world exists.
void measure_ride_tables(const SimContext& ctx, const RunConfig& cfg, SizeModel& m) {
  constexpr uint64_t kPilotCustomers = 3000;
  const RideWorld world(ctx, *ctx.ride_market(), kPilotCustomers);
  RideLayout layout;
  const int64_t end_day = std::min(ctx.config().end_day, ctx.config().start_day + 6);
  // The pilot's CPU times are a tenth of a second: each is taken twice and the least kept, as the
  // first also pays for memory touched for the first time (10-20 us a page on these machines),
  // which made the ride rows' estimate vary by half from run to run.
  double span_seconds_per_ride = std::numeric_limits<double>::max();
  uint64_t pilot_rides = 0;
  for (int pass = 0; pass < 2; ++pass) {
    const double count_start = thread_cpu_seconds();
    pilot_rides = 0;
    for (const RideBlockSimulator::Count& c : count_ride_blocks(world, ctx.config().start_day, end_day, 1, layout)) pilot_rides += c.rides;
    span_seconds_per_ride = std::min(span_seconds_per_ride, (thread_cpu_seconds() - count_start) / static_cast<double>(std::max<uint64_t>(pilot_rides, 1)));
  }
  std::vector<uint64_t> ride_blocks_k(layout.blocks.size()), driver_blocks_k(layout.driver_blocks());
  for (uint64_t i = 0; i < ride_blocks_k.size(); ++i) ride_blocks_k[i] = i;
  for (uint64_t i = 0; i < driver_blocks_k.size(); ++i) driver_blocks_k[i] = i;
  auto encoder = make_chunk_encoder(cfg);
  const double days = static_cast<double>(end_day - ctx.config().start_day + 1), customer_days = static_cast<double>(kPilotCustomers) * days;
  for (Table t : {Table::Drivers, Table::Rides, Table::DriverSessions, Table::RideFraudLabels}) {
    // Each table from a simulator of its own, so each ride table's pass simulates every block's span.
    auto measure = [&] {
      RideBlockSimulator sim(world, layout);
      return measure_table(t == Table::Drivers ? driver_blocks_k : ride_blocks_k, t, sim, *encoder);
    };
    TableSize s = measure();
    s.cpu_seconds_per_row = std::min(s.cpu_seconds_per_row, measure().cpu_seconds_per_row);
    const size_t ti = static_cast<size_t>(t);
    m.bytes_per_row[ti] = s.bytes_per_row;
    // A ride table's rows' own CPU (for rides: history, row, encoding): the pilot's pass also
    // simulated every block's span (and for rides the 8 days before it), which the estimate takes
    // from the run's own count (RidePlanCost). Labels are few (1% of rides by default), so their
    // pass's simulation charged to each made it over a millisecond a row, and the estimate's most
    // variable part: 8 to 15 s of a 30 to 49 s estimate for 1,200,000 customers over a week.
    const double simulated = t == Table::Rides ? span_seconds_per_ride * (1.0 + kRideHistoryLookbackDays / days) * static_cast<double>(pilot_rides)
                             : t == Table::Drivers ? 0.0
                                                   : span_seconds_per_ride * static_cast<double>(pilot_rides);
    m.cpu_seconds_per_row[ti] = std::max(0.0, s.cpu_seconds_per_row - simulated / static_cast<double>(std::max<uint64_t>(s.rows, 1)));
    m.file_overhead = std::max(m.file_overhead, s.file_overhead);
    const double bytes = s.bytes_per_row * static_cast<double>(s.rows);
    if (t == Table::Drivers) m.ride_bytes_per_customer += bytes / kPilotCustomers;
    else m.ride_bytes_per_customer_day += bytes / customer_days;
  }
}

// Refuses a --spill-dir without room for the ride world of `customers` (and a tenth more), with
// its blocks' labels and sessions when they are kept.
void check_ride_spill_room(const RunConfig& cfg, uint64_t customers, bool keep_ride_spans) {
  if (!cfg.rides() || cfg.spill_dir.empty()) return;
  const RideSpansKept spans = keep_ride_spans ? RideSpansKept{cfg.sim.days(), cfg.sim.fraud_rate} : RideSpansKept{};
  ensure_ride_spill_room(cfg.spill_dir, customers, cfg.workers, cfg.sim.dispatch_area_drivers, RideSpillUse::Run, spans);
}

// Builds the run's ride world and counts every ride block's rows on up to `threads` threads.
void plan_rides(const SimContext& ctx, const RunConfig& cfg, bool keep_ride_spans, Plan& plan, std::array<std::vector<uint32_t>, kTableCount>& block_rows) {
  if (!cfg.customers) check_ride_spill_room(cfg, plan.customers, keep_ride_spans);
  const double world_start = process_cpu_seconds();
  auto world = std::make_shared<const RideWorld>(ctx, *ctx.ride_market(), plan.customers, cfg.workers, cfg.spill_dir);
  const double count_start = process_cpu_seconds();
  RideLayout& layout = plan.ride_layout;
  // Partitioned, ride blocks start anew at each partition, so every block lies in one.
  std::vector<int64_t> cut_days;
  for (const Partition& p : plan.partitions) cut_days.push_back(p.first_day);
  std::shared_ptr<RideSpanStore> spans;
  if (keep_ride_spans) spans = std::make_shared<RideSpanStore>(cfg.spill_dir);
  const auto counts = count_ride_blocks(*world, ctx.config().start_day, ctx.config().end_day, cfg.workers, layout, cut_days, spans.get());
  plan.ride_spans = std::move(spans);
  plan.ride_plan_cost = {count_start - world_start, process_cpu_seconds() - count_start};
  auto& rides = block_rows[static_cast<size_t>(Table::Rides)];
  auto& sessions = block_rows[static_cast<size_t>(Table::DriverSessions)];
  auto& labels = block_rows[static_cast<size_t>(Table::RideFraudLabels)];
  auto& drivers = block_rows[static_cast<size_t>(Table::Drivers)];
  for (const auto& c : counts) {
    plan.ride_block_rows.push_back(static_cast<uint32_t>(c.rides));
    rides.push_back(static_cast<uint32_t>(c.rides));
    sessions.push_back(static_cast<uint32_t>(c.sessions));
    labels.push_back(static_cast<uint32_t>(c.labels));
    for (size_t t = 0; t < c.by_type.size(); ++t) plan.ride_fraud_by_type[t] += c.by_type[t];
  }
  drivers.assign(layout.driver_blocks(), 0);
  for (uint64_t i = 0; i < layout.population; ++i)
    drivers[i / RideLayout::kDriversPerBlock] += static_cast<uint32_t>(std::popcount(world->driver(i).apps));
  for (uint64_t r = 0; r < layout.reserves.size(); ++r)
    drivers[layout.population_blocks() + r / RideLayout::kDriversPerBlock] +=
        static_cast<uint32_t>(std::popcount(driver_by_index(ctx, world->reference(), world->dispatch_areas(), layout.reserves[r]).apps));
  plan.ride_world = std::move(world);
}

// The partitions the rows of a ride table's chunks [first, end) fall in, ascending: a ride
// block lies in one (plan_rides cuts them so), and only blocks with rows of `t` count.
std::vector<uint32_t> partitions_of_chunks(const Plan& plan, Table t, const std::vector<uint32_t>& block_rows, size_t first, size_t end) {
  std::vector<uint32_t> out;
  const auto& chunks = plan.chunks[static_cast<size_t>(t)];
  for (size_t c = first; c < end; ++c)
    for (uint64_t b = chunks[c].first_block; b < chunks[c].end_block; ++b)
      if (block_rows[b] > 0) out.push_back(static_cast<uint32_t>(partition_of_day(plan.partitions, plan.ride_layout.blocks[b].first_day)));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.empty()) out.push_back(0);  // a table without rows still gets a file
  return out;
}

// The partitions holding rows of a customers' table's group, ascending.
std::vector<uint32_t> partitions_with_rows(const GroupPartitionRows& rows, size_t group, size_t partitions) {
  std::vector<uint32_t> out;
  for (size_t p = 0; p < partitions; ++p)
    if (rows.rows[group * partitions + p] > 0) out.push_back(static_cast<uint32_t>(p));
  if (out.empty()) out.push_back(0);  // a table without rows still gets a file
  return out;
}

}  // namespace

size_t file_group_size(const Plan& plan, size_t first) {
  size_t end = first + 1;
  while (end < plan.files.size() && plan.files[end].table == plan.files[first].table && plan.files[end].index == plan.files[first].index) ++end;
  return end - first;
}

uint64_t block_customers_for(int64_t days) {
  return static_cast<uint64_t>(std::clamp<int64_t>(1460 / std::max<int64_t>(days, 1), 1, 1024));
}

SizeModel measure_size_model(const SimContext& ctx, const RunConfig& cfg) {
  // The pilot always uses the first 32 customers: deterministic, and enough transactions
  // (about 25,000 over a year) for a per-row byte cost within a percent or two. They form one
  // chunk per table, so Parquet's dictionaries and compression see a realistic amount of data.
  constexpr uint64_t kPilotCustomers = 32;
  // The customers' and devices' rows need no timeline, and take a few microseconds each: 32 of
  // them took less than the steps user CPU time is counted in, so a ride run (a customers row
  // for each customer) was estimated 0 or 10 s for 1,200,000 customers' rows. They are measured
  // on the first 4,096 customers.
  constexpr uint64_t kTimelessPilotCustomers = 4096;
  const uint64_t step = block_customers_for(ctx.config().days());
  std::vector<BlockRange> blocks, timeless_blocks;
  for (uint64_t first = 0; first < kPilotCustomers; first += step) blocks.push_back({first, first + step});
  for (uint64_t first = 0; first < kTimelessPilotCustomers; first += step) timeless_blocks.push_back({first, first + step});
  // No worker starts before the plan, so the pilot measures the transactions table (most of
  // its time) on a second thread while this one measures the others. Each table is measured on
  // its own simulator and encoder: the figures do not depend on the split.
  // The ride tables are measured on that thread too, after transactions.
  std::array<TableSize, kTableCount> sizes;
  SizeModel m;
  std::exception_ptr error;
  std::thread second([&] {
    try {
      if (cfg.banking()) {
        BlockSimulator sim(ctx);
        auto encoder = make_chunk_encoder(cfg);
        sizes[static_cast<size_t>(Table::Transactions)] = measure_table(blocks, Table::Transactions, sim, *encoder);
      }
      if (cfg.rides()) measure_ride_tables(ctx, cfg, m);
    } catch (...) {
      error = std::current_exception();
    }
  });
  try {
    BlockSimulator sim(ctx);
    auto encoder = make_chunk_encoder(cfg);
    for (Table t : kAllTables)
      if (t != Table::Transactions && !is_ride_table(t) && cfg.writes(t))
        sizes[static_cast<size_t>(t)] = measure_table(t == Table::Customers || t == Table::Devices ? timeless_blocks : blocks, t, sim, *encoder);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (error) std::rethrow_exception(error);
  for (Table t : kAllTables) {
    const size_t ti = static_cast<size_t>(t);
    if (is_ride_table(t)) continue;
    m.bytes_per_row[ti] = sizes[ti].bytes_per_row;
    m.cpu_seconds_per_row[ti] = sizes[ti].cpu_seconds_per_row;
    m.file_overhead = std::max(m.file_overhead, sizes[ti].file_overhead);
  }
  return m;
}

void attach_rides(SimContext& ctx, const RunConfig& cfg) {
  if (cfg.rides() && !ctx.ride_market()) ctx.attach_ride_market(std::make_shared<const RideMarket>(ctx.ref()));
}

Plan make_plan(const SimContext& ctx, const RunConfig& cfg, bool keep_ride_spans) {
  if (cfg.rides() && !ctx.ride_market()) throw std::logic_error("a run with rides needs its context's ride market (attach_rides)");
  if (cfg.customers) check_ride_spill_room(cfg, *cfg.customers, keep_ride_spans);  // at once; with --size, once the customers are known
  Plan plan;
  for (Table t : kAllTables) plan.writes[static_cast<size_t>(t)] = cfg.writes(t);
  plan.size_model = measure_size_model(ctx, cfg);
  const SizeModel& m = plan.size_model;
  plan.block_customers = block_customers_for(ctx.config().days());

  // Customers: exact when asked; otherwise add customers until their expected bytes reach
  // --size. Each customer's row counts come from the first draws of their days, counted on every
  // worker a batch of customers at a time and added up in customer order.
  std::array<std::vector<uint32_t>, kTableCount> block_rows;
  double total = 0;
  const uint64_t batch = 4096;
  std::vector<CustomerRows> counted;
  // The ride tables' share of a customer (an estimate until the ride world is counted).
  const double ride_bytes = cfg.rides() ? m.ride_bytes_per_customer + m.ride_bytes_per_customer_day * static_cast<double>(ctx.config().days()) : 0.0;
  auto add = [&](uint64_t i, const CustomerRows& c) {
    if (i % plan.block_customers == 0)
      for (Table t : {Table::Customers, Table::Devices, Table::Transactions, Table::FraudLabels}) block_rows[static_cast<size_t>(t)].push_back(0);
    for (size_t t = 0; t < kFraudTypeCount; ++t) plan.fraud_by_type[t] += c.fraud_by_type[t];
    plan.fraud_scenarios += c.scenarios;
    block_rows[0].back() += 1;
    block_rows[1].back() += c.devices;
    block_rows[2].back() += c.transactions;
    block_rows[3].back() += c.fraudulent;
    total += m.bytes_per_row[0] + m.bytes_per_row[1] * c.devices + m.bytes_per_row[2] * static_cast<double>(c.transactions) +
             m.bytes_per_row[3] * static_cast<double>(c.fraudulent) + ride_bytes;
  };
  if (!cfg.banking()) {
    // Rides only: customers are rows of their own, nothing to count.
    const double target = cfg.size_bytes ? static_cast<double>(*cfg.size_bytes) : 0.0;
    while (cfg.customers ? plan.customers < *cfg.customers : (plan.customers == 0 || total + 3 * m.file_overhead < target))
      add(plan.customers++, CustomerRows{});
  } else if (cfg.customers) {
    plan.customers = *cfg.customers;
    for (uint64_t first = 0; first < plan.customers; first += batch) {
      count_rows(ctx, first, std::min(plan.customers, first + batch), cfg.workers, counted);
      for (uint64_t i = first; i < first + counted.size(); ++i) add(i, counted[i - first]);
    }
  } else {
    const double target = static_cast<double>(*cfg.size_bytes);
    for (bool more = true; more;) {
      count_rows(ctx, plan.customers, plan.customers + batch, cfg.workers, counted);
      for (const CustomerRows& c : counted) {
        if (plan.customers > 0 && total + 3 * m.file_overhead >= target) {
          more = false;
          break;
        }
        add(plan.customers++, c);
      }
    }
  }
  plan.blocks = block_rows[0].size();
  plan.partitions = partitions_of(cfg.partition_by, ctx.config().start_day, ctx.config().end_day);
  if (cfg.rides()) plan_rides(ctx, cfg, keep_ride_spans, plan, block_rows);

  const std::string ext = file_extension(cfg.format, cfg.compression);
  total = 0;
  for (Table t : kAllTables) {
    const size_t ti = static_cast<size_t>(t);
    if (!cfg.writes(t)) continue;
    for (uint32_t r : block_rows[ti]) plan.rows[ti] += r;
    total += m.bytes_per_row[ti] * static_cast<double>(plan.rows[ti]);
    plan.chunks[ti] = cfg.format == Format::Parquet ? cut_row_groups(block_rows[ti], cfg.row_group_rows)
                                                    : cut_whole_blocks(block_rows[ti]);
    const auto& chunks = plan.chunks[ti];
    double per_chunk = m.bytes_per_row[ti] * static_cast<double>(plan.rows[ti]) / static_cast<double>(chunks.size());
    // Partitioned, a group of chunks is cut into one file per partition. A customers' chunk
    // spreads its rows over every partition, so its group holds `partitions` times the bytes of
    // one file; a ride chunk's rows lie in one or two partitions, so its group holds about one.
    const bool partitioned = cfg.partitioned(t);
    const double target = static_cast<double>(cfg.file_size) *
                          (partitioned && !is_ride_table(t) ? static_cast<double>(plan.partitions.size()) : 1.0);
    uint64_t cpf = per_chunk > 0 ? static_cast<uint64_t>(std::llround(target / per_chunk)) : chunks.size();
    // In Parquet, each chunk of a customers' group is a row group in every partition, and the
    // writer holds each one's footer entry (about 10 KB) until its file ends: the
    // group's row groups are capped, so memory does not grow with the partitions.
    if (partitioned && !is_ride_table(t) && cfg.format == Format::Parquet) cpf = std::min<uint64_t>(cpf, std::max<uint64_t>(1, kMaxRowGroupsPerGroup / plan.partitions.size()));
    plan.chunks_per_file[ti] = std::clamp<uint64_t>(cpf, 1, chunks.size());
  }
  // The customers' tables' rows of each group in each partition, so that a partition without
  // rows of a group gets no file.
  const size_t tx = static_cast<size_t>(Table::Transactions), fr = static_cast<size_t>(Table::FraudLabels);
  GroupPartitionRows group_rows[kTableCount];
  if (cfg.partitioned(Table::Transactions) || cfg.partitioned(Table::FraudLabels)) {
    for (size_t ti : {tx, fr}) {
      group_rows[ti].block_rows = block_rows[ti];
      group_rows[ti].first_rows = {0};
      const auto& chunks = plan.chunks[ti];
      uint64_t row = 0;
      for (size_t c = 0; c < chunks.size(); ++c) {
        if (c > 0 && c % plan.chunks_per_file[ti] == 0) group_rows[ti].first_rows.push_back(row);
        row += chunks[c].rows;
      }
    }
    count_group_partition_rows(ctx, plan.partitions, plan.customers, plan.block_customers, cfg.workers, group_rows[tx], group_rows[fr]);
  }

  uint32_t ordinal = 0;
  for (Table t : kAllTables) {
    const size_t ti = static_cast<size_t>(t);
    if (!cfg.writes(t)) continue;
    const auto& chunks = plan.chunks[ti];
    const uint64_t cpf = plan.chunks_per_file[ti];
    const bool partitioned = cfg.partitioned(t);
    uint64_t files = (chunks.size() + cpf - 1) / cpf;
    for (uint64_t f = 0; f < files; ++f, ++ordinal) {
      char name[32];
      std::snprintf(name, sizeof name, "part-%05llu", static_cast<unsigned long long>(f));
      const size_t first = f * cpf, end = std::min<uint64_t>(chunks.size(), (f + 1) * cpf);
      const bool owned = shard_of_file(ordinal, cfg.shard_count) == cfg.shard_index;
      const std::string table_name(schema_of(t).name);
      if (!partitioned) {
        plan.files.push_back({t, static_cast<uint32_t>(f), first, end, table_name + "/" + name + ext, owned});
        continue;
      }
      const std::vector<uint32_t> in = is_ride_table(t) ? partitions_of_chunks(plan, t, block_rows[ti], first, end)
                                                        : partitions_with_rows(group_rows[ti], f, plan.partitions.size());
      for (uint32_t p : in)
        plan.files.push_back({t, static_cast<uint32_t>(f), first, end, table_name + "/" + plan.partitions[p].path + "/" + name + ext, owned, p});
    }
  }
  plan.estimated_bytes = total + static_cast<double>(plan.files.size()) * m.file_overhead;
  return plan;
}

}  // namespace fraudgen
