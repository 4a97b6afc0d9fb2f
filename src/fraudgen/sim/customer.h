// A customer: a pure function of (seed, customer index). What happens to the customer on a day
// (devices first used, trips, fraud scenarios) is keyed by (customer, day) and gathered for a
// window of days by open_window (customer_window.h), so any day can be computed on its own.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "fraudgen/sim/sim_context.h"

namespace fraudgen {

struct Device {
  uint32_t code;       // unique among the customer's devices, part of the id (device_code in customer_window.h)
  int kind;            // vocab::DeviceKind
  uint32_t model;      // ReferenceData::device_models
  uint32_t os;         // index into ReferenceData::device_os[kind]
  int64_t first_use_day;
  int64_t last_use_day;  // the customer's own devices are in use for four years at most
  uint64_t fingerprint[2];
  bool trusted, rooted, emulator, vpn;
  int ip_type;         // vocab::IpType
  bool is_mobile() const { return kind <= 3; }
};

// A trip away from home, 1 to kMaxTripDays days long.
struct Trip { int64_t first_day, last_day; uint32_t municipality; };
inline constexpr int64_t kMaxTripDays = 7;

// One fraud scenario in a customer's timeline: the k-th scenario started on local date `day`
// (fraud_plan.h), a pure function of (seed, customer, day, k).
struct FraudScenario {
  int64_t day;                 // local date the scenario starts (its first step's date)
  int k;                       // its number among the scenarios started that day
  int type;                    // index into fraud_types()
  int steps;                   // fraudulent transactions
  int steps_in_window;         // of which on the days of the customer's window
  int attacker_devices;        // new devices the scenario uses (0-3)
  std::array<int16_t, 3> device_slots;  // their positions in Customer::devices
  int device_lead_days;        // attackers' devices were first used this many days before `day`
  bool quiet;                  // usual device, place, hours and amounts; steps days apart
};

struct Customer {
  uint64_t index;      // 0-based; ids are 1-based
  int profile;         // -1 without profiles
  int sex;             // 0 = F, 1 = M
  uint32_t state, municipality, bank;
  uint32_t first_name, surname1;
  int32_t surname2;    // -1 = only one surname
  char cpf[11];        // digits
  int64_t birth_day;
  uint32_t street, neighborhood;
  int house_number;
  int32_t cep;
  int64_t income_cents;
  int income_class;    // vocab::kIncomeClass
  uint32_t profession;
  int64_t account_created_ms;
  int account_type, account_status;
  int64_t credit_limit_cents;
  int credit_score, risk_level;
  int branch, account_number, account_digit;
  int email_domain, email_suffix;  // suffix 0 = none
  int phone_subscriber;            // 8 digits after the leading 9
  int address_age_days, phone_age_days, address_changes, phone_changes;
  int bureau_10d, bureau_30d, bureau_180d, restrictions, restrictions_resolved;
  double home_lat, home_lon, work_lat, work_lon;
  int credit_brand, debit_brand;
  uint64_t credit_card_hash, debit_card_hash;
  double outgoing_per_day;  // legitimate outgoing transactions on a day of average weight
  double fraud_per_day;     // fraudulent transactions owed on a day of average weight (fraud_plan.h)
  uint64_t fraud_key;       // keys the daily draw of how many scenarios start
  bool salaried;            // paid a salary or pension on the 5th business day of each month
  int salary_hour;          // local hour it lands
  int initial_device_count;  // the profile's devices, Customer::devices[0..initial)
  // The window's part (customer_window.h): filled by open_window, empty after make_customer.
  int64_t window_first_day = 0, window_last_day = -1;
  int own_device_count = 0;  // devices[0..own) are the customer's; the rest are attackers'
  // The profile's devices (1-3, in use since before the first date) first, then the customer's
  // new devices of the window, then attackers' devices.
  std::vector<Device> devices;
  std::vector<Trip> trips;               // started in the window or up to kMaxTripDays - 1 days before, by first day
  std::vector<FraudScenario> scenarios;  // with a step in the window, by start day and number
};

// The customer and the profile's devices.
Customer make_customer(const SimContext& ctx, uint64_t index);

// The draws of one purpose on one local date (or other period) of a customer, keyed by (seed,
// customer, purpose, date): any day's draws are made alone and never shift another day's.
inline Rng customer_day_rng(uint64_t seed, uint64_t customer, uint64_t purpose, int64_t day) {
  return Rng(seed, EntityKind::Customer, customer, pair_key(purpose, static_cast<uint64_t>(day)));
}

// A device an attacker uses on the customer's account: never trusted, often an emulator,
// rooted, behind a VPN or a datacenter address; sometimes an ordinary phone. `code` names it.
Device make_attacker_device(const SimContext& ctx, uint64_t customer, uint32_t code, int64_t first_use_day);

// A device the customer starts using on `first_use_day`: mostly a phone like the first one,
// sometimes a computer. `code` names it.
Device make_new_own_device(const SimContext& ctx, const Customer& c, uint32_t code, int64_t first_use_day);

// Age in whole days between two dates, for device and account ages.
inline int32_t days_between(int64_t from_day, int64_t to_day) { return static_cast<int32_t>(to_day - from_day); }

}  // namespace fraudgen
