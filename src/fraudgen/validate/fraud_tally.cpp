#include "fraudgen/validate/fraud_tally.h"

#include <cmath>

#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {

constexpr uint64_t kRateTestedFrom = 1'000'000;  // transactions
constexpr double kRateTolerance = 0.05;          // relative

}  // namespace

void check_fraud_share(const CheckContext& ctx, const FraudTally& tally) {
  const FraudSummary& m = ctx.dataset.fraud;
  Report& report = ctx.report;
  report.checked(Check::FraudShare, tally.transactions);
  auto differ = [&](std::string what, std::string counted, std::string manifest) {
    report.violation(Check::FraudShare, {"", 0, std::move(what), std::move(counted), "the manifest's " + std::move(manifest)});
  };
  if (tally.transactions != m.transactions) differ("fraud.transactions", std::to_string(tally.transactions), std::to_string(m.transactions));
  if (tally.fraudulent != m.fraudulent)
    differ("fraud.fraudulent_transactions", std::to_string(tally.fraudulent), std::to_string(m.fraudulent));
  if (tally.scenarios != m.scenarios) differ("fraud.scenarios", std::to_string(tally.scenarios), std::to_string(m.scenarios));
  std::map<std::string, uint64_t> manifest_types;
  for (const auto& [type, n] : m.by_type) if (n) manifest_types[type] = n;
  for (const auto& [type, n] : tally.by_type)
    if (manifest_types[type] != n) differ("fraud.transactions_by_type." + type, std::to_string(n), std::to_string(manifest_types[type]));
  for (const auto& [type, n] : manifest_types)
    if (!tally.by_type.contains(type)) differ("fraud.transactions_by_type." + type, "0", std::to_string(n));

  const double realised = tally.transactions ? static_cast<double>(tally.fraudulent) / static_cast<double>(tally.transactions) : 0.0;
  if (std::abs(realised - m.realised_rate) > 1e-12) differ("fraud.realised_rate", short_number(realised), short_number(m.realised_rate));
  if (m.requested_rate != ctx.dataset.fraud_rate) differ("fraud.requested_rate", short_number(m.requested_rate), "config.fraud_rate " + short_number(ctx.dataset.fraud_rate));
  if (tally.transactions >= kRateTestedFrom && m.requested_rate > 0 &&
      std::abs(realised / m.requested_rate - 1) > kRateTolerance)
    report.violation(Check::FraudShare, {"", 0, "fraud rate", short_number(realised),
                                         "within 5% of the requested " + short_number(m.requested_rate) + " (1M transactions or more)"});
}

}  // namespace fraudgen::validate
