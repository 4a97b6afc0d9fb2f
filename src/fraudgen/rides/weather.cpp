#include "fraudgen/rides/weather.h"

#include <algorithm>
#include <cmath>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/random.h"

namespace fraudgen {
namespace {

constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Where afternoon storms dominate the wet season.
bool convective(const State& s, unsigned month) {
  const bool wet_season = month >= 10 || month <= 3;
  return wet_season && (s.region == "CENTRO_OESTE" || s.region == "SUDESTE");
}

}  // namespace

double expected_rain_days(const RideCity& city, unsigned month) {
  const double mm = city.rain_mm[month - 1];
  return mm <= 0 ? 0.0 : std::min(28.0, 1.29 * std::pow(mm, 0.44));
}

DayWeather day_weather(const ReferenceData& ref, const RideReference& rides, uint64_t seed, uint32_t city, int64_t day) {
  const RideCity& c = rides.cities[city];
  const CivilDate date = civil_from_days(day);
  DayWeather w;
  Rng r(seed, EntityKind::Weather, city, static_cast<uint64_t>(day));
  const double p_rain = std::min(0.95, expected_rain_days(c, date.month) / kDaysInMonth[date.month - 1]);
  if (!r.chance(p_rain)) return w;
  // Heavier rain in the wetter months: a fifth of rainy spells at 200 mm, two fifths at 400.
  const double heavy = std::clamp(c.rain_mm[date.month - 1] / 1000.0, 0.05, 0.45);
  const bool storms = convective(ref.states[c.state], date.month);
  const int spells = r.chance(0.35) ? 2 : 1;
  for (int s = 0; s < spells; ++s) {
    int start;
    if (storms && r.chance(0.7)) start = static_cast<int>(r.range(13, 18));
    else start = static_cast<int>(r.range(0, 23));
    const int length = static_cast<int>(r.range(1, 4));
    const Rain rain = r.chance(heavy) ? Rain::Heavy : Rain::Light;
    for (int h = start; h < std::min(24, start + length); ++h)
      w.hours[static_cast<size_t>(h)] = std::max(w.hours[static_cast<size_t>(h)], rain);
  }
  return w;
}

}  // namespace fraudgen
