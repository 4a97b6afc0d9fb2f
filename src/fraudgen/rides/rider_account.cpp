#include "fraudgen/rides/rider_account.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/sim/history.h"

namespace fraudgen {
namespace {

constexpr uint64_t kRiderSideDraws = 0x51DE, kCouponPackDraws = 0xC0C0;

bool card(RidePayment p) { return p == RidePayment::CreditCard || p == RidePayment::DebitCard; }

}  // namespace

uint64_t rider_phone_key(const Rider& rd, int64_t day) {
  if (rd.family_phone) return ride_key(RideKeyTag::Family, family_of(rd.customer));
  uint64_t slot = 0;
  for (int64_t change : rd.phone_changes) slot += change != kNoDay && change <= day;
  return ride_key(RideKeyTag::Own, (rd.customer << 2) | slot);
}

int32_t card_age_days(const Rider& rd, int64_t created_day, int64_t day) {
  int64_t age = std::min(day - created_day, ((day - rd.card_phase) % rd.card_period + rd.card_period) % rd.card_period);
  for (int64_t change : rd.card_changes)
    if (change != kNoDay && change <= day) age = std::min(age, day - change);
  return static_cast<int32_t>(age);
}

int64_t promotion_cents(int64_t fare_cents, double share, int64_t cap_cents) {
  return std::min(fare_cents, std::min(cap_cents, static_cast<int64_t>(std::llround(static_cast<double>(fare_cents) * share))));
}

void fill_rider_side(const SimContext& ctx, const Rider& rd, MetroRide& m) {
  const Calibration& cal = ctx.config().calibration;
  const RideRequest& q = m.request;
  const RideTrip& t = m.trip;
  RiderSide& s = m.rider;
  const auto app = static_cast<size_t>(q.app);
  const int64_t day = local_day_of(q.time_ms);
  s.account = 0;
  s.account_key = rider_account_key(rd.customer, static_cast<uint8_t>(app), 0);
  s.account_created_day = rd.account_created_day[app];
  s.device_key = rider_phone_key(rd, day);
  if (card(q.payment)) s.card_age_days = card_age_days(rd, s.account_created_day, day);
  Rng r(ctx.config().seed, EntityKind::Rider, rd.customer, pair_key(kRiderSideDraws, static_cast<uint64_t>(q.time_ms)));
  // A card added for this ride only.
  if (card(q.payment) && r.chance(cal.ride_one_off_card_share)) s.card_age_days = 0;
  // Someone in the family asks on the rider's account from their own phone.
  if (q.borrowed) {
    const uint64_t relative = family_of(rd.customer) * 4 + (rd.customer % 4 + 1 + r.below(3)) % 4;
    s.device_key = ride_key(RideKeyTag::Own, relative << 2);
  }
  if (t.status != RideStatus::Completed) {
    // A rider charged for cancelling late sometimes asks for the fee back, and often gets it.
    if (t.cancel_fee_cents > 0 && r.chance(6 * cal.ride_ticket_share)) {
      s.ticket = 3;  // CANCEL_FEE
      s.refund_cents = r.chance(0.6) ? t.cancel_fee_cents : 0;
    }
    return;
  }
  // Promotions: a new account's first month, and coupons (not on company vouchers): half of them
  // one at a time, half in weekly packs (R$4-10 off most of the week's rides on one app).
  if (q.payment != RidePayment::Voucher) {
    const int64_t week = day >= 0 ? day / 7 : (day - 6) / 7;
    Rng pack(ctx.config().seed, EntityKind::Rider, rd.customer, pair_key(kCouponPackDraws, pair_key(static_cast<uint64_t>(week), app)));
    const bool in_pack = pack.chance(cal.ride_coupon_share / 2 / 0.8);
    const int64_t pack_cents = pack.range(400, 1000);
    if (day - s.account_created_day < kNewAccountDays && r.chance(0.7)) s.promo_cents = promotion_cents(t.fare_cents, r.uniform(0.3, 0.5), r.range(800, 2000));
    else if (r.chance(cal.ride_coupon_share / 2)) s.promo_cents = promotion_cents(t.fare_cents, 1.0, r.range(200, 1000));
    else if (in_pack && r.chance(0.8)) s.promo_cents = promotion_cents(t.fare_cents, 1.0, pack_cents);
  }
  // Friends split on UBER, ten times more often on Friday and Saturday nights.
  const int hour = brasilia_hour(q.time_ms);
  const int weekday = static_cast<int>(((day % 7) + 7 + 3) % 7);  // 0 = Monday (1970-01-01 was a Thursday)
  const bool night_out = (hour >= 21 || hour < 4) && (weekday == 4 || weekday == 5 || (hour < 4 && weekday == 6));
  if (q.app == RideApp::Uber && q.payment != RidePayment::Cash && q.payment != RidePayment::Voucher &&
      r.chance(std::min(1.0, cal.ride_friends_split_share * (night_out ? 10.0 : 0.5)))) {
    s.splits = static_cast<uint8_t>(1 + r.weighted({0.70, 0.22, 0.08}));
    for (uint8_t k = 0; k < s.splits; ++k) {
      const uint64_t step = 1 + r.below(kFriendReach);
      const uint64_t friend_customer = rd.customer >= step && r.chance(0.5) ? rd.customer - step : rd.customer + step;
      s.split_accounts[k] = rider_account_key(friend_customer, 0, 0);
    }
  }
  // Tickets: fare reviews (more after a metered ride), lost items, charges the rider does not recognise.
  const double ticket = cal.ride_ticket_share + (t.metered ? 0.15 : 0.0);
  if (r.chance(std::min(1.0, ticket))) {
    s.ticket = static_cast<int8_t>(r.weighted({0.6, 0.3, 0.1}));
    if (s.ticket != 1 && r.chance(0.5)) s.refund_cents = static_cast<int64_t>(std::llround(static_cast<double>(charged_cents(m)) * r.uniform(0.2, 1.0)));
  }
  if (card(q.payment) && r.chance(cal.ride_dispute_share)) s.dispute_day = local_day_of(t.end_ms) + r.range(20, 90);
}

}  // namespace fraudgen
