#include "fraudgen/stream/webhook_sink.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <stdexcept>

#include "fraudgen/stream/webhook_signature.h"

namespace fraudgen {
namespace {

constexpr double kBackoffBase = 0.5, kBackoffCap = 30, kRetryAfterCap = 300;

struct Reply {
  long status = 0;
  double retry_after = -1;  // seconds; -1 when absent
};

size_t ignore_body(char*, size_t size, size_t n, void*) { return size * n; }

size_t read_header(char* data, size_t size, size_t n, void* user) {
  auto* reply = static_cast<Reply*>(user);
  std::string_view line(data, size * n);
  constexpr std::string_view name = "retry-after:";
  if (line.size() > name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0) {
    std::string value(line.substr(name.size()));
    value.erase(0, value.find_first_not_of(" \t"));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
    char* end = nullptr;
    const double seconds = std::strtod(value.c_str(), &end);
    if (end && *end == '\0' && !value.empty() && seconds >= 0) {
      reply->retry_after = seconds;
    } else {
      const time_t at = curl_getdate(value.c_str(), nullptr);  // an HTTP date
      if (at > 0) reply->retry_after = std::max(0.0, static_cast<double>(at - time(nullptr)));
    }
  }
  return size * n;
}

bool retryable_status(long status) { return status >= 500 || status == 429 || status == 408; }

}  // namespace

std::string check_webhook_url(const std::string& url) {
  const char* accepted = "; accepted: http://host[:port][/path] or https://...";
  const size_t scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") throw std::invalid_argument("--url '" + url + "' is not an http(s) URL" + accepted);
  const std::string rest = url.substr(scheme_end + 3);
  const std::string authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string::npos)
    throw std::invalid_argument("--url must not hold credentials (user:password@); sign with a webhook secret instead");
  if (authority.empty() || authority.front() == ':') throw std::invalid_argument("--url '" + url + "' has no host" + accepted);
  if (url.find_first_of(" \t\r\n") != std::string::npos) throw std::invalid_argument("--url '" + url + "' holds whitespace" + accepted);
  return url;
}

WebhookSink::WebhookSink(WebhookSettings settings) : settings_(std::move(settings)) {
  for (int i = 0; i < settings_.connections; ++i) senders_.emplace_back([this] { sender(); });
}

WebhookSink::~WebhookSink() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  ready_.notify_all();
  room_.notify_all();
  for (auto& t : senders_)
    if (t.joinable()) t.join();
}

void WebhookSink::connect(int timeout_ms) {
  CURL* c = curl_easy_init();
  if (!c) throw std::runtime_error("libcurl could not create a handle");
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_ms));
  if (!settings_.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_bundle.c_str());
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_cleanup(c);
  if (rc != CURLE_OK)
    throw std::invalid_argument("cannot connect to the webhook at " + settings_.url + " (" + curl_easy_strerror(rc) + ")");
}

void WebhookSink::send(const StreamEvent& event, std::string_view line) {
  if (open_.events == 0) {
    open_.first_seq = event.seq;
    open_since_ = std::chrono::steady_clock::now();
  }
  open_.body.append(line);
  open_.last_seq = event.seq;
  ++open_.events;
  if (open_.events >= settings_.batch_events || open_.body.size() >= settings_.batch_bytes ||
      std::chrono::steady_clock::now() - open_since_ >= settings_.linger)
    dispatch();
}

void WebhookSink::flush() { dispatch(); }

void WebhookSink::idle(std::chrono::steady_clock::time_point until) {
  if (open_.events && until - open_since_ >= settings_.linger) dispatch();
}

void WebhookSink::dispatch() {
  if (open_.events == 0) return;
  std::unique_lock lock(mu_);
  // At most two batches wait per connection: beyond that the stream waits (and reports lag).
  room_.wait(lock, [this] { return queue_.size() < 2 * senders_.size() || stopped_ || closing_; });
  if (stopped_) {
    undelivered_ += open_.events;
  } else {
    queue_.push_back(std::move(open_));
    ready_.notify_one();
  }
  open_ = Batch{};
}

