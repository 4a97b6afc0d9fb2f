// fraudgen validate, check by check: a clean dataset passes, and for each check a dataset with
// one tampered value (or file, or manifest figure) makes that check report it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unistd.h>

#include "fraudgen/validate/dataset.h"
#include "fraudgen/validate/text_rules.h"
#include "fraudgen/validate/validator.h"
#include "text_lines.h"

namespace fs = std::filesystem;
using namespace fraudgen::validate;

namespace {

fs::path scratch(const std::string& name) {
  fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  return base / ("fraudgen-validate-" + name);
}

// One JSONL dataset (48 customers over 90 days, 5% fraud, one file per table), made once per
// process (ctest runs tests in parallel processes) and removed at exit.
struct CleanDataset {
  fs::path dir = scratch("clean-" + std::to_string(::getpid()));
  CleanDataset() {
    fs::remove_all(dir);
    const std::string cmd = std::string(FRAUDGEN_BINARY) + " generate --customers 48 --seed 31 --start-date 2025-03-01 " +
                            "--end-date 2025-05-29 --fraud-rate 0.05 --format jsonl --quiet --output " + dir.string();
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("fraudgen generate failed: " + cmd);
  }
  ~CleanDataset() { fs::remove_all(dir); }
};

const fs::path& clean_dataset() {
  static const CleanDataset dataset;
  return dataset.dir;
}

using fraudgen::test_support::read_lines;
using fraudgen::test_support::write_lines;

std::string field(const std::string& line, const std::string& key) {
  const size_t at = line.find("\"" + key + "\":") + key.size() + 3;
  const size_t end = line[at] == '"' ? line.find('"', at + 1) + 1 : line.find_first_of(",}", at);
  return line.substr(at, end - at);
}

// Replaces the JSON value of `key` in `line` (values here hold no quote or comma).
void set_field(std::string& line, const std::string& key, const std::string& json_value) {
  const size_t at = line.find("\"" + key + "\":") + key.size() + 3;
  const size_t end = line[at] == '"' ? line.find('"', at + 1) + 1 : line.find_first_of(",}", at);
  line.replace(at, end - at, json_value);
}

// A fresh copy of the clean dataset, for one test to tamper with.
class Tampered : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch(std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(clean_dataset(), dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path file(const std::string& table) const { return dir_ / table / "part-00000.jsonl"; }
  // Edits line `i` of a table's file.
  template <typename Edit>
  void edit(const std::string& table, size_t i, Edit e) {
    auto lines = read_lines(file(table));
    e(lines.at(i));
    write_lines(file(table), lines);
  }
  // First line of a table whose `key` satisfies `pred`.
  template <typename Pred>
  size_t find(const std::string& table, const std::string& key, Pred pred) {
    auto lines = read_lines(file(table));
    for (size_t i = 0; i < lines.size(); ++i)
      if (pred(field(lines[i], key))) return i;
    throw std::runtime_error("no line with the wanted " + key);
  }
  ValidationResult run() const { return validate_dataset(dir_.string(), {5}); }
  // Rewrites manifest.json as `change` edits it.
  template <typename Change>
  void edit_manifest(Change change) const {
    std::ifstream in(dir_ / "manifest.json");
    nlohmann::json m = nlohmann::json::parse(in);
    in.close();
    change(m);
    std::ofstream(dir_ / "manifest.json", std::ios::trunc) << m.dump(2);
  }
  // `check` reports row i + 1 of the table's file at `column`.
  void expect_caught(Check check, const std::string& table, size_t i, const std::string& column) const {
    ValidationResult r = run();
    const CheckResult& c = r.report.result(check);
    ASSERT_GT(c.violations, 0u) << check_name(check) << "\n" << r.report.text(r.summary);
    bool named = false;
    for (const Example& e : c.examples) named = named || (e.file == table + "/part-00000.jsonl" && e.row == i + 1 && e.column == column);
    EXPECT_TRUE(named) << check_name(check) << " does not name " << table << " row " << i + 1 << " " << column << "\n" << r.report.text(r.summary);
  }
  fs::path dir_;
};

}  // namespace

TEST(TextRules, CpfCheckDigitsOfPublishedExamples) {
  const int a[9] = {5, 2, 9, 9, 8, 2, 2, 4, 7}, b[9] = {1, 1, 1, 4, 4, 4, 7, 7, 7};
  int d1, d2;
  cpf_check_digits(a, d1, d2);
  EXPECT_EQ(d1 * 10 + d2, 25);  // 529.982.247-25
  cpf_check_digits(b, d1, d2);
  EXPECT_EQ(d1 * 10 + d2, 35);  // 111.444.777-35
  EXPECT_EQ(numbered_id("CUST_000000000042", "CUST_", 12), 42u);
  EXPECT_FALSE(numbered_id("CUST_00000000042", "CUST_", 12));
}

TEST(Validate, CleanDatasetPassesEveryCheck) {
  ValidationResult r = validate_dataset(clean_dataset().string(), {5});
  EXPECT_EQ(r.report.total_violations(), 0u) << r.report.text(r.summary);
  // A --type transactions dataset has no ride tables: their checks say so, the others all ran.
  for (size_t c = 0; c < kCheckCount; ++c) {
    const Check check = static_cast<Check>(c);
    if (check_name(check).starts_with("ride") || check == Check::DriverDocuments)
      EXPECT_NE(r.report.result(check).skipped.find("no ride tables"), std::string::npos) << check_name(check);
    else
      EXPECT_GT(r.report.result(check).checked, 0u) << check_name(check);
  }
}

TEST(Validate, NotADatasetIsADatasetError) {
  EXPECT_THROW(validate_dataset("/nonexistent/fraudgen", {5}), DatasetError);
  fs::path empty = scratch("empty");
  fs::create_directories(empty);
  EXPECT_THROW(validate_dataset(empty.string(), {5}), DatasetError);
  fs::remove_all(empty);
}

TEST_F(Tampered, ManifestFilesMissingFile) {
  fs::remove(file("devices"));
  ValidationResult r = run();
  ASSERT_GT(r.report.result(Check::ManifestFiles).violations, 0u);
  EXPECT_EQ(r.report.result(Check::ManifestFiles).examples[0].value, "missing");
}

TEST_F(Tampered, ManifestFilesTotalsThatDoNotAddUp) {
  edit_manifest([](nlohmann::json& m) {
    m["totals"]["transactions"]["rows"] = m["totals"]["transactions"]["rows"].get<uint64_t>() + 1;
    m["total_bytes"] = m["total_bytes"].get<uint64_t>() - 1;
  });
  ValidationResult r = run();
  const CheckResult& c = r.report.result(Check::ManifestFiles);
  ASSERT_EQ(c.violations, 2u) << r.report.text(r.summary);
  EXPECT_EQ(r.report.total_violations(), 2u) << r.report.text(r.summary);
  std::set<std::string> figures;
  for (const Example& e : c.examples) figures.insert(e.column);
  EXPECT_EQ(figures, (std::set<std::string>{"totals.transactions.rows", "total_bytes"}));
}

TEST_F(Tampered, ManifestTotalsOfAnUnknownTableIsADatasetError) {
  edit_manifest([](nlohmann::json& m) { m["totals"]["payments"] = {{"rows", 1}, {"bytes", 1}, {"files", 1}}; });
  EXPECT_THROW(run(), DatasetError);
}

TEST_F(Tampered, SchemaEnumOutsideVocabulary) {
  edit("transactions", 5, [](std::string& l) { set_field(l, "channel", "\"TELEPATHY\""); });
  expect_caught(Check::Schema, "transactions", 5, "channel");
}

TEST_F(Tampered, SchemaNullInRequiredColumn) {
  edit("customers", 2, [](std::string& l) { set_field(l, "email", "null"); });
  expect_caught(Check::Schema, "customers", 2, "email");
}

TEST_F(Tampered, LayoutRowOutOfBlockOrder) {
  auto lines = read_lines(file("transactions"));
  std::rotate(lines.begin(), lines.end() - 1, lines.end());  // the last block's last row first
  write_lines(file("transactions"), lines);
  ValidationResult r = run();
  EXPECT_GT(r.report.result(Check::Layout).violations, 0u) << r.report.text(r.summary);
}

TEST_F(Tampered, IdFormatsLowerCaseTransactionId) {
  std::string id;
  edit("transactions", 7, [&](std::string& l) {
    id = field(l, "transaction_id");
    for (char& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    set_field(l, "transaction_id", id);
  });
  expect_caught(Check::IdFormats, "transactions", 7, "transaction_id");
}

TEST_F(Tampered, IdFormatsEndToEndIdOfAnotherMinute) {
  const size_t i = find("transactions", "end_to_end_id", [](const std::string& v) { return v != "null"; });
  edit("transactions", i, [](std::string& l) {
    std::string e2e = field(l, "end_to_end_id");
    e2e[20] = e2e[20] == '0' ? '1' : '0';  // the minute's last digit
    set_field(l, "end_to_end_id", e2e);
  });
  expect_caught(Check::IdFormats, "transactions", i, "end_to_end_id");
}

TEST_F(Tampered, ReferencesSocialClassOfAnotherCustomer) {
  edit("transactions", 11, [](std::string& l) { set_field(l, "social_class", field(l, "social_class") == "\"A\"" ? "\"E\"" : "\"A\""); });
  expect_caught(Check::References, "transactions", 11, "social_class");
}

TEST_F(Tampered, CpfCheckDigit) {
  edit("customers", 9, [](std::string& l) {
    std::string cpf = field(l, "cpf");
    cpf[cpf.size() - 2] = cpf[cpf.size() - 2] == '9' ? '0' : static_cast<char>(cpf[cpf.size() - 2] + 1);
    set_field(l, "cpf", cpf);
  });
  expect_caught(Check::Cpf, "customers", 9, "cpf");
}

TEST_F(Tampered, BanksNameOfAnotherBank) {
  edit("customers", 4, [](std::string& l) { set_field(l, "bank_name", "\"Banco Imaginario\""); });
  expect_caught(Check::Banks, "customers", 4, "bank_name");
}

TEST_F(Tampered, BanksPayeeIspbOfAnotherBank) {
  const size_t i = find("transactions", "payee_ispb", [](const std::string& v) { return v != "null" && v != "\"60701190\""; });
  edit("transactions", i, [](std::string& l) { set_field(l, "payee_ispb", "\"60701190\""); });
  expect_caught(Check::Banks, "transactions", i, "payee_ispb");
}

TEST_F(Tampered, GeographyCepOutsideTheMunicipality) {
  edit("customers", 6, [](std::string& l) { set_field(l, "address_postal_code", "\"00000-001\""); });
  expect_caught(Check::Geography, "customers", 6, "address_postal_code");
}

TEST_F(Tampered, GeographyCoordinatesAwayFromTheMunicipality) {
  edit("transactions", 13, [](std::string& l) { set_field(l, "geolocation_lat", std::to_string(std::stod(field(l, "geolocation_lat")) + 0.2)); });
  expect_caught(Check::Geography, "transactions", 13, "geolocation_lat");
}

TEST_F(Tampered, DevicesModelOfAnotherKind) {
  const size_t i = find("devices", "device_kind", [](const std::string& v) { return v == "\"SMARTPHONE_ANDROID\""; });
  edit("devices", i, [](std::string& l) { set_field(l, "model", "\"iPhone 15\""); });
  expect_caught(Check::Devices, "devices", i, "model");
}

TEST_F(Tampered, DevicesTransactionFlagDiffersFromTheDevice) {
  const size_t i = find("transactions", "vpn_active", [](const std::string& v) { return v == "false"; });
  edit("transactions", i, [](std::string& l) { set_field(l, "vpn_active", "true"); });
  expect_caught(Check::Devices, "transactions", i, "vpn_active");
}

TEST_F(Tampered, HistoryAccumulatedAmount) {
  edit("transactions", 21, [](std::string& l) { set_field(l, "accumulated_amount_7d", "1.00"); });
  expect_caught(Check::History, "transactions", 21, "accumulated_amount_7d");
}

TEST_F(Tampered, HistoryNewMerchantFlipped) {
  const size_t i = find("transactions", "new_merchant", [](const std::string& v) { return v == "false"; });
  edit("transactions", i, [](std::string& l) { set_field(l, "new_merchant", "true"); });
  expect_caught(Check::History, "transactions", i, "new_merchant");
}

TEST_F(Tampered, LabelsTaxonomyOfAnotherType) {
  const size_t i = find("transactions", "is_fraud", [](const std::string& v) { return v == "true"; });
  edit("transactions", i, [](std::string& l) { set_field(l, "fraud_taxonomy", "\"NOT_A_TAXONOMY\""); });
  expect_caught(Check::Labels, "transactions", i, "fraud_taxonomy");
}

TEST_F(Tampered, LabelsLabelWithoutFraudulentTransaction) {
  auto lines = read_lines(file("fraud_labels"));
  ASSERT_FALSE(lines.empty());
  lines.push_back(lines.back());
  set_field(lines.back(), "transaction_id", "\"TXN_00000000000000000000\"");
  write_lines(file("fraud_labels"), lines);
  expect_caught(Check::Labels, "fraud_labels", lines.size() - 1, "transaction_id");
}

TEST_F(Tampered, FraudShareManifestScenarios) {
  auto lines = read_lines(dir_ / "manifest.json");
  for (std::string& l : lines)
    if (l.find("\"scenarios\":") != std::string::npos) {
      const size_t at = l.find(':') + 2;
      l = l.substr(0, at) + std::to_string(std::stoull(l.substr(at)) + 1) + (l.back() == ',' ? "," : "");
    }
  write_lines(dir_ / "manifest.json", lines);
  ValidationResult r = run();
  ASSERT_GT(r.report.result(Check::FraudShare).violations, 0u) << r.report.text(r.summary);
  EXPECT_EQ(r.report.result(Check::FraudShare).examples[0].column, "fraud.scenarios");
  EXPECT_EQ(r.report.total_violations(), r.report.result(Check::FraudShare).violations);
}

// IN rows (money arriving): the customer is the payee and did nothing, so no beneficiary,
// device, merchant or card, the customer's bank as payee, and the last known place.
TEST_F(Tampered, DirectionsInRowWithABeneficiary) {
  const size_t i = find("transactions", "direction", [](const std::string& v) { return v == "\"IN\""; });
  edit("transactions", i, [](std::string& l) { set_field(l, "beneficiary_id", "\"0123456789abcdef0123456789abcdef\""); });
  expect_caught(Check::Directions, "transactions", i, "beneficiary_id");
}

TEST_F(Tampered, DirectionsOutRowWithASender) {
  const size_t i = find("transactions", "direction", [](const std::string& v) { return v == "\"OUT\""; });
  edit("transactions", i, [](std::string& l) { set_field(l, "payer_id", "\"0123456789abcdef0123456789abcdef\""); });
  expect_caught(Check::Directions, "transactions", i, "payer_id");
}

TEST_F(Tampered, DirectionsInRowPaidToAnotherBank) {
  auto lines = read_lines(file("transactions"));
  size_t i = 0;
  while (i < lines.size() && !(field(lines[i], "direction") == "\"IN\"" && field(lines[i], "payer_ispb") != field(lines[i], "payee_ispb"))) ++i;
  ASSERT_LT(i, lines.size());
  edit("transactions", i, [](std::string& l) { set_field(l, "payee_ispb", field(l, "payer_ispb")); });
  expect_caught(Check::Directions, "transactions", i, "payee_ispb");
}

TEST_F(Tampered, DirectionsInRowAwayFromTheLastKnownPlace) {
  auto lines = read_lines(file("transactions"));
  size_t i = 0;  // an IN row with a previous row (a customer's first row has no previous place)
  while (i < lines.size() && !(field(lines[i], "direction") == "\"IN\"" && field(lines[i], "time_since_last_txn_min") != "null")) ++i;
  ASSERT_LT(i, lines.size());
  edit("transactions", i, [](std::string& l) {
    const double lat = std::stod(field(l, "geolocation_lat"));
    set_field(l, "geolocation_lat", std::to_string(lat + 0.001));
  });
  expect_caught(Check::Directions, "transactions", i, "geolocation_lat");
}
