#include <CLI/CLI.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <system_error>
#include <thread>
#include <unistd.h>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/interrupt_watcher.h"
#include "fraudgen/cli/parse_number.h"
#include "fraudgen/cli/s3_flags.h"
#include "fraudgen/core/buffer_memory.h"
#include "fraudgen/core/byte_size.h"
#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/cli/spill_folder.h"
#include "fraudgen/run/calibration_file.h"
#include "fraudgen/run/cpu_budget.h"
#include "fraudgen/run/executor.h"
#include "fraudgen/run/manifest.h"
#include "fraudgen/run/progress.h"
#include "fraudgen/run/shard_spec.h"
#include "fraudgen/sink/local_destination.h"
#include "fraudgen/sink/postgres/postgres_destination.h"
#include "fraudgen/sink/postgres/postgres_target.h"
#include "fraudgen/sink/s3/s3_credentials.h"
#include "fraudgen/sink/s3/s3_destination.h"
#include "fraudgen/sink/s3/s3_location.h"

namespace fraudgen {
namespace fs = std::filesystem;

CLI::App* GenerateCommand::attach(CLI::App& app) {
  auto* cmd = app.add_subcommand("generate", "Generate a dataset: customers, devices and transactions.");
  add_flags(cmd);
  return cmd;
}

void GenerateCommand::add_flags(CLI::App* cmd) {
  world_.add(cmd, true);
  cmd->add_option("--format", format_, "Output format: parquet (default), jsonl or csv.");
  cmd->add_option("--compression", compression_, "Parquet: zstd (default), snappy, gzip or none, per page. JSONL and CSV: "
                                                  "none (default), gzip or zstd, for the whole file.");
  cmd->add_option("--compression-level", compression_level_, "Codec level: zstd 1-19 (default 1 for Parquet, 3 for JSONL and CSV), gzip 1-9 (default 6).");
  cmd->add_option("--row-group-size", row_group_size_, "Parquet rows per row group (default 122880, at most 1048576; memory grows with it).");
  cmd->add_option("--output,-o", output_, "Output folder (default ./output), s3://bucket/prefix (minio://bucket/prefix "
                                          "is an alias), or a PostgreSQL database: postgresql://user@host:port/db?schema=NAME "
                                          "(libpq's PG* variables and ~/.pgpass apply). Must hold no dataset unless --overwrite.");
  cmd->add_option("--file-size", file_size_, "Target bytes per output file (default 128MiB), same units as --size.");
  cmd->add_option("--partition-by", partition_by_, "none (default), month or day: write the time-stamped tables (transactions, "
                                                   "fraud_labels, rides, driver_sessions, ride_fraud_labels) in Hive folders "
                                                   "TABLE/year=YYYY/month=MM[/day=DD]/, by the Brasilia date of each row's time.");
  cmd->add_option("--shard", shard_, "Write only shard i of N (i/N, 0-based): whole files, the union of all shards is "
                                     "the unsharded dataset. auto or auto/N: i and N from the launcher (mpirun, "
                                     "srun, sbatch --array, a Kubernetes Indexed Job with auto/N).");
  cmd->add_option("--spill-dir", spill_dir_, "With --type rides or all: the folder where the riders, the capitals' recent "
                                             "history events and the rides' labels and driver sessions wait, in temporary files "
                                             "with no name that vanish with the run (default: TMPDIR, else /tmp); about 130 bytes "
                                             "a customer on disk, 8 more per worker, and up to 16 a ride.");
  cmd->add_flag("--overwrite", overwrite_, "Replace the dataset already in the output folder.");
  cmd->add_flag("--quiet,-q", quiet_, "Print nothing but errors.");
  cmd->add_flag("--report", report_, "At the end, write the dataset's report page as `fraudgen report` does: report.html in "
                                     "the output folder (./report.html for an s3:// output). Not with --shard: report the "
                                     "finalized dataset instead.");
  s3_.add(cmd, true);
}

RunConfig GenerateCommand::resolve() const {
  RunConfig cfg;
  // ---- validate every flag before touching the disk ----
  world_.resolve(cfg);
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
  auto file_size = parse_byte_size(file_size_);
  if (!file_size || *file_size < 1000)
    throw UsageError("--file-size '" + file_size_ + "' is not valid; accepted: a size of at least 1KB such as 64MiB or 256MB");
  cfg.file_size = *file_size;
  auto partition_by = parse_partition_by(partition_by_);
  if (!partition_by) throw UsageError("--partition-by '" + partition_by_ + "' is not supported; accepted: none, month, day");
  cfg.partition_by = *partition_by;

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
  if (cfg.rides())
    cfg.spill_dir = resolve_spill_folder(spill_dir_, "the riders, recent history events, labels and sessions (about 130 bytes a customer, and up to 16 a ride)");
  else if (!spill_dir_.empty())
    throw UsageError("--spill-dir applies to --type rides or all; a --type transactions run keeps no temporary files");
  cfg.overwrite = overwrite_;
  cfg.quiet = quiet_;
  if (output_.empty()) throw UsageError("--output must not be empty");
  cfg.output = output_;
  const bool object_store = is_object_store_url(output_);
  if (is_postgres_url(output_)) {
    // Rows go in as binary COPY streams: the file-format flags do not apply.
    for (auto [given, flag] : {std::pair{format_ != "parquet", "--format"}, {!compression_.empty(), "--compression"},
                               {!compression_level_.empty(), "--compression-level"}, {!row_group_size_.empty(), "--row-group-size"},
                               {cfg.partition_by != PartitionBy::None, "--partition-by"}})
      if (given) throw UsageError(std::string(flag) + " does not apply to a PostgreSQL --output (rows are loaded with COPY)");
    if (cfg.shard_count > 1) throw UsageError("--shard cannot be used with a PostgreSQL --output; load the dataset with one run");
    try {
      parse_postgres_url(output_);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    cfg.format = Format::PgCopy;
    cfg.compression = Compression::None;
    cfg.compression_level = 0;
  } else if (!object_store && output_.find("://") != std::string::npos) {
    throw UsageError("--output '" + output_ + "' uses a scheme fraudgen does not write to; accepted: a local folder, "
                     "s3://bucket/prefix, minio://bucket/prefix or postgresql://user@host:port/db?schema=NAME");
  }
  return cfg;
}

int GenerateCommand::run() const {
  RunConfig cfg = resolve();
  // The ride blocks' per-day vectors would fragment malloc's arenas (buffer_memory.h). Not for
  // streams: an unbounded one makes and frees its slabs' keys (up to 32 MB) again and again, and
  // mapping them afresh each time cost it 1.12x the CPU.
  if (cfg.rides()) map_large_allocations_apart();
  if (report_ && cfg.shard_count > 1)
    throw UsageError("--report needs the whole dataset, and --shard writes part of it; accepted: --report without --shard, or "
                     "`fraudgen report DIR` once every shard is written (after `fraudgen finalize DIR`)");
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
  } else if (is_postgres_url(output_)) {
    s3_.refuse_for_local("--output");
    auto report = [quiet = cfg.quiet](const std::string& line) {
      if (!quiet) std::fprintf(stderr, "%sfraudgen: %s\n", isatty(2) ? "\n" : "", line.c_str());
    };
    destination = std::make_unique<PostgresDestination>(parse_postgres_url(output_), [&stop] { return stop.load(); }, report);
  } else {
    s3_.refuse_for_local("--output");
    destination = std::make_unique<LocalDestination>(cfg.output);
  }

  ReferenceData ref = ReferenceData::load();
  SimContext ctx(ref, cfg.sim);
  attach_rides(ctx, cfg);
  auto t0 = std::chrono::steady_clock::now();
  Plan plan = make_plan(ctx, cfg);
  DatasetPaths paths;
  paths.manifest = manifest_file_name(cfg);
  paths.shard_label = "shard " + std::to_string(cfg.shard_index) + "/" + std::to_string(cfg.shard_count);
  paths.shard_count = cfg.shard_count;
  paths.run_identity = run_identity(cfg);
  std::set<std::string> partition_folders;  // "transactions/year=2025/month=03", ...
  for (const auto& f : plan.files) {
    if (!f.owned) continue;
    paths.files.push_back(f.path);
    if (f.partition != PlannedFile::kWhole) partition_folders.insert(fs::path(f.path).parent_path().string());
  }
  for (Table t : kAllTables) {
    paths.table_folders.emplace_back(schema_of(t).name);
    if (cfg.writes(t)) paths.run_folders.emplace_back(schema_of(t).name);
  }
  paths.run_folders.insert(paths.run_folders.end(), partition_folders.begin(), partition_folders.end());
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
    uint64_t rows[kTableCount] = {}, bytes = 0;
    for (const auto& f : files) { rows[static_cast<size_t>(f.table)] += f.rows; bytes += f.bytes; }
    // rows/s counts the simulated rows, not the labels (a copy of the fraudulent rows)
    uint64_t all = 0;
    std::fprintf(stderr, "fraudgen: wrote %zu files to %s in %.2f s\n", files.size(), destination->describe().c_str(), seconds);
    for (Table t : kAllTables) {
      if (!cfg.writes(t)) continue;
      const uint64_t n = rows[static_cast<size_t>(t)];
      if (!is_label_table(t)) all += n;
      std::fprintf(stderr, "  %-15s %12llu rows\n", std::string(schema_of(t).name).c_str(), static_cast<unsigned long long>(n));
    }
    std::fprintf(stderr,
                 "  %s, %.0f rows/s, %.1f MB/s, %d workers\n"
                 "  seed %llu%s\n",
                 format_bytes(static_cast<double>(bytes)).c_str(), static_cast<double>(all) / seconds,
                 static_cast<double>(bytes) / 1e6 / seconds, cfg.workers, static_cast<unsigned long long>(cfg.sim.seed),
                 cfg.seed_given ? "" : " (generated; pass --seed with this value to repeat the run)");
    if (retries > 0) std::fprintf(stderr, "  %llu S3 requests were retried\n", static_cast<unsigned long long>(retries.load()));
  }
  if (report_) return run_report(output_, s3_, "", "", cfg.workers, false, cfg.quiet);
  return kExitOk;
}

}  // namespace fraudgen
