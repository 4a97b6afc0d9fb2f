#include "fraudgen/sink/s3/upload_pool.h"

namespace fraudgen {

UploadPool::UploadPool(int threads, const std::function<std::unique_ptr<S3Client>()>& make_client)
    : capacity_(static_cast<size_t>(std::max(1, threads))) {
  for (size_t i = 0; i < capacity_; ++i) clients_.push_back(make_client());
  for (size_t i = 0; i < capacity_; ++i) threads_.emplace_back([this, i] { run(*clients_[i]); });
}

UploadPool::~UploadPool() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  for (auto& t : threads_) t.join();
}

void UploadPool::run(S3Client& client) {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mu_);
      changed_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    std::exception_ptr failure;
    try {
      task(client);
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard lock(mu_);
      --running_;
      if (failure && !error_) error_ = failure;
      if (failure) queue_.clear();  // the run is lost; nothing queued is worth sending
    }
    changed_.notify_all();
  }
}

void UploadPool::submit(Task task) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return error_ || queue_.size() + running_ < capacity_; });
  if (error_) std::rethrow_exception(error_);
  queue_.push_back(std::move(task));
  lock.unlock();
  changed_.notify_all();
}

void UploadPool::wait_idle() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
  if (error_) std::rethrow_exception(error_);
}

void UploadPool::drain() noexcept {
  std::unique_lock lock(mu_);
  queue_.clear();
  changed_.wait(lock, [&] { return running_ == 0; });
}

bool UploadPool::failed() const {
  std::lock_guard lock(mu_);
  return error_ != nullptr;
}

}  // namespace fraudgen
