// How many CPUs this process may really use, for the default --workers: the CPU affinity mask
// (mpirun's and Slurm's binding, taskset), lowered by a cgroup CPU quota (a container's CPU
// limit: v2 cpu.max, v1 cpu.cfs_quota_us / cpu.cfs_period_us), rounded up, at least 1.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace fraudgen {

struct CpuBudget {
  int cpus = 1;
  std::string source;  // e.g. "CPU affinity (2 CPUs)" or "cgroup cpu.max 150000/100000"
};

// A quota in CPUs from cgroup v2's cpu.max ("max 100000" or "150000 100000"); none when unlimited.
std::optional<double> cgroup_v2_quota(std::string_view cpu_max);
// A quota in CPUs from cgroup v1's cfs files (quota -1 means unlimited).
std::optional<double> cgroup_v1_quota(std::string_view quota_us, std::string_view period_us);

// Reads /proc/self/cgroup and the cgroup files below `root` (the real "/" outside tests); a
// quota anywhere between the process's cgroup and the hierarchy's root applies.
CpuBudget cpu_budget(int affinity_cpus, const std::filesystem::path& root = "/");
// The calling process's affinity mask count (sched_getaffinity).
int affinity_cpu_count();

}  // namespace fraudgen
