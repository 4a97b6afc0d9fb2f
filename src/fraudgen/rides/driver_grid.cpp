#include "fraudgen/rides/driver_grid.h"

#include <algorithm>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace fraudgen {
namespace {

// About four drivers a cell: fewer cells to visit than drivers to measure, few drivers to measure.
constexpr double kDriversPerCell = 4;
// The bound on a cell's distance is taken 1% short, against rounding: a cell is never skipped
// that could hold a nearer driver, or an equally near one with a lower index.
constexpr double kBoundSlack = 0.99;

}  // namespace

DriverGrid::DriverGrid(GeoPoint low, GeoPoint high, std::vector<uint32_t> members, const std::vector<GeoPoint>& at)
    : low_(low), members_(std::move(members)) {
  if (!std::is_sorted(members_.begin(), members_.end())) throw std::logic_error("a driver grid's members out of order");
  local_.assign(members_.empty() ? 0 : members_.back() + size_t{1}, kNotMember);
  for (size_t i = 0; i < members_.size(); ++i) local_[members_[i]] = static_cast<uint32_t>(i);
  at_.reserve(members_.size());
  for (uint32_t d : members_) at_.push_back(at.at(d));
  for (const GeoPoint& a : at_) cos_at_.push_back(latitude_cosine(a.lat));
  const double height = std::max(high.lat - low.lat, 1e-6), width = std::max(high.lon - low.lon, 1e-6);
  const double cells = std::max(1.0, static_cast<double>(at_.size()) / kDriversPerCell);
  cell_degrees_ = std::max(std::sqrt(height * width / cells), 1e-4);
  columns_ = static_cast<int64_t>(width / cell_degrees_) + 1;
  rows_ = static_cast<int64_t>(height / cell_degrees_) + 1;
  // Along a parallel a degree is shortest where the cosine of the latitude is least.
  const double max_abs_lat = std::max(std::abs(low.lat), std::abs(high.lat));
  if (max_abs_lat >= 80) throw std::logic_error("a driver grid near a pole");
  min_cell_km_ = cell_degrees_ * kKmPerDegree * std::cos(max_abs_lat * std::numbers::pi / 180.0) * kBoundSlack;
  cells_.resize(static_cast<size_t>(columns_ * rows_));
  free_cells_.resize(cells_.size());
  slot_.resize(at_.size());
  free_slot_.resize(at_.size());
  free_.resize(at_.size());
  for (size_t local = 0; local < at_.size(); ++local) enter(cells_[cell_of(at_[local])], slot_, static_cast<uint32_t>(local));
}

void DriverGrid::leave(std::vector<uint32_t>& cell, std::vector<uint32_t>& slot, uint32_t local) {
  const uint32_t last = cell.back();
  cell[slot[local]] = last;
  slot[last] = slot[local];
  cell.pop_back();
}

void DriverGrid::enter(std::vector<uint32_t>& cell, std::vector<uint32_t>& slot, uint32_t local) {
  slot[local] = static_cast<uint32_t>(cell.size());
  cell.push_back(local);
}

size_t DriverGrid::local_of(uint32_t driver) const {
  return driver < local_.size() && local_[driver] != kNotMember ? local_[driver] : none;
}

void DriverGrid::set_free(uint32_t driver, bool free) {
  const size_t found = local_of(driver);
  if (found == none || free_[found] == free) return;
  const uint32_t local = static_cast<uint32_t>(found);
  free_[local] = free;
  auto& cell = free_cells_[cell_of(at_[local])];
  if (free) {
    enter(cell, free_slot_, local);
    ++free_count_;
  } else {
    leave(cell, free_slot_, local);
    --free_count_;
  }
}

int64_t DriverGrid::column_of(double lon) const {
  const int64_t x = static_cast<int64_t>(std::floor((lon - low_.lon) / cell_degrees_));
  if (x < 0 || x >= columns_) throw std::logic_error("a point outside the driver grid");
  return x;
}

int64_t DriverGrid::row_of(double lat) const {
  const int64_t y = static_cast<int64_t>(std::floor((lat - low_.lat) / cell_degrees_));
  if (y < 0 || y >= rows_) throw std::logic_error("a point outside the driver grid");
  return y;
}

void DriverGrid::move(uint32_t driver, GeoPoint to) {
  const size_t found = local_of(driver);
  if (found == none) return;
  const uint32_t local = static_cast<uint32_t>(found);
  const size_t from = cell_of(at_[local]), into = cell_of(to);
  at_[local] = to;
  cos_at_[local] = latitude_cosine(to.lat);
  if (from == into) return;
  leave(cells_[from], slot_, local);
  enter(cells_[into], slot_, local);
  if (free_[local]) {
    leave(free_cells_[from], free_slot_, local);
    enter(free_cells_[into], free_slot_, local);
  }
}

}  // namespace fraudgen
