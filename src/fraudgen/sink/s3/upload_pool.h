// A fixed set of upload threads, each with its own S3 client (and connection). At most
// `threads` tasks are queued or running at once: submit() blocks beyond that, which bounds the
// memory held by parts in flight to concurrency x part size. Tasks run in submission order.
#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "fraudgen/sink/s3/s3_client.h"

namespace fraudgen {

class UploadPool {
 public:
  using Task = std::function<void(S3Client&)>;
  UploadPool(int threads, const std::function<std::unique_ptr<S3Client>()>& make_client);
  ~UploadPool();  // waits for the running tasks, drops the queued ones
  UploadPool(const UploadPool&) = delete;
  UploadPool& operator=(const UploadPool&) = delete;

  // Queues `task`; blocks while the pool is full. Rethrows the first task failure instead.
  void submit(Task task);
  // Waits until every submitted task has finished; rethrows the first failure.
  void wait_idle();
  // Drops queued tasks and waits for the running ones; never throws.
  void drain() noexcept;
  bool failed() const;

 private:
  void run(S3Client& client);
  const size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Task> queue_;
  size_t running_ = 0;
  bool closing_ = false;
  std::exception_ptr error_;
  std::vector<std::unique_ptr<S3Client>> clients_;
  std::vector<std::thread> threads_;
};

}  // namespace fraudgen
