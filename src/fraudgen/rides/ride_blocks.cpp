#include "fraudgen/rides/ride_blocks.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <tuple>

#include "fraudgen/rides/rider_fraud.h"

namespace fraudgen {
namespace {

constexpr int64_t kMaxSpanDays = 92;

}  // namespace

std::vector<RideBlock> ride_blocks(const RideWorld& world, int64_t start_day, int64_t end_day, std::span<const int64_t> cut_days, double requests) {
  std::vector<RideBlock> out;
  for (uint32_t area = 0; area < world.areas(); ++area) {
    const double per_day = std::max(1.0, static_cast<double>(world.riders_in(area)) * kRequestsPerRiderDay);
    const int64_t span = std::clamp<int64_t>(static_cast<int64_t>(requests / per_day), 1, kMaxSpanDays);
    for (int64_t first = start_day; first <= end_day;) {
      int64_t end = std::min(end_day + 1, first + span);
      const auto cut = std::upper_bound(cut_days.begin(), cut_days.end(), first);
      if (cut != cut_days.end()) end = std::min(end, *cut);
      out.push_back({area, first, end});
      first = end;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const RideBlock& a, const RideBlock& b) { return std::tie(a.first_day, a.area) < std::tie(b.first_day, b.area); });
  return out;
}

RideBlockSimulator::RideBlockSimulator(const RideWorld& world, const RideLayout& layout, RideDayEvents* shared, const std::filesystem::path& spill_dir,
                                       const RideSpanStore* spans)
    : world_(world), layout_(layout), shared_(shared), spans_(spans), rides_batch_(schema_of(Table::Rides)), labels_batch_(schema_of(Table::RideFraudLabels)), sessions_batch_(schema_of(Table::DriverSessions)),
      drivers_batch_(schema_of(Table::Drivers)) {
  if (!spill_dir.empty()) lookback_file_ = std::make_unique<ScratchFile>(spill_dir);
}

const DriverPerson& RideBlockSimulator::driver(uint64_t index) {
  auto it = met_.find(index);
  if (it == met_.end()) it = met_.emplace(index, driver_by_index(world_.context(), world_.reference(), world_.dispatch_areas(), index)).first;
  return it->second;
}

template <typename OnDay>
void RideBlockSimulator::simulate(const RideBlock& block, OnDay on_day) {
  reuse_day_rides();
  sessions_.clear();
  for (int64_t day = block.first_day; day < block.end_day; ++day) {
    day_sessions_.clear();
    world_.area_day(block.area, day, day_rides_, day_sessions_);
    ++span_days_simulated_;
    on_day(day_rides_, day);
    sessions_.insert(sessions_.end(), day_sessions_.begin(), day_sessions_.end());
  }
}

void RideBlockSimulator::add_day_events(uint32_t area, int64_t day, const std::vector<MetroRide>* simulated, bool keep) {
  if (!simulated) {
    if (shared_ && shared_->find(area, day, events_)) return;
    reuse_day_rides();
    day_sessions_.clear();
    world_.area_day(area, day, day_rides_, day_sessions_);
    simulated = &day_rides_;
    ++lookback_days_simulated_;
  }
  const size_t first = events_.size();
  for (const MetroRide& m : *simulated) events_.push_back(history_event(m));
  if (keep && shared_) shared_->put(area, day, events_.data() + first, events_.size() - first);
}

RideBlockSimulator::Count RideBlockSimulator::count(const RideBlock& block, RideSpanStore* keep, uint64_t index) {
  Count c;
  met_.clear();
  labels_.clear();
  simulate(block, [&](const std::vector<MetroRide>& day, int64_t) {
    c.rides += day.size();
    for (const MetroRide& m : day) {
      if (m.fraud.any()) {
        ++c.labels, ++c.by_type[static_cast<size_t>(m.fraud.type)];
        if (keep) labels_.push_back(ride_label(m));
      }
      if (m.driver >= 0 && static_cast<uint64_t>(m.driver) >= world_.drivers()) c.reserves.push_back(static_cast<uint64_t>(m.driver));
    }
  });
  if (keep) keep->put(index, labels_, sessions_);
  for (const DriverSession& s : sessions_) {
    c.sessions += static_cast<uint64_t>(std::popcount(static_cast<unsigned>(driver(s.driver).apps & s.apps)));
    if (s.driver >= world_.drivers()) c.reserves.push_back(s.driver);
  }
  std::sort(c.reserves.begin(), c.reserves.end());
  c.reserves.erase(std::unique(c.reserves.begin(), c.reserves.end()), c.reserves.end());
  return c;
}

void RideBlockSimulator::prepare(uint64_t block, Table table) {
  met_.clear();
  if (table == Table::Drivers) {
    if (driver_block_ == static_cast<int64_t>(block)) return;
    drivers_batch_.clear();
    const SimContext& ctx = world_.context();
    constexpr uint64_t k = RideLayout::kDriversPerBlock;
    const uint64_t people_blocks = layout_.population_blocks();
    if (block < people_blocks) {
      const uint64_t end = std::min(layout_.population, (block + 1) * k);
      for (uint64_t i = block * k; i < end; ++i) write_driver_rows(drivers_batch_, ctx, world_.reference(), make_driver(ctx, world_.reference(), i));
    } else {
      const uint64_t first = (block - people_blocks) * k, end = std::min<uint64_t>(layout_.reserves.size(), first + k);
      for (uint64_t r = first; r < end; ++r)
        write_driver_rows(drivers_batch_, ctx, world_.reference(), driver_by_index(ctx, world_.reference(), world_.dispatch_areas(), layout_.reserves[r]));
    }
    driver_block_ = static_cast<int64_t>(block);
    return;
  }
  if (table != Table::Rides && table != Table::RideFraudLabels && table != Table::DriverSessions) throw std::logic_error("not a ride table");
  const int64_t wanted = static_cast<int64_t>(block);
  const RideBlock& b = layout_.blocks.at(block);
  if (table == Table::DriverSessions) {
    if (session_block_ == wanted) return;
    sessions_.clear();
    if (!spans_ || !spans_->sessions(block, sessions_)) simulate(b, [](const std::vector<MetroRide>&, int64_t) {});
    return write_sessions(wanted);
  }
  if (table == Table::RideFraudLabels) {
    // A label needs no history, so the span alone makes the labels (the 8 days before are for
    // the rides' history features), when the count did not keep them.
    if (label_block_ == wanted) return;
    labels_batch_.clear();
    const RideRowContext rc = row_context(b.area);
    labels_.clear();
    const bool kept = spans_ && spans_->labels(block, labels_);
    if (!kept)
      simulate(b, [&](const std::vector<MetroRide>& day_rides, int64_t) {
        for (const MetroRide& m : day_rides)
          if (m.fraud.any()) labels_.push_back(ride_label(m));
      });
    for (const RideLabel& l : labels_) write_ride_label_row(labels_batch_, rc, l);
    label_block_ = wanted;
    if (!kept && session_block_ != wanted) write_sessions(wanted);
    return;
  }
  if (ride_block_ == wanted) return;
  // Rides also need the history events of the 8 days before the span.
  rides_.clear();
  events_.clear();
  // A one-day span's rides stay where the day was simulated; longer spans gather their days, with
  // room for the requests the layout expects (a day's vary with the weekday, weather and events).
  const bool one_day = b.end_day - b.first_day == 1;
  if (!one_day)
    rides_.reserve(static_cast<size_t>(1.25 * kRequestsPerRiderDay * static_cast<double>(world_.riders_in(b.area) * static_cast<uint64_t>(b.end_day - b.first_day))));
  // With a spill folder the lookback waits on disk, a day of it in memory at a time.
  if (lookback_file_) lookback_file_->clear();
  for (int64_t day = b.first_day - kRideHistoryLookbackDays; day < b.first_day; ++day) {
    add_day_events(b.area, day, nullptr, true);
    if (!lookback_file_) continue;
    lookback_file_->append(events_.data(), events_.size() * sizeof(RideHistoryEvent));
    events_.clear();
  }
  const size_t lookback_events = events_.size();
  // The span's last 8 days are the lookback of the area's next block.
  simulate(b, [&](const std::vector<MetroRide>& day_rides, int64_t day) {
    add_day_events(b.area, day, &day_rides, day >= b.end_day - kRideHistoryLookbackDays);
    if (!one_day) rides_.append(day_rides.data(), day_rides.size());
  });
  span_rides_ = one_day ? std::span<const MetroRide>(day_rides_) : std::span<const MetroRide>(rides_);
  auto events = [&](const std::function<void(std::span<const RideHistoryEvent>)>& take) {
    constexpr uint64_t kRun = 8192;  // events read back at a time (393 KB)
    const uint64_t on_disk = lookback_file_ ? lookback_file_->size() / sizeof(RideHistoryEvent) : 0;
    for (uint64_t first = 0; first < on_disk; first += kRun) {
      lookback_read_.resize(std::min(kRun, on_disk - first));
      lookback_file_->read(first * sizeof(RideHistoryEvent), lookback_read_.data(), lookback_read_.size() * sizeof(RideHistoryEvent));
      take(lookback_read_);
    }
    take(events_);
  };
  ride_history(events, std::span<const RideHistoryEvent>(events_).subspan(lookback_events), history_);
  ride_area_ = b.area;
  ride_block_ = wanted;
  labels_batch_.clear();
  const RideRowContext rc = row_context(b.area);
  for (const MetroRide& m : span_rides_)
    if (m.fraud.any()) write_ride_label_row(labels_batch_, rc, ride_label(m));
  label_block_ = wanted;
  if (session_block_ != wanted) write_sessions(wanted);
}

void RideBlockSimulator::reuse_day_rides() {
  if (ride_block_ >= 0 && span_rides_.data() == day_rides_.data()) {
    ride_block_ = -1;
    span_rides_ = {};
  }
}

RideRowContext RideBlockSimulator::row_context(uint32_t area) {
  return {world_.context(), world_.reference(), world_.geography(world_.city_of(area)), [this](uint64_t i) -> const DriverPerson& { return driver(i); },
          world_.dispatch_areas().number(area)};
}

void RideBlockSimulator::write_sessions(int64_t block) {
  // Sessions in time order, each person's accounts together.
  std::sort(sessions_.begin(), sessions_.end(), [](const DriverSession& x, const DriverSession& y) {
    return std::tie(x.online_ms, x.driver) < std::tie(y.online_ms, y.driver);
  });
  sessions_batch_.clear();
  const uint32_t area = world_.dispatch_areas().number(layout_.blocks.at(static_cast<size_t>(block)).area);
  for (const DriverSession& s : sessions_) write_session_rows(sessions_batch_, world_.context(), world_.reference(), driver(s.driver), s, area);
  session_block_ = block;
}

size_t RideBlockSimulator::held_bytes() const {
  size_t n = rides_.capacity() * sizeof(MetroRide) + (events_.capacity() + lookback_read_.capacity()) * sizeof(RideHistoryEvent) +
             history_.capacity() * sizeof(RideHistory) +
             day_rides_.capacity() * sizeof(MetroRide) + (sessions_.capacity() + day_sessions_.capacity()) * sizeof(DriverSession) +
             labels_.capacity() * sizeof(RideLabel);
  for (const ColumnBatch* b : {&rides_batch_, &labels_batch_, &sessions_batch_, &drivers_batch_}) n += b->capacity_bytes();
  return n;
}

uint64_t RideBlockSimulator::rows(Table table) const {
  switch (table) {
    case Table::Drivers: return drivers_batch_.rows();
    case Table::Rides: return span_rides_.size();
    case Table::RideFraudLabels: return labels_batch_.rows();
    case Table::DriverSessions: return sessions_batch_.rows();
    default: throw std::logic_error("not a ride table");
  }
}

BlockSimulator::Slice RideBlockSimulator::slice(Table table, uint64_t begin, uint64_t end) {
  if (table == Table::Rides) {
    rides_batch_.clear();
    const size_t first_row = rides_batch_.add_rows(end - begin);
    const RideRowContext rc = row_context(ride_area_);
    for (uint64_t i = begin; i < end; ++i) write_ride_row(rides_batch_.row_writer(first_row + (i - begin)), rc, span_rides_[i], history_[i]);
    return {&rides_batch_, first_row, first_row + (end - begin)};
  }
  const ColumnBatch& b = table == Table::Drivers ? drivers_batch_ : table == Table::RideFraudLabels ? labels_batch_ : sessions_batch_;
  return {&b, static_cast<size_t>(begin), static_cast<size_t>(end)};
}

}  // namespace fraudgen
