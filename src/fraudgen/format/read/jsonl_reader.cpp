// JSONL: one JSON object per line, one key per column. Keys may come in any order; a missing
// key, an unknown one or a value of the wrong JSON kind is a problem of that row.
#include <string>
#include <unordered_map>

#include "fraudgen/format/read/readers.h"
#include "fraudgen/format/read/line_reader.h"
#include "fraudgen/format/read/text_value.h"

namespace fraudgen {
namespace {

constexpr size_t kBatchRows = 8192;

// Appends the UTF-8 form of a code point.
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) { out += static_cast<char>(cp); return; }
  if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); }
  else {
    if (cp < 0x10000) { out += static_cast<char>(0xE0 | (cp >> 12)); }
    else { out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); }
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (cp & 0x3F));
}

class JsonlReader final : public TableReader {
 public:
  JsonlReader(FilePtr file, Compression codec, const TableSchema& schema) : lines_(std::move(file), codec), schema_(&schema) {
    for (size_t c = 0; c < schema.columns.size(); ++c) index_[std::string(schema.columns[c].name)] = static_cast<int>(c);
  }

  bool next(ColumnBatch& batch, std::vector<ValueProblem>& problems) override {
    batch.clear();
    problems.clear();
    std::string_view line;
    while (batch.rows() < kBatchRows && lines_.next(line)) {
      if (line.empty() || line == "\r") continue;
      parse_row(line, batch, problems);
    }
    return batch.rows() > 0;
  }

 private:
  // A JSON value: `text` is the decoded string or the literal; `quoted` tells which.
  struct Value { std::string_view text; bool quoted; };

  void skip_space(std::string_view s, size_t& i) const {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
  }

  // Reads a JSON string starting at s[i] == '"' into `out`; false when malformed.
  bool read_string(std::string_view s, size_t& i, std::string& out) const {
    out.clear();
    if (i >= s.size() || s[i] != '"') return false;
    for (++i; i < s.size(); ++i) {
      char ch = s[i];
      if (ch == '"') { ++i; return true; }
      if (ch != '\\') { out += ch; continue; }
      if (++i >= s.size()) return false;
      switch (s[i]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (i + 4 >= s.size()) return false;
          uint32_t cp = 0;
          for (int k = 1; k <= 4; ++k) {
            char h = s[i + static_cast<size_t>(k)];
            cp = cp * 16 + static_cast<uint32_t>(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
            if (cp > 0xFFFF) return false;
          }
          i += 4;
          append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  void parse_row(std::string_view s, ColumnBatch& batch, std::vector<ValueProblem>& problems) {
    const size_t row = batch.rows();
    const size_t n = schema_->columns.size();
    seen_.assign(n, 0);
    values_.resize(n);
    for (auto& v : values_) v.clear();  // keeps their capacity from row to row
    literal_.assign(n, 0);
    auto broken = [&](std::string what) {
      for (size_t c = 0; c < n; ++c) batch.put_null(static_cast<int>(c));
      problems.push_back({row, -1, std::string(s.substr(0, 120)), std::move(what)});
    };
    size_t i = 0;
    skip_space(s, i);
    if (i >= s.size() || s[i++] != '{') return broken("a JSON object per line");
    skip_space(s, i);
    if (i < s.size() && s[i] == '}') ++i;
    else for (size_t k = 0;; ++k) {
      skip_space(s, i);
      if (!read_string(s, i, key_)) return broken("a JSON object with quoted keys");
      skip_space(s, i);
      if (i >= s.size() || s[i++] != ':') return broken("':' after key " + key_);
      skip_space(s, i);
      // The writer's order is the schema's: try the expected column before the map.
      int c = k < n && schema_->columns[k].name == key_ ? static_cast<int>(k) : -1;
      if (c < 0) {
        auto it = index_.find(key_);
        if (it == index_.end()) return broken("only the schema's keys (unknown key " + key_ + ")");
        c = it->second;
      }
      const size_t cu = static_cast<size_t>(c);
      if (seen_[cu]) return broken("each key once (" + key_ + " repeated)");
      seen_[cu] = 1;
      if (i < s.size() && s[i] == '"') {
        if (!read_string(s, i, values_[cu])) return broken("a valid JSON string for " + key_);
      } else {
        size_t start = i;
        while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ' ') ++i;
        values_[cu].assign(s.substr(start, i - start));
        literal_[cu] = 1;
      }
      skip_space(s, i);
      if (i < s.size() && s[i] == ',') { ++i; continue; }
      if (i < s.size() && s[i] == '}') { ++i; break; }
      return broken("',' or '}' after the value of " + key_);
    }
    skip_space(s, i);
    if (i != s.size()) return broken("nothing after the closing '}'");
    for (size_t c = 0; c < n; ++c) {
      const Column& col = schema_->columns[c];
      const int ci = static_cast<int>(c);
      if (!seen_[c]) {
        batch.put_null(ci);
        problems.push_back({row, ci, "(missing)", "key " + std::string(col.name)});
        continue;
      }
      if (literal_[c] && values_[c] == "null") { batch.put_null(ci); continue; }
      // Text, dates and timestamps are JSON strings; numbers and booleans are not.
      const bool wants_string = col.type == ColumnType::String || col.type == ColumnType::Enum ||
                                col.type == ColumnType::Date || col.type == ColumnType::Timestamp;
      if (wants_string == static_cast<bool>(literal_[c]) || !put_text_value(batch, ci, values_[c])) {
        if (wants_string == static_cast<bool>(literal_[c])) batch.put_null(ci);
        problems.push_back({row, ci, values_[c], std::string(wants_string ? "a JSON string: " : "a JSON literal: ") +
                                                     std::string(text_form_of(col.type))});
      }
    }
  }

  LineReader lines_;
  const TableSchema* schema_;
  std::unordered_map<std::string, int> index_;
  std::string key_;
  std::vector<uint8_t> seen_, literal_;
  std::vector<std::string> values_;
};

}  // namespace

std::unique_ptr<TableReader> make_jsonl_reader(FilePtr file, Compression codec, const TableSchema& schema) {
  return std::make_unique<JsonlReader>(std::move(file), codec, schema);
}

}  // namespace fraudgen
