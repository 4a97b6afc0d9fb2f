// Minimal reader for the project's own reference CSVs: a header line, comma-separated fields,
// no quoting. Errors name the file and line.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace fraudgen {

class CsvTable {
 public:
  CsvTable(std::string_view file_name, std::string_view text, std::vector<std::string_view> expected_header);
  size_t rows() const { return rows_.size(); }
  std::string_view at(size_t row, size_t col) const { return rows_[row][col]; }
  std::string text(size_t row, size_t col) const { return std::string(at(row, col)); }
  double number(size_t row, size_t col) const;
  long long integer(size_t row, size_t col) const;
  [[noreturn]] void fail(size_t row, std::string_view what) const;

 private:
  std::string file_;
  std::vector<std::vector<std::string_view>> rows_;
};

}  // namespace fraudgen
