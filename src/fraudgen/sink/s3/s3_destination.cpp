#include "fraudgen/sink/s3/s3_destination.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "fraudgen/core/sha256.h"
#include "fraudgen/run/manifest_names.h"
#include "fraudgen/run/run_identity.h"
#include "fraudgen/sink/s3/s3_listing.h"
#include "fraudgen/sink/s3/s3_xml.h"

namespace fraudgen {
namespace {

// One multipart upload's shared state: parts finish on the upload threads in any order.
struct MultipartState {
  std::mutex mu;
  std::string upload_id;
  std::map<int, std::string> etags;  // part number -> ETag, ordered as CompleteMultipartUpload wants
  int pending = 0;                   // parts submitted and not yet uploaded
  uint64_t bytes = 0;                // the object's size once committed
  bool committed = false;            // no more parts will come
};

}  // namespace

std::string content_type_for(const std::string& path) {
  if (path.ends_with(".parquet")) return "application/vnd.apache.parquet";
  if (path.ends_with(".jsonl")) return "application/x-ndjson";
  if (path.ends_with(".csv")) return "text/csv";
  if (path.ends_with(".json")) return "application/json";
  if (path.ends_with(".gz")) return "application/gzip";
  if (path.ends_with(".zst")) return "application/zstd";
  return "application/octet-stream";
}

class S3Sink : public Sink {
 public:
  S3Sink(S3Destination& d, std::string key)
      : d_(d), key_(std::move(key)), content_type_(content_type_for(key_)), part_(d.spare_buffer()),
        target_(s3_part_size(d.options_.part_size, 1)) {}

  void write(std::string_view data) override {
    sha_.update(data);
    bytes_ += data.size();
    while (!data.empty()) {
      size_t take = std::min<uint64_t>(data.size(), target_ - part_->size());
      // Room doubling up to the part size: a file smaller than a part (a partition's, of which
      // a run has many open at once) holds its bytes, not a whole part's buffer. Recycled
      // buffers keep their room, so a warm run allocates nothing.
      part_->reserve(std::min<uint64_t>(target_ - part_->size(), std::max<uint64_t>(take, part_->size())));
      part_->append(data.substr(0, take));
      data.remove_prefix(take);
      if (part_->size() == target_) send_part();
    }
  }

  WrittenFile commit() override {
    WrittenFile done{bytes_, sha_.hex_digest()};
    if (!upload_) {
      // Smaller than one part: a single PUT.
      auto body = std::move(part_);
      S3Destination& d = d_;
      std::string key = key_, type = content_type_;
      d.pool_->submit([&d, body, key, type](S3Client& c) {
        S3Request r;
        r.method = "PUT";
        r.key = key;
        r.body = body->view();
        r.content_type = type;
        // Noted first: a PUT cut short when another file fails may still have stored the
        // object, and abandon() must delete it whatever the answer was.
        d.note_complete(key);
        c.call(r, "upload of " + d.object_url(key));
        d.recycle(body);
      });
      return done;
    }
    if (part_->size() > 0) send_part();
    bool complete_now;
    {
      std::lock_guard lock(upload_->mu);
      upload_->committed = true;
      upload_->bytes = bytes_;
      complete_now = upload_->pending == 0;
    }
    if (complete_now) {
      auto state = upload_;
      S3Destination& d = d_;
      std::string key = key_;
      d.pool_->submit([&d, state, key](S3Client& c) { complete(d, c, *state, key); });
    }
    return done;
  }

