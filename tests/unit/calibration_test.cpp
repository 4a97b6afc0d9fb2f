#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "fraudgen/run/calibration_file.h"
#include "fraudgen/sim/calibration.h"

namespace fraudgen {
namespace {

const Calibration kRealistic = calibration_preset(Difficulty::Realistic);

std::string error_of(const std::string& text) {
  try {
    parse_calibration(text, "cal.json", kRealistic);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

std::string shortest(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

// {"group": {"name": value}}
std::string one_rate(const CalibrationKey& k, double value) {
  std::ostringstream text;
  text << "{\"" << k.group << "\": {\"" << k.name << "\": " << shortest(value) << "}}";
  return text.str();
}

TEST(Calibration, DifficultyNamesParse) {
  EXPECT_EQ(parse_difficulty("easy"), Difficulty::Easy);
  EXPECT_EQ(parse_difficulty("realistic"), Difficulty::Realistic);
  EXPECT_EQ(parse_difficulty("hard"), Difficulty::Hard);
  EXPECT_FALSE(parse_difficulty("Hard").has_value());
  EXPECT_FALSE(parse_difficulty("").has_value());
}

// Harder means at least as much overlap on every rate, and more on some.
TEST(Calibration, PresetsGrowFromEasyToHard) {
  const Calibration e = calibration_preset(Difficulty::Easy), r = kRealistic, h = calibration_preset(Difficulty::Hard);
  for (const CalibrationKey& k : calibration_keys()) {
    EXPECT_LE(e.*(k.field), r.*(k.field)) << k.group << "." << k.name;
    EXPECT_LE(r.*(k.field), h.*(k.field)) << k.group << "." << k.name;
    EXPECT_GE(e.*(k.field), k.min) << k.name;
    EXPECT_LE(h.*(k.field), k.max) << k.name;
  }
  EXPECT_LT(e.quiet_fraud_share, r.quiet_fraud_share);
  EXPECT_LT(r.quiet_fraud_share, h.quiet_fraud_share);
  for (const Calibration* c : {&e, &r, &h})
    for (double w : c->type_weight) EXPECT_EQ(w, 1.0);
}

TEST(Calibration, FileOverridesOnlyItsKeys) {
  const CalibrationFile f = parse_calibration(
      R"({"fraud_rate": 0.03, "quiet_fraud": {"share": 0.9}, "look_alikes": {"night_share": 0.1},
          "fraud_type_weights": {"PIX_GOLPE": 2.5, "SIM_SWAP": 0}})",
      "cal.json", kRealistic);
  ASSERT_TRUE(f.fraud_rate.has_value());
  EXPECT_EQ(*f.fraud_rate, 0.03);
  EXPECT_EQ(f.calibration.quiet_fraud_share, 0.9);
  EXPECT_EQ(f.calibration.night_share, 0.1);
  EXPECT_EQ(f.calibration.new_payee_share, kRealistic.new_payee_share);
  EXPECT_EQ(f.calibration.aged_attacker_device_share, kRealistic.aged_attacker_device_share);
  for (int t = 0; t < kFraudTypeCount; ++t) {
    const std::string_view name = fraud_types()[static_cast<size_t>(t)].name;
    const double expected = name == "PIX_GOLPE" ? 2.5 : name == "SIM_SWAP" ? 0.0 : 1.0;
    EXPECT_EQ(f.calibration.type_weight[static_cast<size_t>(t)], expected) << name;
  }
  EXPECT_FALSE(parse_calibration("{}", "cal.json", kRealistic).fraud_rate.has_value());
}

TEST(Calibration, EveryKeyIsSettableAtItsBoundsAndRejectedBeyond) {
  for (const CalibrationKey& k : calibration_keys()) {
    std::ostringstream expected;
    expected << k.group << "." << k.name << " is " << shortest(k.max + 1) << "; accepted: a number from " << shortest(k.min) << " to "
             << shortest(k.max);
    for (double v : {k.min, k.max})
      EXPECT_EQ(parse_calibration(one_rate(k, v), "cal.json", kRealistic).calibration.*(k.field), v) << expected.str();
    const std::string error = error_of(one_rate(k, k.max + 1));
    EXPECT_NE(error.find(expected.str()), std::string::npos) << error;
  }
}

TEST(Calibration, BadFilesSayWhatIsWrongAndWhatIsAccepted) {
  EXPECT_NE(error_of("{").find("calibration file cal.json: is not valid JSON"), std::string::npos) << error_of("{");
  EXPECT_NE(error_of("3").find("the top level is number; accepted: an object"), std::string::npos);
  EXPECT_NE(error_of(R"({"rates": {}})").find("unknown key rates; accepted: fraud_rate, look_alikes, quiet_fraud, fraud_type_weights"), std::string::npos);
  EXPECT_NE(error_of(R"({"quiet_fraud": {"shares": 0.1}})").find("unknown key quiet_fraud.shares; accepted in quiet_fraud: share, aged_attacker_device_share"),
            std::string::npos) << error_of(R"({"quiet_fraud": {"shares": 0.1}})");
  EXPECT_NE(error_of(R"({"quiet_fraud": {"share": null}})").find("quiet_fraud.share is null; accepted: a number from 0 to 1"), std::string::npos);
  EXPECT_NE(error_of(R"({"quiet_fraud": {"share": -0.1}})").find("quiet_fraud.share is -0.1"), std::string::npos);
  EXPECT_NE(error_of(R"({"look_alikes": []})").find("look_alikes is array; accepted: an object"), std::string::npos);
  EXPECT_NE(error_of(R"({"fraud_rate": 0.51})").find("fraud_rate is 0.51; accepted: a number from 0 to 0.5"), std::string::npos);
  EXPECT_NE(error_of(R"({"fraud_type_weights": {"PIX": 1}})").find("unknown fraud type fraud_type_weights.PIX; accepted: ENGENHARIA_SOCIAL, PIX_GOLPE"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"fraud_type_weights": {"PIX_GOLPE": 101}})").find("fraud_type_weights.PIX_GOLPE is 101; accepted: a number from 0 to 100"),
            std::string::npos);
  std::ostringstream zero;
  zero << R"({"fraud_type_weights": {)";
  for (const FraudType& t : fraud_types()) zero << (t.name == fraud_types()[0].name ? "" : ", ") << '"' << t.name << "\": 0";
  zero << "}}";
  const std::string all_zero = zero.str();
  EXPECT_NE(error_of(all_zero).find("sets every type to 0; accepted: at least one weight above 0"), std::string::npos) << error_of(all_zero);
}

TEST(Calibration, MissingFileIsAnError) {
  try {
    load_calibration("/nonexistent/cal.json", kRealistic);
    FAIL() << "a missing file was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/cal.json cannot be read"), std::string::npos) << e.what();
  }
}

// docs/fraud-model.md lists every key with its three presets; it must say what the code does.
TEST(Calibration, DocumentedTableMatchesTheCode) {
  std::ifstream doc(std::string(FRAUDGEN_SOURCE_DIR) + "/docs/fraud-model.md");
  std::stringstream text;
  text << doc.rdbuf();
  const Calibration e = calibration_preset(Difficulty::Easy), h = calibration_preset(Difficulty::Hard);
  for (const CalibrationKey& k : calibration_keys()) {
    std::ostringstream row;
    row << "| `" << k.group << "." << k.name << "` | " << shortest(e.*(k.field)) << " | " << shortest(kRealistic.*(k.field)) << " | "
        << shortest(h.*(k.field)) << " | " << shortest(k.min) << "-" << shortest(k.max) << " | " << k.meaning << " |";
    EXPECT_NE(text.str().find(row.str()), std::string::npos) << "docs/fraud-model.md lacks the row: " << row.str();
  }
}

}  // namespace
}  // namespace fraudgen
