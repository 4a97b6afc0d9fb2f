#include "fraudgen/sink/s3/s3_options.h"

#include <stdexcept>

namespace fraudgen {

std::string normalise_endpoint(const std::string& url, const std::string& what) {
  std::string u = url;
  size_t sep = u.find("://");
  std::string scheme = sep == std::string::npos ? "" : u.substr(0, sep);
  if (scheme != "http" && scheme != "https")
    throw std::invalid_argument(what + " must start with http:// or https://, e.g. http://127.0.0.1:9000");
  std::string rest = u.substr(sep + 3);
  while (rest.ends_with('/')) rest.pop_back();
  // Never echo the value here: a URL with user:password@ would print a secret.
  if (rest.find('@') != std::string::npos)
    throw std::invalid_argument(what + " must not carry credentials (user:password@); use the credential variables");
  if (rest.find_first_of("/?#") != std::string::npos)
    throw std::invalid_argument(what + " must be scheme://host[:port] with no path or query");
  if (rest.empty() || rest.front() == ':') throw std::invalid_argument(what + " names no host");
  for (unsigned char c : rest)
    if (c <= 0x20 || c == 0x7f) throw std::invalid_argument(what + " contains a space or control character");
  return scheme + "://" + rest;
}

}  // namespace fraudgen
