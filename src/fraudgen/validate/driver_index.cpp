#include "fraudgen/validate/driver_index.h"

#include <algorithm>
#include <functional>

#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace dc = driver_col;

// Every column but driver_id, app and registered_at: the person's and the vehicle's.
constexpr int kSharedColumns[] = {dc::name, dc::sex, dc::cpf, dc::cnh, dc::cnh_paid_activity, dc::birth_date, dc::city_ibge_code,
                                  dc::activity, dc::device_id, dc::payout_bank_code, dc::payout_account_hash, dc::vehicle_plate,
                                  dc::vehicle_brand, dc::vehicle_model, dc::vehicle_level, dc::vehicle_year, dc::vehicle_colour};
constexpr int kRedColour = 4, kBlueColour = 5;  // vocab::kVehicleColour: the colours Black refuses

uint64_t text_hash(const RowRef& r, int c) { return std::hash<std::string>()(r.text(c)); }

std::string row_at(const std::string* file, uint64_t row) { return *file + " row " + std::to_string(row); }

}  // namespace

void DriverIndex::add(const RowRef& r) {
  ctx_.checked(Check::RideAgreement);
  auto key = r.valid(dc::driver_id) ? driver_key(r.str(dc::driver_id)) : std::nullopt;
  const int app = r.valid(dc::app) ? vocab_index(vocab::kRideApp, r.str(dc::app)) : -1;
  if (key && app >= 0) {
    const auto city = r.valid(dc::city_ibge_code) ? market_.city(r.str(dc::city_ibge_code)) : std::nullopt;
    accounts_.push_back({*key, static_cast<int8_t>(app), static_cast<int8_t>(city ? static_cast<int>(*city) : -1),
                         static_cast<int8_t>(r.valid(dc::vehicle_level) ? vocab_index(vocab::kRideLevel, r.str(dc::vehicle_level)) : -1),
                         static_cast<int8_t>(r.valid(dc::vehicle_colour) ? vocab_index(vocab::kVehicleColour, r.str(dc::vehicle_colour)) : -1),
                         static_cast<int32_t>(r.valid(dc::vehicle_year) ? r.i(dc::vehicle_year) : 0), r.text(dc::vehicle_plate),
                         r.valid(dc::device_id) ? text_hash(r, dc::device_id) : 0, &r.file, r.file_row});
  }
  if (app >= 0 && r.valid(dc::cpf)) add_person(r, app);
}

void DriverIndex::add_person(const RowRef& r, int app) {
  const uint64_t cpf = text_hash(r, dc::cpf);
  Person p{{}, static_cast<uint8_t>(1u << app), &r.file, r.file_row};
  for (size_t k = 0; k < kShared; ++k) p.fields[k] = static_cast<uint32_t>(text_hash(r, kSharedColumns[k]));
  auto [it, fresh] = people_.try_emplace(cpf, p);
  if (!fresh) {
    Person& first = it->second;
    if (first.apps & p.apps)
      ctx_.fail(Check::RideAgreement, r, dc::app, "one account per person and app: this CPF has one on " + std::string(r.str(dc::app)) +
                                                       " at " + row_at(first.file, first.row));
    first.apps |= p.apps;
    for (size_t k = 0; k < kShared; ++k)
      if (p.fields[k] != first.fields[k])
        ctx_.fail(Check::RideAgreement, r, kSharedColumns[k], "the value of the person's other account (same CPF) at " + row_at(first.file, first.row));
  }
}

void DriverIndex::finish() {
  std::sort(accounts_.begin(), accounts_.end(), [](const Account& a, const Account& b) { return a.key < b.key; });
  for (size_t i = 1; i < accounts_.size(); ++i)
    if (accounts_[i].key == accounts_[i - 1].key)
      ctx_.report.violation(Check::RideIds, {*accounts_[i].file, accounts_[i].row, "driver_id", "", "a driver_id used once (also at " +
                                                                                                      row_at(accounts_[i - 1].file, accounts_[i - 1].row) + ")"});
  people_.clear();
}

