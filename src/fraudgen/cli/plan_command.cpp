#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdio>

#include "fraudgen/cli/commands.h"
#include "fraudgen/core/buffer_memory.h"
#include "fraudgen/core/resident_memory.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/run/plan_estimate.h"
#include "fraudgen/run/shard_spec.h"

namespace fraudgen {

CLI::App* PlanCommand::attach(CLI::App& app) {
  auto* cmd = app.add_subcommand("plan", "Print what `generate` with the same flags would write, shard by shard, with "
                                         "estimated bytes, CPU seconds and peak memory per shard; writes nothing.");
  generate_.add_flags(cmd);
  cmd->add_option("--shards", shards_, "Shards to plan for (default 1).");
  cmd->add_flag("--json", json_, "Print JSON instead of text.");
  return cmd;
}

int PlanCommand::run() const {
  uint32_t shards = 0;
  auto [end, ec] = std::from_chars(shards_.data(), shards_.data() + shards_.size(), shards);
  if (ec != std::errc() || end != shards_.data() + shards_.size() || shards < 1 || shards > kMaxShards)
    throw UsageError("--shards '" + shards_ + "' is not valid; accepted: 1 to " + std::to_string(kMaxShards));
  RunConfig cfg = generate_.resolve();
  if (!cfg.shard_source.empty()) throw UsageError("--shard picks one shard to generate; plan takes --shards N and plans them all");
  cfg.shard_count = shards;
  cfg.shard_index = 0;
  if (cfg.rides()) map_large_allocations_apart();  // as generate does, so the plan measures what the run will do

  const ReferenceData ref = ReferenceData::load();
  SimContext ctx(ref, cfg.sim);
  attach_rides(ctx, cfg);
  const Plan plan = make_plan(ctx, cfg, false);
  // Resident now: the binary, the reference data and the plan, which every shard holds (the
  // pilot's own buffers are freed by now).
  const PlanEstimate estimate = estimate_plan(plan, cfg, shards, static_cast<double>(resident_bytes()));
  const std::string out = json_ ? plan_json(estimate, cfg) : plan_text(estimate, cfg);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace fraudgen
