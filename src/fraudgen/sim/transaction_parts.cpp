#include "fraudgen/sim/transaction_parts.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "fraudgen/schema/vocabulary.h"

namespace fraudgen {
namespace {

// Brazilian IPv4 /8 blocks (LACNIC allocations used by Brazilian ISPs and mobile carriers).
constexpr uint8_t kResidentialPrefixes[] = {177, 179, 186, 187, 189, 191, 200, 201, 170, 138, 143, 152, 168};
constexpr uint8_t kDatacenterPrefixes[] = {104, 45, 54, 18, 35, 34, 52};

}  // namespace

uint64_t key_hash(uint64_t seed, uint64_t a, uint64_t b, uint64_t c) {
  return hash_combine(hash_combine(hash_combine(mix64(seed ^ 0x5eedULL), a), b), c);
}

uint32_t make_ip(uint64_t h, bool datacenter) {
  uint8_t first = datacenter ? kDatacenterPrefixes[h % std::size(kDatacenterPrefixes)]
                             : kResidentialPrefixes[h % std::size(kResidentialPrefixes)];
  uint32_t rest = static_cast<uint32_t>(mix64(h) & 0xFFFFFF);
  if ((rest & 0xFF) == 0 || (rest & 0xFF) == 255) rest ^= 0x7F;
  return (static_cast<uint32_t>(first) << 24) | rest;
}

uint32_t own_device_ip(uint64_t seed, const Customer& c, const Device& d, int64_t day, bool travelling) {
  using namespace vocab;
  const bool datacenter = d.ip_type == IP_DATACENTER || d.ip_type == IP_VPN;
  uint64_t h;
  if (datacenter) h = key_hash(seed, c.index, 0x5000 + (static_cast<uint64_t>(d.code) << 8), static_cast<uint64_t>(day / 7));
  else if (d.ip_type == IP_MOBILE || travelling) h = key_hash(seed, c.index, 0x6000 + (static_cast<uint64_t>(d.code) << 8), static_cast<uint64_t>(day));
  else h = key_hash(seed, c.index, 0x7000, static_cast<uint64_t>(day / 30));
  return make_ip(h, datacenter);
}

double round6(double x) { return std::round(x * 1e6) / 1e6; }

Payee payee_from_hash(const ReferenceData& ref, uint64_t h, bool business) {
  Payee p{};
  p.id[0] = mix64(h) | 1;  // never 0: 0 means "no payee"
  p.id[1] = mix64(h ^ 0xabcdefULL);
  p.bank = static_cast<int16_t>(ref.bank_sampler.sample(mix64(h + 1)));
  p.holder_type = business ? 1 : 0;
  uint64_t k = mix64(h + 2) % 100;
  if (business) p.key_type = k < 60 ? 4 : k < 90 ? 3 : 2;                       // CNPJ, RANDOM, EMAIL
  else p.key_type = k < 35 ? 0 : k < 65 ? 1 : k < 85 ? 2 : 3;                    // CPF, PHONE, EMAIL, RANDOM
  uint64_t a = mix64(h + 3) % 100;
  p.account_type = static_cast<int8_t>(a < 70 ? 0 : a < 85 ? 1 : a < 93 ? 2 : 3);  // CACC, SVGS, SLRY, TRAN
  return p;
}

void use_payee(Transaction& t, const Payee& p) {
  t.beneficiary[0] = p.id[0];
  t.beneficiary[1] = p.id[1];
  t.dest_bank = p.bank;
  t.pix_key_type = p.key_type;
  t.payee_account_type = p.account_type;
  t.payee_holder_type = p.holder_type;
}

int64_t draw_amount(Rng& rng, double lo, double hi, double multiplier) {
  if (lo >= hi) hi = lo * 2;
  double mu = (std::log(lo) + std::log(hi)) / 2;
  double sigma = std::max((std::log(hi) - std::log(lo)) / 4, 0.3);
  double x = std::clamp(std::exp(mu + sigma * rng.normal()), lo, 2 * hi) * multiplier;
  return std::max<int64_t>(1, std::llround(x * 100));
}

double income_scale(const Customer& c) {
  return std::clamp(std::pow(static_cast<double>(c.income_cents) / 400000.0, 0.25), 0.6, 2.5);
}

int32_t merchant_of_mcc(const ReferenceData& ref, uint32_t mcc, uint64_t bits) {
  const Mcc& info = ref.mccs[mcc];
  return static_cast<int32_t>(info.merchants[info.merchant_sampler.sample(bits)]);
}

int newest_own_device(const Customer& c, int64_t day, DeviceForm form) {
  int newest = -1;
  for (int s = 0; s < c.own_device_count; ++s) {
    const Device& d = c.devices[static_cast<size_t>(s)];
    const bool fits = form == DeviceForm::Phone ? d.kind <= vocab::PHONE_IOS : !d.is_mobile();
    if (fits && d.first_use_day <= day && d.last_use_day >= day && (newest < 0 || d.first_use_day > c.devices[static_cast<size_t>(newest)].first_use_day))
      newest = s;
  }
  return newest;
}

void draw_card_reading(Rng& rng, Transaction& t) {
  using namespace vocab;
  if (t.channel == WEB_BANKING) t.card_entry = 2;                                  // MANUAL
  else if (t.channel == MOBILE_APP) t.card_entry = static_cast<int8_t>(rng.chance(0.6) ? 1 : 2);
  else t.card_entry = static_cast<int8_t>(rng.chance(0.8) ? 0 : rng.chance(0.5) ? 1 : 3);
  t.cvv_validated = rng.chance(0.95);
  t.auth_3ds = t.card_entry == 2 && rng.chance(0.7);
}

int pick_device(const Customer& c, Rng& rng, int channel, int64_t day) {
  if (channel == vocab::ATM || channel == vocab::BRANCH) return -1;
  // The customer's own devices in use that day: the profile's always, new ones for four years.
  thread_local std::vector<int> mobile, desktop;
  mobile.clear();
  desktop.clear();
  for (int s = 0; s < c.own_device_count; ++s) {
    const Device& d = c.devices[static_cast<size_t>(s)];
    if (d.first_use_day > day || d.last_use_day < day) continue;
    (d.is_mobile() ? mobile : desktop).push_back(s);
  }
  const uint64_t nm = mobile.size(), nd = desktop.size();
  const int newest = newest_own_device(c, day, DeviceForm::Phone);
  if (channel == vocab::WEB_BANKING && nd > 0) return desktop[rng.below(nd)];
  if (nm == 0) return desktop[rng.below(nd)];
  if (newest >= 0 && rng.chance(0.85)) return newest;
  return mobile[rng.below(nm)];
}

Transaction blank_transaction(uint32_t local_index) {
  Transaction t{};
  t.customer = local_index;
  t.device_slot = -1;
  t.merchant = -1;
  t.dest_bank = -1;
  t.return_reason = -1;
  t.pix_key_type = t.payee_account_type = t.payee_holder_type = t.initiation_mode = -1;
  t.card_entry = t.installments = -1;
  t.fraud_type = t.fraud_role = -1;
  return t;
}

}  // namespace fraudgen
