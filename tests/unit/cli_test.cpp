// Runs the real binary: size targeting, bounded memory, and the generated schema doc.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

fs::path scratch_dir(const std::string& name) {
  fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  // The process id keeps concurrent test runs (two checkouts on one machine) apart.
  return base / ("fraudgen-cli-" + name + "-" + std::to_string(getpid()));
}

// Runs the binary; returns its exit code and peak RSS in KiB.
std::pair<int, long> run(const std::string& args) {
  std::string cmd = std::string(FRAUDGEN_BINARY) + " " + args + " > /dev/null 2>&1";
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, usage.ru_maxrss};
}

uint64_t tree_bytes(const fs::path& dir) {
  uint64_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string().rfind("manifest", 0) != 0) n += e.file_size();
  return n;
}

}  // namespace

TEST(Cli, SizeIsHonouredWithinFivePercent) {
  struct Case { const char* size; double bytes; const char* extra; };
  // Sizes of tens of MB: about a hundred thousand rows over many blocks, small enough for the
  // sanitizer builds.
  for (const Case& c : {Case{"40MB", 40e6, "--format jsonl"}, Case{"50MB", 50e6, "--format csv"},
                        Case{"40MB", 40e6, "--format jsonl --compression zstd --start-date 2025-01-01 --end-date 2025-03-31"},
                        Case{"40MB", 40e6, "--format parquet"}}) {
    fs::path out = scratch_dir("size");
    fs::remove_all(out);
    auto [code, rss] = run(std::string("generate --seed 5 --quiet --size ") + c.size + " " + c.extra + " --output " + out.string());
    ASSERT_EQ(code, 0) << c.extra;
    double got = static_cast<double>(tree_bytes(out));
    EXPECT_NEAR(got / c.bytes, 1.0, 0.05) << c.size << " " << c.extra << " gave " << got << " bytes";
    fs::remove_all(out);
  }
}

TEST(Cli, PeakMemoryDoesNotGrowWithSize) {
  // Text: chunks are a few blocks. Parquet: chunks are row groups, so both runs span several.
  for (std::string format : {"--format jsonl", "--format parquet --row-group-size 20000"}) {
    fs::path out = scratch_dir("mem");
    fs::remove_all(out);
    auto [code_small, rss_small] = run("generate --seed 5 --quiet --workers 2 --customers 100 " + format + " --output " + out.string());
    ASSERT_EQ(code_small, 0);
    fs::remove_all(out);
    auto [code_big, rss_big] = run("generate --seed 5 --quiet --workers 2 --customers 1000 " + format + " --output " + out.string());
    ASSERT_EQ(code_big, 0);
    fs::remove_all(out);
    // 10x the data must not need materially more memory: only the chunk window is held.
    EXPECT_LT(rss_big, rss_small * 1.3 + 20 * 1024) << format << ": small " << rss_small << " KiB, big " << rss_big << " KiB";
  }
}

TEST(Cli, PartitionedPeakMemoryDoesNotGrowWithThePartitions) {
  // 120 days of 200 customers in row groups of 10,000: five chunks, each spread over every
  // partition. Day partitions are 30 times the month ones; a worker's encoder and staged chunk
  // are the same for both (before, a worker kept an encoder per partition: 1 GB by day).
  std::map<std::string, long> rss;
  for (std::string by : {"month", "day"}) {
    fs::path out = scratch_dir("partmem");
    fs::remove_all(out);
    auto [code, peak] = run("generate --seed 5 --quiet --workers 2 --customers 200 --start-date 2025-01-01 --end-date 2025-04-30 "
                            "--format parquet --row-group-size 10000 --partition-by " + by + " --output " + out.string());
    ASSERT_EQ(code, 0) << by;
    fs::remove_all(out);
    rss[by] = peak;
  }
  EXPECT_LT(rss["day"], rss["month"] * 1.5 + 30 * 1024) << "month " << rss["month"] << " KiB, day " << rss["day"] << " KiB";
}

TEST(Cli, SchemaDocIsGeneratedFromTheSchema) {
  std::string cmd = std::string(FRAUDGEN_BINARY) + " schema --format markdown";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string generated;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) generated.append(buf, n);
  ASSERT_EQ(pclose(p), 0);
  std::ifstream doc(std::string(FRAUDGEN_SOURCE_DIR) + "/docs/schema.md");
  std::stringstream committed;
  committed << doc.rdbuf();
  EXPECT_EQ(committed.str(), generated) << "docs/schema.md is stale: run scripts/update-docs.sh";
}

// Without --quiet, the closing summary counts every table's rows as the manifest does (it once
// indexed a three-row array with the fourth table; under ASan this test catches such a write).
TEST(Cli, SummaryCountsEveryTableAsTheManifestDoes) {
  const fs::path out = scratch_dir("summary");
  fs::remove_all(out);
  const fs::path log = out.string() + ".stderr";
  const std::string cmd = std::string(FRAUDGEN_BINARY) + " generate --seed 7 --customers 60 --start-date 2025-01-01 "
                          "--end-date 2025-03-31 --fraud-rate 0.05 --format jsonl --output " + out.string() + " 2> " + log.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ifstream m(out / "manifest.json");
  const std::string manifest((std::istreambuf_iterator<char>(m)), std::istreambuf_iterator<char>());
  for (const char* table : {"customers", "devices", "transactions", "fraud_labels"}) {
    // "totals": {"customers": {"bytes": ..., "files": ..., "rows": N}, ...}
    const size_t at = manifest.find(std::string("\"") + table + "\": {", manifest.find("\"totals\""));
    ASSERT_NE(at, std::string::npos) << table;
    const size_t rows_at = manifest.find("\"rows\": ", at) + 8;
    const std::string rows = manifest.substr(rows_at, manifest.find_first_not_of("0123456789", rows_at) - rows_at);
    ASSERT_FALSE(rows.empty() || rows == "0") << table;
    std::string label = table;
    label.resize(13, ' ');
    const size_t line = text.find("  " + label);
    ASSERT_NE(line, std::string::npos) << "no " << table << " line in:\n" << text;
    const std::string shown = text.substr(line + 15, text.find(" rows", line) - line - 15);
    EXPECT_EQ(shown.substr(shown.find_first_not_of(' ')), rows) << table << " in:\n" << text;
  }
  fs::remove_all(out);
  fs::remove(log);
}
