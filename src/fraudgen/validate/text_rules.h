// Small format rules shared by the checks: digit and hex runs, fraudgen's numbered ids, CPF
// check digits. Independent of the simulator's code.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fraudgen/reference/reference_data.h"

namespace fraudgen::validate {

bool all_digits(std::string_view s);
// A rate or figure in a message: at most 6 significant digits.
std::string short_number(double v);
bool all_hex(std::string_view s, bool upper);
// "CUST_000000000042" with prefix "CUST_" and 12 digits -> 42; nullopt when malformed.
std::optional<uint64_t> numbered_id(std::string_view s, std::string_view prefix, size_t digits);
// "DRV_00A1B2C3D4E5" with prefix "DRV_", 12 hex digits (upper-case when `upper`) -> 0x00A1B2C3D4E5;
// nullopt when malformed. Up to 16 digits.
std::optional<uint64_t> hex_id(std::string_view s, std::string_view prefix, size_t digits, bool upper);
// "DEV_000000000042-9F03C1A7" -> owner 42 and key (42 << 32 | 0x9F03C1A7); nullopt when malformed.
struct DeviceIdParts {
  uint64_t owner, key;
};
std::optional<DeviceIdParts> device_id_parts(std::string_view s);
// "FRD_000000000042-20250314-0" -> the customer number 42; nullopt when malformed (the date
// must be a real one).
std::optional<uint64_t> scenario_id_owner(std::string_view s);
// The two CPF check digits (mod 11, Receita Federal) of the first nine digits.
void cpf_check_digits(const int nine[9], int& d1, int& d2);
// What a formatted CPF "XXX.XXX.XXX-DD" of someone in `state` (null: not known) should have been,
// as a violation's expected text; nullopt when it is right: the format, not eleven equal digits,
// the check digits, and the 9th digit the state's fiscal region.
std::optional<std::string> cpf_problem(std::string_view cpf, const State* state);
// Index of `value` in a vocabulary (vocabulary.h), or -1.
template <typename Vocabulary>
int vocab_index(const Vocabulary& v, std::string_view value) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == value) return static_cast<int>(i);
  return -1;
}

// Great-circle distance in km (haversine, R = 6371 km), as docs/schema.md defines it.
double haversine_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace fraudgen::validate
