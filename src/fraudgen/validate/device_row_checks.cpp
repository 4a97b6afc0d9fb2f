// devices: id and owner, form factor, model and system of the reference catalogue, age.
#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {

void check_device_row(const CheckContext& ctx, const RowRef& r) {
  namespace col = device_col;
  ctx.checked(Check::IdFormats);
  std::optional<uint64_t> owner;
  if (r.valid(col::customer_id)) {
    owner = numbered_id(r.str(col::customer_id), "CUST_", 12);
    if (!owner) ctx.fail(Check::IdFormats, r, col::customer_id, "CUST_ + 12 digits");
  }
  if (r.valid(col::device_id)) {
    auto n = numbered_id(r.str(col::device_id), "DEV_", 12);
    if (!n) ctx.fail(Check::IdFormats, r, col::device_id, "DEV_ + 12 digits");
    else if (owner && *n / 10 != *owner)
      ctx.fail(Check::IdFormats, r, col::device_id, "DEV_ + (customer number x 10 + slot) of " + std::string(r.str(col::customer_id)));
  }
  if (r.valid(col::fingerprint) && !(r.str(col::fingerprint).size() == 32 && all_hex(r.str(col::fingerprint), false)))
    ctx.fail(Check::IdFormats, r, col::fingerprint, "32 lower-case hex digits");

  ctx.checked(Check::Devices);
  if (r.valid(col::device_kind)) {
    const std::string kind(r.str(col::device_kind));
    if (r.valid(col::device_type) && !kind.starts_with(std::string(r.str(col::device_type)) + "_"))
      ctx.fail(Check::Devices, r, col::device_type, "the form factor of device_kind " + kind);
    if (r.valid(col::manufacturer) && r.valid(col::model) &&
        !ctx.index.models.contains({kind, std::string(r.str(col::manufacturer)), std::string(r.str(col::model))}))
      ctx.fail(Check::Devices, r, col::model, "a " + kind + " model of " + std::string(r.str(col::manufacturer)) + " in data/device_models.csv");
    if (r.valid(col::operating_system) && !ctx.index.systems.contains({kind, std::string(r.str(col::operating_system))}))
      ctx.fail(Check::Devices, r, col::operating_system, "a " + kind + " system of data/device_os.csv");
  }
  if (r.valid(col::first_use) && r.valid(col::device_age_days) && r.i(col::device_age_days) != ctx.dataset.end_day - r.i(col::first_use))
    ctx.fail(Check::Devices, r, col::device_age_days, std::to_string(ctx.dataset.end_day - r.i(col::first_use)) + " (end_date - first_use)");
}

}  // namespace fraudgen::validate
