// Behavioural profiles (anchor spec 3.1): who a customer is shapes what, when, where and how
// much they spend. Profile index -1 means "no profiles" (global weights).
#pragma once
#include <array>
#include <span>
#include <string_view>

namespace fraudgen {

struct MccWeight { std::string_view mcc; double weight; };

struct Profile {
  std::string_view name;
  double share;                            // population weight
  int min_age, max_age;
  double income_multiplier_lo, income_multiplier_hi;
  std::array<double, 8> type_weights;      // vocab::kTxType order
  std::span<const MccWeight> mccs;
  std::array<double, 5> channel_weights;   // vocab::kChannel order
  int min_tx_month, max_tx_month;
  double min_amount, max_amount;           // reais
  std::span<const int> preferred_hours;
  double weekend_multiplier;
  std::span<const int> device_preference; // vocab::DeviceKind; first is the main device
  int min_devices, max_devices;
  double velocity_mean_24h, velocity_std_24h;
};

inline constexpr int kProfileCount = 7;
std::span<const Profile> profiles();
// The profile used with --no-profiles: global weights from the anchor's population averages.
const Profile& no_profile();
const Profile& profile_or_default(int index);

// Channel weights per transaction type (anchor spec 4.2), vocab::kChannel order.
const std::array<double, 5>& channel_weights_for_type(int tx_type);
// Hour-of-day weights of the default curve (Brazilian card/PIX volume, anchor spec 4.6).
const std::array<double, 24>& default_hour_weights();
// Amount multiplier per transaction type (a TED moves more than a card purchase).
double type_amount_multiplier(int tx_type);

}  // namespace fraudgen