std::optional<uint64_t> DriverIndex::device_of(uint64_t account) const {
  const Account* a = find(account);
  return a && a->device ? std::optional<uint64_t>(a->device) : std::nullopt;
}

const DriverIndex::Account* DriverIndex::find(uint64_t key) const {
  auto it = std::lower_bound(accounts_.begin(), accounts_.end(), key, [](const Account& a, uint64_t k) { return a.key < k; });
  return it != accounts_.end() && it->key == key ? &*it : nullptr;
}

void DriverIndex::check_ride(const RowRef& r, const RideFacts& f) const {
  namespace rc = ride_col;
  if (!f.driver) return;
  ctx_.checked(Check::RideAgreement);
  auto fail = [&](int c, std::string expected) { ctx_.fail(Check::RideAgreement, r, c, std::move(expected)); };
  const Account* a = find(f.driver);
  if (!a) return fail(rc::driver_id, "a driver account of the drivers table");
  const std::string at = " (" + row_at(a->file, a->row) + ")";
  if (f.app >= 0 && a->app != f.app)
    fail(rc::driver_id, "an account on " + std::string(vocab::kRideApp[static_cast<size_t>(f.app)]) + ": this one is on " +
                            std::string(vocab::kRideApp[static_cast<size_t>(a->app)]) + at);
  if (f.city >= 0 && a->city != f.city) fail(rc::driver_id, "a driver of " + market_.capital(static_cast<uint32_t>(f.city)).name + at);
  if (r.valid(rc::vehicle_plate) && r.str(rc::vehicle_plate) != a->plate) fail(rc::vehicle_plate, a->plate + ", the driver's plate" + at);
  if (!f.category || a->level < 0) return;
  // The vehicle fits the category (rides/driver.h's vehicle_fits, from the driver row): moto for
  // moto, a car of the level or above, and for Black the colours and the city's minimum model year.
  const RideCategory& c = *f.category;
  const int level = static_cast<int>(c.level), moto = static_cast<int>(RideLevel::Moto);
  bool fits;
  if (c.moto || a->level == moto) fits = c.moto && a->level == moto;
  else if (level > a->level) fits = false;
  else if (c.level != RideLevel::Black) fits = true;
  else {
    const std::optional<int> min_year = a->city >= 0 ? market_.rides.cities[static_cast<size_t>(a->city)].black_min_model_year : std::nullopt;
    fits = a->colour != kRedColour && a->colour != kBlueColour && (!min_year || a->year >= *min_year);
  }
  if (!fits)
    fail(rc::category, "a category the driver's " + std::string(vocab::kRideLevel[static_cast<size_t>(a->level)]) + " vehicle of " +
                           std::to_string(a->year) + " serves (moto for moto, its level or below, Black: not red or blue, recent enough)" + at);
}

void DriverIndex::check_session(const RowRef& r, uint64_t account, int city) const {
  namespace sc = session_col;
  ctx_.checked(Check::RideAgreement);
  const Account* a = find(account);
  if (!a) return ctx_.fail(Check::RideAgreement, r, sc::driver_id, "a driver account of the drivers table");
  const std::string at = " (" + row_at(a->file, a->row) + ")";
  if (r.valid(sc::app) && r.str(sc::app) != vocab::kRideApp[static_cast<size_t>(a->app)])
    ctx_.fail(Check::RideAgreement, r, sc::app, std::string(vocab::kRideApp[static_cast<size_t>(a->app)]) + ", the account's app" + at);
  if (city >= 0 && a->city >= 0 && a->city != city)
    ctx_.fail(Check::RideAgreement, r, sc::city_ibge_code, market_.capital(static_cast<uint32_t>(a->city)).ibge_code + ", the driver's city" + at);
}

}  // namespace fraudgen::validate
