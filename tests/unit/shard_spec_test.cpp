#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

#include "fraudgen/run/shard_spec.h"

using namespace fraudgen;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  };
}

// The message of the std::invalid_argument that resolve_shard throws ("" when it does not).
std::string refusal(const std::string& spec, std::map<std::string, std::string> vars) {
  try {
    resolve_shard(spec, env_of(std::move(vars)));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

void expect_shard(const ShardChoice& c, uint32_t index, uint32_t count, const std::string& source) {
  EXPECT_EQ(c.index, index);
  EXPECT_EQ(c.count, count);
  EXPECT_EQ(c.source, source);
}

}  // namespace

TEST(ShardSpec, ExplicitIndexAndCount) {
  expect_shard(resolve_shard("3/8", env_of({{"OMPI_COMM_WORLD_RANK", "1"}, {"OMPI_COMM_WORLD_SIZE", "2"}})), 3, 8, "--shard");
  for (const char* bad : {"4/4", "1", "/4", "a/4", "1/0", "-1/4", "1/100001", "1/4/2", "auto/0", "autox"})
    EXPECT_NE(refusal(bad, {}), "") << bad;
  EXPECT_NE(refusal("4/4", {}).find("out of range"), std::string::npos);
}

TEST(ShardSpec, OpenMpiWinsOverSlurmInsideAnAllocation) {
  expect_shard(resolve_shard("auto", env_of({{"OMPI_COMM_WORLD_RANK", "2"}, {"OMPI_COMM_WORLD_SIZE", "4"},
                                             {"SLURM_JOB_ID", "7"}, {"SLURM_NTASKS", "2"}, {"SLURM_PROCID", "0"}})),
               2, 4, "OMPI_COMM_WORLD_RANK/SIZE");
  EXPECT_NE(refusal("auto", {{"OMPI_COMM_WORLD_RANK", "2"}}).find("OMPI_COMM_WORLD_SIZE is not"), std::string::npos);
}

TEST(ShardSpec, MpichHydra) {
  expect_shard(resolve_shard("auto", env_of({{"PMI_RANK", "1"}, {"PMI_SIZE", "2"}})), 1, 2, "PMI_RANK/SIZE");
  EXPECT_NE(refusal("auto", {{"PMI_SIZE", "2"}}).find("PMI_RANK is not"), std::string::npos);
  EXPECT_NE(refusal("auto", {{"PMI_RANK", "x"}, {"PMI_SIZE", "2"}}).find("not a whole number"), std::string::npos);
  EXPECT_NE(refusal("auto", {{"PMI_RANK", "2"}, {"PMI_SIZE", "2"}}).find("out of range"), std::string::npos);
}

TEST(ShardSpec, SlurmArrayMustRunZeroToCountMinusOne) {
  std::map<std::string, std::string> array = {{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "4"},
                                              {"SLURM_ARRAY_TASK_MIN", "0"}, {"SLURM_ARRAY_TASK_MAX", "3"},
                                              {"SLURM_JOB_ID", "9"}, {"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "1"}};
  expect_shard(resolve_shard("auto", env_of(array)), 3, 4, "SLURM_ARRAY_TASK_ID/COUNT");
  expect_shard(resolve_shard("auto/4", env_of(array)), 3, 4, "SLURM_ARRAY_TASK_ID/COUNT");
  // srun -n 1 inside the array task is fine; a step of two tasks is ambiguous.
  auto one_task_step = array;
  one_task_step["SLURM_STEP_ID"] = "0", one_task_step["SLURM_STEP_NUM_TASKS"] = "1";
  expect_shard(resolve_shard("auto", env_of(one_task_step)), 3, 4, "SLURM_ARRAY_TASK_ID/COUNT");
  auto two_task_step = array;
  two_task_step["SLURM_STEP_ID"] = "0", two_task_step["SLURM_STEP_NUM_TASKS"] = "2";
  EXPECT_NE(refusal("auto", two_task_step).find("runs a step of 2 tasks"), std::string::npos);
  auto from_one = array;
  from_one["SLURM_ARRAY_TASK_MIN"] = "1", from_one["SLURM_ARRAY_TASK_MAX"] = "4";
  EXPECT_NE(refusal("auto", from_one).find("--array=0-3"), std::string::npos);
  EXPECT_NE(refusal("auto/8", array).find("says 4 shards"), std::string::npos);
}

TEST(ShardSpec, SlurmStepOnlyInsideSrun) {
  expect_shard(resolve_shard("auto", env_of({{"SLURM_JOB_ID", "5"}, {"SLURM_STEP_ID", "0"}, {"SLURM_PROCID", "1"},
                                             {"SLURM_STEP_NUM_TASKS", "2"}, {"SLURM_NTASKS", "2"}})),
               1, 2, "SLURM_PROCID/SLURM_STEP_NUM_TASKS");
  // A batch script without srun: every task would be shard 0 of SLURM_NTASKS.
  EXPECT_NE(refusal("auto", {{"SLURM_JOB_ID", "5"}, {"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}).find("run fraudgen under srun"),
            std::string::npos);
}

TEST(ShardSpec, KubernetesIndexedJobNeedsTheCount) {
  expect_shard(resolve_shard("auto/8", env_of({{"JOB_COMPLETION_INDEX", "7"}})), 7, 8, "JOB_COMPLETION_INDEX");
  EXPECT_NE(refusal("auto", {{"JOB_COMPLETION_INDEX", "7"}}).find("auto/N"), std::string::npos);
  EXPECT_NE(refusal("auto/8", {{"JOB_COMPLETION_INDEX", "8"}}).find("out of range"), std::string::npos);
}

TEST(ShardSpec, NothingInTheEnvironmentNamesWhatWasLookedFor) {
  const std::string m = refusal("auto", {{"PMIX_RANK", "0"}, {"HOME", "/root"}});
  for (const char* var : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "SLURM_ARRAY_TASK_ID", "SLURM_PROCID", "JOB_COMPLETION_INDEX"})
    EXPECT_NE(m.find(var), std::string::npos) << var;
}
