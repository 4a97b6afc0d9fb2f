#include "fraudgen/sink/s3/s3_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <random>
#include <thread>

#include "fraudgen/core/sha256.h"
#include "fraudgen/sink/s3/s3_location.h"
#include "fraudgen/sink/s3/s3_xml.h"

namespace fraudgen {
namespace {

constexpr size_t kMaxResponseBody = 64ULL << 20;  // list pages are ~300 KB; errors are tiny
constexpr double kBackoffBase = 0.25, kBackoffCap = 8.0;

struct Upload {
  std::string_view body;
  size_t offset = 0;
};

size_t read_body(char* dst, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t take = std::min(size * n, u->body.size() - u->offset);
  std::memcpy(dst, u->body.data() + u->offset, take);
  u->offset += take;
  return take;
}

int seek_body(void* user, curl_off_t offset, int origin) {
  auto* u = static_cast<Upload*>(user);
  if (origin != SEEK_SET || offset < 0 || static_cast<size_t>(offset) > u->body.size()) return CURL_SEEKFUNC_FAIL;
  u->offset = static_cast<size_t>(offset);
  return CURL_SEEKFUNC_OK;
}

size_t collect_body(char* data, size_t size, size_t n, void* user) {
  auto* s = static_cast<std::string*>(user);
  size_t len = size * n;
  if (s->size() + len > kMaxResponseBody) return 0;  // aborts the transfer: no S3 answer is that big
  s->append(data, len);
  return len;
}

size_t collect_header(char* data, size_t size, size_t n, void* user) {
  auto* resp = static_cast<S3Response*>(user);
  std::string_view line(data, size * n);
  auto value_of = [&](size_t name_len) {
    std::string_view v = line.substr(name_len);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
    return v;
  };
  if (line.size() > 5 && strncasecmp(line.data(), "etag:", 5) == 0) {
    resp->etag = std::string(value_of(5));
  } else if (line.size() > 15 && strncasecmp(line.data(), "content-length:", 15) == 0) {
    std::string_view v = value_of(15);
    int64_t len = 0;
    if (std::from_chars(v.data(), v.data() + v.size(), len).ec == std::errc()) resp->content_length = len;
  }
  return size * n;
}

// libcurl's own low-speed check averages over a window of several seconds, so it notices a
// stall late; this watches the byte counters directly (libcurl calls it at least once a second).
struct Watch {
  const std::function<bool()>* cancelled;
  std::chrono::steady_clock::duration idle_limit;
  std::chrono::steady_clock::time_point last_progress = std::chrono::steady_clock::now();
  curl_off_t last_total = -1;
  bool stalled = false;
};

int watch_transfer(void* user, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t ulnow) {
  auto* w = static_cast<Watch*>(user);
  if (*w->cancelled && (*w->cancelled)()) return 1;
  const auto now = std::chrono::steady_clock::now();
  if (dlnow + ulnow != w->last_total) {
    w->last_total = dlnow + ulnow;
    w->last_progress = now;
  } else if (now - w->last_progress > w->idle_limit) {
    w->stalled = true;
    return 1;
  }
  return 0;
}

bool retryable_curl(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_WEIRD_SERVER_REPLY:
      return true;
    default:
      return false;
  }
}

bool retryable_status(long status, const std::string& code) {
  return status >= 500 || status == 429 || status == 408 || code == "RequestTimeout" || code == "SlowDown" ||
         code == "InternalError" || code == "ServiceUnavailable";
}

// What to tell a user who can act on it, beyond S3's own message.
std::string hint_for(const std::string& code, long status) {
  if (code == "SignatureDoesNotMatch") return " (check the secret access key and --s3-region)";
  if (code == "InvalidAccessKeyId") return " (check the access key id)";
  if (code == "AccessDenied" || status == 403) return " (the credentials are not allowed to do this)";
  if (code == "AuthorizationHeaderMalformed") return " (check --s3-region)";
  return "";
}

}  // namespace

struct S3Client::Impl {
  S3Options options;
  S3Credentials credentials;
  std::string bucket;
  std::function<bool()> cancelled;
  RetryObserver on_retry;
  std::string sigv4;
  CURL* curl = nullptr;
  std::mt19937_64 jitter{std::random_device{}()};
};

S3Client::S3Client(const S3Options& options, const S3Credentials& credentials, std::string bucket,
                   std::function<bool()> cancelled, RetryObserver on_retry)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->credentials = credentials;
  impl_->bucket = std::move(bucket);
  impl_->cancelled = std::move(cancelled);
  impl_->on_retry = std::move(on_retry);
  impl_->sigv4 = "aws:amz:" + options.region + ":s3";
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw std::runtime_error("libcurl could not create a handle");
}

S3Client::~S3Client() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

