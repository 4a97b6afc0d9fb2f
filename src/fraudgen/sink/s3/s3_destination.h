// A dataset under an S3 (or MinIO) prefix. Each output file becomes one object, streamed as a
// multipart upload whose parts go up on the upload threads while the next ones are generated;
// a file smaller than one part is sent with a single PUT. Objects appear only when complete.
// On failure or interrupt, abandon() aborts open multipart uploads and deletes the objects this
// run completed, so no part and no object of a failed run remains.
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/sink/s3/s3_client.h"
#include "fraudgen/sink/s3/s3_location.h"
#include "fraudgen/sink/s3/upload_pool.h"
#include "fraudgen/sink/sink.h"

namespace fraudgen {

class S3Destination : public Destination {
 public:
  // `stop` is polled by every request so an interrupt cancels transfers at once.
  S3Destination(S3Location location, S3Options options, S3Credentials credentials, std::function<bool()> stop,
                RetryObserver on_retry);
  ~S3Destination() override;
  std::string describe() const override { return location_.url(); }
  void prepare(const DatasetPaths& paths, bool overwrite) override;
  std::unique_ptr<Sink> open(const std::string& relative_path) override;
  void finish() override;
  void abandon() noexcept override;

  const S3Location& location() const { return location_; }

 private:
  friend class S3Sink;
  // Object keys under `prefix`: the first page only, or every page.
  std::vector<std::string> list(const std::string& prefix, bool every_page);
  // Aborts the open multipart uploads under `root` whose keys are this run's own: what an earlier
  // attempt of it (killed, so it could not abort them itself) left.
  void abort_earlier_uploads(const std::string& root, const std::set<std::string>& own_keys);
  void create_bucket();
  std::string object_url(const std::string& key) const { return location_.scheme + "://" + location_.bucket + "/" + key; }
  std::shared_ptr<ByteBuffer> spare_buffer();
  void recycle(std::shared_ptr<ByteBuffer> buffer);
  void note_open(const std::string& key, const std::string& upload_id);
  void note_complete(const std::string& key);

  S3Location location_;
  S3Options options_;
  S3Credentials credentials_;
  std::function<bool()> stop_;
  RetryObserver on_retry_;
  std::atomic<bool> abandoning_{false};
  std::unique_ptr<S3Client> control_;  // the writer thread's own requests
  std::unique_ptr<UploadPool> pool_;
  std::mutex mu_;
  std::map<std::string, std::string> open_uploads_;  // key -> upload id
  std::vector<std::string> completed_;               // keys this run made, or may have made, visible
  std::vector<std::shared_ptr<ByteBuffer>> spares_;
};

// The Content-Type an object gets from its file name.
std::string content_type_for(const std::string& path);

}  // namespace fraudgen
