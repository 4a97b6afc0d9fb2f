// The ride checks that follow rows in time keep their state per dispatch area of a capital: the
// rides and sessions of one area come in time order (blocks of an area and span of days, in day
// order), while a capital cut into areas has its areas' blocks one after another. An area is
// numbered city + cities x (dispatch_area - 1), so a capital's first area is the capital's number.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>

namespace fraudgen::validate {

// The largest dispatch_area accepted: a capital of 1,000,000,000 customers' drivers at 16 a
// dispatch area has under a million areas.
inline constexpr int64_t kMaxDispatchArea = 1 << 20;

// -1 when the city is unknown or the area out of range (reported by the row checks).
inline int area_of(int city, int64_t dispatch_area, size_t cities) {
  if (city < 0 || dispatch_area < 1 || dispatch_area > kMaxDispatchArea) return -1;
  return city + static_cast<int>(cities) * static_cast<int>(dispatch_area - 1);
}

// The dispatch_area of an area numbered by area_of.
inline int64_t dispatch_area_of(int area, size_t cities) { return area / static_cast<int>(cities) + 1; }

// One T per area met, made when first met (a deque: references stay valid as it grows).
template <typename T>
class PerArea {
 public:
  T& operator[](size_t area) {
    if (area >= items_.size()) items_.resize(area + 1);
    return items_[area];
  }
  // Nullptr for an area not met yet.
  const T* find(size_t area) const { return area < items_.size() ? &items_[area] : nullptr; }

 private:
  std::deque<T> items_;
};

}  // namespace fraudgen::validate
