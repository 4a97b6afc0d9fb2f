// Standard Webhooks signing: `webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>`
// with the key from a `whsec_<base64>` secret.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace fraudgen {

// The key bytes of a `whsec_...` secret; std::invalid_argument (without the secret) otherwise.
std::string decode_webhook_secret(std::string_view secret);

std::string webhook_signature(std::string_view key, std::string_view id, int64_t unix_seconds, std::string_view body);

}  // namespace fraudgen
