// The upload pool's guarantees, without a server: bounded tasks in flight (which bounds the
// memory of parts), submission order, and the first failure stopping everything. Run under
// TSan by scripts/test.sh.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "fraudgen/sink/s3/upload_pool.h"

using namespace fraudgen;

namespace {

std::unique_ptr<S3Client> any_client() {
  S3Options options;
  options.endpoint = "http://127.0.0.1:1";
  return std::make_unique<S3Client>(options, S3Credentials{"k", "s", "", "test"}, "bucket");
}

}  // namespace

TEST(UploadPool, NeverHoldsMoreThanItsCapacity) {
  constexpr int kThreads = 3;
  UploadPool pool(kThreads, any_client);
  std::atomic<int> held{0}, most{0};
  std::atomic<int> done{0};
  // `held` counts tasks from submission to completion, as a part buffer would be held.
  for (int i = 0; i < 40; ++i) {
    int now = ++held;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {}
    pool.submit([&](S3Client&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --held;
      ++done;
    });
  }
  pool.wait_idle();
  EXPECT_EQ(done.load(), 40);
  // The one being submitted plus `kThreads` queued or running.
  EXPECT_LE(most.load(), kThreads + 1);
  EXPECT_GE(most.load(), 2);
}

TEST(UploadPool, StartsTasksInSubmissionOrder) {
  UploadPool pool(1, any_client);
  std::mutex mu;
  std::vector<int> order;
  for (int i = 0; i < 20; ++i)
    pool.submit([&, i](S3Client&) {
      std::lock_guard lock(mu);
      order.push_back(i);
    });
  pool.wait_idle();
  ASSERT_EQ(order.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(order[i], i);
}

TEST(UploadPool, FirstFailureIsRethrownAndDropsQueuedWork) {
  UploadPool pool(2, any_client);
  std::atomic<int> ran{0};
  pool.submit([](S3Client&) { throw std::runtime_error("part 1 failed for good"); });
  bool rethrown = false;
  try {
    for (int i = 0; i < 50; ++i)
      pool.submit([&](S3Client&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ++ran;
      });
    pool.wait_idle();
  } catch (const std::runtime_error& e) {
    rethrown = std::string(e.what()) == "part 1 failed for good";
  }
  EXPECT_TRUE(rethrown);
  EXPECT_TRUE(pool.failed());
  EXPECT_LT(ran.load(), 50);
  EXPECT_THROW(pool.wait_idle(), std::runtime_error);
  pool.drain();  // must return promptly after a failure
}
