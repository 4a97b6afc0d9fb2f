// A whole flag value as a number of type T; nullopt when it is empty, has anything after the
// number, or does not fit.
#pragma once
#include <charconv>
#include <optional>
#include <string>

namespace fraudgen {

template <typename T>
std::optional<T> parse_number(const std::string& s) {
  T v{};
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace fraudgen
