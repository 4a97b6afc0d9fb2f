#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fraudgen/run/cpu_budget.h"

using namespace fraudgen;
namespace fs = std::filesystem;

namespace {

// A fake root with /proc/self/cgroup and cgroup files, removed at the end of the test.
class FakeRoot {
 public:
  FakeRoot() : dir_(fs::temp_directory_path() / ("fraudgen-cpu-" + std::to_string(::getpid()) + "-" +
                                                  ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(dir_);
  }
  ~FakeRoot() { fs::remove_all(dir_); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

}  // namespace

TEST(CpuBudget, ParsesCgroupQuotas) {
  EXPECT_EQ(cgroup_v2_quota("max 100000\n"), std::nullopt);
  EXPECT_DOUBLE_EQ(*cgroup_v2_quota("150000 100000\n"), 1.5);
  EXPECT_DOUBLE_EQ(*cgroup_v2_quota("50000 100000"), 0.5);
  EXPECT_EQ(cgroup_v2_quota("garbage"), std::nullopt);
  EXPECT_EQ(cgroup_v1_quota("-1\n", "100000\n"), std::nullopt);
  EXPECT_DOUBLE_EQ(*cgroup_v1_quota("300000\n", "100000\n"), 3.0);
}

TEST(CpuBudget, AffinityAloneWhenThereIsNoQuota) {
  FakeRoot root;
  root.write("proc/self/cgroup", "0::/user.slice\n");
  root.write("sys/fs/cgroup/user.slice/cpu.max", "max 100000\n");
  CpuBudget b = cpu_budget(6, root.path());
  EXPECT_EQ(b.cpus, 6);
  EXPECT_EQ(b.source, "CPU affinity (6 CPUs)");
  EXPECT_EQ(cpu_budget(0, root.path()).cpus, 1);  // at least one
}

TEST(CpuBudget, CgroupV2QuotaRoundsUpAndAParentsLimitApplies) {
  FakeRoot root;
  root.write("proc/self/cgroup", "0::/kubepods/pod1/ctr\n");
  root.write("sys/fs/cgroup/kubepods/pod1/ctr/cpu.max", "max 100000\n");
  root.write("sys/fs/cgroup/kubepods/pod1/cpu.max", "250000 100000\n");
  CpuBudget b = cpu_budget(16, root.path());
  EXPECT_EQ(b.cpus, 3);  // 2.5 CPUs of quota: 3 threads keep it busy
  EXPECT_EQ(b.source, "cgroup cpu.max 250000 100000");
  // A quota above the affinity count does not raise it.
  EXPECT_EQ(cpu_budget(2, root.path()).cpus, 2);
}

TEST(CpuBudget, CgroupV1Quota) {
  FakeRoot root;
  root.write("proc/self/cgroup", "5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n");
  root.write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000\n");
  root.write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
  CpuBudget b = cpu_budget(8, root.path());
  EXPECT_EQ(b.cpus, 1);
  EXPECT_EQ(b.source, "cgroup cpu.cfs_quota_us/cpu.cfs_period_us 50000/100000");
}

TEST(CpuBudget, AffinityCountFollowsTheMask) {
  cpu_set_t saved;
  ASSERT_EQ(sched_getaffinity(0, sizeof saved, &saved), 0);
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &saved)) { CPU_SET(c, &one); break; }
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  const int narrowed = affinity_cpu_count();
  ASSERT_EQ(sched_setaffinity(0, sizeof saved, &saved), 0);
  EXPECT_EQ(narrowed, 1);
  EXPECT_EQ(affinity_cpu_count(), CPU_COUNT(&saved));
}
