#include "fraudgen/run/shard_spec.h"

#include <charconv>
#include <optional>
#include <stdexcept>

namespace fraudgen {
namespace {

std::optional<uint32_t> whole_number(std::string_view s) {
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument("--shard auto: " + why); }

// A variable that must hold a whole number.
uint32_t number_in(const EnvLookup& env, const char* name) {
  std::string v = env(name);
  auto n = whole_number(v);
  if (!n) refuse(std::string(name) + (v.empty() ? " is not set" : "='" + v + "' is not a whole number"));
  return *n;
}

// An index/count pair from the environment, both set or neither.
ShardChoice pair_from(const EnvLookup& env, const char* index_var, const char* count_var, std::string source) {
  if (env(count_var).empty()) refuse(std::string(index_var) + " is set but " + count_var + " is not");
  return {number_in(env, index_var), number_in(env, count_var), std::move(source)};
}

ShardChoice from_environment(const EnvLookup& env, std::optional<uint32_t> given_count) {
  // Open MPI first: inside a Slurm allocation its ranks carry Slurm's variables too.
  if (!env("OMPI_COMM_WORLD_RANK").empty())
    return pair_from(env, "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK/SIZE");
  if (!env("PMI_RANK").empty() || !env("PMI_SIZE").empty()) {
    if (env("PMI_RANK").empty()) refuse("PMI_SIZE is set but PMI_RANK is not");
    return pair_from(env, "PMI_RANK", "PMI_SIZE", "PMI_RANK/SIZE");
  }
  const bool in_step = !env("SLURM_STEP_ID").empty();
  if (!env("SLURM_ARRAY_TASK_ID").empty()) {
    if (in_step && !env("SLURM_STEP_NUM_TASKS").empty() && env("SLURM_STEP_NUM_TASKS") != "1")
      refuse("Slurm array task " + env("SLURM_ARRAY_TASK_ID") + " runs a step of " + env("SLURM_STEP_NUM_TASKS") +
             " tasks, so both the array and the step could number the shards; use one: an array of 1-task jobs, "
             "or one srun step");
    ShardChoice c = pair_from(env, "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_ID/COUNT");
    const uint32_t lo = number_in(env, "SLURM_ARRAY_TASK_MIN"), hi = number_in(env, "SLURM_ARRAY_TASK_MAX");
    if (lo != 0 || c.count == 0 || hi != c.count - 1)
      refuse("the Slurm array runs indexes " + std::to_string(lo) + "-" + std::to_string(hi) + " (" +
             std::to_string(c.count) + " tasks); shards need --array=0-" + std::to_string(c.count ? c.count - 1 : 0) +
             ", contiguous from 0 (a throttle such as %4 is fine)");
    return c;
  }
  if (in_step) return pair_from(env, "SLURM_PROCID", "SLURM_STEP_NUM_TASKS", "SLURM_PROCID/SLURM_STEP_NUM_TASKS");
  if (!env("SLURM_JOB_ID").empty())
    refuse("in Slurm job " + env("SLURM_JOB_ID") + " but outside srun and outside an array: every task would be "
           "shard 0; run fraudgen under srun, or submit with sbatch --array=0-(N-1)");
  if (!env("JOB_COMPLETION_INDEX").empty()) {
    if (!given_count)
      refuse("JOB_COMPLETION_INDEX=" + env("JOB_COMPLETION_INDEX") + " is set, but a Kubernetes pod does not see the "
             "shard count; use --shard auto/N with N = the Job's spec.completions");
    return {number_in(env, "JOB_COMPLETION_INDEX"), *given_count, "JOB_COMPLETION_INDEX"};
  }
  refuse("no launcher's shard variables are set; looked for OMPI_COMM_WORLD_RANK/SIZE (Open MPI), PMI_RANK/SIZE "
         "(MPICH, Intel MPI), SLURM_ARRAY_TASK_ID/COUNT (sbatch --array), SLURM_PROCID/SLURM_STEP_NUM_TASKS (srun) "
         "and JOB_COMPLETION_INDEX (Kubernetes Indexed Job, with auto/N); or pass --shard i/N");
}

}  // namespace

ShardChoice resolve_shard(std::string_view spec, const EnvLookup& env) {
  const std::string accepted = "accepted: i/N with 0 <= i < N <= " + std::to_string(kMaxShards) +
                               " (e.g. 0/4), auto, or auto/N";
  const auto slash = spec.find('/');
  const std::string_view head = spec.substr(0, slash);
  std::optional<uint32_t> count;
  if (slash != std::string_view::npos) {
    count = whole_number(spec.substr(slash + 1));
    if (!count || *count == 0 || *count > kMaxShards)
      throw std::invalid_argument("--shard '" + std::string(spec) + "' is not valid; " + accepted);
  }
  ShardChoice c;
  if (head == "auto") {
    c = from_environment(env, count);
    if (count && *count != c.count)
      refuse("--shard auto/" + std::to_string(*count) + " but " + c.source + " says " + std::to_string(c.count) +
             " shards; make them agree");
  } else {
    auto index = whole_number(head);
    if (!index || !count) throw std::invalid_argument("--shard '" + std::string(spec) + "' is not valid; " + accepted);
    c = {*index, *count, "--shard"};
  }
  if (c.count == 0 || c.count > kMaxShards || c.index >= c.count)
    throw std::invalid_argument("--shard " + std::string(spec) + ": shard " + std::to_string(c.index) + " of " +
                                std::to_string(c.count) + " (from " + c.source + ") is out of range; " + accepted);
  return c;
}

}  // namespace fraudgen
