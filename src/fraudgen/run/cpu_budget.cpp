#include "fraudgen/run/cpu_budget.h"

#include <sched.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <fstream>
#include <thread>

#include "fraudgen/core/file_text.h"

namespace fraudgen {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::optional<long long> integer(std::string_view text) {
  const std::string s = trimmed(std::string(text));
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

struct Quota {
  double cpus;
  std::string source;
};

// The smallest quota from the cgroup `cgroup_path` under `mount` up to `mount` itself, reading
// `read(folder)` at each level.
template <class Read>
std::optional<Quota> smallest_on_path(const std::filesystem::path& mount, std::string_view cgroup_path, Read read) {
  std::optional<Quota> best;
  std::filesystem::path rel = std::filesystem::path(std::string(cgroup_path)).relative_path();
  while (true) {
    if (auto q = read(mount / rel); q && (!best || q->cpus < best->cpus)) best = q;
    if (rel.empty()) break;
    rel = rel.parent_path();
  }
  return best;
}

}  // namespace

std::optional<double> cgroup_v2_quota(std::string_view cpu_max) {
  std::string text = trimmed(std::string(cpu_max));
  const auto space = text.find(' ');
  if (space == std::string::npos || text.substr(0, space) == "max") return std::nullopt;
  auto quota = integer(std::string_view(text).substr(0, space)), period = integer(std::string_view(text).substr(space + 1));
  if (!quota || !period || *quota <= 0 || *period <= 0) return std::nullopt;
  return static_cast<double>(*quota) / static_cast<double>(*period);
}

std::optional<double> cgroup_v1_quota(std::string_view quota_us, std::string_view period_us) {
  auto quota = integer(quota_us), period = integer(period_us);
  if (!quota || !period || *quota <= 0 || *period <= 0) return std::nullopt;
  return static_cast<double>(*quota) / static_cast<double>(*period);
}

CpuBudget cpu_budget(int affinity_cpus, const std::filesystem::path& root) {
  const int allowed = std::max(1, affinity_cpus);
  CpuBudget budget{allowed, "CPU affinity (" + std::to_string(allowed) + (allowed == 1 ? " CPU)" : " CPUs)")};
  std::optional<Quota> quota;
  std::ifstream lines(root / "proc/self/cgroup");
  for (std::string line; std::getline(lines, line);) {
    // "hierarchy-ID:controllers:path"; v2 is "0::/path".
    const auto a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    const std::string controllers = line.substr(a + 1, b - a - 1), path = line.substr(b + 1);
    std::optional<Quota> q;
    if (controllers.empty()) {
      q = smallest_on_path(root / "sys/fs/cgroup", path, [](const std::filesystem::path& dir) -> std::optional<Quota> {
        auto text = read_file_text(dir / "cpu.max");
        if (!text) return std::nullopt;
        auto cpus = cgroup_v2_quota(*text);
        if (!cpus) return std::nullopt;
        return Quota{*cpus, "cgroup cpu.max " + trimmed(*text)};
      });
    } else if (("," + controllers + ",").find(",cpu,") != std::string::npos) {
      for (const char* mount : {"sys/fs/cgroup/cpu,cpuacct", "sys/fs/cgroup/cpu", "sys/fs/cgroup/cpuacct,cpu"}) {
        q = smallest_on_path(root / mount, path, [](const std::filesystem::path& dir) -> std::optional<Quota> {
          auto quota_text = read_file_text(dir / "cpu.cfs_quota_us"), period_text = read_file_text(dir / "cpu.cfs_period_us");
          if (!quota_text || !period_text) return std::nullopt;
          auto cpus = cgroup_v1_quota(*quota_text, *period_text);
          if (!cpus) return std::nullopt;
          return Quota{*cpus, "cgroup cpu.cfs_quota_us/cpu.cfs_period_us " + trimmed(*quota_text) + "/" + trimmed(*period_text)};
        });
        if (q) break;
      }
    }
    if (q && (!quota || q->cpus < quota->cpus)) quota = q;
  }
  if (quota) {
    const int cpus = std::max(1, static_cast<int>(std::ceil(quota->cpus - 1e-9)));
    if (cpus < budget.cpus) budget = {cpus, quota->source};
  }
  return budget;
}

int affinity_cpu_count() {
  // Large enough for any machine: the kernel refuses a mask smaller than its own.
  for (int n = 1024; n <= (1 << 20); n *= 2) {
    cpu_set_t* set = CPU_ALLOC(n);
    const size_t size = CPU_ALLOC_SIZE(n);
    CPU_ZERO_S(size, set);
    if (sched_getaffinity(0, size, set) == 0) {
      int count = CPU_COUNT_S(size, set);
      CPU_FREE(set);
      return std::max(1, count);
    }
    CPU_FREE(set);
    if (errno != EINVAL) break;
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace fraudgen
