#include "fraudgen/validate/block_checker.h"

#include <functional>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

namespace tc = tx_col;
namespace lc = label_col;

// fraud_labels columns after transaction_id, and the transactions columns they repeat.
constexpr int kLabelColumns[] = {lc::customer_id, lc::timestamp, lc::fraud_type, lc::fraud_scenario_id,
                                 lc::fraud_role, lc::fraud_step, lc::fraud_taxonomy, lc::fraud_reported_date};
constexpr int kTransactionColumns[] = {tc::customer_id, tc::timestamp, tc::fraud_type, tc::fraud_scenario_id,
                                       tc::fraud_role, tc::fraud_step, tc::fraud_taxonomy, tc::fraud_reported_date};

}  // namespace

void BlockChecker::add_customer(const RowRef& r) {
  namespace col = customer_col;
  auto n = r.valid(col::customer_id) ? numbered_id(r.str(col::customer_id), "CUST_", 12) : std::nullopt;
  if (!n) return;
  customers_[*n] = {r.text(col::address_state), r.text(col::income_class), r.text(col::behavioral_profile), r.text(col::bank_ispb)};
}

void BlockChecker::add_device(const RowRef& r) {
  namespace col = device_col;
  auto n = r.valid(col::device_id) ? device_id_parts(r.str(col::device_id)) : std::nullopt;
  auto owner = r.valid(col::customer_id) ? numbered_id(r.str(col::customer_id), "CUST_", 12) : std::nullopt;
  if (!n || !owner) return;
  ctx_.checked(Check::References);
  if (!customers_.contains(*owner)) ctx_.fail(Check::References, r, col::customer_id, "a customer of the customers table");
  devices_[n->key] = {*owner, r.text(col::first_use), r.text(col::emulator_detected), r.text(col::vpn_active), r.text(col::ip_type),
                  r.valid(col::first_use) ? r.i(col::first_use) : 0, r.valid(col::first_use)};
}

void BlockChecker::add_label(const RowRef& r) {
  if (!r.valid(lc::transaction_id)) return;
  LabelFacts facts{r.file, r.file_row, {}, false};
  for (int c : kLabelColumns) facts.values.push_back(r.text(c));
  auto [it, fresh] = labels_.try_emplace(std::string(r.str(lc::transaction_id)), std::move(facts));
  if (!fresh) ctx_.fail(Check::Labels, r, lc::transaction_id, "one fraud_labels row per transaction (also at " + it->second.file +
                                                                   " row " + std::to_string(it->second.row) + ")");
}

void BlockChecker::check_device_of(const RowRef& r, uint64_t customer) {
  auto n = device_id_parts(r.str(tc::device_id));
  if (!n) return;  // reported by id_formats
  auto it = devices_.find(n->key);
  if (it == devices_.end()) return ctx_.fail(Check::Devices, r, tc::device_id, "a device of the devices table");
  const DeviceFacts& d = it->second;
  if (d.customer != customer) {
    char owner[24];
    std::snprintf(owner, sizeof owner, "CUST_%012llu", static_cast<unsigned long long>(customer));
    return ctx_.fail(Check::Devices, r, tc::device_id, "a device of " + std::string(owner) + " (this one belongs to customer " +
                                                           std::to_string(d.customer) + ")");
  }
  if (r.text(tc::emulator_detected) != d.emulator) ctx_.fail(Check::Devices, r, tc::emulator_detected, d.emulator + ", as in devices");
  if (r.text(tc::vpn_active) != d.vpn) ctx_.fail(Check::Devices, r, tc::vpn_active, d.vpn + ", as in devices");
  if (r.text(tc::ip_type) != d.ip_type) ctx_.fail(Check::Devices, r, tc::ip_type, d.ip_type + ", as in devices");
  if (d.dated && r.valid(tc::timestamp) && r.valid(tc::device_age_days)) {
    const int64_t local_day = (r.i(tc::timestamp) + kBrasiliaOffsetMillis) / kMillisPerDay;
    if (r.i(tc::device_age_days) != local_day - d.first_use_day)
      ctx_.fail(Check::Devices, r, tc::device_age_days, std::to_string(local_day - d.first_use_day) + " (local date - first_use " + d.first_use + ")");
  }
}

