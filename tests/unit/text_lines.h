// A text file's lines, read whole and written back: the tests that tamper with a dataset's JSONL.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fraudgen::test_support {

inline std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline void write_lines(const std::filesystem::path& file, const std::vector<std::string>& lines) {
  std::ofstream out(file, std::ios::trunc);
  for (const auto& l : lines) out << l << '\n';
}

}  // namespace fraudgen::test_support
