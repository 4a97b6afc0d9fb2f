// drivers: ids, the person's documents (CPF, CNH), the vehicle and its plate, the capital.
#include <algorithm>

#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/documents.h"
#include "fraudgen/validate/ride_row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace dc = driver_col;

// Cars first registered since 2019 carry Mercosul plates; older ones either (converted on a sale).
constexpr int kMercosulSince = 2019;

void check_driver_ids(const CheckContext& ctx, const RowRef& r) {
  ctx.checked(Check::RideIds);
  if (r.valid(dc::driver_id) && !driver_key(r.str(dc::driver_id))) ctx.fail(Check::RideIds, r, dc::driver_id, "DRV_ + 12 upper-case hex digits");
  if (r.valid(dc::device_id) && !hex_id(r.str(dc::device_id), "DDEV_", 12, true)) ctx.fail(Check::RideIds, r, dc::device_id, "DDEV_ + 12 upper-case hex digits");
  if (r.valid(dc::payout_account_hash) && !hex_id(r.str(dc::payout_account_hash), "", 16, false))
    ctx.fail(Check::RideIds, r, dc::payout_account_hash, "16 lower-case hex digits");
}

void check_documents(const CheckContext& ctx, const RideMarket& market, const RowRef& r, int city) {
  ctx.checked(Check::DriverDocuments);
  auto fail = [&](int c, std::string expected) { ctx.fail(Check::DriverDocuments, r, c, std::move(expected)); };
  if (r.valid(dc::cpf)) {
    const State* state = city >= 0 ? &market.ref.states[market.rides.cities[static_cast<size_t>(city)].state] : nullptr;
    if (auto expected = cpf_problem(r.str(dc::cpf), state)) fail(dc::cpf, std::move(*expected));
  }
  if (r.valid(dc::cnh) && !cnh_valid(r.str(dc::cnh))) fail(dc::cnh, "11 digits with the two DENATRAN check digits");
  if (r.valid(dc::vehicle_plate)) {
    const std::string_view plate = r.str(dc::vehicle_plate);
    if (!plate_valid(plate)) fail(dc::vehicle_plate, "a Mercosul plate LLLNLNN or an old one LLL-NNNN");
    else if (r.valid(dc::vehicle_year) && r.i(dc::vehicle_year) >= kMercosulSince && plate.size() != 7)
      fail(dc::vehicle_plate, "a Mercosul plate LLLNLNN: the vehicle was first registered since 2019");
  }
  if (r.valid(dc::vehicle_level) && r.valid(dc::vehicle_brand) && r.valid(dc::vehicle_model)) {
    const int level = vocab_index(vocab::kRideLevel, r.str(dc::vehicle_level));
    const auto& v = market.rides.vehicles;
    if (level >= 0 && std::none_of(v.begin(), v.end(), [&](const RideVehicle& x) {
          return static_cast<int>(x.level) == level && x.brand == r.str(dc::vehicle_brand) && x.model == r.str(dc::vehicle_model);
        }))
      fail(dc::vehicle_model, "a " + std::string(r.str(dc::vehicle_level)) + " vehicle of " + std::string(r.str(dc::vehicle_brand)) + " in data/ride_vehicles.csv");
  }
}

}  // namespace

void check_driver_row(const CheckContext& ctx, const RideMarket& market, const RowRef& r) {
  check_driver_ids(ctx, r);
  const int city = check_capital(ctx, market, r, dc::city_ibge_code, dc::city_name, dc::state);
  check_documents(ctx, market, r, city);
  ctx.checked(Check::Banks);
  if (r.valid(dc::payout_bank_code) && !ctx.index.bank(r.str(dc::payout_bank_code)))
    ctx.fail(Check::Banks, r, dc::payout_bank_code, "a COMPE code of data/banks.csv");
}

}  // namespace fraudgen::validate
