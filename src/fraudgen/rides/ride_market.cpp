#include "fraudgen/rides/ride_market.h"

#include "fraudgen/rides/rider_account.h"
#include "fraudgen/rides/rider_fraud.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace fraudgen {

RideMarket::RideMarket(const ReferenceData& ref) : rides_(RideReference::load(ref)) {
  const RideReference& rides = rides_;
  for (uint32_t c = 0; c < rides.cities.size(); ++c) {
    geos_.emplace_back(ref, rides, c);
    const RideCity& city = rides.cities[c];
    std::vector<bool>& served = served_.emplace_back(rides.categories.size(), true);
    for (size_t k = 0; k < rides.categories.size(); ++k) {
      const RideCategory& cat = rides.categories[k];
      if ((cat.moto && !city.moto_allowed) || (cat.level == RideLevel::Black && !city.black_min_model_year)) served[k] = false;
    }
  }
  // Ride apps' brands among the banking merchants: today's apps and their categories, and
  // Cabify, which left Brazil in 2021.
  constexpr std::array<std::string_view, 3> kAppBrands = {"Uber", "99", "InDriver"};
  constexpr std::array<std::string_view, 4> kOtherAppBrands = {"99 Pop", "Uber Black", "Cabify", "InDrive"};
  app_brand_.assign(ref.merchants.size(), false);
  app_merchants_.fill(-1);
  int32_t mcc = -1;
  for (size_t m = 0; m < ref.merchants.size(); ++m) {
    const std::string& name = ref.merchants[m].name;
    for (size_t a = 0; a < kAppBrands.size(); ++a)
      if (name == kAppBrands[a]) {
        app_brand_[m] = true;
        mcc = static_cast<int32_t>(ref.merchants[m].mcc);
        if (app_merchants_[a] < 0) app_merchants_[a] = static_cast<int32_t>(m);
      }
    if (std::find(kOtherAppBrands.begin(), kOtherAppBrands.end(), name) != kOtherAppBrands.end()) app_brand_[m] = true;
  }
  for (int32_t m : app_merchants_)
    if (m < 0) throw std::runtime_error("reference data merchants.csv lacks a ride app's brand (Uber, 99, InDriver)");
  for (uint32_t m : ref.mccs[static_cast<size_t>(mcc)].merchants)
    if (!app_brand_[m]) other_merchants_.push_back(m);
  if (other_merchants_.empty()) throw std::runtime_error("reference data merchants.csv has no taxi or bus brand beside the ride apps");
}

int32_t RideMarket::outside_the_apps(int32_t merchant) const {
  if (merchant < 0 || !app_brand_[static_cast<size_t>(merchant)]) return merchant;
  return static_cast<int32_t>(other_merchants_[mix64(static_cast<uint64_t>(merchant)) % other_merchants_.size()]);
}

namespace {

// When a ride stops keeping its rider busy: its end, or when it was cancelled.
int64_t finish_of(const RideTrip& t) { return t.status == RideStatus::Completed ? t.end_ms : t.cancel_ms; }

}  // namespace

RideMarket::OwnDay RideMarket::own_day(const SimContext& ctx, const Rider& rider, int64_t day, const DayWeather& weather,
                                       int64_t busy_until, std::vector<MetroRide>* out, const RiderFraudRates* rates) const {
  thread_local std::vector<RideRequest> requests;
  requests.clear();
  rider_requests(ctx, rides_, geos_[rider.city], rider, day, weather, requests, served_[rider.city]);
  OwnDay result;
  const size_t first = out ? out->size() : 0;
  for (const RideRequest& q : requests) {
    if (q.time_ms < busy_until) {  // nobody asks for a ride while on one
      result.held_back |= result.finish == kNobusy;
      continue;
    }
    const ZoneConditions z = zone_conditions(ctx.ref(), rides_, ctx.config().seed, rider.city, q.pickup_zone, day, bucket_of(q.time_ms), weather);
    const RideTrip trip = ride_trip(ctx, rides_, rider, q, z);
    busy_until = result.finish = finish_of(trip);
    if (out) {
      MetroRide& m = out->emplace_back();
      m.request = q;
      m.trip = trip;
      fill_rider_side(ctx, rider, m);
    }
  }
  // The day's fraud (scenario rides are on other accounts or phones: they do not keep the rider busy).
  if (out) {
    std::optional<RiderFraudRates> own;
    if (!rates) rates = &own.emplace(ctx);
    rider_fraud_day(ctx, {rides_, geos_[rider.city], served_[rider.city], weather, *rates}, rider, day, *out, first);
  }
  return result;
}

DayWeather RideMarket::weather(const SimContext& ctx, uint32_t city, int64_t day) const {
  return day_weather(ctx.ref(), rides_, ctx.config().seed, city, day);
}

void RideMarket::rider_day(const SimContext& ctx, const Rider& rider, int64_t day, const DayWeather& weather, std::vector<MetroRide>& out,
                           const RiderFraudRates* rates) const {
  // The day before's rides count from its own start only: a ride of two days ago is long over
  // by the night before (rides last hours), so any day still depends on itself and the day before.
  const int64_t yesterday = own_day(ctx, rider, day - 1, this->weather(ctx, rider.city, day - 1), kNobusy, nullptr).finish;
  own_day(ctx, rider, day, weather, yesterday, &out, rates);
}

}  // namespace fraudgen
