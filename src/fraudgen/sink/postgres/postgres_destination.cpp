#include "fraudgen/sink/postgres/postgres_destination.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "fraudgen/core/sha256.h"
#include "fraudgen/sink/postgres/postgres_ddl.h"

namespace fraudgen {

constexpr std::string_view kManifestTable = "fraudgen_manifest";

// One output file: a binary COPY stream (format/pg_copy_encoder.cpp) into its table.
class PgCopySink final : public Sink {
 public:
  PgCopySink(PostgresDestination& d, std::unique_ptr<PgConnection> c, Table table) : dest_(d), conn_(std::move(c)) {
    conn_->copy_begin("COPY " + d.staging_ + "." + conn_->identifier(schema_of(table).name) +
                      " FROM STDIN (FORMAT binary)");
  }
  ~PgCopySink() override {
    if (conn_) conn_->copy_abort("fraudgen stopped before this file was complete");
  }
  void write(std::string_view data) override {
    sha_.update(data);
    bytes_ += data.size();
    conn_->copy_write(data);
  }
  WrittenFile commit() override {
    conn_->copy_end();
    dest_.give_back(std::move(conn_));
    return {bytes_, sha_.hex_digest()};
  }

 private:
  PostgresDestination& dest_;
  std::unique_ptr<PgConnection> conn_;
  Sha256 sha_;
  uint64_t bytes_ = 0;
};

// The manifest: kept until finish() stores it with the tables.
class PgManifestSink final : public Sink {
 public:
  explicit PgManifestSink(PostgresDestination& d) : dest_(d) {}
  void write(std::string_view data) override { text_.append(data); }
  WrittenFile commit() override {
    Sha256 sha;
    sha.update(text_);
    dest_.manifest_json_ = text_;
    return {text_.size(), sha.hex_digest()};
  }

 private:
  PostgresDestination& dest_;
  std::string text_;
};

PostgresDestination::PostgresDestination(PostgresTarget target, std::function<bool()> stop,
                                         std::function<void(const std::string&)> report)
    : target_(std::move(target)), stop_(std::move(stop)), report_(std::move(report)) {}

PostgresDestination::~PostgresDestination() = default;

std::unique_ptr<PgConnection> PostgresDestination::take_connection() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return std::make_unique<PgConnection>(target_, stop_);
}

void PostgresDestination::give_back(std::unique_ptr<PgConnection> connection) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(connection));
}

void PostgresDestination::prepare(const DatasetPaths& paths, bool overwrite) {
  if (paths.sharded()) throw std::invalid_argument("--shard cannot be used with a PostgreSQL --output; load with one run");
  control_ = std::make_unique<PgConnection>(target_, stop_);
  overwrite_ = overwrite;
  manifest_path_ = paths.manifest;
  schema_ = control_->identifier(target_.schema);
  staging_name_ = target_.schema + "_fraudgen_load_" + std::to_string(getpid());
  staging_ = control_->identifier(staging_name_);
  for (Table t : kAllTables)
    for (const auto& folder : paths.run_folders)
      if (folder == schema_of(t).name) loaded_.push_back(t);

  // fraudgen's tables already in the target schema: refused, or replaced at publish time.
  std::string names = control_->literal(kManifestTable);
  for (Table t : kAllTables) names += ", " + control_->literal(schema_of(t).name);
  auto existing = control_->run("SELECT table_name FROM information_schema.tables WHERE table_schema = " +
                                control_->literal(target_.schema) + " AND table_name IN (" + names + ") ORDER BY 1");
  if (!existing.empty() && !overwrite) {
    std::string list;
    for (const auto& row : existing) list += (list.empty() ? "" : ", ") + row[0];
    throw std::invalid_argument("PostgreSQL schema '" + target_.schema + "' at " + target_.display +
                                " already holds fraudgen tables (" + list +
                                "); pass --overwrite to replace them (only fraudgen's tables in that schema), or choose "
                                "another schema with ?schema=NAME");
  }
  auto quote = [this](std::string_view s) { return control_->identifier(s); };
  auto literal = [this](std::string_view s) { return control_->literal(s); };
  try {
    staged_ = true;
    std::string sql = "DROP SCHEMA IF EXISTS " + staging_ + " CASCADE;\nCREATE SCHEMA " + staging_ + ";\n";
    for (Table t : loaded_) sql += create_table_sql(staging_, t, quote) + ";\n" + comments_sql(staging_, t, quote, literal);
    sql += "CREATE TABLE " + staging_ + "." + quote(kManifestTable) + " (manifest JSONB NOT NULL);\n";
    sql += "COMMENT ON TABLE " + staging_ + "." + quote(kManifestTable) +
           " IS 'What this dataset is: the fraudgen manifest (seed, configuration, row counts) of the run that loaded it';\n";
    control_->run(sql);
  } catch (...) {
    abandon();
    throw;
  }
}

