// Incremental SHA-256 (OpenSSL's libcrypto), hex digest.
#pragma once
#include <string>
#include <string_view>

namespace fraudgen {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex_digest();  // finalises

 private:
  void* ctx_;
};

}  // namespace fraudgen
