#include "fraudgen/sink/postgres/postgres_ddl.h"

namespace fraudgen {
namespace {

std::string qualified(const std::string& schema, Table table, const QuoteName& quote) {
  return schema + "." + quote(schema_of(table).name);
}

// "customer_id, timestamp" -> quoted column list, and a name for the index.
std::string quoted_columns(std::string_view list, const QuoteName& quote, std::string* name) {
  std::string out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view col = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (col.starts_with(' ')) col.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += quote(col);
    if (name) name->append("_").append(col);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string_view postgres_type(ColumnType type) {
  switch (type) {
    case ColumnType::String:
    case ColumnType::Enum: return "TEXT";
    case ColumnType::Int32: return "INTEGER";
    case ColumnType::Int64: return "BIGINT";
    case ColumnType::Double: return "DOUBLE PRECISION";
    case ColumnType::Bool: return "BOOLEAN";
    case ColumnType::Date: return "DATE";
    case ColumnType::Timestamp: return "TIMESTAMPTZ";
    case ColumnType::Decimal2: return "NUMERIC(18,2)";
  }
  return "TEXT";
}

std::string create_table_sql(const std::string& schema, Table table, const QuoteName& quote) {
  std::string sql = "CREATE TABLE " + qualified(schema, table, quote) + " (";
  const auto& cols = schema_of(table).columns;
  for (size_t c = 0; c < cols.size(); ++c) {
    sql += c ? ",\n  " : "\n  ";
    sql += quote(cols[c].name) + " " + std::string(postgres_type(cols[c].type));
    if (!cols[c].nullable) sql += " NOT NULL";
  }
  return sql + ")";
}

std::string comments_sql(const std::string& schema, Table table, const QuoteName& quote, const QuoteName& literal) {
  const TableSchema& ts = schema_of(table);
  const std::string name = qualified(schema, table, quote);
  std::string sql = "COMMENT ON TABLE " + name + " IS " + literal(ts.description) + ";\n";
  for (const Column& c : ts.columns) {
    std::string text(c.description);
    if (!c.unit.empty()) text.append(" (").append(c.unit).append(")");
    sql += "COMMENT ON COLUMN " + name + "." + quote(c.name) + " IS " + literal(text) + ";\n";
  }
  return sql;
}

std::string primary_key_sql(const std::string& schema, Table table, const QuoteName& quote) {
  const auto& rel = relations_of(table);
  return "ALTER TABLE " + qualified(schema, table, quote) + " ADD CONSTRAINT " +
         quote(std::string(schema_of(table).name) + "_pkey") + " PRIMARY KEY (" + quote(rel.primary_key) + ")";
}

std::vector<std::string> foreign_key_sql(const std::string& schema, Table table, const std::function<bool(Table)>& loaded,
                                         const QuoteName& quote) {
  std::vector<std::string> out;
  const std::string name(schema_of(table).name);
  for (const ForeignKey& fk : relations_of(table).foreign_keys) {
    if (!loaded(fk.references)) continue;
    out.push_back("ALTER TABLE " + qualified(schema, table, quote) + " ADD CONSTRAINT " +
                  quote(name + "_" + std::string(fk.column) + "_fkey") + " FOREIGN KEY (" + quote(fk.column) +
                  ") REFERENCES " + qualified(schema, fk.references, quote) + " (" +
                  quote(relations_of(fk.references).primary_key) + ")");
  }
  return out;
}

std::vector<std::string> index_sql(const std::string& schema, Table table, const QuoteName& quote) {
  std::vector<std::string> out;
  for (std::string_view list : relations_of(table).indexes) {
    std::string index_name(schema_of(table).name);
    const std::string columns = quoted_columns(list, quote, &index_name);
    out.push_back("CREATE INDEX " + quote(index_name + "_idx") + " ON " + qualified(schema, table, quote) + " (" + columns + ")");
  }
  return out;
}

}  // namespace fraudgen
