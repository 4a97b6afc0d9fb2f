#include "fraudgen/sink/s3/s3_location.h"

#include <cctype>

namespace fraudgen {
namespace {

// S3 bucket naming rules (the general-purpose bucket rules AWS and MinIO share).
void check_bucket(const std::string& b) {
  auto bad = [&](const std::string& why) {
    throw std::invalid_argument("bucket name '" + b + "' " + why +
                                "; accepted: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending "
                                "with a letter or digit");
  };
  if (b.size() < 3 || b.size() > 63) bad("has " + std::to_string(b.size()) + " characters");
  for (char c : b)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-'))
      bad("contains '" + std::string(1, c) + "'");
  if (!std::isalnum(static_cast<unsigned char>(b.front())) || !std::isalnum(static_cast<unsigned char>(b.back())))
    bad("must start and end with a letter or digit");
  if (b.find("..") != std::string::npos) bad("contains '..'");
  int dots = 0;
  bool numeric = true;
  for (char c : b) {
    dots += c == '.';
    numeric = numeric && (c == '.' || std::isdigit(static_cast<unsigned char>(c)));
  }
  if (numeric && dots == 3) bad("looks like an IP address");
}

void check_prefix(const std::string& p) {
  if (p.size() > 900)
    throw std::invalid_argument("the key prefix is " + std::to_string(p.size()) + " bytes long; accepted: at most 900 bytes");
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    std::string_view seg(p.data() + start, end - start);
    if (seg.empty()) throw std::invalid_argument("the key prefix '" + p + "' has an empty segment ('//'); accepted: segments separated by single '/'");
    if (seg == "." || seg == "..") throw std::invalid_argument("the key prefix '" + p + "' has a '" + std::string(seg) + "' segment; accepted: plain names");
    start = end + 1;
  }
  for (unsigned char c : p)
    if (c < 0x20 || c == 0x7f) throw std::invalid_argument("the key prefix contains a control character; accepted: printable text");
}

}  // namespace

bool is_object_store_url(std::string_view output) {
  return output.starts_with("s3://") || output.starts_with("minio://");
}

S3Location parse_s3_location(std::string_view url) {
  S3Location loc;
  size_t sep = url.find("://");
  if (sep == std::string_view::npos || (url.substr(0, sep) != "s3" && url.substr(0, sep) != "minio"))
    throw std::invalid_argument("'" + std::string(url) + "' is not an object-store URL; accepted: s3://bucket/prefix or minio://bucket/prefix");
  loc.scheme = std::string(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  size_t slash = rest.find('/');
  loc.bucket = std::string(rest.substr(0, slash));
  if (loc.bucket.empty())
    throw std::invalid_argument("'" + std::string(url) + "' names no bucket; accepted: " + loc.scheme + "://bucket/prefix");
  check_bucket(loc.bucket);
  if (slash != std::string_view::npos) {
    std::string_view prefix = rest.substr(slash + 1);
    while (prefix.ends_with('/')) prefix.remove_suffix(1);
    loc.prefix = std::string(prefix);
    if (!loc.prefix.empty()) check_prefix(loc.prefix);
  }
  return loc;
}

std::string S3Location::key(std::string_view relative) const {
  std::string k = prefix;
  if (!k.empty()) k.push_back('/');
  k.append(relative);
  return k;
}

std::string S3Location::url() const {
  std::string u = scheme;
  u.append("://").append(bucket);
  if (!prefix.empty()) u.append("/").append(prefix);
  return u;
}

std::string uri_encode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace fraudgen
