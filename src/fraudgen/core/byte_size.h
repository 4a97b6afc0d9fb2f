// Parses sizes such as "1GB", "500 MB", "1.5GiB", "4096". KB, MB, GB, TB are decimal
// (powers of 1000); KiB, MiB, GiB, TiB are binary (powers of 1024). Case-insensitive.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fraudgen {

std::optional<uint64_t> parse_byte_size(std::string_view text);
std::string format_bytes(double bytes);  // "1.23 GB"

}  // namespace fraudgen
