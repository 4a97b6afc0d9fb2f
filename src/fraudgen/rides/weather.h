// The weather of a capital, hour by hour: one draw per capital and day, so every ride in the
// same capital and hour sees the same sky (the peer drew it per ride). A day is rainy with the
// chance its month's precipitation normal gives: rain days ~ 1.29 x mm^0.44 a month (a fit
// through São Paulo's January and August, at most 28). A rainy day has one or two spells of
// 1 to 4 hours, in the afternoon more often where summer rain is convective (Centre-West and
// South-East, October to March), heavier in wetter months.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/rides/ride_reference.h"

namespace fraudgen {

enum class Rain : uint8_t { None, Light, Heavy };
inline constexpr const auto& kRain = vocab::kRain;

struct DayWeather {
  std::array<Rain, 24> hours{};  // by local hour
};

// Expected rainy days in `month` (1-12) of the city, from its normal.
double expected_rain_days(const RideCity& city, unsigned month);

// The weather of `city` (index into RideReference::cities) on local date `day`.
DayWeather day_weather(const ReferenceData& ref, const RideReference& rides, uint64_t seed, uint32_t city, int64_t day);

}  // namespace fraudgen
