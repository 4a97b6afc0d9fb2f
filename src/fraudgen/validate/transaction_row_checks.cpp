// transactions: what one row must satisfy on its own (the cross-table checks are in
// block_checker.cpp, the history features in history_check.cpp, the labels in label_row_checks.cpp).
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/text.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/row_checks.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace col = tx_col;

// How far (degrees) coordinates may lie from their municipality's reference point.
constexpr double kNearMunicipality = 0.05;

bool hex_of(const RowRef& r, int c, size_t n, bool upper, std::string_view prefix = "") {
  const std::string_view s = r.str(c);
  return s.size() == prefix.size() + n && s.starts_with(prefix) && all_hex(s.substr(prefix.size()), upper);
}

// "yyyyMMddHHmm" of a UTC instant.
std::string utc_minute(int64_t ms) {
  const int64_t days = ms >= 0 ? ms / kMillisPerDay : (ms - kMillisPerDay + 1) / kMillisPerDay;
  const int64_t in_day = ms - days * kMillisPerDay;
  const CivilDate d = civil_from_days(days);
  char buf[16];
  char* p = write_padded(buf, static_cast<uint64_t>(d.year), 4);
  p = write_padded(write_padded(p, d.month, 2), d.day, 2);
  p = write_padded(write_padded(p, static_cast<uint64_t>(in_day / 3'600'000), 2), static_cast<uint64_t>(in_day / 60'000 % 60), 2);
  return std::string(buf, p);
}

void check_ids(const CheckContext& ctx, const RowRef& r) {
  ctx.checked(Check::IdFormats);
  if (r.valid(col::transaction_id) && !hex_of(r, col::transaction_id, 20, true, "TXN_"))
    ctx.fail(Check::IdFormats, r, col::transaction_id, "TXN_ + 20 upper-case hex digits");
  std::optional<uint64_t> customer;
  if (r.valid(col::customer_id)) {
    customer = numbered_id(r.str(col::customer_id), "CUST_", 12);
    if (!customer || *customer < 1 || *customer > ctx.dataset.customers)
      ctx.fail(Check::IdFormats, r, col::customer_id, "CUST_ + 12 digits, 1 to " + std::to_string(ctx.dataset.customers));
  }
  if (r.valid(col::session_id) && !hex_of(r, col::session_id, 16, true, "SESS_"))
    ctx.fail(Check::IdFormats, r, col::session_id, "SESS_ + 16 upper-case hex digits");
  if (r.valid(col::device_id)) {
    auto n = device_id_parts(r.str(col::device_id));
    if (!n || (customer && n->owner != *customer))
      ctx.fail(Check::IdFormats, r, col::device_id, "DEV_ + the customer number + - + 8 upper-case hex digits");
  }
  if (r.valid(col::merchant_id)) {
    const std::string_view m = r.str(col::merchant_id);
    if (m.size() != 10 || m[0] != 'M' || !all_digits(m.substr(1)) || (r.valid(col::mcc_code) && m.substr(1, 4) != r.str(col::mcc_code)))
      ctx.fail(Check::IdFormats, r, col::merchant_id, "M + mcc_code + 5 digits");
  }
  if (r.valid(col::card_number_hash) && !hex_of(r, col::card_number_hash, 16, false))
    ctx.fail(Check::IdFormats, r, col::card_number_hash, "16 lower-case hex digits");
  if (r.valid(col::beneficiary_id) && !hex_of(r, col::beneficiary_id, 32, false))
    ctx.fail(Check::IdFormats, r, col::beneficiary_id, "32 lower-case hex digits");
  if (r.valid(col::payer_id) && !hex_of(r, col::payer_id, 32, false))
    ctx.fail(Check::IdFormats, r, col::payer_id, "32 lower-case hex digits");
  if (r.valid(col::payer_cpf_hash) && !hex_of(r, col::payer_cpf_hash, 32, false))
    ctx.fail(Check::IdFormats, r, col::payer_cpf_hash, "32 lower-case hex digits");

  // PIX end-to-end id: E + payer ISPB + UTC yyyyMMddHHmm of the timestamp + 11 alphanumerics.
  const bool pix = r.valid(col::type) && r.str(col::type) == "PIX";
  if (!r.valid(col::end_to_end_id)) {
    if (pix) ctx.fail(Check::IdFormats, r, col::end_to_end_id, "an end-to-end id on every PIX");
    return;
  }
  if (!pix) return ctx.fail(Check::IdFormats, r, col::end_to_end_id, "null: only PIX transactions have one");
  const std::string_view e2e = r.str(col::end_to_end_id);
  const std::string ispb = r.valid(col::payer_ispb) ? std::string(r.str(col::payer_ispb)) : "ISPB";
  const std::string minute = r.valid(col::timestamp) ? utc_minute(r.i(col::timestamp)) : "yyyyMMddHHmm";
  const std::string expected = "E" + ispb + minute + " + 11 alphanumerics (32 characters)";
  bool ok = e2e.size() == 32 && e2e[0] == 'E' && e2e.substr(1, 8) == ispb && e2e.substr(9, 12) == minute;
  for (size_t i = 21; ok && i < 32; ++i) ok = std::isalnum(static_cast<unsigned char>(e2e[i])) != 0;
  if (!ok) ctx.fail(Check::IdFormats, r, col::end_to_end_id, expected);
}

void check_banks(const CheckContext& ctx, const RowRef& r) {
  ctx.checked(Check::Banks);
  const bool transfer = r.valid(col::type) && (r.str(col::type) == "PIX" || r.str(col::type) == "TED");
  for (int c : {col::payer_ispb, col::payee_ispb})
    if (r.valid(c) != transfer) ctx.fail(Check::Banks, r, c, transfer ? "an ISPB on PIX and TED" : "null: only PIX and TED carry ISPBs");
  if (r.valid(col::payer_ispb) && !ctx.index.ispbs.contains(std::string(r.str(col::payer_ispb))))
    ctx.fail(Check::Banks, r, col::payer_ispb, "an ISPB of data/banks.csv");
  if (!r.valid(col::destination_bank_code)) return;
  const Bank* bank = ctx.index.bank(r.str(col::destination_bank_code));
  if (!bank) return ctx.fail(Check::Banks, r, col::destination_bank_code, "a COMPE code of data/banks.csv");
  if (r.valid(col::payee_ispb) && r.str(col::payee_ispb) != bank->ispb)
    ctx.fail(Check::Banks, r, col::payee_ispb, bank->ispb + ", the ISPB of destination bank " + bank->code);
}

void check_place(const CheckContext& ctx, const RowRef& r) {
  const Municipality* m = check_municipality(ctx, r, col::municipality_ibge_code, col::municipality_name, col::transaction_state);
  if (!m) return;
  auto near = [&] {
    char text[96];
    std::snprintf(text, sizeof text, "within %.2f degrees of %s (%.4f, %.4f)", kNearMunicipality, m->name.c_str(), m->lat, m->lon);
    return std::string(text);
  };
  if (r.valid(col::geolocation_lat) && !(std::abs(r.d(col::geolocation_lat) - m->lat) <= kNearMunicipality))
    ctx.fail(Check::Geography, r, col::geolocation_lat, near());
  if (r.valid(col::geolocation_lon) && !(std::abs(r.d(col::geolocation_lon) - m->lon) <= kNearMunicipality))
    ctx.fail(Check::Geography, r, col::geolocation_lon, near());
}

void check_device_presence(const CheckContext& ctx, const RowRef& r) {
  ctx.checked(Check::Devices);
  const bool device = r.valid(col::device_id);
  for (int c : {col::device_age_days, col::emulator_detected, col::vpn_active, col::ip_type})
    if (r.valid(c) != device) ctx.fail(Check::Devices, r, c, device ? "the device's value (device_id is set)" : "null, as device_id");
}

// An IN row is money sent to the customer: a PIX or TED with its sender, and nothing the
// customer did (no device, IP, merchant, card or beneficiary). An OUT row has no sender.
void check_direction(const CheckContext& ctx, const RowRef& r) {
  if (!r.valid(col::direction)) return;  // reported by the schema check
  ctx.checked(Check::Directions);
  if (r.str(col::direction) != "IN") {
    if (r.valid(col::payer_id)) ctx.fail(Check::Directions, r, col::payer_id, "null: only IN rows have a sender");
    return;
  }
  if (r.valid(col::type) && r.str(col::type) != "PIX" && r.str(col::type) != "TED")
    ctx.fail(Check::Directions, r, col::type, "PIX or TED: money arrives by transfer");
  if (!r.valid(col::payer_id)) ctx.fail(Check::Directions, r, col::payer_id, "the sender's id on an IN row");
  for (int c : {col::beneficiary_id, col::device_id, col::ip_address, col::merchant_id, col::card_number_hash})
    if (r.valid(c)) ctx.fail(Check::Directions, r, c, "null on an IN row (the customer is the payee)");
  if (r.valid(col::payee_holder_type) && r.str(col::payee_holder_type) != "INDIVIDUAL")
    ctx.fail(Check::Directions, r, col::payee_holder_type, "INDIVIDUAL: the payee of an IN row is the customer");
}

}  // namespace

void check_transaction_row(const CheckContext& ctx, const RowRef& r) {
  check_ids(ctx, r);
  check_banks(ctx, r);
  check_place(ctx, r);
  check_device_presence(ctx, r);
  check_direction(ctx, r);
  const bool fraudulent = r.valid(col::is_fraud) && r.i(col::is_fraud) != 0;
  check_ground_truth(ctx, r, col::fraud_type, col::timestamp, fraudulent);
}

}  // namespace fraudgen::validate
