#include "fraudgen/validate/s3_dataset_store.h"

#include <map>
#include <mutex>

#include "fraudgen/sink/s3/s3_client.h"
#include "fraudgen/sink/s3/s3_destination.h"
#include "fraudgen/sink/s3/s3_listing.h"
#include "fraudgen/sink/s3/s3_object_file.h"
#include "fraudgen/validate/dataset.h"

namespace fraudgen::validate {
namespace {

class S3Store final : public DatasetStore {
 public:
  S3Store(const S3Location& location, const S3Options& options, const S3Credentials& credentials)
      : location_(location), options_(options), credentials_(credentials),
        control_(std::make_unique<S3Client>(options_, credentials_, location_.bucket)) {
    const std::string root = location_.prefix.empty() ? "" : location_.prefix + "/";
    std::vector<S3Object> objects;
    try {
      objects = list_objects(*control_, root, true, location_.url() + "/");
    } catch (const S3Error& e) {
      if (e.code == "NoSuchBucket")
        throw DatasetError("bucket '" + location_.bucket + "' does not exist" +
                           (options_.endpoint.empty() ? "" : " at " + options_.endpoint));
      throw;
    }
    for (S3Object& o : objects) sizes_[o.key.substr(root.size())] = o.size;
    if (sizes_.empty()) throw DatasetError("nothing is stored under " + location_.url() + "; accepted: an s3://bucket/prefix that `fraudgen generate` wrote to");
  }

  std::string describe() const override { return location_.url(); }

  std::vector<std::string> root_names() override {
    std::vector<std::string> names;
    for (const auto& [name, size] : sizes_)
      if (name.find('/') == std::string::npos) names.push_back(name);
    return names;  // the map keeps them sorted
  }

  std::optional<std::string> read_whole(const std::string& relative) override {
    if (!sizes_.count(relative)) return std::nullopt;
    S3Request r;
    r.method = "GET";
    r.key = location_.key(relative);
    std::lock_guard lock(mu_);
    try {
      return control_->call(r, "reading " + url_of(relative)).body;
    } catch (const S3Error& e) {
      if (e.code == "NoSuchKey") return std::nullopt;  // removed since the listing
      throw;
    }
  }

  std::optional<uint64_t> size_of(const std::string& relative) override {
    const auto it = sizes_.find(relative);
    if (it == sizes_.end()) return std::nullopt;
    return it->second;
  }

  std::unique_ptr<RandomAccessFile> open(const std::string& relative) override {
    const auto it = sizes_.find(relative);
    if (it == sizes_.end()) throw std::runtime_error(url_of(relative) + " does not exist");
    return open_s3_object(std::make_unique<S3Client>(options_, credentials_, location_.bucket), location_.key(relative),
                          url_of(relative), it->second);
  }

  void publish(const std::string& relative, const std::string& text) override {
    // One PUT: S3 makes an object visible whole or not at all.
    S3Request r;
    r.method = "PUT";
    r.key = location_.key(relative);
    r.body = text;
    r.content_type = content_type_for(relative);
    std::lock_guard lock(mu_);
    control_->call(r, "writing " + url_of(relative));
    sizes_[relative] = text.size();
  }

 private:
  std::string url_of(const std::string& relative) const { return location_.url() + "/" + relative; }

  S3Location location_;
  S3Options options_;
  S3Credentials credentials_;
  std::mutex mu_;  // control_ is one connection
  std::unique_ptr<S3Client> control_;
  std::map<std::string, uint64_t> sizes_;  // relative path -> bytes, as listed at the start
};

}  // namespace

std::shared_ptr<DatasetStore> open_s3_store(const S3Location& location, const S3Options& options,
                                            const S3Credentials& credentials) {
  return std::make_shared<S3Store>(location, options, credentials);
}

}  // namespace fraudgen::validate