std::unique_ptr<Sink> PostgresDestination::open(const std::string& relative_path) {
  if (relative_path == manifest_path_) return std::make_unique<PgManifestSink>(*this);
  const std::string folder = relative_path.substr(0, relative_path.find('/'));
  for (Table t : loaded_)
    if (schema_of(t).name == folder) return std::make_unique<PgCopySink>(*this, take_connection(), t);
  throw std::logic_error("no table for output file " + relative_path);
}

// Keys and indexes on the loaded tables, before they become visible. Primary keys and indexes
// of different tables build at once on their own connections; the foreign keys then check
// their rows one table after the other (each locks its parent, so they would only queue).
void PostgresDestination::build_keys() {
  auto quote = [this](std::string_view s) { return control_->identifier(s); };
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> independent, foreign;
  auto loaded = [this](Table t) { return std::find(loaded_.begin(), loaded_.end(), t) != loaded_.end(); };
  for (Table t : loaded_) {
    independent.push_back(primary_key_sql(staging_, t, quote));
    for (auto& s : index_sql(staging_, t, quote)) independent.push_back(std::move(s));
  }
  for (Table t : loaded_)
    for (auto& s : foreign_key_sql(staging_, t, loaded, quote)) foreign.push_back(std::move(s));

  // A primary key and an index of the same table both read it; different tables go in parallel.
  const size_t lanes = std::min<size_t>(4, std::max<size_t>(1, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<PgConnection>> conns;
  for (size_t i = 0; i < lanes; ++i) conns.push_back(take_connection());
  std::mutex mu;
  size_t next = 0;
  std::exception_ptr error;
  auto lane = [&](PgConnection& c) {
    for (;;) {
      std::string sql;
      {
        std::lock_guard lock(mu);
        if (error || next == independent.size()) return;
        sql = independent[next++];
      }
      try {
        c.run(sql);
      } catch (...) {
        std::lock_guard lock(mu);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (auto& c : conns) threads.emplace_back(lane, std::ref(*c));
  for (auto& t : threads) t.join();
  for (auto& c : conns) give_back(std::move(c));
  if (error) std::rethrow_exception(error);
  for (const auto& sql : foreign) control_->run(sql);
  // Fresh statistics, so the first queries get good plans.
  std::string analyze = "ANALYZE ";
  for (size_t i = 0; i < loaded_.size(); ++i) analyze += (i ? ", " : "") + staging_ + "." + quote(schema_of(loaded_[i]).name);
  control_->run(analyze);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (report_) {
    char line[160];
    std::snprintf(line, sizeof line, "keys, indexes and statistics built in %.2f s (%zu primary keys and indexes, %zu foreign keys)",
                  seconds, independent.size(), foreign.size());
    report_(line);
  }
}

// One transaction: the target schema gets every table, or none.
void PostgresDestination::publish() {
  auto quote = [this](std::string_view s) { return control_->identifier(s); };
  std::string sql = "BEGIN;\nCREATE SCHEMA IF NOT EXISTS " + schema_ + ";\n";
  if (overwrite_) {
    // One statement for all of them: the foreign keys between them need no CASCADE, and a
    // user's view on one of them makes the load fail rather than vanish.
    std::string names = schema_ + "." + quote(kManifestTable);
    for (Table t : kAllTables) names += ", " + schema_ + "." + quote(schema_of(t).name);
    sql += "DROP TABLE IF EXISTS " + names + ";\n";
  }
  sql += "INSERT INTO " + staging_ + "." + quote(kManifestTable) + " VALUES (" + control_->literal(manifest_json_) + "::jsonb);\n";
  for (Table t : loaded_) sql += "ALTER TABLE " + staging_ + "." + quote(schema_of(t).name) + " SET SCHEMA " + schema_ + ";\n";
  sql += "ALTER TABLE " + staging_ + "." + quote(kManifestTable) + " SET SCHEMA " + schema_ + ";\n";
  sql += "DROP SCHEMA " + staging_ + ";\nCOMMIT;";
  control_->run(sql);
  published_ = true;
}

void PostgresDestination::finish() {
  if (manifest_json_.empty() || published_) return;
  build_keys();
  publish();
}

void PostgresDestination::abandon() noexcept {
  {
    std::lock_guard lock(mu_);
    idle_.clear();
  }
  control_.reset();
  if (!staged_ || published_) return;
  try {
    // A connection of its own that an interrupt does not cancel: the cleanup must run.
    PgConnection c(target_, {});
    c.run("DROP SCHEMA IF EXISTS " + staging_ + " CASCADE");
    staged_ = false;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fraudgen: could not drop the staging schema %s: %s\n", staging_name_.c_str(), e.what());
  }
}

}  // namespace fraudgen
