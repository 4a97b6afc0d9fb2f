#include "fraudgen/rides/second_account.h"

#include <algorithm>

namespace fraudgen {
namespace {

// Second accounts come after the reserves (driver.h): the low 20 bits name a scheme (its start
// day and number) or, all set, the owner's partner; the bits above them the owner.
constexpr uint64_t kSecondAccountBase = 1ULL << 45;
constexpr uint64_t kPartnerLow = (1ULL << 20) - 1;
enum SecondPurpose : uint64_t { kTerms = 0x5EC0, kQuietTerms = 0x5EC1, kSharing = 0x5EC2, kOwnPayout = 0x5EC3 };

uint64_t offset_of(uint64_t population, uint64_t index) { return index - population - kSecondAccountBase; }

// The app the owner drives most on: Uber first, then 99, then inDrive.
RideApp main_app(const DriverPerson& d) {
  for (int a = 0; a < 3; ++a)
    if (d.on(static_cast<RideApp>(a))) return static_cast<RideApp>(a);
  return RideApp::Uber;
}

}  // namespace

bool is_second_account(uint64_t population, uint64_t index) { return index >= population + kSecondAccountBase; }

uint64_t partner_account_index(uint64_t population, uint64_t owner) { return population + kSecondAccountBase + ((owner << 20) | kPartnerLow); }

uint64_t scheme_account_index(uint64_t population, uint64_t owner, int64_t start, uint8_t k) {
  return population + kSecondAccountBase + ((owner << 20) | ((static_cast<uint64_t>(start) & 0xFFFF) << 4) | (k & 15));
}

uint64_t second_account_owner(uint64_t population, uint64_t index) { return offset_of(population, index) >> 20; }

SecondAccount second_account_terms(const SimContext& ctx, uint64_t population, uint64_t index, const DriverPerson& owner) {
  const SimConfig& cfg = ctx.config();
  const uint64_t low = offset_of(population, index) & kPartnerLow;
  SecondAccount a{};
  a.owner = owner.index;
  a.app = main_app(owner);
  if (low == kPartnerLow) {
    a.kind = SecondAccountKind::Partner;
    return a;
  }
  Rng r(cfg.seed, EntityKind::Driver, index, kTerms);
  a.start = static_cast<int64_t>(low >> 4);
  a.k = static_cast<uint8_t>(low & 15);
  a.kind = r.chance(0.25) ? SecondAccountKind::Rented : SecondAccountKind::Bought;
  a.days = a.kind == SecondAccountKind::Rented ? 7 * r.range(2, 5) : r.range(10, kMaxAccountSchemeDays);
  a.banned = r.chance(0.3);
  a.quiet = Rng(cfg.seed, EntityKind::Driver, index, kQuietTerms).chance(cfg.calibration.ride_quiet_fraud_share);
  return a;
}

DriverPerson make_second_account(const SimContext& ctx, const RideReference& rides, uint64_t population, uint64_t index, const DriverPerson& owner) {
  const SimConfig& cfg = ctx.config();
  const SecondAccount terms = second_account_terms(ctx, population, index, owner);
  // A new person of the owner's city (a valid CPF and CNH of that state), on one app.
  DriverPerson d = make_driver(ctx, rides, index, owner.city, terms.app);
  d.apps = static_cast<uint8_t>(1u << static_cast<int>(terms.app));
  d.registered_day = {};
  // The owner's car and habits: the same person drives (Bought, Rented) or shares the car's hours.
  d.vehicle = owner.vehicle;
  d.moto = owner.moto;
  d.activity = owner.activity;
  d.quality = owner.quality;
  d.shares_car = false;
  Rng r(cfg.seed, EntityKind::Driver, index, kSharing);
  bool phone = false, payout = false;
  int64_t registered = 0;
  switch (terms.kind) {
    case SecondAccountKind::Partner:
      // On the app for months or years, like any driver; two in five signed up only lately, when
      // the car became theirs to share (a car bought for the family, a relative out of work).
      registered = r.chance(0.4) ? cfg.start_day - r.range(3, 60)
                                 : cfg.start_day - std::clamp<int64_t>(static_cast<int64_t>(r.lognormal_median(365, 0.9)), 14, 6 * 365);
      phone = payout = r.chance(cfg.calibration.ride_shared_car_phone_share);
      break;
    case SecondAccountKind::Bought:
      // Approved days to weeks before the first ride.
      registered = terms.start - r.range(3, 40);
      if (!terms.quiet) {
        phone = r.chance(0.8);
        payout = !phone || r.chance(0.7);
      }
      break;
    case SecondAccountKind::Rented:
      // A verified account, months or years old; the renter logs in on their own phone.
      registered = terms.start - r.range(120, 1500);
      phone = !terms.quiet;
      break;
  }
  d.registered_day[static_cast<size_t>(terms.app)] = registered;
  if (phone) d.device = owner.device;
  if (payout) {
    d.payout_bank = owner.payout_bank;
    d.payout_account = owner.payout_account;
  }
  return d;
}

DriverPerson make_second_account(const SimContext& ctx, const RideReference& rides, uint64_t population, uint64_t index) {
  return make_second_account(ctx, rides, population, index, make_driver(ctx, rides, second_account_owner(population, index)));
}

}  // namespace fraudgen
