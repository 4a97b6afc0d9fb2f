#include "fraudgen/core/civil_time.h"

#include <charconv>

namespace fraudgen {

int64_t easter_days(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
  return days_from_civil(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::optional<int64_t> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int& v) {
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, v);
    return r.ec == std::errc() && r.ptr == s.data() + pos + len;
  };
  int y, m, d;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  int64_t days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  CivilDate back = civil_from_days(days);
  if (back.year != y || back.month != static_cast<unsigned>(m) || back.day != static_cast<unsigned>(d)) return std::nullopt;
  return days;
}

std::optional<int64_t> parse_timestamp_rfc3339(std::string_view s) {
  if (s.size() < 24 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.') return std::nullopt;
  auto days = parse_iso_date(s.substr(0, 10));
  if (!days) return std::nullopt;
  auto num = [&](size_t pos, size_t len, int& v) {
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, v);
    return r.ec == std::errc() && r.ptr == s.data() + pos + len;
  };
  int h, mi, sec, ms;
  if (!num(11, 2, h) || !num(14, 2, mi) || !num(17, 2, sec) || !num(20, 3, ms) || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  int64_t offset_ms = 0;
  std::string_view zone = s.substr(23);
  if (zone != "Z") {
    int oh, om;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || !num(24, 2, oh) || !num(27, 2, om))
      return std::nullopt;
    offset_ms = (oh * 3'600'000LL + om * 60'000LL) * (zone[0] == '-' ? -1 : 1);
  }
  return *days * kMillisPerDay + h * 3'600'000LL + mi * 60'000LL + sec * 1000LL + ms - offset_ms;
}

static inline char* put2(char* p, unsigned v) { p[0] = char('0' + v / 10); p[1] = char('0' + v % 10); return p + 2; }

char* write_date(char* p, int64_t days) {
  CivilDate c = civil_from_days(days);
  unsigned y = static_cast<unsigned>(c.year);
  p[0] = char('0' + y / 1000); p[1] = char('0' + (y / 100) % 10); p[2] = char('0' + (y / 10) % 10); p[3] = char('0' + y % 10);
  p[4] = '-'; p = put2(p + 5, c.month); *p++ = '-';
  return put2(p, c.day);
}

char* write_timestamp_brt(char* p, int64_t utc_millis) {
  int64_t local = utc_millis + kBrasiliaOffsetMillis;
  int64_t days = local >= 0 ? local / kMillisPerDay : (local - kMillisPerDay + 1) / kMillisPerDay;
  int64_t ms_of_day = local - days * kMillisPerDay;
  p = write_date(p, days);
  *p++ = 'T';
  unsigned s = static_cast<unsigned>(ms_of_day / 1000), ms = static_cast<unsigned>(ms_of_day % 1000);
  p = put2(p, s / 3600); *p++ = ':'; p = put2(p, (s / 60) % 60); *p++ = ':'; p = put2(p, s % 60);
  *p++ = '.'; p[0] = char('0' + ms / 100); p[1] = char('0' + (ms / 10) % 10); p[2] = char('0' + ms % 10); p += 3;
  for (char ch : std::string_view("-03:00")) *p++ = ch;
  return p;
}

std::string format_date(int64_t days) {
  char buf[16];
  return std::string(buf, write_date(buf, days));
}

std::string format_timestamp_brt(int64_t utc_millis) {
  char buf[40];
  return std::string(buf, write_timestamp_brt(buf, utc_millis));
}

}  // namespace fraudgen
