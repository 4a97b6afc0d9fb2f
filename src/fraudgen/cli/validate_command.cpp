#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdio>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/open_dataset.h"
#include "fraudgen/validate/dataset.h"
#include "fraudgen/validate/validator.h"

namespace fraudgen {

CLI::App* ValidateCommand::attach(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check a dataset folder against fraudgen's invariants; exit 1 on any violation.");
  cmd->add_option("DIR", dir_, "Dataset folder (holding manifest.json or manifest.shard-*.json), or the "
                              "s3://bucket/prefix (minio://bucket/prefix) it was written to.")->required();
  cmd->add_option("--format", format_, "Report format: text (default) or json.");
  cmd->add_option("--max-examples", max_examples_, "Examples shown per check (default 5, 0 for none).");
  cmd->add_flag("--allow-partial", allow_partial_, "A folder missing some shards of a sharded run passes when what is "
                                                   "there is right (the checks that need every shard are skipped).");
  s3_.add(cmd, false);
  return cmd;
}

int ValidateCommand::run() const {
  if (format_ != "text" && format_ != "json") throw UsageError("--format '" + format_ + "' is not supported; accepted: text, json");
  size_t max_examples = 0;
  auto [end, ec] = std::from_chars(max_examples_.data(), max_examples_.data() + max_examples_.size(), max_examples);
  if (ec != std::errc() || end != max_examples_.data() + max_examples_.size() || max_examples > 1'000'000)
    throw UsageError("--max-examples '" + max_examples_ + "' is not a count; accepted: 0 to 1000000");
  validate::ValidateOptions options;
  options.max_examples = max_examples;
  options.allow_partial = allow_partial_;
  try {
    const validate::ValidationResult r = validate::validate_dataset(open_dataset(dir_, s3_), options);
    const std::string out = format_ == "json" ? r.report.json(r.summary) : r.report.text(r.summary);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return r.report.total_violations() ? kExitFailure : kExitOk;
  } catch (const validate::DatasetError& e) {
    throw UsageError(e.what());
  }
}

}  // namespace fraudgen
