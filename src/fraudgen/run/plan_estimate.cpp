#include "fraudgen/run/plan_estimate.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <nlohmann/json.hpp>

#include "fraudgen/core/byte_size.h"
#include "fraudgen/rides/ride_day_events.h"
#include "fraudgen/rides/ride_history.h"
#include "fraudgen/rides/rider_fraud.h"

namespace fraudgen {
namespace {

// SHA-256 of every written byte, on the writer thread: 1.7 GB/s with SHA-NI (docs/performance.md).
constexpr double kHashSecondsPerByte = 1.0 / 1.7e9;
// Per worker: a chunk's encoded bytes are held while it is built, queued for its file and compressed.
constexpr double kChunkCopies = 3;
// Per worker: the typed column batch behind a chunk's rows.
constexpr double kColumnBytesPerRow = 120;
// Per worker, partitioned (--partition-by): a chunk's rows staged as typed columns, copied out of
// the simulator (about 900 bytes a transaction: docs/performance.md, "Partitioned output").
constexpr double kStagedBytesPerRow = 900;
// Parquet, partitioned: each row group's footer entry, held until its file ends.
constexpr double kFooterEntryBytes = 10 << 10;
// Per worker, a ride block (rides/ride_blocks.h): each ride of its span whole, with a quarter to
// spare, and its history; the history events it holds (48 bytes, half again for the vector's
// growth): the span's, and the 8 days before it unless they wait in --spill-dir (then a day of
// them and a run read back); and the entries of the events a part of the history indexes at
// once (ride_history.cpp: 8 bytes an event and 8 of sums for the rated kinds, about 3.4 entries
// a ride, and the dense numbers of its accounts and pair).
constexpr double kRideBytesPerSpanRide = 1.25 * sizeof(MetroRide) + sizeof(RideHistory);
constexpr double kRideBytesPerHeldEvent = 1.5 * sizeof(RideHistoryEvent);
constexpr double kRideBytesPerIndexedEvent = 80;
constexpr double kRideEventsReadBack = 8192;
// The ordered writer, its queue of finished chunks and the threads' stacks.
constexpr double kWriterBytes = 16 << 20;

}  // namespace

PlanEstimate estimate_plan(const Plan& plan, const RunConfig& cfg, uint32_t shards, double base_memory_bytes) {
  PlanEstimate e;
  e.customers = plan.customers;
  e.rows = plan.rows;
  e.workers = static_cast<uint32_t>(cfg.workers);
  e.shards.resize(shards);
  std::vector<double> largest_chunk(shards, 0), largest_chunk_rows(shards, 0), partitioned(shards, 0);
  for (uint32_t i = 0; i < shards; ++i) e.shards[i].index = i;
  const SizeModel& m = plan.size_model;
  // A group of partition files shares its chunks and its shard: its rows count once.
  for (size_t first = 0, ordinal = 0; first < plan.files.size(); ++ordinal) {
    const PlannedFile& f = plan.files[first];
    const size_t group = file_group_size(plan, first);
    first += group;
    const size_t ti = static_cast<size_t>(f.table);
    const uint32_t s = shard_of_file(ordinal, shards);
    ShardEstimate& shard = e.shards[s];
    uint64_t rows = 0;
    for (size_t c = f.first_chunk; c < f.end_chunk; ++c) {
      const uint64_t chunk_rows = plan.chunks[ti][c].rows;
      rows += chunk_rows;
      largest_chunk[s] = std::max(largest_chunk[s], static_cast<double>(chunk_rows) * m.bytes_per_row[ti]);
      largest_chunk_rows[s] = std::max(largest_chunk_rows[s], static_cast<double>(chunk_rows));
    }
    if (f.partition != PlannedFile::kWhole) {
      double held = kStagedBytesPerRow * static_cast<double>(plan.chunks[ti][f.first_chunk].rows) * cfg.workers;
      if (cfg.format == Format::Parquet) held += kFooterEntryBytes * static_cast<double>(group * (f.end_chunk - f.first_chunk));
      partitioned[s] = std::max(partitioned[s], held);
    }
    const double bytes = static_cast<double>(rows) * m.bytes_per_row[ti] + static_cast<double>(group) * m.file_overhead;
    shard.files += group;
    shard.rows[ti] += rows;
    shard.bytes += bytes;
    shard.cpu_seconds += static_cast<double>(rows) * m.cpu_seconds_per_row[ti] + bytes * kHashSecondsPerByte;
    e.files[ti] += group;
    e.bytes[ti] += bytes;
  }
  // Each driver's area is held (8 bytes; an area-day makes its drivers); the riders and the days'
  // events the workers share are held too unless they wait in --spill-dir. Each worker holds a
  // ride block and its lookback's events, and the drivers of an area.
  double rides_memory = 0;
  if (plan.ride_world) {
    const RideWorld& world = *plan.ride_world;
    const DispatchAreas& areas = world.dispatch_areas();
    e.dispatch_areas = areas.size();
    for (uint32_t c = 0; c < areas.cities(); ++c)
      if (areas.areas_in(c) > 1)
        e.cut_capitals.emplace_back(world.context().ref().municipalities[world.reference().cities[c].municipality].name, areas.areas_in(c));
    std::stable_sort(e.cut_capitals.begin(), e.cut_capitals.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    uint64_t largest_block = 0, largest_area = 0, area_drivers = 0;
    for (uint32_t r : plan.ride_block_rows) largest_block = std::max<uint64_t>(largest_block, r);
    for (uint32_t a = 0; a < world.areas(); ++a) {
      largest_area = std::max(largest_area, world.riders_in(a));
      area_drivers = std::max(area_drivers, world.drivers_in(a));
    }
    const bool spilled = world.riders_in_file();
    const double day = static_cast<double>(largest_area) * kRequestsPerRiderDay, lookback = day * kRideHistoryLookbackDays;
    const double span = static_cast<double>(largest_block);
    const double held_events = span + (spilled ? day + kRideEventsReadBack : lookback);
    const double block = span * kRideBytesPerSpanRide + held_events * kRideBytesPerHeldEvent +
                         std::min(span + lookback, static_cast<double>(kRideHistoryEventsPerPart)) * kRideBytesPerIndexedEvent;
    // The days' events the workers share (ride_day_events.h): the store is sized above what they
    // take at the mean requests, so that is what it holds.
    const double shared = spilled ? 0.0 : mean_ride_day_events_bytes(world.riders());
    const double riders = spilled ? 0.0 : static_cast<double>(world.riders() * sizeof(StoredRider));
    rides_memory = riders + static_cast<double>(world.drivers() * sizeof(uint64_t)) +
                   cfg.workers * (block + static_cast<double>(area_drivers * sizeof(DriverPerson))) + shared;
    // CPU: every shard makes the plan; the spans simulated again go where the ride rows go. The
    // run simulates each block's span once more, for its rides (the labels and sessions are kept
    // from the count), and the 8 days before its blocks that no block left: 2.3 times the plan's
    // count at 1,000,000 customers over a week, 1.7 at 150,000 over March (rider-days counted).
    const RidePlanCost& cost = plan.ride_plan_cost;
    const double days = static_cast<double>(std::max<int64_t>(cfg.sim.days(), 1));
    const double again = cost.count_seconds * (1.0 + kRideHistoryLookbackDays / days);
    const double rides = static_cast<double>(std::max<uint64_t>(plan.rows[static_cast<size_t>(Table::Rides)], 1));
    for (ShardEstimate& shard : e.shards)
      shard.cpu_seconds += cost.world_seconds + cost.count_seconds + again * static_cast<double>(shard.rows[static_cast<size_t>(Table::Rides)]) / rides;
  }
  for (uint32_t s = 0; s < shards; ++s)
    e.shards[s].peak_memory_bytes = base_memory_bytes + kWriterBytes + rides_memory + partitioned[s] +
                                    cfg.workers * (kChunkCopies * largest_chunk[s] + kColumnBytesPerRow * largest_chunk_rows[s]);
  return e;
}

std::string plan_text(const PlanEstimate& e, const RunConfig& cfg) {
  std::string out;
  char line[256];
  double total = 0;
  for (double b : e.bytes) total += b;
  std::snprintf(line, sizeof line, "plan: %llu customers, %s in %s files (%s), seed %llu\n\n",
                static_cast<unsigned long long>(e.customers), format_bytes(total).c_str(),
                std::to_string(std::accumulate(e.files.begin(), e.files.end(), uint64_t{0})).c_str(),
                std::string(format_name(cfg.format)).c_str(), static_cast<unsigned long long>(cfg.sim.seed));
  out += line;
  std::snprintf(line, sizeof line, "  %-14s %14s %12s %7s\n", "table", "rows", "bytes", "files");
  out += line;
  for (Table t : kAllTables) {
    const size_t ti = static_cast<size_t>(t);
    if (!cfg.writes(t)) continue;
    std::snprintf(line, sizeof line, "  %-15s %13llu %12s %7llu\n", std::string(schema_of(t).name).c_str(),
                  static_cast<unsigned long long>(e.rows[ti]), format_bytes(e.bytes[ti]).c_str(),
                  static_cast<unsigned long long>(e.files[ti]));
    out += line;
  }
  if (e.dispatch_areas > 0) {
    out += "\n  rides matched in " + std::to_string(e.dispatch_areas) + " dispatch areas (--dispatch-area-drivers " +
           std::to_string(cfg.sim.dispatch_area_drivers) + "): ";
    if (e.cut_capitals.empty()) out += "one a capital";
    for (size_t i = 0; i < e.cut_capitals.size(); ++i)
      out += (i ? ", " : "") + e.cut_capitals[i].first + " " + std::to_string(e.cut_capitals[i].second);
    out += e.cut_capitals.empty() ? "\n" : ", the other capitals one each\n";
  }
  std::snprintf(line, sizeof line, "\n  %-7s %7s %14s %12s %12s %12s   (%u workers each)\n", "shard", "files", "transactions",
                "bytes", "CPU seconds", "peak memory", e.workers);
  out += line;
  for (const ShardEstimate& s : e.shards) {
    std::snprintf(line, sizeof line, "  %-7u %7llu %14llu %12s %12.1f %12s\n", s.index, static_cast<unsigned long long>(s.files),
                  static_cast<unsigned long long>(s.rows[static_cast<size_t>(Table::Transactions)]),
                  format_bytes(s.bytes).c_str(), s.cpu_seconds, format_bytes(s.peak_memory_bytes).c_str());
    out += line;
  }
  out += "\nBytes, CPU seconds and peak memory are estimates from a pilot of 32 customers";
  if (cfg.rides()) out += " (and for the ride tables, of 3,000 customers over a week)";
  out += "; nothing was written.\n";
  return out;
}

std::string plan_json(const PlanEstimate& e, const RunConfig& cfg) {
  using nlohmann::json;
  json tables = json::object(), shards = json::array();
  for (Table t : kAllTables) {
    const size_t ti = static_cast<size_t>(t);
    tables[std::string(schema_of(t).name)] = {{"rows", e.rows[ti]}, {"estimated_bytes", static_cast<uint64_t>(e.bytes[ti])},
                                              {"files", e.files[ti]}};
  }
  for (const ShardEstimate& s : e.shards) {
    json rows = json::object();
    for (Table t : kAllTables) rows[std::string(schema_of(t).name)] = s.rows[static_cast<size_t>(t)];
    shards.push_back({{"index", s.index}, {"files", s.files}, {"rows", rows}, {"estimated_bytes", static_cast<uint64_t>(s.bytes)},
                      {"estimated_cpu_seconds", s.cpu_seconds},
                      {"estimated_peak_memory_bytes", static_cast<uint64_t>(s.peak_memory_bytes)}});
  }
  json dispatch = nullptr;
  if (e.dispatch_areas > 0) {
    json cut = json::object();
    for (const auto& [name, n] : e.cut_capitals) cut[name] = n;
    dispatch = {{"areas", e.dispatch_areas}, {"drivers_per_area", cfg.sim.dispatch_area_drivers}, {"capitals_cut", cut}};
  }
  return json{{"customers", e.customers},
              {"seed", cfg.sim.seed},
              {"format", format_name(cfg.format)},
              {"compression", compression_name(cfg.compression)},
              {"workers_per_shard", e.workers},
              {"tables", tables},
              {"shards", shards},
              {"dispatch_areas", dispatch}}
             .dump(2) + "\n";
}

}  // namespace fraudgen
