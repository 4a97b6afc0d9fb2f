#include "fraudgen/stream/ride_events.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string>

namespace fraudgen {
namespace {

int rides_column(std::string_view name) {
  const auto columns = schema_of(Table::Rides).columns;
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c].name == name) return static_cast<int>(c);
  throw std::logic_error("the rides schema has no column " + std::string(name) + ", which a ride's event time needs");
}

// The customer number of a customer id (CUST_ and the 1-based number).
uint64_t customer_index_of(std::string_view id) {
  const size_t digits = id.find_first_of("0123456789");
  uint64_t number = 0;
  const auto [end, error] = std::from_chars(id.data() + (digits == std::string_view::npos ? id.size() : digits), id.data() + id.size(), number);
  if (error != std::errc() || end != id.data() + id.size() || number == 0)
    throw std::logic_error("a ride's customer_id '" + std::string(id) + "' does not name a customer");
  return number - 1;
}

}  // namespace

RideBlockEvents::RideBlockEvents(const RideWorld& world, const std::filesystem::path& spill_dir)
    : world_(world), spill_dir_(spill_dir), ended_at_(rides_column("ended_at")), cancelled_at_(rides_column("cancelled_at")),
      requested_at_(rides_column("requested_at")), customer_id_(rides_column("customer_id")) {}

void RideBlockEvents::make(uint32_t area, int64_t first_day, int64_t end_day, const Take& take) {
  // A block's rows, like any block's, do not depend on how the days are cut. One simulator serves
  // every block, so its buffers are reused: its layout's two blocks take turns, and a block is
  // made again whenever its index is not the one made last.
  turn_ = 1 - turn_;
  layout_.blocks.resize(2);
  layout_.blocks[turn_] = RideBlock{area, first_day, end_day};
  if (!sim_) sim_.emplace(world_, layout_, nullptr, spill_dir_);
  sim_->prepare(turn_, Table::Rides);
  const uint64_t rows = sim_->rows(Table::Rides);
  for (uint64_t begin = 0; begin < rows; begin += kSliceRides) {
    const BlockSimulator::Slice slice = sim_->slice(Table::Rides, begin, std::min(rows, begin + kSliceRides));
    const ColumnBatch& batch = *slice.batch;
    const std::vector<std::string_view>& lines = rows_.lines(batch);
    keys_.clear();
    const ColumnData& ended = batch.column(ended_at_);
    const ColumnData& cancelled = batch.column(cancelled_at_);
    const ColumnData& requested = batch.column(requested_at_);
    const ColumnData& customer = batch.column(customer_id_);
    for (size_t r = 0; r < batch.rows(); ++r) {
      const int64_t over_ms = ended.valid[r] ? ended.ints[r] : cancelled.valid[r] ? cancelled.ints[r] : INT64_MIN;
      if (over_ms == INT64_MIN) throw std::logic_error("a ride is neither ended nor cancelled: it has no event time");
      keys_.push_back(ride_event_key(over_ms, customer_index_of(customer.str(r)), requested.ints[r]));
    }
    take(keys_, lines);
  }
}

}  // namespace fraudgen
