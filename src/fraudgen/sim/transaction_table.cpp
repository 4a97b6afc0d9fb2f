#include "fraudgen/sim/transaction_table.h"

#include <charconv>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/text.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/sim/customer_table.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/sim/quiet_taxonomy.h"

namespace fraudgen {
namespace {

constexpr size_t kScenarioIdLength = 4 + 12 + 1 + 8 + 1 + 1;
constexpr char kAlnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

char* write_ipv4(char* p, uint32_t ip) {
  for (int k = 3; k >= 0; --k) {
    p = std::to_chars(p, p + 3, (ip >> (8 * k)) & 0xFF).ptr;
    if (k) *p++ = '.';
  }
  return p;
}

// BACEN end-to-end id: 'E', payer ISPB, UTC yyyyMMddHHmm, 11 alphanumerics = 32 characters.
char* write_end_to_end_id(char* p, std::string_view ispb, int64_t utc_ms, uint64_t suffix) {
  *p++ = 'E';
  p = write_text(p, ispb);
  int64_t days = utc_ms / kMillisPerDay, ms = utc_ms % kMillisPerDay;
  CivilDate d = civil_from_days(days);
  p = write_padded(p, static_cast<uint64_t>(d.year), 4);
  p = write_padded(p, d.month, 2);
  p = write_padded(p, d.day, 2);
  p = write_padded(p, static_cast<uint64_t>(ms / 3'600'000), 2);
  p = write_padded(p, static_cast<uint64_t>((ms / 60'000) % 60), 2);
  for (int k = 0; k < 11; ++k) { *p++ = kAlnum[suffix % 62]; suffix /= 62; }
  return p;
}

// The helpers below fill a transaction row (RowWriter) or a label row (ColumnBatch).
template <typename Row>
[[gnu::always_inline]] inline void put_or_null(Row& b, int col, int64_t v) {
  if (v >= 0) b.put_int(col, v); else b.put_null(col);
}

// TXN_ + 20 upper-case hex digits from (seed, customer, time): a customer's times are unique.
template <typename Row>
void put_transaction_id(Row& b, int col, uint64_t seed, const Customer& c, const Transaction& t) {
  char* p = b.begin_str(col, 24);
  uint64_t h = hash_combine(hash_combine(mix64(seed ^ 0x7478ULL), c.index), static_cast<uint64_t>(t.time_ms));
  b.commit_str(col, write_hex(write_hex(write_text(p, "TXN_"), h, 16, true), mix64(h) >> 48, 4, true));
}

// fraud_type, fraud_scenario_id, fraud_role, fraud_step, fraud_taxonomy, fraud_reported_date:
// consecutive, in this order, in both tables that carry them.
constexpr int kGroundTruthColumns = 6;
static_assert(tx_col::fraud_reported_date - tx_col::fraud_type == kGroundTruthColumns - 1);
static_assert(label_col::fraud_reported_date - label_col::fraud_type == kGroundTruthColumns - 1);

// FRD_, the customer number, the scenario's start date and its number that day:
// FRD_000000000042-20250314-0.
template <typename Row>
void put_ground_truth(Row& b, int first, const Customer& c, const Transaction& t) {
  b.put_int(first, t.fraud_type);
  char* p = write_padded(write_text(b.begin_str(first + 1, kScenarioIdLength), "FRD_"), c.index + 1, 12);
  const CivilDate d = civil_from_days(t.scenario_day);
  *p++ = '-';
  p = write_padded(write_padded(write_padded(p, static_cast<uint64_t>(d.year), 4), d.month, 2), d.day, 2);
  *p++ = '-';
  b.commit_str(first + 1, write_hex(p, static_cast<uint64_t>(t.scenario_k), 1, true));
  b.put_int(first + 2, t.fraud_role);
  b.put_int(first + 3, t.fraud_step);
  put_scenario_taxonomy(b, first + 4, fraud_types()[static_cast<size_t>(t.fraud_type)].taxonomy, t.fraud_quiet);
  b.put_int(first + 5, t.reported_day);
}

}  // namespace

void mark_keyed_transaction_columns(ColumnBatch& b) {
  namespace col = tx_col;
  // Keys must name strings one to one (sim_test checks the reference data), or the dictionary
  // would differ from hashing the text.
  for (int k : {col::customer_id, col::device_id, col::ip_address, col::municipality_ibge_code, col::municipality_name,
                col::transaction_state, col::customer_state, col::merchant_id, col::merchant_category, col::mcc_code,
                col::card_number_hash, col::destination_bank_code, col::payer_ispb, col::payee_ispb, col::payer_cpf_hash})
    b.set_keyed(k);
}

void write_transaction_row(RowWriter b, const SimContext& ctx, const Customer& c, const Transaction& t) {
  namespace col = tx_col;
  using namespace vocab;
  const ReferenceData& ref = ctx.ref();
  const uint64_t seed = ctx.config().seed;

  put_transaction_id(b, col::transaction_id, seed, c, t);
  char* p = b.begin_str(col::customer_id, 17);
  b.commit_keyed_str(col::customer_id, c.index, write_customer_id(p, c.index));
  p = b.begin_str(col::session_id, 21);
  b.commit_str(col::session_id, write_hex(write_text(p, "SESS_"), t.session, 16, true));
  if (t.device_slot >= 0) {
    const uint32_t code = c.devices[static_cast<size_t>(t.device_slot)].code;
    p = b.begin_str(col::device_id, kDeviceIdLength);
    b.commit_keyed_str(col::device_id, device_key(c.index, code), write_device_id(p, seed, c.index, code));
  } else {
    b.put_null(col::device_id);
  }
  b.put_int(col::timestamp, t.time_ms);
  b.put_int(col::type, t.type);
  b.put_int(col::direction, t.inflow ? DIR_IN : DIR_OUT);
  b.put_int(col::amount, t.amount_cents);
  b.put_int(col::currency, 0);
  b.put_int(col::channel, t.channel);
  if (t.ip) {
    p = b.begin_str(col::ip_address, 15);
    b.commit_keyed_str(col::ip_address, t.ip, write_ipv4(p, t.ip));
  } else {
    b.put_null(col::ip_address);
  }
  b.put_double(col::geolocation_lat, t.lat);
  b.put_double(col::geolocation_lon, t.lon);
  const Municipality& m = ref.municipalities[t.municipality];
  b.put_keyed_str(col::municipality_ibge_code, t.municipality, m.ibge_code);
  b.put_keyed_str(col::municipality_name, t.municipality, m.name);
  b.put_keyed_str(col::transaction_state, m.state, m.uf);
  b.put_keyed_str(col::customer_state, c.state, ref.states[c.state].uf);
  put_or_null(b, col::customer_profile, c.profile);
  b.put_int(col::social_class, c.income_class);

  if (t.merchant >= 0) {
    const Merchant& mer = ref.merchants[static_cast<size_t>(t.merchant)];
    const Mcc& mcc = ref.mccs[mer.mcc];
    b.put_keyed_str(col::merchant_id, static_cast<uint64_t>(t.merchant), mer.id);
    b.put_str(col::merchant_name, mer.name);
    b.put_keyed_str(col::merchant_category, mer.mcc, mcc.category);
    b.put_keyed_str(col::mcc_code, mer.mcc, mcc.code);
    b.put_int(col::mcc_risk_level, mcc.risk);
  } else {
    for (int k : {col::merchant_id, col::merchant_name, col::merchant_category, col::mcc_code, col::mcc_risk_level}) b.put_null(k);
  }

  const bool card = t.type == CREDIT_CARD || t.type == DEBIT_CARD;
  if (card) {
    bool credit = t.type == CREDIT_CARD;
    p = b.begin_str(col::card_number_hash, 16);
    b.commit_keyed_str(col::card_number_hash, c.index * 2 + (credit ? 1 : 0),
                       write_hex(p, credit ? c.credit_card_hash : c.debit_card_hash, 16));
    b.put_int(col::card_brand, credit ? c.credit_brand : c.debit_brand);
    b.put_int(col::card_type, credit ? 0 : 1);
    b.put_int(col::installments, t.installments);
    b.put_int(col::card_entry, t.card_entry);
    b.put_bool(col::cvv_validated, t.cvv_validated);
    b.put_bool(col::auth_3ds, t.auth_3ds);
  } else {
    for (int k : {col::card_number_hash, col::card_brand, col::card_type, col::installments, col::card_entry, col::cvv_validated, col::auth_3ds})
      b.put_null(k);
  }

  const bool pix = t.type == PIX, transfer = pix || t.type == TED;
  // OUT: the customer pays the counterparty. IN: the counterparty (the sender) pays the
  // customer, so the payer and payee sides swap (schema.cpp says which column is whose).
  const bool in = t.inflow;
  const uint64_t payer_bank = in ? static_cast<uint64_t>(t.dest_bank) : c.bank;
  const uint64_t payee_bank = in ? c.bank : static_cast<uint64_t>(t.dest_bank);
  const int8_t own_account_type = static_cast<int8_t>(c.account_type == 1 ? 1 : c.account_type == 2 ? 3 : 0);  // SVGS, TRAN, CACC
  put_or_null(b, col::pix_key_type, pix ? t.pix_key_type : -1);
  const int counterparty = in ? col::payer_id : col::beneficiary_id;
  if (t.beneficiary[0]) {
    p = b.begin_str(counterparty, 32);
    b.commit_str(counterparty, write_hex(write_hex(p, t.beneficiary[0], 16), t.beneficiary[1], 16));
  } else {
    b.put_null(counterparty);
  }
  b.put_null(in ? col::beneficiary_id : col::payer_id);
  if (in || t.dest_bank >= 0) b.put_keyed_str(col::destination_bank_code, payee_bank, ref.banks[payee_bank].code);
  else b.put_null(col::destination_bank_code);
  if (pix) {
    p = b.begin_str(col::end_to_end_id, 32);
    b.commit_str(col::end_to_end_id, write_end_to_end_id(p, ref.banks[payer_bank].ispb, t.time_ms, t.e2e_suffix));
  } else {
    b.put_null(col::end_to_end_id);
  }
  if (transfer) {
    b.put_keyed_str(col::payer_ispb, payer_bank, ref.banks[payer_bank].ispb);
    b.put_keyed_str(col::payee_ispb, payee_bank, ref.banks[payee_bank].ispb);
  } else {
    b.put_null(col::payer_ispb);
    b.put_null(col::payee_ispb);
  }
  put_or_null(b, col::payer_account_type, pix ? (in ? t.payee_account_type : own_account_type) : -1);
  put_or_null(b, col::payee_account_type, pix ? (in ? own_account_type : t.payee_account_type) : -1);
  put_or_null(b, col::payee_holder_type, transfer ? (in ? 0 : t.payee_holder_type) : -1);  // customers are people
  put_or_null(b, col::pix_initiation_mode, pix ? t.initiation_mode : -1);
  if (pix && !(in && t.payee_holder_type == 1)) {  // a business sender has a CNPJ, not a CPF
    p = b.begin_str(col::payer_cpf_hash, 32);
    // The CPF is a function of the customer, or of the sender; keys of senders' CPFs have the top
    // bit set, apart from the customers' indices.
    const uint64_t ch = in ? hash_combine(0x637066ULL, t.beneficiary[0]) | 1 : hash_combine(0x637066ULL, c.index);
    const uint64_t key = in ? t.beneficiary[0] | (1ULL << 63) : c.index;
    b.commit_keyed_str(col::payer_cpf_hash, key, write_hex(write_hex(p, mix64(ch), 16), mix64(ch + 1), 16));
  } else {
    b.put_null(col::payer_cpf_hash);
  }
  if (pix) {
    b.put_int(col::pacs_status, t.status == APPROVED ? 0 : t.status == PENDING ? 2 : 1);
    b.put_bool(col::is_pix_return, t.return_reason >= 0);
  } else {
    b.put_null(col::pacs_status);
    b.put_null(col::is_pix_return);
  }
  put_or_null(b, col::pix_return_reason, t.return_reason);

  b.put_bool(col::unusual_time, at_unusual_time(t));

  if (t.device_slot >= 0) {
    const Device& d = c.devices[static_cast<size_t>(t.device_slot)];
    const int64_t local_day = local_day_of(t.time_ms);
    b.put_int(col::device_age_days, days_between(d.first_use_day, local_day));
    b.put_bool(col::emulator_detected, d.emulator);
    b.put_bool(col::vpn_active, d.vpn);
    b.put_int(col::ip_type, d.ip_type);
  } else {
    for (int k : {col::device_age_days, col::emulator_detected, col::vpn_active, col::ip_type}) b.put_null(k);
  }
  for (int w = 0; w < 5; ++w) b.put_int(col::velocity_transactions_1h + w, t.velocity[w]);
  for (int w = 0; w < 5; ++w) b.put_int(col::accumulated_amount_1h + w, t.accumulated[w]);
  b.put_int(col::velocity_unique_merchants_7d, t.unique_merchants_7d);
  b.put_int(col::velocity_unique_devices_7d, t.unique_devices_7d);
  if (t.since_last_ms >= 0) {
    b.put_double(col::time_since_last_txn_min, static_cast<double>(t.since_last_ms) / 60000.0);
    b.put_double(col::distance_from_last_txn_km, t.distance_km);
  } else {
    b.put_null(col::time_since_last_txn_min);
    b.put_null(col::distance_from_last_txn_km);
  }
  put_or_null(b, col::device_new_for_customer, t.new_device);
  put_or_null(b, col::new_beneficiary, t.new_beneficiary);
  put_or_null(b, col::new_merchant, t.new_merchant);
  b.put_int(col::fraud_score, t.fraud_score);
  b.put_int(col::status, t.status);
  b.put_bool(col::is_fraud, t.is_fraud());
  if (t.is_fraud()) {
    put_ground_truth(b, col::fraud_type, c, t);
  } else {
    for (int k = col::fraud_type; k < col::fraud_type + kGroundTruthColumns; ++k) b.put_null(k);
  }
}

void write_fraud_label_row(ColumnBatch& b, const SimContext& ctx, const Customer& c, const Transaction& t) {
  namespace col = label_col;
  put_transaction_id(b, col::transaction_id, ctx.config().seed, c, t);
  b.commit_str(col::customer_id, write_customer_id(b.begin_str(col::customer_id, 17), c.index));
  b.put_int(col::timestamp, t.time_ms);
  put_ground_truth(b, col::fraud_type, c, t);
}

}  // namespace fraudgen
