// Nulls and vocabularies, for any table.
#include "fraudgen/validate/row_checks.h"

namespace fraudgen::validate {

void check_schema_row(const CheckContext& ctx, const RowRef& r, const TableSchema& schema) {
  ctx.checked(Check::Schema);
  for (size_t i = 0; i < schema.columns.size(); ++i) {
    const Column& c = schema.columns[i];
    const int ci = static_cast<int>(i);
    if (!r.valid(ci)) {
      if (!c.nullable) ctx.fail(Check::Schema, r, ci, "a value (the column is not nullable)");
      continue;
    }
    if (c.type != ColumnType::Enum) continue;
    bool known = false;
    for (std::string_view v : c.vocabulary) known = known || v == r.str(ci);
    if (!known) {
      std::string values;
      for (std::string_view v : c.vocabulary) values += (values.empty() ? "" : ", ") + std::string(v);
      ctx.fail(Check::Schema, r, ci, "one of " + values);
    }
  }
}

}  // namespace fraudgen::validate
