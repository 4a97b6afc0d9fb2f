// A whole small file (a manifest, a calibration file, a cgroup setting) read into a string.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace fraudgen {

// None when the file cannot be opened.
std::optional<std::string> read_file_text(const std::filesystem::path& path);

}  // namespace fraudgen
