// The pieces a transaction is made of, shared by the legitimate timeline (timeline.cpp) and the
// fraud scenarios (fraud_scenario.cpp), so both draw payees, amounts, addresses and merchants
// from the same vocabularies and distributions.
#pragma once
#include <cstdint>

#include "fraudgen/core/random.h"
#include "fraudgen/sim/customer.h"
#include "fraudgen/sim/transaction.h"

namespace fraudgen {

// Stateless hash of the seed and up to three keys, for picks that must not depend on draw order.
uint64_t key_hash(uint64_t seed, uint64_t a, uint64_t b, uint64_t c = 0);

// A public IPv4 from a hash: a Brazilian residential/mobile block, or a datacenter block.
uint32_t make_ip(uint64_t h, bool datacenter);

// The address of the customer's own device `d` on `day`: home broadband is shared by the
// household for a month, mobile data changes daily, datacenter and VPN exits weekly.
uint32_t own_device_ip(uint64_t seed, const Customer& c, const Device& d, int64_t day, bool travelling);

double round6(double x);

struct Payee {
  uint64_t id[2];
  int16_t bank;
  int8_t key_type, account_type, holder_type;
};
Payee payee_from_hash(const ReferenceData& ref, uint64_t h, bool business);
inline constexpr uint64_t kBusinessPayeePercent = 15;  // of the people a customer transfers to
void use_payee(Transaction& t, const Payee& p);

// Amount in cents: log-normal inside [lo, hi] reais, times `multiplier`.
int64_t draw_amount(Rng& rng, double lo, double hi, double multiplier);
// How much more (or less) than the profile's amounts this customer spends, from their income.
double income_scale(const Customer& c);

// A merchant of MCC `mcc` (ReferenceData index), weighted by the MCC's merchant weights.
int32_t merchant_of_mcc(const ReferenceData& ref, uint32_t mcc, uint64_t bits);

// How a card present at the customer's own hand is read on `channel`: typed in on the web,
// tapped or typed in the app, mostly chip in shops; CVV and 3-D Secure as a bank sees them.
void draw_card_reading(Rng& rng, Transaction& t);

enum class DeviceForm : uint8_t { Phone, Desktop };
// The customer's own device of that form in use on `day` with the latest first use (the first
// one on ties), or -1.
int newest_own_device(const Customer& c, int64_t day, DeviceForm form);
// The own device the customer uses on `channel` that day (a slot of Customer::devices): the
// newest phone mostly, a computer on the web; -1 at ATMs and branches.
int pick_device(const Customer& c, Rng& rng, int channel, int64_t day);

// A transaction with every optional field empty, for customer `local_index` of its block.
Transaction blank_transaction(uint32_t local_index);

}  // namespace fraudgen
