#include "fraudgen/validate/row_ref.h"

#include "fraudgen/core/civil_time.h"
#include "fraudgen/format/value_writer.h"

namespace fraudgen::validate {

std::string RowRef::text(int c) const {
  if (!valid(c)) return "null";
  char buf[64];
  char* end = buf;
  switch (batch.schema().columns[static_cast<size_t>(c)].type) {
    case ColumnType::String:
    case ColumnType::Enum: return std::string(str(c));
    case ColumnType::Int32:
    case ColumnType::Int64: end = write_int(buf, i(c)); break;
    case ColumnType::Double: end = write_double(buf, d(c)); break;
    case ColumnType::Bool: return i(c) ? "true" : "false";
    case ColumnType::Date: end = write_date(buf, i(c)); break;
    case ColumnType::Timestamp: end = write_timestamp_brt(buf, i(c)); break;
    case ColumnType::Decimal2: end = write_cents(buf, i(c)); break;
  }
  return std::string(buf, end);
}

}  // namespace fraudgen::validate
