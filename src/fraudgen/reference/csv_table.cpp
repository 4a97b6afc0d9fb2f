#include "fraudgen/reference/csv_table.h"

#include <charconv>
#include <stdexcept>

namespace fraudgen {

static std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

CsvTable::CsvTable(std::string_view file_name, std::string_view text, std::vector<std::string_view> expected_header)
    : file_(file_name) {
  size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    if (line.empty()) continue;
    auto fields = split(line);
    if (line_no == 1) {
      if (fields != expected_header)
        throw std::runtime_error("reference data " + file_ + ": unexpected header '" + std::string(line) + "'");
      continue;
    }
    if (fields.size() != expected_header.size())
      throw std::runtime_error("reference data " + file_ + " line " + std::to_string(line_no) + ": expected " +
                               std::to_string(expected_header.size()) + " fields, got " + std::to_string(fields.size()));
    rows_.push_back(std::move(fields));
  }
  if (rows_.empty()) throw std::runtime_error("reference data " + file_ + " has no rows");
}

void CsvTable::fail(size_t row, std::string_view what) const {
  throw std::runtime_error("reference data " + file_ + " row " + std::to_string(row + 2) + ": " + std::string(what));
}

double CsvTable::number(size_t row, size_t col) const {
  std::string_view s = at(row, col);
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) fail(row, "not a number: '" + std::string(s) + "'");
  return v;
}

long long CsvTable::integer(size_t row, size_t col) const {
  std::string_view s = at(row, col);
  long long v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) fail(row, "not an integer: '" + std::string(s) + "'");
  return v;
}

}  // namespace fraudgen
