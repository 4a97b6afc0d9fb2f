#include <CLI/CLI.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <system_error>
#include <thread>
#include <unistd.h>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/interrupt_watcher.h"
#include "fraudgen/cli/s3_flags.h"
#include "fraudgen/core/byte_size.h"
#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/run/calibration_file.h"
#include "fraudgen/run/cpu_budget.h"
#include "fraudgen/run/executor.h"
#include "fraudgen/run/manifest.h"
#include "fraudgen/run/progress.h"
#include "fraudgen/run/shard_spec.h"
#include "fraudgen/sink/local_destination.h"
#include "fraudgen/sink/s3/s3_credentials.h"
#include "fraudgen/sink/s3/s3_destination.h"
#include "fraudgen/sink/s3/s3_location.h"

namespace fraudgen {
namespace fs = std::filesystem;
namespace {

template <typename T>
std::optional<T> parse_number(const std::string& s) {
  T v{};
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

int64_t today_in_brasilia() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count() + kBrasiliaOffsetMillis;
  return ms / kMillisPerDay;
}

constexpr int64_t kMaxDays = 3660;

}  // namespace

CLI::App* GenerateCommand::attach(CLI::App& app) {
  auto* cmd = app.add_subcommand("generate", "Generate a dataset: customers, devices and transactions.");
  add_flags(cmd);
  return cmd;
}

void GenerateCommand::add_flags(CLI::App* cmd) {
  cmd->add_option("--size", size_, "Target total size of all files, e.g. 500MB, 1GB, 2GiB. KB/MB/GB/TB are decimal "
                                    "(1000^n), KiB/MiB/GiB/TiB binary (1024^n). Default 1GB.")
      ->each([this](const std::string&) { size_given_ = true; });
  cmd->add_option("--customers", customers_, "Generate exactly N customers instead of aiming at --size.");
  cmd->add_option("--type", type_, "What to generate: transactions (default).");
  cmd->add_option("--format", format_, "Output format: parquet (default), jsonl or csv.");
  cmd->add_option("--compression", compression_, "Parquet: zstd (default), snappy, gzip or none, per page. JSONL and CSV: "
                                                  "none (default), gzip or zstd, for the whole file.");
  cmd->add_option("--compression-level", compression_level_, "Codec level: zstd 1-19 (default 1 for Parquet, 3 for JSONL and CSV), gzip 1-9 (default 6).");
  cmd->add_option("--row-group-size", row_group_size_, "Parquet rows per row group (default 122880, at most 1048576; memory grows with it).");
  cmd->add_option("--output,-o", output_, "Output folder (default ./output), or s3://bucket/prefix (minio://bucket/prefix "
                                          "is an alias). Must be empty or absent unless --overwrite.");
  cmd->add_option("--workers,-w", workers_, "Worker threads (default: the CPUs this process may use: its affinity "
                                               "mask, lowered by a cgroup CPU quota). Never changes the output.");
  cmd->add_option("--seed", seed_, "Random seed (0 to 2^64-1). When absent one is picked and recorded in the manifest.");
  cmd->add_option("--fraud-rate", fraud_rate_, "Share of fraudulent transactions, 0 to 0.5 (default 0.01). The manifest "
                                                "records the realised share.")
      ->each([this](const std::string&) { fraud_rate_given_ = true; });
  cmd->add_option("--difficulty", difficulty_, "How much legitimate behaviour looks like fraud and fraud like legitimate "
                                               "behaviour: easy, realistic (default) or hard (docs/quality.md).");
  cmd->add_option("--calibration", calibration_, "JSON file overriding any rate of the --difficulty preset, and fraud_rate "
                                                 "unless --fraud-rate is given (docs/fraud-model.md).");
  cmd->add_option("--start-date", start_date_, "First day, YYYY-MM-DD (default: 364 days before --end-date).");
  cmd->add_option("--end-date", end_date_, "Last day, YYYY-MM-DD (default: today in Brasília, or 364 days after --start-date).");
  cmd->add_flag("--no-profiles", no_profiles_, "Do not use behavioural profiles (global weights for everyone).");
  cmd->add_option("--file-size", file_size_, "Target bytes per output file (default 128MiB), same units as --size.");
  cmd->add_option("--shard", shard_, "Write only shard i of N (i/N, 0-based): whole files, the union of all shards is "
                                     "the unsharded dataset. auto or auto/N: i and N from the launcher (mpirun, "
                                     "srun, sbatch --array, a Kubernetes Indexed Job with auto/N).");
  cmd->add_flag("--overwrite", overwrite_, "Replace the dataset already in the output folder.");
  cmd->add_flag("--quiet,-q", quiet_, "Print nothing but errors.");
  s3_.add(cmd, true);
}

RunConfig GenerateCommand::resolve() const {
  RunConfig cfg;
  // ---- validate every flag before touching the disk ----
  if (type_ != "transactions")
    throw UsageError("--type '" + type_ + "' is not supported; accepted: transactions (rides arrive in a later version)");
  auto format = parse_format(format_);
  if (!format) throw UsageError("--format '" + format_ + "' is not supported; accepted: parquet, jsonl, csv");
  cfg.format = *format;
  const bool parquet = cfg.format == Format::Parquet;
  const std::string codec_text = compression_.empty() ? (parquet ? "zstd" : "none") : compression_;
  auto codec = parse_compression(codec_text);
  if (!codec)
    throw UsageError("--compression '" + codec_text + "' is not supported; accepted: " +
                     (parquet ? "zstd, snappy, gzip, none" : "none, gzip, zstd"));
  if (*codec == Compression::Snappy && !parquet)
    throw UsageError("--compression snappy is for --format parquet only; accepted for " + format_ + ": none, gzip, zstd");
  cfg.compression = *codec;
  // Parquet pages of typed values gain 0.7% from zstd level 3 over level 1 for 28% more CPU
  // (docs/performance.md), and random ids compress better at 1: Parquet defaults to 1, as
  // Arrow does. Whole text files keep zstd's own default, 3.
  if (cfg.compression == Compression::Zstd) cfg.compression_level = parquet ? 1 : 3;
  if (cfg.compression == Compression::Gzip) cfg.compression_level = 6;
  if (!compression_level_.empty()) {
    if (cfg.compression == Compression::None || cfg.compression == Compression::Snappy)
      throw UsageError("--compression-level needs --compression zstd or gzip (" + codec_text + " has no levels)");
    auto level = parse_number<int>(compression_level_);
    int hi = cfg.compression == Compression::Zstd ? 19 : 9;
    if (!level || *level < 1 || *level > hi)
      throw UsageError("--compression-level '" + compression_level_ + "' is out of range; accepted for " +
                       std::string(compression_name(cfg.compression)) + ": 1 to " + std::to_string(hi));
    cfg.compression_level = *level;
  }
  if (!row_group_size_.empty()) {
    auto rows = parse_number<uint64_t>(row_group_size_);
    if (!rows || *rows < 1 || *rows > 1'048'576)
      throw UsageError("--row-group-size '" + row_group_size_ + "' is not valid; accepted: a whole number of rows from 1 to 1048576");
    if (!parquet) throw UsageError("--row-group-size applies to --format parquet only");
    cfg.row_group_rows = *rows;
  }
  if (!customers_.empty()) {
    if (size_given_) throw UsageError("--size and --customers cannot be used together; give one of them");
    auto n = parse_number<uint64_t>(customers_);
    if (!n || *n == 0 || *n > 1'000'000'000ULL)
      throw UsageError("--customers '" + customers_ + "' is not valid; accepted: a whole number from 1 to 1000000000");
    cfg.customers = *n;
  } else {
    auto bytes = parse_byte_size(size_);
    if (!bytes || *bytes < 1000)
      throw UsageError("--size '" + size_ + "' is not valid; accepted: a size of at least 1KB such as 500MB, 1GB, 2GiB "
                       "(KB/MB/GB/TB decimal, KiB/MiB/GiB/TiB binary)");
    cfg.size_bytes = *bytes;
  }
  auto file_size = parse_byte_size(file_size_);
  if (!file_size || *file_size < 1000)
    throw UsageError("--file-size '" + file_size_ + "' is not valid; accepted: a size of at least 1KB such as 64MiB or 256MB");
  cfg.file_size = *file_size;

  const CpuBudget cpus = cpu_budget(affinity_cpu_count());
  cfg.workers = cpus.cpus;
  cfg.workers_source = cpus.source;
  if (!workers_.empty()) {
    auto w = parse_number<int>(workers_);
    if (!w || *w < 1 || *w > 1024) throw UsageError("--workers '" + workers_ + "' is not valid; accepted: 1 to 1024");
    cfg.workers = *w;
    cfg.workers_source = "--workers";
  }
  if (!seed_.empty()) {
    auto s = parse_number<uint64_t>(seed_);
    if (!s) throw UsageError("--seed '" + seed_ + "' is not valid; accepted: a whole number from 0 to 18446744073709551615");
    cfg.sim.seed = *s;
    cfg.seed_given = true;
  } else {
    std::random_device rd;
    cfg.sim.seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }
  auto rate = parse_number<double>(fraud_rate_);
  if (!rate || !(*rate >= 0.0 && *rate <= 0.5))
    throw UsageError("--fraud-rate '" + fraud_rate_ + "' is not valid; accepted: a number from 0 to 0.5 (the share of "
                     "fraudulent transactions), e.g. 0.01");
  cfg.sim.fraud_rate = *rate;
  auto difficulty = parse_difficulty(difficulty_);
  if (!difficulty) throw UsageError("--difficulty '" + difficulty_ + "' is not valid; accepted: easy, realistic or hard");
  cfg.sim.difficulty = *difficulty;
  cfg.sim.calibration = calibration_preset(*difficulty);
  if (!calibration_.empty()) {
    try {
      CalibrationFile file = load_calibration(calibration_, cfg.sim.calibration);
      cfg.sim.calibration = file.calibration;
      if (file.fraud_rate && !fraud_rate_given_) cfg.sim.fraud_rate = *file.fraud_rate;
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    cfg.calibration_file = calibration_;
  }

  std::optional<int64_t> start, end;
  if (!start_date_.empty() && !(start = parse_iso_date(start_date_)))
    throw UsageError("--start-date '" + start_date_ + "' is not a date; accepted: YYYY-MM-DD, e.g. 2025-01-31");
  if (!end_date_.empty() && !(end = parse_iso_date(end_date_)))
    throw UsageError("--end-date '" + end_date_ + "' is not a date; accepted: YYYY-MM-DD, e.g. 2025-12-31");
  cfg.dates_given = start || end;
  if (!end) end = start ? *start + 364 : today_in_brasilia();
  if (!start) start = *end - 364;
  if (*end < *start) throw UsageError("--end-date " + format_date(*end) + " is before --start-date " + format_date(*start));
  if (*end - *start + 1 > kMaxDays) throw UsageError("the date range is longer than 10 years; accepted: at most 3660 days");
  cfg.sim.start_day = *start;
  cfg.sim.end_day = *end;
  cfg.sim.profiles = !no_profiles_;

  if (!shard_.empty()) {
    ShardChoice shard;
    try {
      shard = resolve_shard(shard_, process_environment());
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    cfg.shard_index = shard.index;
    cfg.shard_count = shard.count;
    cfg.shard_source = shard.source;
    if (!quiet_ && shard.source != "--shard")
      std::fprintf(stderr, "fraudgen: shard %u/%u from %s\n", shard.index, shard.count, shard.source.c_str());
  }
  cfg.overwrite = overwrite_;
  cfg.quiet = quiet_;
  if (output_.empty()) throw UsageError("--output must not be empty");
  cfg.output = output_;
  const bool object_store = is_object_store_url(output_);
  if (!object_store && output_.find("://") != std::string::npos)
    throw UsageError("--output '" + output_ + "' uses a scheme fraudgen does not write to; accepted: a local folder, "
                     "s3://bucket/prefix or minio://bucket/prefix");
  return cfg;
}

int GenerateCommand::run() const {
  RunConfig cfg = resolve();
  const bool object_store = is_object_store_url(output_);
  std::unique_ptr<Destination> destination;
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> retries{0};
  // Before any thread starts (the S3 upload threads among them): they inherit its signal mask.
  InterruptWatcher interrupts(stop);
  if (object_store) {
    S3Target target = s3_.resolve(output_, "--output");
    RetryObserver on_retry = [&retries, quiet = cfg.quiet](const std::string& what, int attempt, const std::string& cause,
                                                           double delay) {
      ++retries;
      // On a terminal the progress line has no newline yet.
      if (!quiet)
        std::fprintf(stderr, "%sfraudgen: retrying %s: attempt %d failed: %s; next try in %.2f s\n", isatty(2) ? "\n" : "",
                     what.c_str(), attempt, cause.c_str(), delay);
    };
    destination = std::make_unique<S3Destination>(target.location, target.options, target.credentials, [&stop] { return stop.load(); }, on_retry);
  } else {
    s3_.refuse_for_local("--output");
    destination = std::make_unique<LocalDestination>(cfg.output);
  }

  ReferenceData ref = ReferenceData::load();
  SimContext ctx(ref, cfg.sim);
  auto t0 = std::chrono::steady_clock::now();
  Plan plan = make_plan(ctx, cfg);
  DatasetPaths paths;
  paths.manifest = manifest_file_name(cfg);
  paths.shard_label = "shard " + std::to_string(cfg.shard_index) + "/" + std::to_string(cfg.shard_count);
  paths.shard_count = cfg.shard_count;
  paths.run_identity = run_identity(cfg);
  for (const auto& f : plan.files)
    if (f.owned) paths.files.push_back(f.path);
  for (Table t : kAllTables) paths.table_folders.emplace_back(schema_of(t).name);
  try {
    destination->prepare(paths, cfg.overwrite);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  } catch (const S3Cancelled&) {
    std::fprintf(stderr, "fraudgen: interrupted before anything was written\n");
    return kExitInterrupted;
  }

  RunCounters counters;
  std::vector<FileResult> files;
  double seconds = 0;
  {
    Progress progress(counters, !cfg.quiet);
    try {
      files = execute_plan(ctx, cfg, plan, *destination, stop, counters);
      destination->finish();  // every object complete before the manifest says so
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      // The manifest is written last: its presence means the dataset is whole.
      auto manifest = destination->open(paths.manifest);
      manifest->write(render_manifest(cfg, plan, files, seconds));
      manifest->commit();
      destination->finish();
    } catch (...) {
      // Interrupted or failed, nothing this run started may stay. The watcher marks an
      // interrupt before it raises the stop flag, so an Interrupted from the executor always
      // finds it marked, and an error caused by the interrupt (a cancelled upload) counts as it.
      progress.stop();
      destination->abandon();
      if (!interrupts.interrupted()) throw;
      std::fprintf(stderr, "fraudgen: interrupted; no partial file was left under a final name\n");
      return kExitInterrupted;
    }
  }

  if (!cfg.quiet) {
    uint64_t rows[3] = {0, 0, 0}, bytes = 0;
    for (const auto& f : files) { rows[static_cast<int>(f.table)] += f.rows; bytes += f.bytes; }
    uint64_t all = rows[0] + rows[1] + rows[2];
    std::fprintf(stderr,
                 "fraudgen: wrote %zu files to %s in %.2f s\n"
                 "  customers    %12llu rows\n  devices      %12llu rows\n  transactions %12llu rows\n"
                 "  %s, %.0f rows/s, %.1f MB/s, %d workers\n"
                 "  seed %llu%s\n",
                 files.size(), destination->describe().c_str(), seconds, static_cast<unsigned long long>(rows[0]),
                 static_cast<unsigned long long>(rows[1]), static_cast<unsigned long long>(rows[2]),
                 format_bytes(static_cast<double>(bytes)).c_str(), static_cast<double>(all) / seconds,
                 static_cast<double>(bytes) / 1e6 / seconds, cfg.workers, static_cast<unsigned long long>(cfg.sim.seed),
                 cfg.seed_given ? "" : " (generated; pass --seed with this value to repeat the run)");
    if (retries > 0) std::fprintf(stderr, "  %llu S3 requests were retried\n", static_cast<unsigned long long>(retries.load()));
  }
  return kExitOk;
}

}  // namespace fraudgen
