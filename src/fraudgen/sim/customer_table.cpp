#include "fraudgen/sim/customer_table.h"

#include <string>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/text.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/documents.h"

namespace fraudgen {
namespace {

// E-mail providers used in Brazil, by rough share (per mille).
struct Domain { std::string_view name; int per_mille; };
constexpr Domain kDomains[] = {{"gmail.com", 480}, {"hotmail.com", 190}, {"outlook.com", 100}, {"yahoo.com.br", 70},
                               {"uol.com.br", 50}, {"bol.com.br", 40}, {"icloud.com", 50}, {"terra.com.br", 20}};

std::string_view domain_of(int draw) {
  for (const auto& d : kDomains) { if (draw < d.per_mille) return d.name; draw -= d.per_mille; }
  return kDomains[0].name;
}

}  // namespace

char* write_customer_id(char* out, uint64_t customer_index) {
  return write_padded(write_text(out, "CUST_"), customer_index + 1, 12);
}

char* write_device_id(char* out, uint64_t seed, uint64_t customer_index, uint32_t code) {
  char* p = write_padded(write_text(out, "DEV_"), customer_index + 1, 12);
  *p++ = '-';
  return write_hex(p, device_id_suffix(seed, code), 8, true);
}

std::string full_name(const ReferenceData& ref, int sex, uint32_t first_name, uint32_t surname1, int32_t surname2) {
  std::string name = ref.first_names[static_cast<size_t>(sex)].names[first_name] + " " + ref.surnames.names[surname1];
  if (surname2 >= 0) name += " " + ref.surnames.names[static_cast<size_t>(surname2)];
  return name;
}

void write_customer_row(ColumnBatch& b, const SimContext& ctx, const Customer& c) {
  namespace col = customer_col;
  const ReferenceData& ref = ctx.ref();
  const Municipality& m = ref.municipalities[c.municipality];
  const Bank& bank = ref.banks[c.bank];
  const std::string& first = ref.first_names[static_cast<size_t>(c.sex)].names[c.first_name];
  const std::string& last = c.surname2 >= 0 ? ref.surnames.names[static_cast<size_t>(c.surname2)] : ref.surnames.names[c.surname1];

  char* p = b.begin_str(col::customer_id, 17);
  b.commit_str(col::customer_id, write_customer_id(p, c.index));
  b.put_str(col::name, full_name(ref, c.sex, c.first_name, c.surname1, c.surname2));
  b.put_int(col::sex, c.sex);
  p = b.begin_str(col::cpf, 14);
  b.commit_str(col::cpf, write_formatted_cpf(p, c.cpf));
  std::string email;
  append_ascii_folded(email, first);
  email += '.';
  append_ascii_folded(email, last);
  if (c.email_suffix) email += std::to_string(c.email_suffix);
  email += '@';
  email += domain_of(c.email_domain);
  b.put_str(col::email, email);
  char phone[24];
  int n = std::snprintf(phone, sizeof phone, "+55 (%02d) 9%04d-%04d", m.ddd, c.phone_subscriber / 10000, c.phone_subscriber % 10000);
  b.put_str(col::phone, std::string_view(phone, static_cast<size_t>(n)));
  b.put_int(col::birth_date, c.birth_day);
  b.put_str(col::address_street, ref.streets.names[c.street]);
  b.put_str(col::address_number, std::to_string(c.house_number));
  b.put_str(col::address_neighborhood, ref.neighborhoods.names[c.neighborhood]);
  b.put_str(col::address_city, m.name);
  b.put_str(col::address_state, m.uf);
  char cep[10];
  n = std::snprintf(cep, sizeof cep, "%05d-%03d", c.cep / 1000, c.cep % 1000);
  b.put_str(col::address_postal_code, std::string_view(cep, static_cast<size_t>(n)));
  b.put_str(col::address_ibge_code, m.ibge_code);
  b.put_int(col::monthly_income, c.income_cents);
  b.put_int(col::income_class, c.income_class);
  b.put_str(col::profession, ref.professions[static_cast<size_t>(c.income_class)][c.profession]);
  b.put_int(col::account_created_at, c.account_created_ms);
  b.put_int(col::account_type, c.account_type);
  b.put_int(col::account_status, c.account_status);
  b.put_int(col::credit_limit, c.credit_limit_cents);
  b.put_int(col::credit_score, c.credit_score);
  int cat = c.credit_score >= 750 ? 0 : c.credit_score >= 600 ? 1 : c.credit_score >= 450 ? 2 : c.credit_score >= 350 ? 3 : 4;
  b.put_int(col::credit_score_category, cat);
  b.put_int(col::risk_level, c.risk_level);
  b.put_str(col::bank_code, bank.code);
  b.put_str(col::bank_name, bank.name);
  b.put_str(col::bank_ispb, bank.ispb);
  p = b.begin_str(col::branch, 4);
  b.commit_str(col::branch, write_padded(p, static_cast<uint64_t>(c.branch), 4));
  char acct[16];
  n = std::snprintf(acct, sizeof acct, "%06d-%d", c.account_number, c.account_digit);
  b.put_str(col::account_number, std::string_view(acct, static_cast<size_t>(n)));
  if (c.profile >= 0) b.put_int(col::behavioral_profile, c.profile); else b.put_null(col::behavioral_profile);
  b.put_int(col::address_age_days, c.address_age_days);
  b.put_int(col::phone_age_days, c.phone_age_days);
  b.put_int(col::address_change_count_1y, c.address_changes);
  b.put_int(col::phone_change_count_1y, c.phone_changes);
  b.put_int(col::credit_bureau_queries_10d, c.bureau_10d);
  b.put_int(col::credit_bureau_queries_30d, c.bureau_30d);
  b.put_int(col::credit_bureau_queries_180d, c.bureau_180d);
  b.put_int(col::active_restrictions_count, c.restrictions);
  b.put_int(col::restrictions_resolved_1y, c.restrictions_resolved);
}

void write_device_rows(ColumnBatch& b, const SimContext& ctx, const Customer& c) {
  for (size_t s = 0; s < c.devices.size(); ++s)
    if (device_listed(c, s)) write_device_row(b, ctx, c, c.devices[s]);
}

void write_device_row(ColumnBatch& b, const SimContext& ctx, const Customer& c, const Device& d) {
  namespace col = device_col;
  const ReferenceData& ref = ctx.ref();
  const DeviceModel& model = ref.device_models[d.model];
  char* p = b.begin_str(col::device_id, kDeviceIdLength);
  b.commit_str(col::device_id, write_device_id(p, ctx.config().seed, c.index, d.code));
  p = b.begin_str(col::customer_id, 17);
  b.commit_str(col::customer_id, write_customer_id(p, c.index));
  b.put_int(col::device_type, d.kind <= vocab::PHONE_IOS ? 0 : d.kind <= vocab::TABLET_IOS ? 1 : 2);
  b.put_int(col::device_kind, d.kind);
  b.put_str(col::manufacturer, model.manufacturer);
  b.put_str(col::model, model.model);
  b.put_str(col::operating_system, ref.device_os[static_cast<size_t>(d.kind)].names[d.os]);
  p = b.begin_str(col::fingerprint, 32);
  b.commit_str(col::fingerprint, write_hex(write_hex(p, d.fingerprint[0], 16), d.fingerprint[1], 16));
  b.put_int(col::first_use, d.first_use_day);
  b.put_bool(col::is_trusted, d.trusted);
  b.put_bool(col::rooted_or_jailbreak, d.rooted);
  b.put_bool(col::emulator_detected, d.emulator);
  b.put_bool(col::vpn_active, d.vpn);
  b.put_int(col::ip_type, d.ip_type);
}

}  // namespace fraudgen
