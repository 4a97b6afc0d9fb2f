#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/open_dataset.h"
#include "fraudgen/cli/parse_number.h"
#include "fraudgen/format/read/table_reader.h"
#include "fraudgen/report/write_report.h"
#include "fraudgen/run/cpu_budget.h"
#include "fraudgen/sink/s3/s3_location.h"
#include "fraudgen/validate/dataset.h"

namespace fraudgen {

namespace fs = std::filesystem;

CLI::App* ReportCommand::attach(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "Write one offline HTML page that shows what a dataset holds: volume, amounts, "
                                           "fraud by type, month and state, scenario examples, history features and the "
                                           "references they were drawn from.");
  cmd->add_option("DIR", dir_, "Dataset folder (holding manifest.json or manifest.shard-*.json), or the s3://bucket/prefix "
                              "(minio://bucket/prefix) it was written to.")->required();
  cmd->add_option("--output,-o", output_, "The HTML file to write (default: report.html in DIR, which validate and finalize "
                                          "ignore; ./report.html for an s3:// dataset).");
  cmd->add_option("--json", json_, "Also write the page's aggregates to this JSON file.");
  cmd->add_option("--workers,-w", workers_, "Threads reading Parquet row groups and files at once (default: the CPUs this "
                                            "process may use). The page is the same for any value.");
  cmd->add_flag("--validate", validate_, "Also run `fraudgen validate`'s checks and show them as a table; exit 1 when any "
                                         "check finds a violation (the page is written either way).");
  cmd->add_flag("--quiet,-q", quiet_, "Print nothing but errors.");
  s3_.add(cmd, false);
  return cmd;
}

// A file that can be written: its folder exists and is writable, and it is not a folder.
void require_writable_file(const std::string& path, const std::string& flag) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw UsageError(flag + " '" + path + "' is a folder; accepted: the path of a file to write (e.g. report.html)");
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent, ec))
    throw UsageError(flag + " '" + path + "': the folder " + parent.string() + " does not exist; accepted: a file in an existing folder");
  if (::access(parent.c_str(), W_OK) != 0 || (fs::exists(path, ec) && ::access(path.c_str(), W_OK) != 0))
    throw UsageError(flag + " '" + path + "' cannot be written (no permission); accepted: a file in a folder you can write to");
}

int run_report(const std::string& dir, const S3Flags& s3, std::string output, const std::string& json, int workers, bool validate,
               bool quiet) {
  if (output.empty()) output = is_object_store_url(dir) ? "report.html" : (fs::path(dir) / "report.html").string();
  auto store = open_dataset(dir, s3);  // UsageError for a bad location
  require_writable_file(output, "--output");
  if (!json.empty()) require_writable_file(json, "--json");
  report::ReportOptions options{output, json, workers, validate, !quiet};
  report::ReportOutcome r;
  try {
    r = report::write_report(store, options);
  } catch (const validate::DatasetError& e) {
    throw UsageError(e.what());
  } catch (const ReadError& e) {
    throw UsageError(std::string("cannot read the dataset: ") + e.what());
  }
  if (!quiet) {
    std::fprintf(stderr, "fraudgen: wrote %s (%llu bytes)\n  scanned %llu rows (%.1f MB of files) in %.2f s, %.0f rows/s, %d workers\n",
                 output.c_str(), static_cast<unsigned long long>(r.html_bytes), static_cast<unsigned long long>(r.rows),
                 static_cast<double>(r.bytes) / 1e6, r.scan_seconds, r.scan_seconds > 0 ? static_cast<double>(r.rows) / r.scan_seconds : 0.0,
                 workers);
    if (!json.empty()) std::fprintf(stderr, "  aggregates in %s\n", json.c_str());
    if (r.validated)
      std::fprintf(stderr, "  validate: %s\n", r.violations ? (std::to_string(r.violations) + " violations").c_str() : "no violations");
  }
  return r.violations ? kExitFailure : kExitOk;
}

int ReportCommand::run() const {
  int workers = cpu_budget(affinity_cpu_count()).cpus;
  if (!workers_.empty()) {
    auto w = parse_number<int>(workers_);
    if (!w || *w < 1 || *w > 1024) throw UsageError("--workers '" + workers_ + "' is not valid; accepted: 1 to 1024");
    workers = *w;
  }
  return run_report(dir_, s3_, output_, json_, workers, validate_, quiet_);
}

}  // namespace fraudgen
