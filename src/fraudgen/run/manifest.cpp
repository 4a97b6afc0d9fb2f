#include "fraudgen/run/manifest.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/run/manifest_names.h"
#include "fraudgen/sim/fraud_types.h"
#include "fraudgen/version.h"

namespace fraudgen {

std::string manifest_file_name(const RunConfig& cfg) {
  return cfg.shard_count == 1 ? std::string(kWholeManifest) : shard_manifest_name(cfg.shard_index, cfg.shard_count);
}

namespace {

// The whole dataset's fraud, from the plan (every shard's manifest carries the same figures).
nlohmann::json fraud_summary(const RunConfig& cfg, const Plan& plan) {
  const uint64_t transactions = plan.rows[static_cast<size_t>(Table::Transactions)];
  const uint64_t fraudulent = plan.rows[static_cast<size_t>(Table::FraudLabels)];
  nlohmann::json by_type = nlohmann::json::object();
  for (int t = 0; t < kFraudTypeCount; ++t)
    by_type[std::string(fraud_types()[static_cast<size_t>(t)].name)] = plan.fraud_by_type[static_cast<size_t>(t)];
  return {{"requested_rate", cfg.sim.fraud_rate},
          {"realised_rate", transactions ? static_cast<double>(fraudulent) / static_cast<double>(transactions) : 0.0},
          {"transactions", transactions},
          {"fraudulent_transactions", fraudulent},
          {"scenarios", plan.fraud_scenarios},
          {"transactions_by_type", by_type}};
}

// The whole dataset's ride fraud, from the plan (null without rides).
nlohmann::json ride_fraud_summary(const RunConfig& cfg, const Plan& plan) {
  if (!cfg.rides()) return nullptr;
  const uint64_t rides = plan.rows[static_cast<size_t>(Table::Rides)];
  const uint64_t fraudulent = plan.rows[static_cast<size_t>(Table::RideFraudLabels)];
  nlohmann::json by_type = nlohmann::json::object();
  for (int t = 0; t < kRideFraudTypeCount; ++t)
    by_type[std::string(ride_fraud_types()[static_cast<size_t>(t)].name)] = plan.ride_fraud_by_type[static_cast<size_t>(t)];
  return {{"requested_rate", cfg.sim.fraud_rate},
          {"realised_rate", rides ? static_cast<double>(fraudulent) / static_cast<double>(rides) : 0.0},
          {"rides", rides},
          {"fraudulent_rides", fraudulent},
          {"rides_by_type", by_type}};
}

// Every rate the run used, in the calibration file's own shape, so the file can be fed back.
nlohmann::json calibration_json(const Calibration& cal) {
  nlohmann::json out = nlohmann::json::object(), weights = nlohmann::json::object();
  for (const CalibrationKey& k : calibration_keys()) out[std::string(k.group)][std::string(k.name)] = cal.*(k.field);
  for (int t = 0; t < kFraudTypeCount; ++t) weights[std::string(fraud_types()[static_cast<size_t>(t)].name)] = cal.type_weight[static_cast<size_t>(t)];
  out["fraud_type_weights"] = weights;
  nlohmann::json ride_weights = nlohmann::json::object();
  for (int t = 0; t < kRideFraudTypeCount; ++t)
    ride_weights[std::string(ride_fraud_types()[static_cast<size_t>(t)].name)] = cal.ride_type_weight[static_cast<size_t>(t)];
  out["ride_fraud_type_weights"] = ride_weights;
  return out;
}

nlohmann::json config_json(const RunConfig& cfg) {
  using nlohmann::json;
  return {
      {"type", cfg.type},
      {"format", format_name(cfg.format)},
      {"compression", compression_name(cfg.compression)},
      {"compression_level", cfg.compression_level},
      {"size_bytes", cfg.size_bytes ? json(*cfg.size_bytes) : json(nullptr)},
      {"customers", cfg.customers ? json(*cfg.customers) : json(nullptr)},
      {"start_date", format_date(cfg.sim.start_day)},
      {"end_date", format_date(cfg.sim.end_day)},
      {"dates_source", cfg.dates_given ? "given" : "default: the 365 days ending today"},
      {"profiles", cfg.sim.profiles},
      {"dispatch_area_drivers", cfg.sim.dispatch_area_drivers},
      {"fraud_rate", cfg.sim.fraud_rate},
      {"difficulty", kDifficultyNames[static_cast<size_t>(cfg.sim.difficulty)]},
      {"calibration_file", cfg.calibration_file.empty() ? json(nullptr) : json(cfg.calibration_file)},
      {"calibration", calibration_json(cfg.sim.calibration)},
      {"file_size", cfg.file_size},
      {"row_group_size", cfg.format == Format::Parquet ? json(cfg.row_group_rows) : json(nullptr)},
      {"partition_by", partition_by_name(cfg.partition_by)},
      {"shard", {{"index", cfg.shard_index}, {"count", cfg.shard_count}}},
  };
}

}  // namespace

std::string run_identity(const RunConfig& cfg) {
  return nlohmann::json{{"seed", cfg.sim.seed}, {"schema_version", kSchemaVersion}, {"config", config_json(cfg)}}.dump();
}

std::string render_manifest(const RunConfig& cfg, const Plan& plan, const std::vector<FileResult>& files, double seconds) {
  using nlohmann::json;
  const json config = config_json(cfg);
  json per_file = json::array();
  json totals = json::object();
  uint64_t total_bytes = 0;
  for (const auto& f : files) {
    std::string table(schema_of(f.table).name);
    per_file.push_back({{"table", table}, {"path", f.path}, {"partition", f.partition.empty() ? json(nullptr) : json(f.partition)},
                        {"rows", f.rows}, {"bytes", f.bytes}, {"sha256", f.sha256}});
    if (!totals.contains(table)) totals[table] = {{"rows", 0}, {"bytes", 0}, {"files", 0}};
    auto& t = totals[table];
    t["rows"] = t.value("rows", uint64_t{0}) + f.rows;
    t["bytes"] = t.value("bytes", uint64_t{0}) + f.bytes;
    t["files"] = t.value("files", 0) + 1;
    total_bytes += f.bytes;
  }
  json chunks_per_file = json::object(), chunks = json::object();
  for (Table t : kAllTables) {
    chunks_per_file[std::string(schema_of(t).name)] = plan.chunks_per_file[static_cast<size_t>(t)];
    chunks[std::string(schema_of(t).name)] = plan.chunks[static_cast<size_t>(t)].size();
  }
  json m = {
      {"fraudgen_version", kVersion},
      {"build", kBuildId},
      {"schema_version", kSchemaVersion},
      {"seed", cfg.sim.seed},
      {"seed_source", cfg.seed_given ? "given" : "generated"},
      {"config", config},
      {"plan", {{"customers", plan.customers}, {"block_customers", plan.block_customers}, {"blocks", plan.blocks},
                {"chunks", chunks}, {"chunks_per_file", chunks_per_file}, {"files_in_dataset", plan.files.size()},
                {"estimated_bytes", static_cast<uint64_t>(plan.estimated_bytes)}}},
      {"files", per_file},
      {"totals", totals},
      {"total_bytes", total_bytes},
      {"fraud", fraud_summary(cfg, plan)},
      {"ride_fraud", ride_fraud_summary(cfg, plan)},
      {"run", {{"workers", cfg.workers},
               {"workers_source", cfg.workers_source},
               {"shard_source", cfg.shard_source.empty() ? json(nullptr) : json(cfg.shard_source)},
               {"seconds", seconds}}},
  };
  return m.dump(2) + "\n";
}

}  // namespace fraudgen
