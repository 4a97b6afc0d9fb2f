#include <CLI/CLI.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/open_dataset.h"
#include "fraudgen/validate/dataset.h"
#include "fraudgen/validate/finalize.h"

namespace fraudgen {

CLI::App* FinalizeCommand::attach(CLI::App& app) {
  auto* cmd = app.add_subcommand("finalize", "After every shard of a sharded run has ended: check that all of them "
                                             "and all their files are there, then write manifest.json (exit 1, "
                                             "writing nothing, when something is missing).");
  cmd->add_option("DIR", dir_, "The folder or s3://bucket/prefix (minio://bucket/prefix) every shard wrote to.")->required();
  cmd->add_option("--format", format_, "Report format: text (default) or json.");
  s3_.add(cmd, false);
  return cmd;
}

int FinalizeCommand::run() const {
  if (format_ != "text" && format_ != "json") throw UsageError("--format '" + format_ + "' is not supported; accepted: text, json");
  validate::FinalizeOutcome r;
  try {
    r = validate::finalize_dataset(open_dataset(dir_, s3_));
  } catch (const validate::DatasetError& e) {
    throw UsageError(e.what());
  }
  if (format_ == "json") {
    nlohmann::json j = {{"dir", dir_},         {"whole", r.whole}, {"manifest_written", r.written},
                        {"shards", r.shards},  {"files", r.files}, {"rows", r.rows},
                        {"bytes", r.bytes},    {"missing", r.missing}};
    std::printf("%s\n", j.dump(2).c_str());
  } else if (r.whole) {
    std::printf("%s: whole: %u shard%s, %llu files, %llu rows, %llu bytes; %s\n", dir_.c_str(), r.shards,
                r.shards == 1 ? "" : "s", static_cast<unsigned long long>(r.files), static_cast<unsigned long long>(r.rows),
                static_cast<unsigned long long>(r.bytes),
                r.written ? "wrote manifest.json" : "manifest.json was already there");
  } else {
    std::printf("%s: not whole, manifest.json not written:\n", dir_.c_str());
    for (const std::string& m : r.missing) std::printf("  %s\n", m.c_str());
  }
  return r.whole ? kExitOk : kExitFailure;
}

}  // namespace fraudgen
