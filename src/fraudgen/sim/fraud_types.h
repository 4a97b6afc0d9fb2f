// The 25 banking fraud types as data: how often each occurs, when, and the shape of the event
// sequence a scenario of that type produces. docs/fraud-model.md describes every row; a unit test
// checks that the document and this table agree.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace fraudgen {

// Whose device the fraudulent transactions come from.
enum class FraudDevice : uint8_t {
  Usual,            // the victim's own usual device (the victim acts, or malware acts on it)
  Attacker,         // one new device, unknown to the bank until then
  SeveralAttackers, // two or three new devices, a few transactions each
};

// Where the transactions happen.
enum class FraudPlace : uint8_t {
  Usual,       // where the customer usually is
  OtherState,  // the attacker's municipality, in another state
  Moving,      // drifting across the home city (a victim driven around)
};

// How the steps are laid out beyond "a burst of similar transfers".
enum class FraudPattern : uint8_t {
  Burst,        // all steps inside `window_minutes` after the start
  Probe,        // one micro amount first, then the real ones (some scenarios skip the probe)
  CardTesting,  // micro charges at a few merchants within minutes, then a few large ones
  Escalating,   // one recurring beneficiary, every 7-30 days, each amount 1.5x the previous one
  Scheduled,    // transfers scheduled ahead, executed on later days in the early morning
  BustOut,      // large card purchases and transfers over a few days, up to the credit limit
  PassThrough,  // a mule: 2-6 transfers in from several senders, then passed on within hours (transfers, cash)
  ForgedQr,     // PIX by QR code at a real shop, paid to the fraudster's account instead
};

// Inflow: money arriving in a mule's account before it is passed on (direction IN).
enum class FraudRole : uint8_t { Probe, Transfer, CashOut, Purchase, Scheduled, Laundering, BustOut, Inflow };

struct FraudType {
  std::string_view name;        // vocabulary value of fraud_type
  double prevalence;            // weight among fraudulent transactions, before seasonal boosts
  std::string_view taxonomy;    // multi-label taxonomy, '|'-separated
  int min_steps, max_steps;     // fraudulent transactions per scenario
  std::array<int8_t, 3> tx_types;  // vocab::TxType, -1 = unused; drawn uniformly
  double web_share;             // share of WEB_BANKING (the rest is MOBILE_APP)
  FraudDevice device;
  FraudPlace place;
  int first_hour, last_hour;    // local hour window of the first step; wraps past midnight
  int window_minutes;           // Burst-like patterns: the span of all steps
  double min_amount_factor, max_amount_factor;  // over the customer's typical transfer amount
  int min_report_days, max_report_days;         // detection delay after the last step
  FraudPattern pattern;
  FraudRole role;               // role of the main steps (probes are FraudRole::Probe)
  std::string_view mccs;        // card patterns: ' '-separated MCC codes of the targeted merchants
};

inline constexpr int kFraudTypeCount = 25;
// The label a quiet scenario (calibration.h) adds to its type's taxonomy: "TAXONOMY|QUIET".
inline constexpr std::string_view kQuietTaxonomySuffix = "|QUIET";
std::span<const FraudType> fraud_types();

// Seasonal boost of a type in a month (1-12); 1.0 for most pairs (anchor spec 2.2).
double seasonal_boost(int type, int month);

}  // namespace fraudgen
