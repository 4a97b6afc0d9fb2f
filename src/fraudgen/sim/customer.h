// A customer and their devices: a pure function of (seed, customer index).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "fraudgen/sim/sim_context.h"

namespace fraudgen {

struct Device {
  int slot;            // 0..kMaxDevices-1, part of the id
  int kind;            // vocab::DeviceKind
  uint32_t model;      // ReferenceData::device_models
  uint32_t os;         // index into ReferenceData::device_os[kind]
  int64_t first_use_day;
  uint64_t fingerprint[2];
  bool trusted, rooted, emulator, vpn;
  int ip_type;         // vocab::IpType
  bool is_mobile() const { return kind <= 3; }
};

struct Trip { int64_t first_day, last_day; uint32_t municipality; };

// One fraud scenario in a customer's timeline, decided by the plan (fraud_plan.h) before any
// transaction is simulated, so the planner knows every row count.
struct FraudScenario {
  uint64_t id;                 // global scenario number: fraud_scenario_id is id + 1
  int type;                    // index into fraud_types()
  int64_t day;                 // local date of the first step
  int steps;                   // fraudulent transactions
  int attacker_devices;        // new devices the scenario uses (0-3)
  std::array<int8_t, 3> device_slots;  // their slots in Customer::devices
  int device_lead_days;        // attackers' devices were first used this many days before `day`
  bool quiet;                  // usual device, place, hours and amounts; steps days apart
};

// The customer's own devices (at most 3 from the profile, then up to kMaxNewOwnDevices first used
// inside the range) come first; attackers' devices take the slots after them. The device id has
// one digit for the slot.
inline constexpr int kMaxDevices = 10;
inline constexpr int kMaxNewOwnDevices = 3;

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
  int own_device_count;  // devices 0..own-1 are the customer's; the rest are attackers' devices seen on the account
  int device_count;
  std::array<Device, kMaxDevices> devices;
  std::vector<Trip> trips;
  uint64_t legit_count;        // legitimate transactions, inflows included
  uint64_t inflow_count;       // of which incoming transfers (inflows.h)
  std::vector<FraudScenario> scenarios;
  uint64_t transaction_count;  // legitimate plus fraudulent
};

// The customer and their own devices; fraud scenarios are added by allot_fraud (fraud_plan.h).
Customer make_customer(const SimContext& ctx, uint64_t index);

// A device an attacker uses on the customer's account: never trusted, often an emulator,
// rooted, behind a VPN or a datacenter address; sometimes an ordinary phone.
Device make_attacker_device(const SimContext& ctx, uint64_t customer, int slot, int64_t first_use_day);

// Age in whole days between two dates, for device and account ages.
inline int32_t days_between(int64_t from_day, int64_t to_day) { return static_cast<int32_t>(to_day - from_day); }

}  // namespace fraudgen
