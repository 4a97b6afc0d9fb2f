// Events to an HTTP endpoint: batches of event lines (NDJSON, the same lines stdout writes)
// POSTed on several keep-alive connections. A batch leaves when it is full (events or bytes) or
// would outlive the linger. With a secret it is signed as Standard Webhooks prescribes; its
// webhook-id is fixed by the run and its first and last seq, so a retry, or a rerun of the same
// stream, carries the same id. 5xx, 429, 408, timeouts and connection errors are retried with
// exponential backoff and full jitter, honouring Retry-After; 410 Gone stops the stream; a batch
// that cannot be delivered stops it too, and is counted.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fraudgen/stream/event_sink.h"

namespace fraudgen {

struct WebhookSettings {
  std::string url;
  size_t batch_events = 500;
  size_t batch_bytes = 1 << 20;
  std::chrono::milliseconds linger{100};
  int connections = 4;
  int max_attempts = 8;
  int timeout_seconds = 30;
  std::string key;      // HMAC key (decoded secret); empty: unsigned
  std::string run_tag;  // part of every webhook-id: the same run gives the same ids
  std::string ca_bundle;
};

// Checks a webhook URL: http(s)://host[:port][/path][?query], no credentials. Returns it;
// std::invalid_argument saying what is accepted otherwise.
std::string check_webhook_url(const std::string& url);

class WebhookSink final : public EventSink {
 public:
  explicit WebhookSink(WebhookSettings settings);
  ~WebhookSink() override;
  WebhookSink(const WebhookSink&) = delete;
  WebhookSink& operator=(const WebhookSink&) = delete;

  // Opens a connection to the endpoint's host (no request); std::invalid_argument when it cannot.
  void connect(int timeout_ms);
  void send(const StreamEvent& event, std::string_view line) override;
  void flush() override;
  void idle(std::chrono::steady_clock::time_point until) override;
  void finish() override;
  bool closed() const override { return stopped_; }
  std::string progress() const override;

  uint64_t delivered() const { return delivered_; }
  uint64_t undelivered() const { return undelivered_; }
  uint64_t requests() const { return requests_; }
  uint64_t retries() const { return retries_; }
  std::string first_error() const;

 private:
  struct Batch {
    std::string body;
    uint64_t first_seq = 0, last_seq = 0, events = 0;
  };
  void dispatch();          // queues the open batch for the senders
  void sender();            // one per connection
  void deliver(void* curl, const Batch& batch);
  void fail(const Batch& batch, const std::string& why);

  WebhookSettings settings_;
  Batch open_;
  std::chrono::steady_clock::time_point open_since_;
  mutable std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;
  bool closing_ = false;
  std::vector<std::thread> senders_;
  std::atomic<uint64_t> delivered_{0}, undelivered_{0}, requests_{0}, retries_{0};
  std::atomic<bool> stopped_{false};
  std::string first_error_;  // under mu_
};

}  // namespace fraudgen
