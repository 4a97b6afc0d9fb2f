#include "fraudgen/sink/postgres/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace fraudgen {
namespace {

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

PgConnection::PgConnection(const PostgresTarget& target, std::function<bool()> stop) : target_(target), stop_(std::move(stop)) {
  // Defaults first: the URI (expanded from dbname) and the PG* variables override them.
  std::vector<const char*> keys{"fallback_application_name"}, values{"fraudgen"};
  // libpq waits forever for an unreachable host by default; psql users set PGCONNECT_TIMEOUT.
  if (!std::getenv("PGCONNECT_TIMEOUT")) {
    keys.push_back("connect_timeout");
    values.push_back("10");
  }
  keys.push_back("dbname");
  values.push_back(target_.conninfo.c_str());
  keys.push_back(nullptr);
  values.push_back(nullptr);
  conn_ = PQconnectdbParams(keys.data(), values.data(), 1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string why = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw std::runtime_error("cannot connect to PostgreSQL at " + target_.display + ": " + target_.redact(why));
  }
  // Notices (e.g. "schema does not exist, skipping") are not for the user's terminal.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::fail(const std::string& what) const {
  throw std::runtime_error("PostgreSQL at " + target_.display + ": " + what + ": " + target_.redact(trimmed(PQerrorMessage(conn_))));
}

// Waits for the server, cancelling the statement once when the run is interrupted.
void PgConnection::wait_readable() {
  bool cancelled = false;
  for (;;) {
    if (!PQconsumeInput(conn_)) fail("lost the connection");
    if (!PQisBusy(conn_)) return;
    if (!cancelled && stop_ && stop_()) {
      cancelled = true;
      if (PGcancel* c = PQgetCancel(conn_)) {
        char buf[256];
        PQcancel(c, buf, sizeof buf);
        PQfreeCancel(c);
      }
    }
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    poll(&fd, 1, 200);
  }
}

std::vector<std::vector<std::string>> PgConnection::run(const std::string& sql) {
  if (!PQsendQuery(conn_, sql.c_str())) fail("cannot send a statement");
  std::vector<std::vector<std::string>> rows;
  std::string error;
  for (;;) {
    wait_readable();
    Result r(PQgetResult(conn_));
    if (!r) break;
    const ExecStatusType status = PQresultStatus(r.get());
    if (status == PGRES_FATAL_ERROR) {
      if (error.empty()) error = trimmed(PQresultErrorMessage(r.get()));
      continue;
    }
    rows.clear();
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      auto& row = rows.emplace_back();
      for (int c = 0; c < PQnfields(r.get()); ++c) row.emplace_back(PQgetvalue(r.get(), i, c));
    }
  }
  if (!error.empty()) {
    if (stop_ && stop_()) throw std::runtime_error("interrupted");
    throw std::runtime_error("PostgreSQL at " + target_.display + ": " + target_.redact(error));
  }
  return rows;
}

std::string PgConnection::identifier(std::string_view name) const {
  char* q = PQescapeIdentifier(conn_, name.data(), name.size());
  if (!q) fail("cannot quote a name");
  std::string out(q);
  PQfreemem(q);
  return out;
}

std::string PgConnection::literal(std::string_view text) const {
  char* q = PQescapeLiteral(conn_, text.data(), text.size());
  if (!q) fail("cannot quote a value");
  std::string out(q);
  PQfreemem(q);
  return out;
}

void PgConnection::copy_begin(const std::string& copy_from_stdin) {
  Result r(PQexec(conn_, copy_from_stdin.c_str()));
  if (PQresultStatus(r.get()) != PGRES_COPY_IN) fail("cannot start COPY");
}

void PgConnection::copy_write(std::string_view data) {
  // COPY data messages carry an int32 length: send big buffers in pieces.
  constexpr size_t kPiece = 1 << 20;
  for (size_t at = 0; at < data.size(); at += kPiece) {
    const size_t n = std::min(kPiece, data.size() - at);
    if (PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) != 1) fail("COPY failed");
  }
}

uint64_t PgConnection::copy_end() {
  if (PQputCopyEnd(conn_, nullptr) != 1) fail("COPY failed");
  uint64_t rows = 0;
  std::string error;
  while (Result r{PQgetResult(conn_)}) {
    if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) rows = std::strtoull(PQcmdTuples(r.get()), nullptr, 10);
    else if (error.empty()) error = trimmed(PQresultErrorMessage(r.get()));
  }
  if (!error.empty()) throw std::runtime_error("PostgreSQL at " + target_.display + ": COPY failed: " + target_.redact(error));
  return rows;
}

void PgConnection::copy_abort(const char* why) noexcept {
  if (PQputCopyEnd(conn_, why) == 1)
    while (Result r{PQgetResult(conn_)}) {
    }
}

}  // namespace fraudgen
