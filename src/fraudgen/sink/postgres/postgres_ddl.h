// The SQL that makes fraudgen's tables in PostgreSQL, from the one schema definition
// (schema.h: columns and types; relations.h: keys and indexes).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/schema/relations.h"
#include "fraudgen/schema/schema.h"

namespace fraudgen {

// NUMERIC(18,2) for money, TIMESTAMPTZ, DATE, BOOLEAN, TEXT, INTEGER, BIGINT, DOUBLE PRECISION.
std::string_view postgres_type(ColumnType type);

using QuoteName = std::function<std::string(std::string_view)>;

// CREATE TABLE without keys (they are added after the load, which is faster), with NOT NULL
// for every non-nullable column.
std::string create_table_sql(const std::string& schema, Table table, const QuoteName& quote);
// COMMENT ON TABLE and COLUMN from the schema's descriptions, so \d+ documents the data.
std::string comments_sql(const std::string& schema, Table table, const QuoteName& quote, const QuoteName& literal);
std::string primary_key_sql(const std::string& schema, Table table, const QuoteName& quote);
// The foreign keys of `table` whose referenced table is loaded too (`loaded`), and its indexes.
std::vector<std::string> foreign_key_sql(const std::string& schema, Table table, const std::function<bool(Table)>& loaded,
                                         const QuoteName& quote);
std::vector<std::string> index_sql(const std::string& schema, Table table, const QuoteName& quote);

}  // namespace fraudgen
