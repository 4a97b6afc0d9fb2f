// A rider as a world keeps one for the whole run: the Rider's fields in 88 bytes instead of 144
// (days in 32 bits, small numbers in 8), made back into the same Rider in a few copies, and
// stored as bytes (rider_store.h). Making riders again from their customers instead (rider_of)
// costs about a third more CPU, as every area-day needs every rider of its dispatch area.
#pragma once
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "fraudgen/rides/rider.h"

namespace fraudgen {

class StoredRider {
 public:
  StoredRider() = default;  // room to read stored riders into (rider_store.h)
  explicit StoredRider(const Rider& r)
      : customer_(r.customer),
        home_(r.home),
        work_(r.work),
        activity_(r.activity),
        created_{day32(r.account_created_day[0]), day32(r.account_created_day[1]), day32(r.account_created_day[2])},
        phones_{day32(r.phone_changes[0]), day32(r.phone_changes[1])},
        cards_{day32(r.card_changes[0]), day32(r.card_changes[1])},
        card_period_(small<int16_t>(r.card_period)),
        card_phase_(small<int16_t>(r.card_phase)),
        city_(small<uint8_t>(r.city)),
        profile_(small<uint8_t>(r.profile)),
        apps_(r.apps),
        family_phone_(r.family_phone),
        customers_taken_(small<uint8_t>(r.customers_taken)) {}

  Rider rider() const {
    Rider r{};
    r.customer = customer_;
    r.city = city_;
    r.profile = profile_;
    r.activity = activity_;
    r.apps = apps_;
    for (size_t i = 0; i < 3; ++i) r.account_created_day[i] = day64(created_[i]);
    r.home = home_;
    r.work = work_;
    r.family_phone = family_phone_;
    r.phone_changes = {day64(phones_[0]), day64(phones_[1])};
    r.card_period = card_period_;
    r.card_phase = card_phase_;
    r.card_changes = {day64(cards_[0]), day64(cards_[1])};
    r.customers_taken = customers_taken_;
    return r;
  }

 private:
  static constexpr int32_t kNoDay32 = std::numeric_limits<int32_t>::min();
  static int32_t day32(int64_t day) {
    if (day == kNoDay) return kNoDay32;
    if (day <= kNoDay32 || day > std::numeric_limits<int32_t>::max()) throw std::logic_error("a rider's day beyond 32 bits");
    return static_cast<int32_t>(day);
  }
  static int64_t day64(int32_t day) { return day == kNoDay32 ? kNoDay : day; }
  template <typename T, typename From>
  static T small(From v) {
    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) throw std::logic_error("a rider's field beyond its stored width");
    return static_cast<T>(v);
  }

  uint64_t customer_ = 0;
  GeoPoint home_{}, work_{};
  double activity_ = 0;
  int32_t created_[3]{}, phones_[2]{}, cards_[2]{};
  int16_t card_period_ = 0, card_phase_ = 0;
  uint8_t city_ = 0, profile_ = 0, apps_ = 0;
  bool family_phone_ = false;
  uint8_t customers_taken_ = 0;
};

static_assert(sizeof(StoredRider) == 88, "the size stored_rider.h and the docs give");
static_assert(std::is_trivially_copyable_v<StoredRider>, "riders are stored and read back as bytes (rider_store.h)");
// A field added to Rider is a field to store here too (and to compare in its unit test).
static_assert(sizeof(Rider) == 144, "Rider changed: store the new field in StoredRider");

}  // namespace fraudgen