 private:
  static void complete(S3Destination& d, S3Client& c, MultipartState& state, const std::string& key) {
    std::string xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    for (const auto& [n, etag] : state.etags)
      xml += "<Part><PartNumber>" + std::to_string(n) + "</PartNumber><ETag>" + xml_escape(etag) + "</ETag></Part>";
    xml += "</CompleteMultipartUpload>";
    S3Request r;
    r.method = "POST";
    r.key = key;
    r.query = "uploadId=" + uri_encode(state.upload_id, false);
    r.body = xml;
    r.content_type = "application/xml";
    r.error_in_ok_body = true;
    try {
      c.call(r, "completing the upload of " + d.object_url(key));
    } catch (const S3Error& e) {
      // A retried completion whose first answer was lost finds the upload already gone: the
      // object is there, with the size this upload gave it, and the run goes on.
      if (e.code != "NoSuchUpload" || !object_has_size(c, key, state.bytes)) throw;
    }
    d.note_complete(key);
  }

  static bool object_has_size(S3Client& c, const std::string& key, uint64_t bytes) {
    S3Request head;
    head.method = "HEAD";
    head.key = key;
    try {
      return c.call(head, "checking " + key).content_length == static_cast<int64_t>(bytes);
    } catch (const S3Error&) {
      return false;
    }
  }

  void send_part() {
    if (!upload_) {
      upload_ = std::make_shared<MultipartState>();
      S3Request r;
      r.method = "POST";
      r.key = key_;
      r.query = "uploads=";  // curl 7.88 signs a bare "uploads" without '=': write it out
      r.content_type = content_type_;
      S3Response resp = d_.control_->call(r, "starting the upload of " + d_.object_url(key_));
      upload_->upload_id = xml_text(resp.body, "UploadId");
      if (upload_->upload_id.empty())
        throw std::runtime_error("starting the upload of " + d_.object_url(key_) + " failed: the answer has no UploadId");
      d_.note_open(key_, upload_->upload_id);
    }
    const int n = next_part_++;
    if (n > kS3MaxParts) throw std::runtime_error(d_.object_url(key_) + " needs more than 10,000 parts");
    auto body = std::move(part_);
    part_ = d_.spare_buffer();
    target_ = s3_part_size(d_.options_.part_size, next_part_);
    {
      std::lock_guard lock(upload_->mu);
      ++upload_->pending;
    }
    auto state = upload_;
    S3Destination& d = d_;
    std::string key = key_;
    d.pool_->submit([&d, state, key, n, body](S3Client& c) {
      S3Request r;
      r.method = "PUT";
      r.key = key;
      r.query = "partNumber=" + std::to_string(n) + "&uploadId=" + uri_encode(state->upload_id, false);
      r.body = body->view();
      S3Response resp = c.call(r, "upload of " + d.object_url(key) + " part " + std::to_string(n));
      if (resp.etag.empty())
        throw std::runtime_error("upload of " + d.object_url(key) + " part " + std::to_string(n) + " failed: no ETag in the answer");
      d.recycle(body);
      bool last;
      {
        std::lock_guard lock(state->mu);
        state->etags[n] = resp.etag;
        last = --state->pending == 0 && state->committed;
      }
      if (last) complete(d, c, *state, key);
    });
  }

