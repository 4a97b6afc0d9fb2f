#include "fraudgen/validate/report.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace fraudgen::validate {
namespace {

struct CheckText { std::string_view name, description; };
constexpr CheckText kChecks[kCheckCount] = {
    {"manifest_files", "every file of the manifest exists with its rows, bytes and SHA-256; the totals add up"},
    {"schema", "values parse as their type, non-null columns hold values, enums are in their vocabulary (a ride's category is its app's, of its level)"},
    {"layout", "rows in block order (a block is whole customers); a customer's transactions in time order; the rides of a city in request order"},
    {"id_formats", "customer, device, transaction, session, merchant, hash and PIX end-to-end id formats"},
    {"references", "customer_id and device_id name existing customers and devices"},
    {"cpf", "CPF format, mod-11 check digits, 9th digit = fiscal region of the home state"},
    {"banks", "COMPE code, ISPB and bank name agree with the reference table; payer ISPB (OUT) or payee ISPB (IN) = customer's bank"},
    {"geography", "municipality, state, IBGE code, CEP range, DDD and coordinates agree"},
    {"devices", "device rows coherent; a transaction's device belongs to the customer with equal fields"},
    {"directions", "IN rows: PIX or TED, a payer_id and no beneficiary, device, IP, merchant or card; payee = the customer's bank; the previous row's place"},
    {"history", "velocity, accumulated amounts, distinct counts, time/distance since last, new device/beneficiary/merchant"},
    {"labels", "is_fraud <=> ground-truth fields; taxonomy of the type; fraud_labels = fraudulent transactions"},
    {"fraud_share", "fraud counts and rates equal the manifest; realised rate near the requested one"},
    {"ride_ids", "DRV_, RIDE_, DSES_, DDEV_, RACC_ and RDEV_ ids, payout hashes; driver_id unique, ride_id and session_id unique within a city and 8 days"},
    {"driver_documents", "drivers' CPF (check digits, fiscal region), CNH check digits, plate format by model year, vehicle of the catalogue"},
    {"ride_fares", "fare parts recomputed to the centavo; fare_amount by price basis; quoted price, offers, cancel fee, platform fee, earnings, tips; promotions, split shares, charged amount, card age, refunds, disputes"},
    {"ride_times", "requested <= accepted <= arrived <= started < ended, cancellations after acceptance; nulls as the status says"},
    {"ride_agreement", "a ride's driver account exists on its app and city, with its plate and a vehicle fit for the category; rides within the account's sessions; no overlapping rides or sessions; a person's accounts agree"},
    {"ride_history", "the 7-day driver, rider and pair features recomputed from the rides table"},
    {"ride_conditions", "rain per city-hour and surge per zone and 5 minutes shared, and recomputed from the seed; flight banks, zero-fee days"},
    {"ride_geography", "cities are capitals with their name and state; points near the seat or an airport; pickup_zone, places and airports"},
    {"ride_labels", "is_fraud <=> ground-truth fields; taxonomy and role of the type; scenario ids; ride_fraud_labels = fraudulent rides; counts and rate equal the manifest's"},
};

std::string example_line(const Example& e) {
  std::string s = "    ";
  if (!e.file.empty()) s += e.file;
  if (e.row) s += " row " + std::to_string(e.row);
  if (!e.column.empty()) s += (e.file.empty() && !e.row ? "" : ", ") + std::string("column ") + e.column;
  s += ": value " + (e.value.empty() ? std::string("(empty)") : e.value);
  if (!e.expected.empty()) s += "; expected " + e.expected;
  return s + "\n";
}

}  // namespace

std::string_view check_name(Check c) { return kChecks[static_cast<size_t>(c)].name; }
std::string_view check_description(Check c) { return kChecks[static_cast<size_t>(c)].description; }

void Report::violation(Check c, Example e) {
  CheckResult& r = at(c);
  ++r.violations;
  if (r.examples.size() < max_examples_) r.examples.push_back(std::move(e));
}

uint64_t Report::total_violations() const {
  uint64_t n = 0;
  for (const auto& r : results_) n += r.violations;
  return n;
}

std::string Report::text(const DatasetSummary& s) const {
  std::string out = "fraudgen validate " + s.dir + "\n";
  out += "  " + s.format + (s.compression == "none" ? "" : ", " + s.compression) + "; " + std::to_string(s.files) + " of " +
         std::to_string(s.files_in_dataset) + " files (" + s.manifests + "); " + std::to_string(s.rows) + " rows\n\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-16s %14s %12s\n", "check", "rows checked", "violations");
  out += line;
  size_t failed = 0;
  for (size_t i = 0; i < kCheckCount; ++i) {
    const CheckResult& r = results_[i];
    const std::string_view name = kChecks[i].name;
    if (!r.skipped.empty()) {
      std::snprintf(line, sizeof line, "  %-16.*s %14s %12s  skipped: ", static_cast<int>(name.size()), name.data(), "-", "-");
      out += line + r.skipped + "\n";
      continue;
    }
    std::snprintf(line, sizeof line, "  %-16.*s %14llu %12llu  %s\n", static_cast<int>(name.size()), name.data(),
                  static_cast<unsigned long long>(r.checked), static_cast<unsigned long long>(r.violations),
                  r.violations ? "FAIL" : "ok");
    out += line;
    if (!r.note.empty()) out += "    note: " + r.note + "\n";
    failed += r.violations > 0;
    for (const Example& e : r.examples) out += example_line(e);
    if (r.violations > r.examples.size())
      out += "    ... and " + std::to_string(r.violations - r.examples.size()) + " more\n";
  }
  const uint64_t total = total_violations();
  std::snprintf(line, sizeof line, "%.2f", s.seconds);
  out += "\n";
  if (total == 0) out += "verdict: PASS (no violation in " + std::to_string(kCheckCount) + " checks, " + line + " s)\n";
  else out += "verdict: FAIL (" + std::to_string(total) + " violations in " + std::to_string(failed) + " checks, " + line + " s)\n";
  return out;
}

std::string Report::json(const DatasetSummary& s) const {
  using nlohmann::json;
  json checks = json::array();
  for (size_t i = 0; i < kCheckCount; ++i) {
    const CheckResult& r = results_[i];
    json examples = json::array();
    for (const Example& e : r.examples)
      examples.push_back({{"file", e.file}, {"row", e.row}, {"column", e.column}, {"value", e.value}, {"expected", e.expected}});
    json c = {{"name", kChecks[i].name}, {"description", kChecks[i].description}, {"rows_checked", r.checked},
              {"violations", r.violations}, {"examples", examples}};
    c["skipped"] = r.skipped.empty() ? json(nullptr) : json(r.skipped);
    c["note"] = r.note.empty() ? json(nullptr) : json(r.note);
    checks.push_back(c);
  }
  json out = {{"dataset", {{"dir", s.dir}, {"format", s.format}, {"compression", s.compression}, {"manifests", s.manifests},
                           {"files", s.files}, {"files_in_dataset", s.files_in_dataset}, {"rows", s.rows}}},
              {"checks", checks},
              {"violations", total_violations()},
              {"verdict", total_violations() ? "fail" : "pass"},
              {"seconds", s.seconds}};
  return out.dump(2) + "\n";
}

}  // namespace fraudgen::validate
