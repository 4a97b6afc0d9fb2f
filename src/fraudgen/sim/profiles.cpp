#include "fraudgen/sim/profiles.h"

#include "fraudgen/schema/vocabulary.h"

namespace fraudgen {
namespace {

using namespace vocab;

// Type order: PIX, CREDIT_CARD, DEBIT_CARD, BOLETO, TED, AUTO_DEBIT, WITHDRAWAL, MOBILE_TOPUP.
// Channel order: MOBILE_APP, WEB_BANKING, ATM, BRANCH, WHATSAPP_PAY.
constexpr MccWeight kYoungMcc[] = {{"5812", 20}, {"5811", 25}, {"5815", 20}, {"7941", 10}, {"4121", 15}, {"5814", 10}, {"4812", 4}};
constexpr MccWeight kSeniorMcc[] = {{"5411", 25}, {"5912", 15}, {"8011", 10}, {"4900", 15}, {"4814", 10}, {"5499", 10}, {"6011", 15}};
constexpr MccWeight kBusinessMcc[] = {{"5411", 10}, {"5541", 15}, {"7011", 8}, {"4511", 8}, {"5732", 10}, {"4814", 10}, {"8299", 10}, {"5812", 15}, {"4121", 14}};
constexpr MccWeight kHighMcc[] = {{"5944", 10}, {"5651", 15}, {"7011", 15}, {"4511", 15}, {"5812", 15}, {"5977", 10}, {"5732", 10}, {"5311", 10}};
constexpr MccWeight kSubsMcc[] = {{"5815", 35}, {"7941", 15}, {"4814", 15}, {"5812", 15}, {"8299", 10}, {"5411", 10}};
constexpr MccWeight kFamilyMcc[] = {{"5411", 25}, {"5912", 10}, {"5995", 5}, {"8299", 10}, {"4900", 10}, {"5541", 10}, {"5651", 10}, {"5814", 10}, {"5499", 10}};
constexpr MccWeight kMicroMcc[] = {{"5812", 20}, {"5411", 15}, {"5541", 10}, {"4121", 10}, {"4814", 10}, {"5131", 10}, {"5999", 15}, {"8299", 10}};

constexpr int kYoungHours[] = {12, 13, 19, 21, 22};
constexpr int kSeniorHours[] = {9, 10, 15, 16};
constexpr int kBusinessHours[] = {12, 13, 18, 19};
constexpr int kHighHours[] = {15, 19, 20, 21};
constexpr int kSubsHours[] = {20, 21, 22};
constexpr int kFamilyHours[] = {12, 18, 19, 20};
constexpr int kMicroHours[] = {8, 9, 10, 11, 12, 14, 15, 16, 17, 18};

constexpr int kYoungDev[] = {PHONE_ANDROID, PHONE_IOS};
constexpr int kSeniorDev[] = {PHONE_ANDROID, DESKTOP_WINDOWS};
constexpr int kBusinessDev[] = {PHONE_IOS, DESKTOP_WINDOWS, DESKTOP_MAC};
constexpr int kHighDev[] = {PHONE_IOS, DESKTOP_MAC, TABLET_IOS};
constexpr int kSubsDev[] = {PHONE_ANDROID, PHONE_IOS, TABLET_ANDROID};
constexpr int kFamilyDev[] = {PHONE_ANDROID, DESKTOP_WINDOWS, TABLET_ANDROID};
constexpr int kMicroDev[] = {PHONE_ANDROID, DESKTOP_WINDOWS};

// Mobile top-ups take a small share from PIX for the phone-first profiles.
constexpr Profile kProfiles[kProfileCount] = {
  {"young_digital", 22, 18, 30, 0.5, 1.5, {58, 25, 10, 0, 0, 5, 0, 2}, kYoungMcc, {85, 10, 0, 0, 5}, 40, 100, 15, 300, kYoungHours, 1.3, kYoungDev, 2, 3, 4, 2},
  {"subscription_heavy", 18, 22, 45, 1.0, 3.0, {34, 25, 5, 0, 0, 35, 0, 1}, kSubsMcc, {75, 20, 0, 0, 5}, 35, 70, 10, 500, kSubsHours, 1.2, kSubsDev, 2, 3, 3, 1.5},
  {"family_provider", 20, 30, 55, 1.5, 4.0, {39, 30, 15, 10, 0, 5, 0, 1}, kFamilyMcc, {65, 25, 7, 3, 0}, 60, 120, 30, 1500, kFamilyHours, 1.4, kFamilyDev, 1, 3, 3, 1.5},
  {"traditional_senior", 13, 55, 80, 1.0, 3.0, {25, 15, 25, 15, 10, 0, 10, 0}, kSeniorMcc, {30, 20, 30, 20, 0}, 15, 40, 50, 800, kSeniorHours, 0.6, kSeniorDev, 1, 2, 2, 1},
  {"micro_empreendedor", 13, 25, 55, 0.8, 3.0, {64, 10, 5, 15, 5, 0, 0, 1}, kMicroMcc, {80, 15, 3, 2, 0}, 60, 200, 10, 2000, kMicroHours, 0.8, kMicroDev, 1, 3, 6, 3},
  {"business_owner", 8, 30, 55, 2.0, 8.0, {45, 15, 5, 15, 20, 0, 0, 0}, kBusinessMcc, {60, 35, 3, 2, 0}, 50, 150, 100, 5000, kBusinessHours, 0.4, kBusinessDev, 1, 3, 8, 3},
  {"high_spender", 6, 30, 60, 5.0, 15.0, {30, 50, 10, 0, 10, 0, 0, 0}, kHighMcc, {70, 25, 3, 2, 0}, 30, 80, 200, 10000, kHighHours, 1.5, kHighDev, 1, 3, 5, 2},
};

constexpr MccWeight kGlobalMcc[] = {
  {"5411", 20}, {"5812", 15}, {"5814", 12}, {"5499", 8}, {"5541", 10}, {"4121", 8}, {"4131", 5}, {"5912", 6}, {"8011", 2},
  {"5311", 4}, {"5651", 4}, {"5732", 2}, {"5944", 1}, {"4900", 5}, {"4814", 4}, {"5977", 2}, {"7995", 1}, {"7011", 1},
  {"4511", 1}, {"5815", 3}, {"8299", 3}, {"5995", 3}, {"7941", 4}, {"5811", 8}};
constexpr int kGlobalHours[] = {10, 14, 19};
constexpr int kGlobalDev[] = {PHONE_ANDROID, PHONE_IOS, DESKTOP_WINDOWS};
constexpr Profile kNoProfile = {"", 0, 18, 80, 1.0, 1.0, {65, 14, 8, 5, 5, 1, 1, 1}, kGlobalMcc, {60, 25, 8, 5, 2}, 20, 90, 10, 1000, kGlobalHours, 1.0, kGlobalDev, 1, 3, 2, 1};

constexpr std::array<std::array<double, 5>, 8> kChannelByType = {{
  {78, 15, 1.5, 0.5, 5},  // PIX
  {55, 30, 8, 7, 0},      // CREDIT_CARD
  {55, 25, 15, 5, 0},     // DEBIT_CARD
  {45, 30, 15, 10, 0},    // BOLETO
  {40, 40, 5, 15, 0},     // TED
  {35, 50, 0, 15, 0},     // AUTO_DEBIT
  {0, 0, 88, 12, 0},      // WITHDRAWAL
  {70, 20, 0, 0, 10},     // MOBILE_TOPUP
}};

constexpr std::array<double, 24> kHourWeights = {2, 1, 1, 1, 1, 2, 5, 9, 14, 18, 26, 24, 14, 16, 26, 24, 18, 20, 22, 28, 26, 18, 12, 7};
constexpr std::array<double, 8> kTypeAmountMultiplier = {1.0, 1.0, 0.9, 3.0, 15.0, 1.2, 1.5, 0.15};

}  // namespace

std::span<const Profile> profiles() { return kProfiles; }
const Profile& no_profile() { return kNoProfile; }
const Profile& profile_or_default(int index) { return index < 0 ? kNoProfile : kProfiles[index]; }
const std::array<double, 5>& channel_weights_for_type(int tx_type) { return kChannelByType[static_cast<size_t>(tx_type)]; }
const std::array<double, 24>& default_hour_weights() { return kHourWeights; }
double type_amount_multiplier(int tx_type) { return kTypeAmountMultiplier[static_cast<size_t>(tx_type)]; }

}  // namespace fraudgen
