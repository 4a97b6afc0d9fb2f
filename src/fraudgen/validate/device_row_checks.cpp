// devices: id and owner, form factor, model and system of the reference catalogue, first use.
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
    auto n = device_id_parts(r.str(col::device_id));
    if (!n) ctx.fail(Check::IdFormats, r, col::device_id, "DEV_ + 12 digits + - + 8 upper-case hex digits");
    else if (owner && n->owner != *owner)
      ctx.fail(Check::IdFormats, r, col::device_id, "DEV_ + the customer number of " + std::string(r.str(col::customer_id)) + " + - + 8 hex digits");
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
  if (r.valid(col::first_use) && r.i(col::first_use) > ctx.dataset.end_day)
    ctx.fail(Check::Devices, r, col::first_use, "a date up to end_date: the table lists the devices first used by then");
}

}  // namespace fraudgen::validate
