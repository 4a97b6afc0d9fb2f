// The postgresql:// URI (what libpq gets, which schema, what is printed) and the SQL made from
// the schema. Loading into a real server is tested end to end (tests/e2e/postgres.test.mjs).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "fraudgen/sink/postgres/postgres_ddl.h"
#include "fraudgen/sink/postgres/postgres_target.h"

using namespace fraudgen;

namespace {

std::string refusal(const std::string& url) {
  try {
    parse_postgres_url(url);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

TEST(PostgresTarget, SchemaIsTakenOutAndTheRestGoesToLibpq) {
  auto t = parse_postgres_url("postgresql://ana@db.example:6543/bank?sslmode=require&schema=fraud_lab&application_name=x");
  EXPECT_EQ(t.schema, "fraud_lab");
  EXPECT_EQ(t.conninfo, "postgresql://ana@db.example:6543/bank?sslmode=require&application_name=x");
  EXPECT_EQ(parse_postgres_url("postgres://localhost/db").schema, "public");
  EXPECT_TRUE(is_postgres_url("postgres://h/db"));
  EXPECT_TRUE(is_postgres_url("postgresql://h/db"));
  EXPECT_FALSE(is_postgres_url("s3://bucket/x"));
}

TEST(PostgresTarget, PasswordsAreNeverShown) {
  auto t = parse_postgres_url("postgresql://ana:s%40cret@db:5432/bank?schema=s");
  EXPECT_EQ(t.display, "postgresql://ana:***@db:5432/bank?schema=s");
  EXPECT_EQ(t.conninfo, "postgresql://ana:s%40cret@db:5432/bank");
  EXPECT_EQ(t.redact("failed for s@cret and s%40cret"), "failed for *** and ***");
  auto q = parse_postgres_url("postgresql://ana@db/bank?password=hunter2&schema=s");
  EXPECT_EQ(q.display.find("hunter2"), std::string::npos) << q.display;
  EXPECT_NE(q.display.find("password=***"), std::string::npos) << q.display;
}

TEST(PostgresTarget, RefusalsSayWhatIsAcceptedWithoutThePassword) {
  for (const std::string url : {"postgresql://a:topsecret@h/db?colour=red", "postgresql://a:topsecret@h/db?schema=Mixed",
                                "postgresql://a:topsecret@h/db?schema=pg_x", "postgresql://a:topsecret@h/db?schema=",
                                "postgresql://a:topsecret@[::1/db"}) {
    const std::string why = refusal(url);
    ASSERT_FALSE(why.empty()) << url;
    EXPECT_NE(why.find("accepted"), std::string::npos) << why;
    EXPECT_EQ(why.find("topsecret"), std::string::npos) << why;
  }
  EXPECT_NE(refusal("postgresql://h/db?colour=red").find("sslmode"), std::string::npos);
}

TEST(PostgresDdl, TablesTakeTheirTypesAndKeysFromTheSchema) {
  const std::string sql = create_table_sql("s", Table::Transactions, quoted);
  EXPECT_NE(sql.find("CREATE TABLE s.\"transactions\""), std::string::npos);
  EXPECT_NE(sql.find("\"amount\" NUMERIC(18,2) NOT NULL"), std::string::npos) << sql;
  EXPECT_NE(sql.find("\"timestamp\" TIMESTAMPTZ NOT NULL"), std::string::npos) << sql;
  EXPECT_NE(sql.find("\"card_brand\" TEXT,"), std::string::npos) << sql;  // nullable
  EXPECT_EQ(primary_key_sql("s", Table::Transactions, quoted),
            "ALTER TABLE s.\"transactions\" ADD CONSTRAINT \"transactions_pkey\" PRIMARY KEY (\"transaction_id\")");
  // A foreign key only to a table the run loads.
  EXPECT_EQ(foreign_key_sql("s", Table::Rides, [](Table) { return true; }, quoted).size(), 2u);
  EXPECT_EQ(foreign_key_sql("s", Table::Transactions, [](Table t) { return t == Table::Customers; }, quoted).size(), 1u);
  const auto indexes = index_sql("s", Table::Transactions, quoted);
  ASSERT_FALSE(indexes.empty());
  EXPECT_EQ(indexes[0], "CREATE INDEX \"transactions_customer_id_timestamp_idx\" ON s.\"transactions\" (\"customer_id\", \"timestamp\")");
  // Every key and index names columns of its table.
  for (Table t : kAllTables) {
    const auto& cols = schema_of(t).columns;
    auto has = [&](std::string_view name) {
      for (const auto& c : cols) if (c.name == name) return true;
      return false;
    };
    EXPECT_TRUE(has(relations_of(t).primary_key)) << schema_of(t).name;
    for (const auto& fk : relations_of(t).foreign_keys) EXPECT_TRUE(has(fk.column)) << schema_of(t).name << "." << fk.column;
  }
}
