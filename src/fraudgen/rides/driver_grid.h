// Where the drivers fit for one app and category are during an area-day's matching, in square
// cells of a few drivers each, so a request finds its nearest free driver in the cells around the
// pickup instead of measuring every driver of the city (whose drivers, like its requests, grow
// with the customers). It picks the driver a scan of all of them picks: the least haversine
// distance, the lowest number among equal distances.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "fraudgen/rides/geography.h"
#include "fraudgen/sim/history.h"

namespace fraudgen {

class DriverGrid {
 public:
  // The drivers `members` (ascending numbers) at at[member]; `low` and `high` bound every point a
  // driver or a pickup will be at (the least and the greatest latitude and longitude).
  DriverGrid(GeoPoint low, GeoPoint high, std::vector<uint32_t> members, const std::vector<GeoPoint>& at);

  // A driver's new place (nothing for one the grid does not hold).
  void move(uint32_t driver, GeoPoint to);

  // The member nearest to `p` for which fit(member) holds, or `none` when there is none.
  static constexpr size_t none = std::numeric_limits<size_t>::max();
  template <typename Fit>
  size_t nearest(GeoPoint p, Fit fit) const {
    return search(cells_, p, fit);
  }

  // Which members are free (set_free; none at first), also kept in cells of their own, so that
  // nearest_free() measures no other: at a busy hour most drivers near a pickup are on a ride or
  // offline, and scanning past them was most of a large city's matching.
  void set_free(uint32_t driver, bool free);
  // The free member nearest to `p` (as nearest() with fit = free), or `none`.
  size_t nearest_free(GeoPoint p) const {
    return free_count_ == 0 ? none : search(free_cells_, p, [](size_t) { return true; });
  }

 private:
  template <typename Fit>
  size_t search(const std::vector<std::vector<uint32_t>>& cells, GeoPoint p, Fit fit) const {
    size_t best = none;
    double best_km = std::numeric_limits<double>::max();
    const int64_t px = column_of(p.lon), py = row_of(p.lat);
    const double cos_p = latitude_cosine(p.lat);
    for (int64_t r = 0;; ++r) {
      // A point r cells away along either axis is at least r - 1 whole cells away from p.
      if (r > 0 && best != none && static_cast<double>(r - 1) * min_cell_km_ > best_km) break;
      if (px - r < 0 && py - r < 0 && px + r >= columns_ && py + r >= rows_) break;  // past every cell
      for (int64_t y = py - r; y <= py + r; ++y) {
        if (y < 0 || y >= rows_) continue;
        const bool edge = y == py - r || y == py + r;
        for (int64_t x = px - r; x <= px + r; x += edge ? 1 : 2 * r) {
          if (x >= 0 && x < columns_)
            for (uint32_t local : cells[static_cast<size_t>(y * columns_ + x)]) {
              const size_t d = members_[local];
              if (!fit(d)) continue;
              const double km = haversine_with_cosines(at_[local].lat, at_[local].lon, cos_at_[local], p.lat, p.lon, cos_p);
              if (km < best_km || (km == best_km && d < best)) best_km = km, best = d;
            }
          if (r == 0) break;
        }
      }
    }
    return best;
  }

  // The member's place in members_, or none.
  size_t local_of(uint32_t driver) const;
  // Takes `local` out of, or puts it into, a cell of `cells` (its place there kept in `slot`).
  static void leave(std::vector<uint32_t>& cell, std::vector<uint32_t>& slot, uint32_t local);
  static void enter(std::vector<uint32_t>& cell, std::vector<uint32_t>& slot, uint32_t local);
  int64_t column_of(double lon) const;
  int64_t row_of(double lat) const;
  size_t cell_of(GeoPoint p) const { return static_cast<size_t>(row_of(p.lat) * columns_ + column_of(p.lon)); }
  GeoPoint low_;
  double cell_degrees_ = 1, min_cell_km_ = 0;  // a cell's side, and the least km it spans
  int64_t columns_ = 1, rows_ = 1;
  std::vector<uint32_t> members_;
  std::vector<uint32_t> local_;               // by driver number: the place in members_, or kNotMember
  static constexpr uint32_t kNotMember = std::numeric_limits<uint32_t>::max();
  std::vector<GeoPoint> at_;                  // by place in members_
  std::vector<double> cos_at_;                // latitude_cosine of at_
  std::vector<std::vector<uint32_t>> cells_;  // places in members_
  std::vector<uint32_t> slot_;                // each member's place in its cell
  std::vector<std::vector<uint32_t>> free_cells_;  // the free members' places, by cell
  std::vector<uint32_t> free_slot_;                // a free member's place in its free cell
  std::vector<bool> free_;
  size_t free_count_ = 0;
};

}  // namespace fraudgen
