#include "fraudgen/sink/s3/s3_listing.h"

#include <charconv>

#include "fraudgen/sink/s3/s3_location.h"
#include "fraudgen/sink/s3/s3_xml.h"

namespace fraudgen {

std::vector<S3Object> list_objects(S3Client& client, const std::string& prefix, bool every_page, const std::string& where) {
  std::vector<S3Object> objects;
  std::string token;
  for (;;) {
    S3Request r;
    r.method = "GET";
    // Query keys in canonical (sorted) order: curl 7.88 signs them as written.
    if (!token.empty()) r.query = "continuation-token=" + uri_encode(token, false) + "&";
    r.query += "list-type=2&prefix=" + uri_encode(prefix, false);  // pages of the server's default size (1,000)
    const S3Response resp = client.call(r, "listing " + where);
    size_t pos = 0;
    for (;;) {
      const std::string_view entry = xml_block(resp.body, "Contents", &pos);
      if (pos == std::string::npos) break;
      S3Object o{xml_text(entry, "Key"), 0};
      const std::string size = xml_text(entry, "Size");
      std::from_chars(size.data(), size.data() + size.size(), o.size);
      objects.push_back(std::move(o));
    }
    token = xml_text(resp.body, "NextContinuationToken");
    if (!every_page || xml_text(resp.body, "IsTruncated") != "true" || token.empty()) return objects;
  }
}

std::vector<S3OpenUpload> list_open_uploads(S3Client& client, const std::string& prefix, const std::string& where) {
  std::vector<S3OpenUpload> uploads;
  std::string key_marker, id_marker;
  for (;;) {
    S3Request r;
    r.method = "GET";
    if (!key_marker.empty()) r.query = "key-marker=" + uri_encode(key_marker, false) + "&";
    r.query += "prefix=" + uri_encode(prefix, false);
    if (!id_marker.empty()) r.query += "&upload-id-marker=" + uri_encode(id_marker, false);
    r.query += "&uploads=";  // curl 7.88 signs a bare "uploads" without '=': write it out
    const S3Response resp = client.call(r, "listing the open uploads under " + where);
    size_t pos = 0;
    for (;;) {
      const std::string_view entry = xml_block(resp.body, "Upload", &pos);
      if (pos == std::string::npos) break;
      uploads.push_back({xml_text(entry, "Key"), xml_text(entry, "UploadId")});
    }
    key_marker = xml_text(resp.body, "NextKeyMarker");
    id_marker = xml_text(resp.body, "NextUploadIdMarker");
    if (xml_text(resp.body, "IsTruncated") != "true" || (key_marker.empty() && id_marker.empty())) return uploads;
  }
}

}  // namespace fraudgen
