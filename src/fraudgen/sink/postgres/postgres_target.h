// `--output postgresql://...`: which server and database (libpq reads the URI, its environment
// variables and ~/.pgpass exactly as psql does) and which schema the tables go into
// (`?schema=NAME`, the one parameter fraudgen takes out before libpq sees the URI).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace fraudgen {

bool is_postgres_url(std::string_view output);

struct PostgresTarget {
  std::string conninfo;   // the URI without `schema`, for libpq
  std::string schema;     // "public" when not given
  std::string display;    // the URI with any password replaced by ***, for messages
  std::vector<std::string> secrets;  // strings never to print (the password, raw and decoded)
  // `text` with every secret replaced by ***.
  std::string redact(std::string text) const;
};

// Throws std::invalid_argument saying what is wrong and what is accepted; never echoes a password.
PostgresTarget parse_postgres_url(const std::string& url);

}  // namespace fraudgen