void BlockChecker::match_label(const RowRef& r) {
  const bool fraudulent = r.valid(tc::is_fraud) && r.i(tc::is_fraud);
  auto it = r.valid(tc::transaction_id) ? labels_.find(std::string(r.str(tc::transaction_id))) : labels_.end();
  if (it == labels_.end()) {
    if (fraudulent) ctx_.fail(Check::Labels, r, tc::transaction_id, "a fraud_labels row for this fraudulent transaction");
    return;
  }
  LabelFacts& label = it->second;
  label.matched = true;
  if (!fraudulent)
    return ctx_.fail(Check::Labels, r, tc::is_fraud, "true: fraud_labels has this transaction (" + label.file + " row " + std::to_string(label.row) + ")");
  for (size_t k = 0; k < std::size(kTransactionColumns); ++k)
    if (r.text(kTransactionColumns[k]) != label.values[k])
      ctx_.fail(Check::Labels, r, kTransactionColumns[k], label.values[k] + ", as in " + label.file + " row " + std::to_string(label.row));
}

void BlockChecker::check_transaction(const RowRef& r) {
  ++tally_.transactions;
  if (r.valid(tc::is_fraud) && r.i(tc::is_fraud)) {
    ++tally_.fraudulent;
    if (r.valid(tc::fraud_type)) ++tally_.by_type[std::string(r.str(tc::fraud_type))];
    if (r.valid(tc::fraud_scenario_id) && scenario_ids_.insert(std::hash<std::string_view>()(r.str(tc::fraud_scenario_id))).second) ++tally_.scenarios;
  }
  if (r.valid(tc::transaction_id) && !transaction_ids_.insert(std::hash<std::string_view>()(r.str(tc::transaction_id))).second)
    ctx_.fail(Check::IdFormats, r, tc::transaction_id, "a transaction_id used once");
  match_label(r);

  auto customer = r.valid(tc::customer_id) ? numbered_id(r.str(tc::customer_id), "CUST_", 12) : std::nullopt;
  if (!customer) return;
  ctx_.checked(Check::References);
  auto it = customers_.find(*customer);
  if (it == customers_.end()) return ctx_.fail(Check::References, r, tc::customer_id, "a customer of the customers table");
  const CustomerFacts& c = it->second;
  if (r.text(tc::social_class) != c.income_class) ctx_.fail(Check::References, r, tc::social_class, c.income_class + ", the customer's income_class");
  if (r.text(tc::customer_profile) != c.profile) ctx_.fail(Check::References, r, tc::customer_profile, c.profile + ", the customer's behavioral_profile");
  if (r.text(tc::customer_state) != c.state) ctx_.fail(Check::Geography, r, tc::customer_state, c.state + ", the customer's address_state");
  // The customer's side of a transfer: the payer of an OUT row, the payee of an IN row.
  const bool in = r.valid(tc::direction) && r.str(tc::direction) == "IN";
  const int own = in ? tc::payee_ispb : tc::payer_ispb;
  if (r.valid(own) && r.text(own) != c.bank_ispb)
    ctx_.fail(in ? Check::Directions : Check::Banks, r, own, c.bank_ispb + ", the customer's bank_ispb");
  if (r.valid(tc::device_id)) check_device_of(r, *customer);
}

void BlockChecker::finish_block() {
  for (const auto& [id, label] : labels_)
    if (!label.matched)
      ctx_.report.violation(Check::Labels, {label.file, label.row, "transaction_id", id, "a fraudulent transaction with this id in the same block"});
  customers_.clear();
  devices_.clear();
  labels_.clear();
  transaction_ids_.clear();
  scenario_ids_.clear();
}

}  // namespace fraudgen::validate
