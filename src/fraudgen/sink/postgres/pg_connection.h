// One libpq connection: statements that an interrupt cancels, and COPY FROM STDIN. Every error
// message goes through the target's redaction, so no password reaches the user.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fraudgen/sink/postgres/postgres_target.h"

struct pg_conn;

namespace fraudgen {

class PgConnection {
 public:
  // Connects as psql would (the URI, then PG* variables, then ~/.pgpass); throws
  // std::runtime_error naming the server and libpq's reason.
  PgConnection(const PostgresTarget& target, std::function<bool()> stop);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements; the rows of the last one's result, as text (NULL as "").
  // When `stop` becomes true the statement is cancelled and std::runtime_error thrown.
  std::vector<std::vector<std::string>> run(const std::string& sql);
  std::string identifier(std::string_view name) const;  // quoted
  std::string literal(std::string_view text) const;     // quoted

  void copy_begin(const std::string& copy_from_stdin);
  void copy_write(std::string_view data);
  uint64_t copy_end();                    // the rows the server loaded
  void copy_abort(const char* why) noexcept;

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void wait_readable();
  pg_conn* conn_ = nullptr;
  const PostgresTarget& target_;
  std::function<bool()> stop_;
};

}  // namespace fraudgen