  S3Destination& d_;
  std::string key_, content_type_;
  std::shared_ptr<ByteBuffer> part_;
  uint64_t target_;
  int next_part_ = 1;
  std::shared_ptr<MultipartState> upload_;
  Sha256 sha_;
  uint64_t bytes_ = 0;
};

S3Destination::S3Destination(S3Location location, S3Options options, S3Credentials credentials,
                             std::function<bool()> stop, RetryObserver on_retry)
    : location_(std::move(location)),
      options_(std::move(options)),
      credentials_(std::move(credentials)),
      stop_(std::move(stop)),
      on_retry_(std::move(on_retry)) {
  auto cancelled = [this] { return abandoning_.load() || (stop_ && stop_()); };
  control_ = std::make_unique<S3Client>(options_, credentials_, location_.bucket, cancelled, on_retry_);
  pool_ = std::make_unique<UploadPool>(options_.concurrency, [&, cancelled] {
    return std::make_unique<S3Client>(options_, credentials_, location_.bucket, cancelled, on_retry_);
  });
}

S3Destination::~S3Destination() {
  pool_->drain();  // no upload task may outlive the state it reports to
}

std::vector<std::string> S3Destination::list(const std::string& prefix, bool every_page) {
  std::vector<std::string> keys;
  for (S3Object& o : list_objects(*control_, prefix, every_page, object_url(prefix))) keys.push_back(std::move(o.key));
  return keys;
}

void S3Destination::abort_earlier_uploads(const std::string& root, const std::set<std::string>& own_keys) {
  std::vector<S3OpenUpload> open;
  try {
    open = list_open_uploads(*control_, root, object_url(root));
  } catch (const S3Error& e) {
    // Some S3-compatible stores do not list uploads, and a policy may not allow it: the run can
    // still go on, and a lifecycle rule is the way to clean up after it.
    if (e.code != "NotImplemented" && e.code != "AccessDenied" && e.status != 501 && e.status != 403) throw;
    std::fprintf(stderr,
                 "fraudgen: warning: cannot list the open multipart uploads under %s (%s), so those an earlier, "
                 "killed attempt may have left are not aborted; a bucket lifecycle rule "
                 "(AbortIncompleteMultipartUpload) removes them\n",
                 object_url(root).c_str(), e.code.empty() ? "no answer" : e.code.c_str());
    return;
  }
  for (const S3OpenUpload& u : open) {
    if (!own_keys.count(u.key)) continue;  // another shard's, or nothing of this dataset's
    S3Request r;
    r.method = "DELETE";
    r.key = u.key;
    r.query = "uploadId=" + uri_encode(u.upload_id, false);
    try {
      control_->call(r, "aborting an earlier attempt's upload of " + object_url(u.key));
    } catch (const S3Error& e) {
      if (e.code != "NoSuchUpload") throw;  // completed or aborted meanwhile
    }
  }
}

void S3Destination::create_bucket() {
  S3Request r;
  r.method = "PUT";
  std::string body;
  if (options_.region != "us-east-1") {
    body = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>" +
           xml_escape(options_.region) + "</LocationConstraint></CreateBucketConfiguration>";
    r.content_type = "application/xml";
  }
  r.body = body;
  try {
    control_->call(r, "creating bucket " + location_.bucket);
  } catch (const S3Error& e) {
    if (e.code != "BucketAlreadyOwnedByYou") throw;
  }
}

void S3Destination::prepare(const DatasetPaths& paths, bool overwrite) {
  const std::string root = location_.prefix.empty() ? "" : location_.prefix + "/";
  // An unsharded run without --overwrite only needs to know whether anything is there.
  const bool every_page = paths.sharded() || overwrite;
  std::vector<std::string> keys;
  try {
    keys = list(root, every_page);
  } catch (const S3Error& e) {
    if (e.code != "NoSuchBucket") throw;
    if (!options_.create_bucket)
      throw std::runtime_error("bucket '" + location_.bucket + "' does not exist" +
                               (options_.endpoint.empty() ? "" : " at " + options_.endpoint) +
                               "; create it or pass --create-bucket");
    create_bucket();
    keys = list(root, every_page);
  }
  std::set<std::string> ours;  // the keys this run writes
  ours.insert(location_.key(paths.manifest));
  for (const auto& f : paths.files) ours.insert(location_.key(f));
  if (keys.empty()) {
    // Nothing to refuse or replace, but an earlier attempt killed before its first object was
    // complete leaves only its open uploads.
    abort_earlier_uploads(root, ours);
    return;
  }
  const std::string where = "--output " + location_.url();
  if (!every_page)
    throw std::invalid_argument(where + " is not empty (it holds " + keys.front() +
                                "); choose an empty prefix or pass --overwrite to replace its dataset");

  std::set<std::string> present(keys.begin(), keys.end());
  // A shard joins its own run's prefix and replaces what an earlier attempt of it left there (an
  // engine's retry); a manifest of any other dataset under the prefix is refused without --overwrite.
  if (!overwrite)
    for (const auto& k : keys) {
      const std::string name = k.substr(root.size());
      if (name != kWholeManifest && !is_shard_manifest(name)) continue;
      S3Request get;
      get.method = "GET";
      get.key = k;
      const std::string conflict =
          shard_conflict(name, control_->call(get, "reading " + object_url(k)).body, paths.run_identity, paths.shard_count);
      if (!conflict.empty())
        throw std::invalid_argument(where + " holds " + conflict + "; write " + paths.shard_label +
                                    " to its own run's prefix, or pass --overwrite to replace this shard's objects there");
    }
  abort_earlier_uploads(root, ours);
  // Replace: the manifest goes first, so a reader never trusts a half-replaced dataset.
  const std::string manifest_key = location_.key(paths.manifest);
  std::vector<std::string> doomed;
  if (present.count(manifest_key)) doomed.push_back(manifest_key);
  if (paths.sharded()) {
    for (const auto& k : ours)
      if (k != manifest_key && present.count(k)) doomed.push_back(k);
  } else {
    for (const auto& k : keys)
      for (const auto& t : paths.table_folders)
        if (k.starts_with(location_.key(t) + "/")) doomed.push_back(k);
  }
  for (const auto& k : doomed) {
    S3Request r;
    r.method = "DELETE";
    r.key = k;
    control_->call(r, "deleting " + object_url(k) + " (--overwrite)");
  }
}

std::unique_ptr<Sink> S3Destination::open(const std::string& relative_path) {
  return std::make_unique<S3Sink>(*this, location_.key(relative_path));
}

void S3Destination::finish() { pool_->wait_idle(); }

void S3Destination::abandon() noexcept {
  abandoning_ = true;
  pool_->drain();
  std::map<std::string, std::string> uploads;
  std::vector<std::string> completed;
  {
    std::lock_guard lock(mu_);
    uploads.swap(open_uploads_);
    completed.swap(completed_);
  }
  if (uploads.empty() && completed.empty()) return;
  try {
    S3Client cleanup(options_, credentials_, location_.bucket);  // not cancellable: it must finish
    for (const auto& [key, id] : uploads) {
      try {
        S3Request r;
        r.method = "DELETE";
        r.key = key;
        r.query = "uploadId=" + uri_encode(id, false);
        cleanup.call(r, "aborting the upload of " + object_url(key));
      } catch (const S3Error& e) {
        if (e.code != "NoSuchUpload")
          std::fprintf(stderr, "fraudgen: warning: %s; the incomplete upload %s of %s may remain\n", e.what(), id.c_str(),
                       object_url(key).c_str());
      }
      // A completion whose answer was lost may have made the object visible after all.
      completed.push_back(key);
    }
    for (const auto& key : completed) {
      try {
        S3Request r;
        r.method = "DELETE";
        r.key = key;
        cleanup.call(r, "removing " + object_url(key));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "fraudgen: warning: %s; %s may remain\n", e.what(), object_url(key).c_str());
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fraudgen: warning: cleaning up after the failed run: %s\n", e.what());
  }
}

std::shared_ptr<ByteBuffer> S3Destination::spare_buffer() {
  std::lock_guard lock(mu_);
  if (spares_.empty()) return std::make_shared<ByteBuffer>();
  auto b = std::move(spares_.back());
  spares_.pop_back();
  return b;
}

void S3Destination::recycle(std::shared_ptr<ByteBuffer> buffer) {
  buffer->clear();
  std::lock_guard lock(mu_);
  if (spares_.size() <= static_cast<size_t>(options_.concurrency)) spares_.push_back(std::move(buffer));
}

void S3Destination::note_open(const std::string& key, const std::string& upload_id) {
  std::lock_guard lock(mu_);
  open_uploads_[key] = upload_id;
}

void S3Destination::note_complete(const std::string& key) {
  std::lock_guard lock(mu_);
  open_uploads_.erase(key);
  completed_.push_back(key);
}

}  // namespace fraudgen