std::string S3Client::url_for(const std::string& key, const std::string& query) const {
  std::string url;
  if (impl_->options.endpoint.empty()) {
    // AWS: virtual-hosted addressing, except for bucket names with dots, which break the
    // wildcard certificate of the virtual host.
    if (impl_->bucket.find('.') == std::string::npos)
      url = "https://" + impl_->bucket + ".s3." + impl_->options.region + ".amazonaws.com/" + uri_encode(key, true);
    else
      url = "https://s3." + impl_->options.region + ".amazonaws.com/" + impl_->bucket + "/" + uri_encode(key, true);
  } else {
    url = impl_->options.endpoint + "/" + impl_->bucket;
    if (!key.empty()) url.append("/").append(uri_encode(key, true));
  }
  if (!query.empty()) url.append("?").append(query);
  return url;
}

S3Response S3Client::attempt(const S3Request& r, const std::string& payload_sha256) {
  CURL* c = impl_->curl;
  curl_easy_reset(c);  // keeps the connection cache
  S3Response resp;
  Upload upload{r.body, 0};
  const std::string url = url_for(r.key, r.query);

  // curl 7.88 signs only the headers it is given: x-amz-content-sha256 must be set here, and its
  // value is what the signature covers (so the server also checks the body).
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("x-amz-content-sha256: " + payload_sha256).c_str());
  if (!r.content_type.empty()) headers = curl_slist_append(headers, ("Content-Type: " + r.content_type).c_str());
  if (!r.range.empty()) headers = curl_slist_append(headers, ("Range: bytes=" + r.range).c_str());
  if (!impl_->credentials.session_token.empty())
    headers = curl_slist_append(headers, ("x-amz-security-token: " + impl_->credentials.session_token).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers, curl_slist_free_all);

  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_AWS_SIGV4, impl_->sigv4.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, impl_->credentials.access_key_id.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, impl_->credentials.secret_access_key.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(impl_->options.timeout_seconds));
  Watch watch{&impl_->cancelled, std::chrono::seconds(impl_->options.timeout_seconds)};
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &resp);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, watch_transfer);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &watch);
  if (!impl_->options.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, impl_->options.ca_bundle.c_str());

  const std::string_view method = r.method;
  if (method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (method == "PUT" || method == "POST") {
    // Upload mode for both, so curl sends exactly our body and no form Content-Type.
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, seek_body);
    curl_easy_setopt(c, CURLOPT_SEEKDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    if (method == "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "POST");
  } else if (method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method);
  }

  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_ABORTED_BY_CALLBACK && watch.stalled)
    throw S3Error("no bytes moved for " + std::to_string(impl_->options.timeout_seconds) + " s (--s3-timeout)", 0,
                  "Timeout", true);
  if (rc == CURLE_ABORTED_BY_CALLBACK) throw S3Cancelled();
  if (rc != CURLE_OK) {
    std::string why = curl_easy_strerror(rc);
    if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE)
      why += " (pass --s3-ca-bundle with the CA that signed the endpoint's certificate)";
    throw S3Error(why, 0, curl_easy_strerror(rc), retryable_curl(rc));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
  const bool error_body = r.error_in_ok_body && resp.body.find("<Error>") != std::string::npos;
  if (resp.status / 100 != 2 || error_body) {
    std::string code = xml_text(resp.body, "Code"), message = xml_text(resp.body, "Message");
    std::string why = "HTTP " + std::to_string(resp.status);
    if (!code.empty()) why += " " + code;
    if (!message.empty()) why += ": " + message;
    why += hint_for(code, resp.status);
    throw S3Error(why, resp.status, code, retryable_status(resp.status, code));
  }
  return resp;
}

S3Response S3Client::call(const S3Request& r, const std::string& what) {
  const int attempts = std::max(1, impl_->options.max_attempts);
  Sha256 sha;
  sha.update(r.body);
  const std::string payload_sha256 = sha.hex_digest();
  for (int n = 1;; ++n) {
    try {
      return attempt(r, payload_sha256);
    } catch (const S3Error& e) {
      if (!e.retryable || n >= attempts) {
        std::string tries = n == 1 ? "1 attempt" : std::to_string(n) + " attempts";
        throw S3Error(what + " failed: " + e.what() + " (" + tries + ")", e.status, e.code, e.retryable);
      }
      double ceiling = std::min(kBackoffCap, kBackoffBase * static_cast<double>(1ULL << std::min(n - 1, 20)));
      double delay = std::uniform_real_distribution<double>(0.0, ceiling)(impl_->jitter);
      if (impl_->on_retry) impl_->on_retry(what, n, e.what(), delay);
      auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(delay);
      while (std::chrono::steady_clock::now() < until) {
        if (impl_->cancelled && impl_->cancelled()) throw S3Cancelled();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
  }
}

}  // namespace fraudgen
