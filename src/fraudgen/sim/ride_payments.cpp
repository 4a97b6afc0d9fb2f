#include "fraudgen/sim/ride_payments.h"

#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/transaction_parts.h"

namespace fraudgen {
namespace {

constexpr uint64_t kRidePaymentDraws = 0x41DE9A;

// Calls fn(ride) for each of the rider's completed rides paid by card or Pix that ended on
// [first_day, last_day].
template <typename Fn>
void each_paid_ride(const SimContext& ctx, const RideMarket& market, const Rider& rider, int64_t first_day, int64_t last_day, Fn fn) {
  market.rider_days(ctx, rider, first_day - 1, last_day, [&](int64_t, const std::vector<MetroRide>& rides) {
    for (const MetroRide& m : rides) {
      if (m.trip.status != RideStatus::Completed) continue;
      const RidePayment p = m.request.payment;
      if (p != RidePayment::CreditCard && p != RidePayment::DebitCard && p != RidePayment::Pix) continue;
      if (!m.rider.own_payment || charged_cents(m) == 0) continue;  // a card that is not the rider's, or nothing left to pay
      const int64_t end_day = local_day_of(m.trip.end_ms);
      if (end_day >= first_day && end_day <= last_day) fn(m);
    }
  });
}

}  // namespace

void add_ride_payments(const SimContext& ctx, const RideMarket& market, const Rider& rider, const Customer& c, int64_t first_day,
                       int64_t last_day, uint32_t local_index, std::vector<Transaction>& out) {
  using namespace vocab;
  const uint64_t seed = ctx.config().seed;
  const RideCity& city = market.reference().cities[rider.city];
  each_paid_ride(ctx, market, rider, first_day, last_day, [&](const MetroRide& m) {
    Rng rng(seed, EntityKind::Rider, c.index, pair_key(kRidePaymentDraws, static_cast<uint64_t>(m.trip.end_ms)));
    Transaction& t = out.emplace_back(blank_transaction(local_index));
    t.ride_payment = true;
    t.time_ms = m.trip.end_ms;
    t.type = static_cast<int8_t>(m.request.payment == RidePayment::CreditCard  ? CREDIT_CARD
                                 : m.request.payment == RidePayment::DebitCard ? DEBIT_CARD
                                                                               : PIX);
    t.channel = MOBILE_APP;
    const int64_t day = local_day_of(t.time_ms);
    t.device_slot = static_cast<int16_t>(pick_device(c, rng, t.channel, day));
    t.amount_cents = charged_cents(m);
    t.merchant = market.app_merchant(m.request.app);
    // The app charges the card or sends the Pix charge, not the rider's phone at a place: the
    // bank places it in the ride's capital, around its seat as it does the customer's other
    // payments about town.
    t.municipality = city.municipality;
    const Municipality& seat = ctx.ref().municipalities[city.municipality];
    t.lat = std::round((seat.lat + rng.uniform(-0.04, 0.04)) * 1e6) / 1e6;
    t.lon = std::round((seat.lon + rng.uniform(-0.04, 0.04)) * 1e6) / 1e6;
    if (t.type == PIX) {
      // Charged by the app as a dynamic QR code (Pix Copia e Cola).
      use_payee(t, payee_from_hash(ctx.ref(), key_hash(seed, 0x4000, static_cast<uint64_t>(t.merchant)), true));
      t.initiation_mode = 2;  // QRDN
      t.e2e_suffix = rng.next();
    } else {
      draw_card_reading(rng, t);
      t.installments = 1;
    }
    t.ip = t.device_slot >= 0 ? own_device_ip(seed, c, c.devices[static_cast<size_t>(t.device_slot)], day, false) : 0;
  });
}

uint64_t count_ride_payments(const SimContext& ctx, const RideMarket& market, const Rider& rider, int64_t first_day, int64_t last_day) {
  uint64_t n = 0;
  each_paid_ride(ctx, market, rider, first_day, last_day, [&](const MetroRide&) { ++n; });
  return n;
}

void count_ride_payments_by_day(const SimContext& ctx, const RideMarket& market, const Rider& rider, int64_t first_day, int64_t last_day,
                                std::span<uint32_t> per_day) {
  each_paid_ride(ctx, market, rider, first_day, last_day, [&](const MetroRide& m) { ++per_day[static_cast<size_t>(local_day_of(m.trip.end_ms) - first_day)]; });
}

}  // namespace fraudgen
