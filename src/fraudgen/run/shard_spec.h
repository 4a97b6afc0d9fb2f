// Which shard this process writes: `--shard i/N`, or `--shard auto[/N]`, read from the variables
// a launcher sets (Open MPI, MPICH/Hydra, Slurm arrays and steps, Kubernetes Indexed Jobs).
// Opt-in only: these variables leak (an mpirun inside a Slurm allocation carries both families,
// a Slurm batch script without srun carries SLURM_PROCID=0 of 2), so ambiguous cases are refused.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "fraudgen/core/environment.h"

namespace fraudgen {

inline constexpr uint32_t kMaxShards = 100000;

struct ShardChoice {
  uint32_t index = 0, count = 1;
  std::string source;  // "--shard", or the variables it came from, e.g. "SLURM_ARRAY_TASK_ID/COUNT"
};

// Throws std::invalid_argument with a message that says what was found and what to do.
ShardChoice resolve_shard(std::string_view spec, const EnvLookup& env);

}  // namespace fraudgen
