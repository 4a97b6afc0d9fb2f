// A dataset loaded into PostgreSQL, all or nothing. prepare() creates the tables in a staging
// schema of their own; each output file becomes one COPY stream into its table, on its own
// connection (several load at once); the manifest, written last, triggers the keys and indexes
// and then one transaction that moves the tables into the target schema (replacing fraudgen's
// tables there with --overwrite) and records the manifest in table fraudgen_manifest. A failed
// or interrupted run drops its staging schema: the target schema never shows half a load.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fraudgen/sink/postgres/pg_connection.h"
#include "fraudgen/sink/postgres/postgres_target.h"
#include "fraudgen/schema/schema.h"
#include "fraudgen/sink/sink.h"

namespace fraudgen {

class PostgresDestination : public Destination {
 public:
  // `stop` is polled while statements run so an interrupt cancels them. `report` receives
  // progress lines (the constraint build's time), or is empty.
  PostgresDestination(PostgresTarget target, std::function<bool()> stop, std::function<void(const std::string&)> report);
  ~PostgresDestination() override;
  std::string describe() const override { return target_.display; }
  void prepare(const DatasetPaths& paths, bool overwrite) override;
  std::unique_ptr<Sink> open(const std::string& relative_path) override;
  void finish() override;
  void abandon() noexcept override;

 private:
  friend class PgCopySink;
  friend class PgManifestSink;
  std::unique_ptr<PgConnection> take_connection();
  void give_back(std::unique_ptr<PgConnection> connection);
  void build_keys();
  void publish();

  PostgresTarget target_;
  std::function<bool()> stop_;
  std::function<void(const std::string&)> report_;
  std::unique_ptr<PgConnection> control_;
  std::string schema_, staging_;  // quoted names
  std::string staging_name_;
  std::string manifest_path_, manifest_json_;
  std::vector<Table> loaded_;
  bool overwrite_ = false, staged_ = false, published_ = false;
  std::mutex mu_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
};

}  // namespace fraudgen
