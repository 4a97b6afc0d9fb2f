// A whole flag value as a number of type T; nullopt when it is empty, has anything after the
// number, or does not fit.
#pragma once
#include <charconv>
#include <optional>
#include <string>

#include "fraudgen/cli/commands.h"

namespace fraudgen {

template <typename T>
std::optional<T> parse_number(const std::string& s) {
  T v{};
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// Sets `into` to the whole number `text` when it is given (non-empty); UsageError naming `flag`
// and the accepted range when it is not a whole number from `lo` to `hi`.
template <typename T>
void set_whole_flag(const std::string& text, const char* flag, long lo, long hi, T& into) {
  if (text.empty()) return;
  const auto v = parse_number<long>(text);
  if (!v || *v < lo || *v > hi)
    throw UsageError(std::string(flag) + " '" + text + "' is not valid; accepted: a whole number from " + std::to_string(lo) +
                     " to " + std::to_string(hi));
  into = static_cast<T>(*v);
}

}  // namespace fraudgen