void WebhookSink::finish() {
  dispatch();
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  ready_.notify_all();
  for (auto& t : senders_)
    if (t.joinable()) t.join();
}

void WebhookSink::sender() {
  CURL* curl = curl_easy_init();
  for (;;) {
    Batch batch;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) break;
      batch = std::move(queue_.front());
      queue_.pop_front();
    }
    room_.notify_one();
    if (stopped_ || !curl) {
      fail(batch, curl ? "the stream stopped before this batch was sent" : "libcurl could not create a handle");
      continue;
    }
    deliver(curl, batch);
  }
  if (curl) curl_easy_cleanup(curl);
}

void WebhookSink::deliver(void* handle, const Batch& batch) {
  CURL* c = static_cast<CURL*>(handle);
  char id[96];
  std::snprintf(id, sizeof id, "msg_%s_%llu_%llu", settings_.run_tag.c_str(), static_cast<unsigned long long>(batch.first_seq),
                static_cast<unsigned long long>(batch.last_seq));
  std::mt19937_64 jitter(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    curl_easy_reset(c);  // keeps the connection
    Reply reply;
    const int64_t now = static_cast<int64_t>(time(nullptr));
    std::vector<std::string> lines = {"Content-Type: application/x-ndjson", std::string("webhook-id: ") + id,
                                      "webhook-timestamp: " + std::to_string(now), "Expect:"};
    if (!settings_.key.empty()) lines.push_back("webhook-signature: " + webhook_signature(settings_.key, id, now, batch.body));
    curl_slist* headers = nullptr;
    for (const auto& l : lines) headers = curl_slist_append(headers, l.c_str());
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, batch.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(batch.body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(settings_.timeout_seconds, 10)));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, ignore_body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &reply);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect is a failure (Standard Webhooks)
    if (!settings_.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_bundle.c_str());
    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    ++requests_;
    std::string why;
    bool retry = false;
    if (rc != CURLE_OK) {
      why = curl_easy_strerror(rc);
      retry = true;
    } else {
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
      if (reply.status / 100 == 2) {
        delivered_ += batch.events;
        return;
      }
      if (reply.status == 410) return fail(batch, "the receiver answered 410 Gone: it wants no more events");
      why = "HTTP " + std::to_string(reply.status);
      retry = retryable_status(reply.status);
    }
    if (!retry || attempt >= settings_.max_attempts || stopped_) {
      return fail(batch, "POST " + settings_.url + " of events " + std::to_string(batch.first_seq) + "-" +
                             std::to_string(batch.last_seq) + " failed: " + why + " (" + std::to_string(attempt) +
                             (attempt == 1 ? " attempt)" : " attempts)"));
    }
    double delay = std::uniform_real_distribution<double>(
        0, std::min(kBackoffCap, kBackoffBase * static_cast<double>(1ULL << std::min(attempt - 1, 16))))(jitter);
    if (reply.retry_after >= 0) delay = std::min(reply.retry_after, kRetryAfterCap);
    ++retries_;
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(delay);
    while (std::chrono::steady_clock::now() < until && !stopped_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void WebhookSink::fail(const Batch& batch, const std::string& why) {
  undelivered_ += batch.events;
  std::lock_guard lock(mu_);
  if (first_error_.empty()) first_error_ = why;
  stopped_ = true;  // nothing after a lost batch could be delivered in order
  room_.notify_all();
}

std::string WebhookSink::progress() const {
  return "webhook " + std::to_string(delivered_.load()) + " delivered, " + std::to_string(retries_.load()) + " retried, " +
         std::to_string(undelivered_.load()) + " not delivered";
}

std::string WebhookSink::first_error() const {
  std::lock_guard lock(mu_);
  return first_error_;
}

}  // namespace fraudgen
