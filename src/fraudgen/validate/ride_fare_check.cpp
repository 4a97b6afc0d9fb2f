// What a ride cost, to the centavo: the fare parts recomputed from the tariffs (fare.h) at the
// distance and duration the price basis says, the agreed inDrive price, the cancellation fee,
// the app's share, the driver's earnings and the tip (the rules of rides/ride_trip.cpp).
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/format/value_writer.h"
#include "fraudgen/rides/fare.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/ride_row_checks.h"

namespace fraudgen::validate {
namespace {

namespace col = ride_col;

constexpr int64_t kFreeCancelMillis = 3 * 60'000;  // cancelling is free for 3 minutes after acceptance
constexpr double kCounterOfferShare = 0.07;        // each inDrive counter-offer adds 7% of the offer
// The share of fare_amount - fare_municipal_fee each app keeps (ride_trip.cpp's fee_share).
constexpr double kFeeShare[3][2] = {{0.01, 0.40}, {0.05, 0.1999}, {0.095, 0.0999}};

std::string fare_text(int64_t cents) {
  char buf[32];
  return std::string(buf, write_cents(buf, cents));
}

}  // namespace

void check_ride_fare(const CheckContext& ctx, const RideMarket& market, const RowRef& r, const RideFacts& f) {
  ctx.checked(Check::RideFares);
  auto fail = [&](int c, std::string expected) { ctx.fail(Check::RideFares, r, c, std::move(expected)); };
  if (f.city < 0 || f.app < 0 || f.status < 0 || f.basis < 0 || !f.category || f.requested == kNoInstant) return;  // reported elsewhere
  for (int c : {col::quoted_distance_m, col::quoted_duration_s, col::surge_multiplier, col::quoted_price, col::fare_amount, col::cancel_fee,
                col::platform_fee, col::tip_amount, col::driver_earnings})
    if (!r.valid(c)) return;  // reported by the schema check
  auto cents = [&](int c) { return r.valid(c) ? r.i(c) : 0; };
  const RideReference& rides = market.rides;
  const RideCity& city = rides.cities[static_cast<size_t>(f.city)];
  const RideLevel level = f.category->level;
  const double price_index = city.price_index * ride_price_index(local_day_of(f.requested));
  const int64_t minimum = minimum_fare_cents(rides, level, city.price_index);
  const bool sao_paulo = market.ref.states[city.state].uf == "SP";
  const bool indrive = f.indrive(), completed = f.status == ride_status::completed;
  const int surge = indrive ? 10 : static_cast<int>(std::lround(r.d(col::surge_multiplier) * 10.0));
  const int64_t fare = r.i(col::fare_amount), cancel_fee = r.i(col::cancel_fee);

  // The basis follows from the outcome.
  const bool upfront_or_metered = f.basis == vocab::UPFRONT || f.basis == vocab::METERED;
  const int basis = completed ? (indrive ? vocab::NEGOTIATED : upfront_or_metered ? f.basis : vocab::UPFRONT)
                              : cancel_fee > 0 ? vocab::CANCELLATION_FEE : vocab::NO_PRICE;
  if (f.basis != basis)
    fail(col::price_basis, std::string(completed ? (indrive ? "NEGOTIATED (a completed inDrive ride)" : "UPFRONT or METERED (a completed ride)")
                                                 : cancel_fee > 0 ? "CANCELLATION_FEE (cancel_fee > 0)" : "NONE (no trip, no fee)"));

  // The quote at request: fare parts at the quoted distance and duration.
  const int64_t quoted_m = r.i(col::quoted_distance_m);
  const FareQuote quote = quote_fare(rides, {level, price_index, quoted_m, r.i(col::quoted_duration_s), surge, minimum, sao_paulo ? quoted_m : 0});
  const int64_t shown = indrive ? quote.total_cents() * 9 / 10 : quote.total_cents();
  if (r.i(col::quoted_price) != shown)
    fail(col::quoted_price, fare_text(shown) + (indrive ? ", 90% of the fare parts at the quoted distance and duration" : ", the fare parts at the quoted distance and duration"));

  constexpr int kParts[] = {col::fare_base, col::fare_distance, col::fare_time, col::fare_surge, col::fare_minimum_topup};
  for (int c : kParts)
    if (r.valid(c) != upfront_or_metered) fail(c, upfront_or_metered ? "a fare part (UPFRONT or METERED)" : "null: fare parts are for UPFRONT and METERED rides");
  if (r.valid(col::fare_municipal_fee) != completed) fail(col::fare_municipal_fee, completed ? "the municipal fee of a completed ride (0 outside São Paulo)" : "null: no trip");

  if (upfront_or_metered && completed && r.valid(col::actual_distance_m) && r.valid(col::actual_duration_s)) {
    // Metered when the route changed a lot (a detour of more than 20%), else the upfront price.
    const bool metered = f.basis == vocab::METERED;
    const int64_t actual_m = r.i(col::actual_distance_m);
    if (metered != (actual_m * 10 > quoted_m * 12))
      fail(col::price_basis, metered ? "UPFRONT: the distance driven is within 120% of the quoted one" : "METERED: the distance driven exceeds 120% of the quoted one");
    const FareQuote q = metered ? quote_fare(rides, {level, price_index, actual_m, r.i(col::actual_duration_s), surge, minimum, sao_paulo ? actual_m : 0}) : quote;
    const char* at = metered ? " at the distance and duration driven" : " at the quoted distance and duration";
    const int64_t want[] = {q.base_cents, q.distance_cents, q.time_cents, q.surge_cents, q.minimum_topup_cents};
    const char* what[] = {"the level's base fare x price index", "per-km tariff x km x price index", "per-minute tariff x minutes x price index",
                          "(base + distance + time) x (surge - 1)", "the top-up to the city's minimum fare"};
    int64_t sum = cents(col::fare_municipal_fee);
    for (size_t k = 0; k < std::size(kParts); ++k) {
      if (r.valid(kParts[k]) && r.i(kParts[k]) != want[k]) fail(kParts[k], fare_text(want[k]) + ", " + what[k] + at);
      sum += cents(kParts[k]);
    }
    if (r.valid(col::fare_municipal_fee) && r.i(col::fare_municipal_fee) != q.municipal_fee_cents)
      fail(col::fare_municipal_fee, fare_text(q.municipal_fee_cents) + (sao_paulo ? ", R$0.10 per km" + std::string(at) : ", 0 outside São Paulo"));
    if (fare != sum) fail(col::fare_amount, fare_text(sum) + ", the sum of the fare parts");
  }

  // inDrive: the rider's offer around 90% of the quote, and the counter-offers.
  for (int c : {col::offer_amount, col::counter_offers})
    if (r.valid(c) != indrive) fail(c, indrive ? "a value on an inDrive ride" : "null: only inDrive negotiates");
  if (indrive && r.valid(col::offer_amount) && r.valid(col::counter_offers)) {
    const int64_t offer = r.i(col::offer_amount);
    const int64_t counters = r.i(col::counter_offers);
    const int64_t low = std::max<int64_t>(minimum, std::llround(static_cast<double>(shown) * 0.8));
    const int64_t high = std::max<int64_t>(minimum, std::llround(static_cast<double>(shown) * 1.05));
    if (offer < low || offer > high) fail(col::offer_amount, fare_text(low) + " to " + fare_text(high) + ": 80-105% of the suggested price, at least the minimum fare");
    if (counters < 0 || counters > 2) fail(col::counter_offers, "0 to 2");
    if (f.basis == vocab::NEGOTIATED) {
      const int64_t agreed = offer + std::llround(static_cast<double>(offer) * kCounterOfferShare * static_cast<double>(counters));
      if (fare != agreed) fail(col::fare_amount, fare_text(agreed) + ", offer_amount + round(offer x 0.07 x counter_offers)");
      const int64_t fee = sao_paulo && r.valid(col::actual_distance_m)
                              ? std::llround(static_cast<double>(kSaoPauloFeeCentsPerKm * r.i(col::actual_distance_m)) / 1000.0) : 0;
      if (r.valid(col::fare_municipal_fee) && r.i(col::fare_municipal_fee) != fee)
        fail(col::fare_municipal_fee, fare_text(fee) + (sao_paulo ? ", R$0.10 per km driven" : ", 0 outside São Paulo"));
    }
  }

  // A cancellation fee: the rider cancelled more than 3 minutes after a driver accepted; 30% to
  // 100% (in tenths) of the level's lowest minimum fare.
  if (cancel_fee > 0) {
    const bool late = f.status == ride_status::rider_cancelled && f.accepted != kNoInstant && f.cancelled != kNoInstant && f.cancelled - f.accepted > kFreeCancelMillis;
    if (!late) fail(col::cancel_fee, "0: a fee only when the rider cancels more than 3 minutes after a driver accepted");
    const int64_t m = minimum_fare_cents(rides, level, 0.95);
    bool tenth = false;
    for (int64_t k = 3; k <= 10; ++k) tenth = tenth || cancel_fee == m * k / 10;
    if (!tenth) fail(col::cancel_fee, "3 to 10 tenths of " + fare_text(m) + ", the level's lowest minimum fare");
  } else if (f.status == ride_status::rider_cancelled && f.accepted != kNoInstant && f.cancelled != kNoInstant && f.cancelled - f.accepted > kFreeCancelMillis) {
    fail(col::cancel_fee, "a fee: the rider cancelled more than 3 minutes after a driver accepted");
  }
  if (f.basis == vocab::CANCELLATION_FEE && fare != cancel_fee) fail(col::fare_amount, fare_text(cancel_fee) + ", the cancellation fee");
  if (f.basis == vocab::NO_PRICE && fare != 0) fail(col::fare_amount, "0.00: no trip and no fee");

  // The app's share of the fare without the municipal fee; the driver gets the rest and the tip.
  const int64_t municipal = cents(col::fare_municipal_fee), platform = r.i(col::platform_fee), tip = r.i(col::tip_amount);
  const bool zero_fee = r.valid(col::zero_fee_day) && r.i(col::zero_fee_day) != 0;
  const int64_t base = fare - municipal;
  int64_t low = 0, high = 0;
  if (fare > 0 && !(f.app == ride_app::ninety_nine && zero_fee)) {
    low = std::llround(static_cast<double>(base) * kFeeShare[f.app][0]);
    high = std::llround(static_cast<double>(base) * kFeeShare[f.app][1]);
  }
  if (platform < low || platform > high)
    fail(col::platform_fee, low == high ? fare_text(low) + (fare > 0 ? ": nothing on 99's zero-fee days" : ": nothing without a fare")
                                        : fare_text(low) + " to " + fare_text(high) + ", the app's share of " + fare_text(base));
  if (r.i(col::driver_earnings) != base - platform + tip)
    fail(col::driver_earnings, fare_text(base - platform + tip) + ", fare_amount - fare_municipal_fee - platform_fee + tip_amount");
  if (tip != 0 && tip != 100 && tip != 300 && tip != 500 && tip != 1000) fail(col::tip_amount, "0, 1.00, 3.00, 5.00 or 10.00");
  if (tip > 0 && (!completed || (r.valid(col::payment_method) && r.str(col::payment_method) == "CASH")))
    fail(col::tip_amount, "0.00: tips only on completed rides paid in the app");
}

}  // namespace fraudgen::validate
