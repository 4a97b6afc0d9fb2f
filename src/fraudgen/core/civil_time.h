// Calendar arithmetic without the OS clock or time zone database. Brasília time is UTC-3
// all year (daylight saving was abolished in 2019), so local time is a fixed offset.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fraudgen {

inline constexpr int64_t kMillisPerDay = 86'400'000;
inline constexpr int64_t kMillisPerMinute = 60'000, kMillisPerSecond = 1'000;
inline constexpr int64_t kBrasiliaOffsetMillis = -3 * 3'600'000;

// The hour (0-23) on a Brasília clock of an instant in UTC milliseconds after 1970.
inline int brasilia_hour(int64_t utc_ms) {
  return static_cast<int>(((utc_ms + kBrasiliaOffsetMillis) % kMillisPerDay) / 3'600'000);
}

// The local date (days since 1970-01-01, Brasilia) of a UTC instant.
// The first instant of a local date (00:00 in Brasília), in UTC milliseconds.
inline int64_t day_start_ms(int64_t day) { return day * kMillisPerDay - kBrasiliaOffsetMillis; }
inline int64_t local_day_of(int64_t utc_ms) {
  const int64_t local = utc_ms + kBrasiliaOffsetMillis;
  return local >= 0 ? local / kMillisPerDay : -((-local + kMillisPerDay - 1) / kMillisPerDay);
}

struct CivilDate { int year; unsigned month; unsigned day; };

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
constexpr int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

constexpr CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

// 0 = Monday ... 6 = Sunday.
constexpr unsigned weekday_from_days(int64_t z) { return static_cast<unsigned>(((z % 7) + 7 + 3) % 7); }

// Easter Sunday (anonymous Gregorian algorithm), as days since the epoch.
int64_t easter_days(int year);

// Parses YYYY-MM-DD strictly (real calendar dates only).
std::optional<int64_t> parse_iso_date(std::string_view text);

// Parses the form write_timestamp_brt writes (YYYY-MM-DDTHH:MM:SS.mmm+HH:MM or -HH:MM, or Z) into
// UTC milliseconds; nullopt for anything else.
std::optional<int64_t> parse_timestamp_rfc3339(std::string_view text);
// Writers append to `out` and return the new end; they never allocate.
char* write_date(char* out, int64_t days);                   // YYYY-MM-DD
// Local Brasília timestamp with milliseconds and offset: 2025-03-01T14:05:09.123-03:00
char* write_timestamp_brt(char* out, int64_t utc_millis);
std::string format_date(int64_t days);
std::string format_timestamp_brt(int64_t utc_millis);

}  // namespace fraudgen
