// CSV (RFC 4180): a header naming the schema's columns in order, then one line per row. An
// empty unquoted field is null; "" is an empty string. Quoted fields may hold line feeds.
#include <string>

#include "fraudgen/format/read/line_reader.h"
#include "fraudgen/format/read/readers.h"
#include "fraudgen/format/read/text_value.h"

namespace fraudgen {
namespace {

constexpr size_t kBatchRows = 8192;

class CsvReader final : public TableReader {
 public:
  CsvReader(FilePtr file, Compression codec, const TableSchema& schema) : lines_(std::move(file), codec), schema_(&schema) {
    std::string_view header;
    if (!lines_.next(header)) throw ReadError(lines_.name() + ": empty CSV file, expected a header line");
    std::string expected;
    for (size_t c = 0; c < schema.columns.size(); ++c) expected.append(c ? "," : "").append(schema.columns[c].name);
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    if (header != expected) throw ReadError(lines_.name() + ": the CSV header is not the " + std::string(schema.name) + " columns in schema order");
  }

  bool next(ColumnBatch& batch, std::vector<ValueProblem>& problems) override {
    batch.clear();
    problems.clear();
    std::string_view line;
    while (batch.rows() < kBatchRows && lines_.next(line)) {
      if (line.empty()) continue;
      record_.assign(line);
      // A quoted field with a line feed continues on the next line.
      while (unbalanced_quotes(record_) && lines_.next(line)) record_.append("\n").append(line);
      parse_row(record_, batch, problems);
    }
    return batch.rows() > 0;
  }

 private:
  static bool unbalanced_quotes(std::string_view s) {
    size_t quotes = 0;
    for (char ch : s) quotes += ch == '"';
    return quotes % 2 == 1;
  }

  void parse_row(std::string_view s, ColumnBatch& batch, std::vector<ValueProblem>& problems) {
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    const size_t row = batch.rows(), n = schema_->columns.size();
    fields_.clear();
    quoted_.clear();
    size_t i = 0;
    for (;;) {
      std::string field;
      bool quoted = i < s.size() && s[i] == '"';
      if (quoted) {
        for (++i; i < s.size(); ++i) {
          if (s[i] != '"') { field += s[i]; continue; }
          if (i + 1 < s.size() && s[i + 1] == '"') { field += '"'; ++i; continue; }
          ++i;
          break;
        }
      } else {
        size_t end = s.find(',', i);
        if (end == std::string_view::npos) end = s.size();
        field.assign(s.substr(i, end - i));
        i = end;
      }
      fields_.push_back(std::move(field));
      quoted_.push_back(quoted);
      if (i >= s.size()) break;
      if (s[i] != ',') { fields_.clear(); break; }  // text after a closing quote
      ++i;
    }
    if (fields_.size() != n) {
      for (size_t c = 0; c < n; ++c) batch.put_null(static_cast<int>(c));
      problems.push_back({row, -1, std::string(s.substr(0, 120)),
                          std::to_string(n) + " comma-separated fields (RFC 4180), got " + std::to_string(fields_.size())});
      return;
    }
    for (size_t c = 0; c < n; ++c) {
      const int ci = static_cast<int>(c);
      if (fields_[c].empty() && !quoted_[c]) { batch.put_null(ci); continue; }
      if (!put_text_value(batch, ci, fields_[c]))
        problems.push_back({row, ci, fields_[c], std::string(text_form_of(schema_->columns[c].type))});
    }
  }

  LineReader lines_;
  const TableSchema* schema_;
  std::string record_;
  std::vector<std::string> fields_;
  std::vector<uint8_t> quoted_;
};

}  // namespace

std::unique_ptr<TableReader> make_csv_reader(FilePtr file, Compression codec, const TableSchema& schema) {
  return std::make_unique<CsvReader>(std::move(file), codec, schema);
}

}  // namespace fraudgen
