// `fraudgen` commands. Each registers its flags on a CLI11 subcommand and runs when chosen;
// run() returns the process exit code.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fraudgen/cli/s3_flags.h"
#include "fraudgen/cli/world_flags.h"

namespace CLI { class App; }

namespace fraudgen {


inline constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitInterrupted = 130;

// Raised for bad user input: the message says what is wrong and what is accepted.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunConfig;

class GenerateCommand {
 public:
  CLI::App* attach(CLI::App& app);
  void add_flags(CLI::App* cmd);  // generate's flags, on generate or on plan
  RunConfig resolve() const;      // every flag checked and every default filled in; writes nothing
  int run() const;

 private:
  WorldFlags world_;
  std::string format_ = "parquet", compression_, output_ = "output", file_size_ = "128MiB", shard_;
  std::string compression_level_, row_group_size_, partition_by_ = "none", spill_dir_;
  S3Flags s3_;
  bool overwrite_ = false, quiet_ = false, report_ = false;
};

class ValidateCommand {
 public:
  CLI::App* attach(CLI::App& app);
  int run() const;

 private:
  S3Flags s3_;
  std::string dir_, format_ = "text", max_examples_ = "5";
  bool allow_partial_ = false;
};

class PlanCommand {
 public:
  CLI::App* attach(CLI::App& app);
  int run() const;

 private:
  GenerateCommand generate_;  // its flags, and how they become a RunConfig
  std::string shards_ = "1";
  bool json_ = false;
};

class FinalizeCommand {
 public:
  CLI::App* attach(CLI::App& app);
  int run() const;

 private:
  S3Flags s3_;
  std::string dir_, format_ = "text";
};

class WebhookSink;

class StreamCommand {
 public:
  CLI::App* attach(CLI::App& app);
  int run() const;

 private:
  std::unique_ptr<WebhookSink> make_webhook_sink(const RunConfig& cfg, int connect_timeout_ms) const;
  WorldFlags world_;
  std::string target_ = "stdout", rate_, speed_, from_seq_ = "0", start_at_, max_events_, duration_, spill_dir_, memory_;
  std::string brokers_, kafka_config_, topic_prefix_ = "fraudgen.", flush_timeout_, connect_timeout_;
  std::vector<std::string> kafka_properties_;
  std::string url_, webhook_batch_, webhook_batch_bytes_, webhook_linger_, webhook_connections_, webhook_max_attempts_;
  std::string webhook_timeout_, webhook_secret_file_;
  bool quiet_ = false;
};

class ReportCommand {
 public:
  CLI::App* attach(CLI::App& app);
  int run() const;

 private:
  S3Flags s3_;
  std::string dir_, output_, json_, workers_;
  bool validate_ = false, quiet_ = false;
};

// `fraudgen report DIR`, also run by `generate --report`: output empty for the default place.
int run_report(const std::string& dir, const S3Flags& s3, std::string output, const std::string& json, int workers, bool validate,
               bool quiet);

class SchemaCommand {
 public:
  CLI::App* attach(CLI::App& app);
  int run() const;

 private:
  std::string format_ = "markdown", table_;
};

}  // namespace fraudgen
