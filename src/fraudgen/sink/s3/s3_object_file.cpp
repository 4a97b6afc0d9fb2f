#include "fraudgen/sink/s3/s3_object_file.h"

#include <algorithm>
#include <cstring>

namespace fraudgen {
namespace {

// The most one GET asks for: well under the client's cap on a response body.
constexpr size_t kMaxRange = 32ULL << 20;

class S3ObjectFile final : public RandomAccessFile {
 public:
  S3ObjectFile(std::unique_ptr<S3Client> client, std::string key, std::string url, uint64_t size)
      : client_(std::move(client)), key_(std::move(key)), url_(std::move(url)), size_(size) {}
  uint64_t size() const override { return size_; }
  const std::string& name() const override { return url_; }

  size_t read_at(uint64_t offset, char* out, size_t n) override {
    if (offset >= size_) return 0;
    n = static_cast<size_t>(std::min<uint64_t>(n, size_ - offset));
    if (offset >= window_start_ && offset + n <= window_start_ + window_.size()) {
      std::memcpy(out, window_.data() + (offset - window_start_), n);
      return n;
    }
    if (n >= kS3ReadWindow) {  // a large read (a row group) goes straight to the caller
      for (size_t done = 0; done < n;) {
        const size_t take = std::min(kMaxRange, n - done);
        const std::string body = get(offset + done, take);
        std::memcpy(out + done, body.data(), take);
        done += take;
      }
      return n;
    }
    window_start_ = offset;
    window_ = get(offset, static_cast<size_t>(std::min<uint64_t>(kS3ReadWindow, size_ - offset)));
    std::memcpy(out, window_.data(), n);
    return n;
  }

 private:
  // Exactly `n` bytes at `offset`, or an error naming the object.
  std::string get(uint64_t offset, size_t n) {
    S3Request r;
    r.method = "GET";
    r.key = key_;
    r.range = std::to_string(offset) + "-" + std::to_string(offset + n - 1);
    S3Response resp = client_->call(r, "reading " + url_);
    if (resp.status == 200 && resp.body.size() == size_) resp.body = resp.body.substr(offset, n);  // Range ignored
    if (resp.body.size() != n)
      throw std::runtime_error("reading " + url_ + ": asked for " + std::to_string(n) + " bytes at " + std::to_string(offset) +
                               ", got " + std::to_string(resp.body.size()) + " (the object changed while it was read?)");
    return std::move(resp.body);
  }

  std::unique_ptr<S3Client> client_;
  std::string key_, url_;
  uint64_t size_;
  uint64_t window_start_ = 0;
  std::string window_;
};

}  // namespace

std::unique_ptr<RandomAccessFile> open_s3_object(std::unique_ptr<S3Client> client, std::string key, std::string url,
                                                 uint64_t size) {
  return std::make_unique<S3ObjectFile>(std::move(client), std::move(key), std::move(url), size);
}

}  // namespace fraudgen
