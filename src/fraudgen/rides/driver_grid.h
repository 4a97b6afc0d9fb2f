// Where the drivers fit for one app and category are during a city-day's matching, in square
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
            for (uint32_t local : cells_[static_cast<size_t>(y * columns_ + x)]) {
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

 private:
  int64_t column_of(double lon) const;
  int64_t row_of(double lat) const;
  size_t cell_of(GeoPoint p) const { return static_cast<size_t>(row_of(p.lat) * columns_ + column_of(p.lon)); }
  GeoPoint low_;
  double cell_degrees_ = 1, min_cell_km_ = 0;  // a cell's side, and the least km it spans
  int64_t columns_ = 1, rows_ = 1;
  std::vector<uint32_t> members_;
  std::vector<GeoPoint> at_;                  // by place in members_
  std::vector<double> cos_at_;                // latitude_cosine of at_
  std::vector<std::vector<uint32_t>> cells_;  // places in members_
  std::vector<uint32_t> slot_;                // each member's place in its cell
};

}  // namespace fraudgen
