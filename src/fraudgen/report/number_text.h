// Numbers as the report prints them: the same text for the same value on any machine (no locale,
// no printf %g rounding differences), in charts, tooltips and tables.
#pragma once
#include <cstdint>
#include <string>

namespace fraudgen::report {

std::string format_cents(int64_t cents);        // 1234567 -> "12,345.67"; whole reais drop ".00"
std::string format_count(uint64_t n);           // 1234567 -> "1,234,567"
std::string format_fixed(double v, int decimals);  // rounded; "-0" printed as "0"
std::string format_percent(uint64_t part, uint64_t whole, int decimals = 2);  // "1.23%"; "0%" of nothing

}  // namespace fraudgen::report
