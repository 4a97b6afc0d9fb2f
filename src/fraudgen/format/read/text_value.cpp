#include "fraudgen/format/read/text_value.h"

#include <charconv>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {
namespace {

template <typename T>
bool whole_number(std::string_view s, T& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

// "-12.34" -> -1234; one or two decimals, or none.
bool cents(std::string_view s, int64_t& out) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot), frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  int64_t units = 0, hundredths = 0;
  if (!whole_number(whole, units) || whole[0] == '+' || frac.size() > 2) return false;
  if (dot != std::string_view::npos && (frac.empty() || !whole_number(frac, hundredths) || frac[0] == '-')) return false;
  if (frac.size() == 1) hundredths *= 10;
  out = (units * 100 + hundredths) * (negative ? -1 : 1);
  return true;
}

}  // namespace

std::string_view text_form_of(ColumnType type) {
  switch (type) {
    case ColumnType::String: return "text";
    case ColumnType::Enum: return "text from the vocabulary";
    case ColumnType::Int32:
    case ColumnType::Int64: return "an integer";
    case ColumnType::Double: return "a number";
    case ColumnType::Bool: return "true or false";
    case ColumnType::Date: return "YYYY-MM-DD";
    case ColumnType::Timestamp: return "YYYY-MM-DDTHH:MM:SS.mmm-03:00";
    case ColumnType::Decimal2: return "a decimal with two places";
  }
  return "?";
}

bool put_text_value(ColumnBatch& batch, int c, std::string_view s) {
  const Column& col = batch.schema().columns[static_cast<size_t>(c)];
  switch (col.type) {
    case ColumnType::String:
    case ColumnType::Enum: batch.put_str(c, s); return true;
    case ColumnType::Int32:
    case ColumnType::Int64: {
      int64_t v;
      if (whole_number(s, v) && (col.type == ColumnType::Int64 || (v >= INT32_MIN && v <= INT32_MAX))) {
        batch.put_int(c, v);
        return true;
      }
      break;
    }
    case ColumnType::Double: {
      double v;
      if (whole_number(s, v)) {
        batch.put_double(c, v);
        return true;
      }
      break;
    }
    case ColumnType::Bool:
      if (s == "true" || s == "false") {
        batch.put_bool(c, s == "true");
        return true;
      }
      break;
    case ColumnType::Date:
      if (auto d = parse_iso_date(s)) {
        batch.put_int(c, *d);
        return true;
      }
      break;
    case ColumnType::Timestamp:
      if (auto t = parse_timestamp_rfc3339(s)) {
        batch.put_int(c, *t);
        return true;
      }
      break;
    case ColumnType::Decimal2: {
      int64_t v;
      if (cents(s, v)) {
        batch.put_int(c, v);
        return true;
      }
      break;
    }
  }
  batch.put_null(c);
  return false;
}

}  // namespace fraudgen
