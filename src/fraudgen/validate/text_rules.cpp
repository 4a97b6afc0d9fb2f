#include "fraudgen/validate/text_rules.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "fraudgen/core/civil_time.h"

namespace fraudgen::validate {

std::string short_number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

bool all_digits(std::string_view s) {
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return !s.empty();
}

bool all_hex(std::string_view s, bool upper) {
  for (char ch : s) {
    bool ok = (ch >= '0' && ch <= '9') || (upper ? ch >= 'A' && ch <= 'F' : ch >= 'a' && ch <= 'f');
    if (!ok) return false;
  }
  return !s.empty();
}

std::optional<uint64_t> numbered_id(std::string_view s, std::string_view prefix, size_t digits) {
  if (s.size() != prefix.size() + digits || !s.starts_with(prefix) || !all_digits(s.substr(prefix.size()))) return std::nullopt;
  uint64_t v = 0;
  for (char ch : s.substr(prefix.size())) v = v * 10 + static_cast<uint64_t>(ch - '0');
  return v;
}

std::optional<uint64_t> hex_id(std::string_view s, std::string_view prefix, size_t digits, bool upper) {
  if (digits > 16 || s.size() != prefix.size() + digits || !s.starts_with(prefix) || !all_hex(s.substr(prefix.size()), upper)) return std::nullopt;
  uint64_t v = 0;
  for (char ch : s.substr(prefix.size())) v = v * 16 + static_cast<uint64_t>(ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
  return v;
}

std::optional<DeviceIdParts> device_id_parts(std::string_view s) {
  if (s.size() != 25 || s[16] != '-' || !all_hex(s.substr(17), true)) return std::nullopt;
  const auto owner = numbered_id(s.substr(0, 16), "DEV_", 12);
  if (!owner) return std::nullopt;
  uint64_t suffix = 0;
  for (char ch : s.substr(17)) suffix = suffix * 16 + static_cast<uint64_t>(ch <= '9' ? ch - '0' : ch - 'A' + 10);
  return DeviceIdParts{*owner, (*owner << 32) | suffix};
}

std::optional<uint64_t> scenario_id_owner(std::string_view s) {
  if (s.size() != 27 || s[16] != '-' || s[25] != '-' || !all_digits(s.substr(17, 8)) || !all_hex(s.substr(26), true)) return std::nullopt;
  const std::string date = std::string(s.substr(17, 4)) + '-' + std::string(s.substr(21, 2)) + '-' + std::string(s.substr(23, 2));
  if (!parse_iso_date(date)) return std::nullopt;
  return numbered_id(s.substr(0, 16), "FRD_", 12);
}

void cpf_check_digits(const int nine[9], int& d1, int& d2) {
  // Weights 10..2 for the first digit, 11..2 for the second; a remainder below 2 gives 0.
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += nine[i] * (10 - i);
  d1 = sum % 11 < 2 ? 0 : 11 - sum % 11;
  sum = 0;
  for (int i = 0; i < 9; ++i) sum += nine[i] * (11 - i);
  sum += d1 * 2;
  d2 = sum % 11 < 2 ? 0 : 11 - sum % 11;
}

std::optional<std::string> cpf_problem(std::string_view cpf, const State* state) {
  if (cpf.size() != 14 || cpf[3] != '.' || cpf[7] != '.' || cpf[11] != '-' ||
      !all_digits(std::string(cpf.substr(0, 3)) + std::string(cpf.substr(4, 3)) + std::string(cpf.substr(8, 3)) + std::string(cpf.substr(12, 2))))
    return "XXX.XXX.XXX-DD";
  int d[11], k = 0;
  for (char ch : cpf)
    if (ch >= '0' && ch <= '9') d[k++] = ch - '0';
  bool same = true;
  for (int i = 1; i < 11; ++i) same = same && d[i] == d[0];
  if (same) return "not eleven equal digits (invalid CPF)";
  int d1, d2;
  cpf_check_digits(d, d1, d2);
  if (d[9] != d1 || d[10] != d2) return "check digits " + std::to_string(d1) + std::to_string(d2);
  if (state && d[8] != state->cpf_region_digit) return "9th digit " + std::to_string(state->cpf_region_digit) + ", the fiscal region of " + state->uf;
  return std::nullopt;
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kDegree = M_PI / 180.0;
  const double s_lat = std::sin((lat2 - lat1) * kDegree / 2), s_lon = std::sin((lon2 - lon1) * kDegree / 2);
  const double a = s_lat * s_lat + std::cos(lat1 * kDegree) * std::cos(lat2 * kDegree) * s_lon * s_lon;
  return 2 * 6371.0 * std::asin(std::sqrt(std::min(1.0, a)));
}

}  // namespace fraudgen::validate
