// How the tables relate: each table's primary key, the foreign keys that tie its rows to other
// tables, and the columns people filter or join by. Part of the one schema definition; the
// PostgreSQL loader turns it into constraints and indexes.
#pragma once
#include <span>
#include <string_view>

#include "fraudgen/schema/schema.h"

namespace fraudgen {

struct ForeignKey {
  std::string_view column;      // in the referencing table
  Table references;             // its primary key is the referenced column
};

struct TableRelations {
  std::string_view primary_key;                   // one column
  std::span<const ForeignKey> foreign_keys;
  std::span<const std::string_view> indexes;      // each a column list, "customer_id, timestamp"
};

const TableRelations& relations_of(Table table);

}  // namespace fraudgen
