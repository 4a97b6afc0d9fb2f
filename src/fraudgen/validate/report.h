// What `fraudgen validate` found: per named check, the rows it looked at, its violations and a
// few examples of them (file, row, column, value, what was expected).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fraudgen::validate {

enum class Check : uint8_t {
  ManifestFiles,  // files exist, with the manifest's rows, bytes and SHA-256
  Schema,         // values parse, non-null columns hold values, enums are in their vocabulary (ride categories of their app)
  Layout,         // rows in block order, a customer's transactions in time order
  IdFormats,      // customer, device, transaction, session, merchant, hash and PIX end-to-end ids
  References,     // customer_id and device_id of other tables name existing rows
  Cpf,            // CPF check digits and fiscal region of the home state
  Banks,          // COMPE code, ISPB and bank name agree with the reference table
  Geography,      // municipality, state, CEP, DDD, IBGE code and coordinates agree
  Devices,        // device rows coherent; a transaction's device is the customer's, fields equal
  Directions,     // IN rows: PIX/TED from a sender to the customer's bank, nothing of the customer's own doing
  History,        // history features recomputed from the customer's earlier rows
  Labels,         // is_fraud and the ground-truth fields agree; fraud_labels = fraudulent rows
  FraudShare,     // fraud counts and rate equal the manifest's fraud section
  RideIds,          // ids of the ride tables; ride, driver account and session ids unique
  DriverDocuments,  // drivers' CPF, CNH, plate and vehicle of the catalogue
  RideFares,        // fare parts recomputed to the centavo; amount, fees, earnings, tips
  RideTimes,        // a ride's timestamps in order, and null exactly where its status says
  RideAgreement,    // rides, drivers and sessions agree: app, plate, vehicle, city, sessions, no overlaps
  RideHistory,      // 7-day history features recomputed from the rides
  RideConditions,   // rain, surge, flight banks and zero-fee days shared and recomputed from the seed
  RideGeography,    // capitals, coordinates near the seat, pickup zones, airports and places
  RideLabels,       // is_fraud and the ground truth agree; ride_fraud_labels = fraudulent rides; counts equal the manifest's
};
inline constexpr size_t kCheckCount = 22;

std::string_view check_name(Check c);
std::string_view check_description(Check c);

struct Example {
  std::string file;   // relative to the dataset folder; empty for dataset-wide findings
  uint64_t row = 0;   // 1-based data row in the file (CSV header not counted); 0 = none
  std::string column, value, expected;
};

struct CheckResult {
  uint64_t checked = 0, violations = 0;
  std::vector<Example> examples;
  std::string skipped;  // why the check did not run, if it did not
  std::string note;     // what it left out, if anything, and why
};

struct DatasetSummary {
  std::string dir, format, compression, manifests;
  uint64_t files = 0, files_in_dataset = 0, rows = 0;
  double seconds = 0;
};

class Report {
 public:
  explicit Report(size_t max_examples) : max_examples_(max_examples) {}
  void checked(Check c, uint64_t n = 1) { at(c).checked += n; }
  void violation(Check c, Example e);
  void skip(Check c, std::string why) { at(c).skipped = std::move(why); }
  void note(Check c, std::string what) { at(c).note = std::move(what); }
  const CheckResult& result(Check c) const { return results_[static_cast<size_t>(c)]; }
  uint64_t total_violations() const;

  std::string text(const DatasetSummary& s) const;
  std::string json(const DatasetSummary& s) const;

 private:
  CheckResult& at(Check c) { return results_[static_cast<size_t>(c)]; }
  size_t max_examples_;
  std::array<CheckResult, kCheckCount> results_{};
};

}  // namespace fraudgen::validate
