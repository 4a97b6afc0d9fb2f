// What the rider's side of a ride shows about money: the promotion, the fare split, the amount
// charged, the card's age, tickets' refunds and disputes (the rules of rides/rider_account.cpp
// and rides/rider_fraud.cpp), and the GPS trace's presence.
#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/ride_row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace col = ride_col;

bool account_id(std::string_view s, std::string_view prefix) { return hex_id(s, prefix, 12, true).has_value(); }

}  // namespace

void check_ride_charges(const CheckContext& ctx, const RowRef& r, const RideFacts& f) {
  auto fail = [&](int c, std::string expected) { ctx.fail(Check::RideFares, r, c, std::move(expected)); };
  ctx.checked(Check::RideIds);
  if (r.valid(col::rider_account_id) && !account_id(r.str(col::rider_account_id), "RACC_"))
    ctx.fail(Check::RideIds, r, col::rider_account_id, "RACC_ + 12 upper-case hex digits");
  if (r.valid(col::rider_device_id) && !account_id(r.str(col::rider_device_id), "RDEV_"))
    ctx.fail(Check::RideIds, r, col::rider_device_id, "RDEV_ + 12 upper-case hex digits");
  if (f.status < 0 || f.requested == kNoInstant) return;  // reported elsewhere
  for (int c : {col::fare_amount, col::promo_amount, col::charged_amount, col::refund_amount, col::driver_adjustment, col::account_age_days, col::payment_method})
    if (!r.valid(c)) return;  // reported by the schema check
  const bool completed = f.status == ride_status::completed;
  const int64_t fare = r.i(col::fare_amount), promo = r.i(col::promo_amount), day = local_day_of(f.requested);
  const std::string_view payment = r.str(col::payment_method);
  const bool card = payment == "CREDIT_CARD" || payment == "DEBIT_CARD";
  if (promo < 0 || promo > fare || (!completed && promo != 0))
    fail(col::promo_amount, completed ? "0 to fare_amount" : "0: promotions apply to completed rides");
  // Splits: UBER, completed, paid by card or Pix; one to three other accounts.
  int payers = 1;
  if (r.valid(col::split_account_ids)) {
    std::string_view ids = r.str(col::split_account_ids);
    bool well_formed = true;
    for (size_t at = 0;;) {
      ++payers;
      const size_t bar = ids.find('|', at);
      const std::string_view id = ids.substr(at, bar == std::string_view::npos ? std::string_view::npos : bar - at);
      well_formed &= account_id(id, "RACC_") && (!r.valid(col::rider_account_id) || id != r.str(col::rider_account_id));
      if (bar == std::string_view::npos) break;
      at = bar + 1;
    }
    if (!well_formed || payers > 4) fail(col::split_account_ids, "1 to 3 other rider accounts (RACC_ + 12 upper-case hex digits) separated by '|'");
    if (f.app != ride_app::uber || !completed || payment == "CASH" || payment == "VOUCHER")
      fail(col::split_account_ids, "null: fares are split on completed UBER rides paid by card, Pix or wallet");
  }
  const int64_t due = fare - promo, charged = (due + payers - 1) / payers;
  if (promo >= 0 && promo <= fare && r.i(col::charged_amount) != charged)
    fail(col::charged_amount, std::to_string(charged) + " centavos: (fare_amount - promo_amount) / " + std::to_string(payers) + " payers, rounded up");
  const int64_t account_age = r.i(col::account_age_days);
  if (account_age < 0) fail(col::account_age_days, "0 or more");
  if (r.valid(col::card_age_days) != card) fail(col::card_age_days, card ? "the card's age (a card payment)" : "null: not a card payment");
  if (card && r.valid(col::card_age_days) && (r.i(col::card_age_days) < 0 || r.i(col::card_age_days) > account_age))
    fail(col::card_age_days, "0 to account_age_days (a card is put on an account that exists)");
  // Tickets and refunds: the refund never exceeds what was paid for.
  const int64_t refund = r.i(col::refund_amount);
  const bool cancel_ticket = r.valid(col::ticket) && r.str(col::ticket) == "CANCEL_FEE";
  if (r.valid(col::ticket) && cancel_ticket == completed)
    fail(col::ticket, completed ? "FARE_REVIEW, LOST_ITEM or UNAUTHORIZED (a completed ride)" : "CANCEL_FEE (a ride not completed)");
  if (refund < 0 || (refund > 0 && !r.valid(col::ticket)) || (r.valid(col::cancel_fee) && refund > (completed ? fare : r.i(col::cancel_fee))))
    fail(col::refund_amount, "0 without a ticket; at most fare_amount (cancel_fee when cancelled)");
  if (r.valid(col::dispute_date) && (r.i(col::dispute_date) <= day || !(card || r.valid(col::split_account_ids))))
    fail(col::dispute_date, "after the ride's date, on a card payment or a split fare");
  for (int c : {col::gps_path_ratio, col::gps_max_jump_m, col::end_to_dropoff_m})
    if (r.valid(c) != completed) fail(c, completed ? "the trace of a completed ride" : "null: no trip");
  if (r.i(col::driver_adjustment) < 0 || (!completed && r.i(col::driver_adjustment) != 0)) fail(col::driver_adjustment, "0 or more; 0 without a trip");
}

}  // namespace fraudgen::validate
