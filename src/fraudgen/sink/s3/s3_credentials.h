// The standard credential chain: environment (AWS_*), then MinIO's variables, then the shared
// credentials file. Secrets stay inside this struct: nothing prints or logs it, and error
// messages name variables and files, never values.
#pragma once
#include <stdexcept>
#include <string>

#include "fraudgen/core/environment.h"

namespace fraudgen {

struct S3Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials
  std::string source;         // where they came from, e.g. "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
};

// Throws std::runtime_error (naming variables and files only) when the chain yields nothing or
// a half-set pair.
S3Credentials resolve_credentials(const EnvLookup& env);

}  // namespace fraudgen
