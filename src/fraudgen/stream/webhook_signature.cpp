#include "fraudgen/stream/webhook_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace fraudgen {

std::string decode_webhook_secret(std::string_view secret) {
  constexpr std::string_view prefix = "whsec_";
  if (!secret.starts_with(prefix))
    throw std::invalid_argument("the webhook secret does not start with whsec_; accepted: whsec_ followed by base64 "
                                "of 24 to 64 random bytes (Standard Webhooks)");
  const std::string_view b64 = secret.substr(prefix.size());
  if (b64.empty() || b64.size() % 4 != 0 || b64.size() > 1024)
    throw std::invalid_argument("the webhook secret's base64 after whsec_ is malformed");
  std::string key(b64.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(key.data()), reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) throw std::invalid_argument("the webhook secret's base64 after whsec_ is malformed");
  size_t len = static_cast<size_t>(n);
  for (size_t i = b64.size(); i > 0 && b64[i - 1] == '='; --i) --len;  // EVP_DecodeBlock counts padding
  key.resize(len);
  if (key.size() < 16) throw std::invalid_argument("the webhook secret is shorter than 16 bytes; accepted: 24 to 64 random bytes");
  return key;
}

std::string webhook_signature(std::string_view key, std::string_view id, int64_t unix_seconds, std::string_view body) {
  std::string signed_content;
  signed_content.reserve(id.size() + body.size() + 24);
  signed_content.append(id).append(".").append(std::to_string(unix_seconds)).append(".").append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(signed_content.data()),
            signed_content.size(), mac, &mac_len))
    throw std::runtime_error("HMAC-SHA256 failed");
  std::string out(4 * ((mac_len + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), mac, static_cast<int>(mac_len));
  out.resize(static_cast<size_t>(n));
  return "v1," + out;
}

}  // namespace fraudgen
