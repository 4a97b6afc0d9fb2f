#include "fraudgen/sink/s3/s3_credentials.h"

#include <cstdlib>
#include <fstream>
#include <map>

namespace fraudgen {
namespace {

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

// Reads the [profile] section of an AWS shared credentials file (INI: `key = value`, `#`/`;`
// comments). Returns false when the file cannot be opened.
bool read_profile(const std::string& path, const std::string& profile, std::map<std::string, std::string>& out,
                  bool& found) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line, section;
  found = false;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = trim(line.substr(1, line.size() - 2));
      if (section == profile) found = true;
      continue;
    }
    if (section != profile) continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    out[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return true;
}

}  // namespace

S3Credentials resolve_credentials(const EnvLookup& env) {
  auto pair_from = [&](const char* id_var, const char* secret_var, S3Credentials& c) {
    std::string id = env(id_var), secret = env(secret_var);
    if (id.empty() && secret.empty()) return false;
    if (id.empty() || secret.empty())
      throw std::runtime_error(std::string(id.empty() ? secret_var : id_var) + " is set but " +
                               (id.empty() ? id_var : secret_var) + " is not; set both or neither");
    c.access_key_id = id;
    c.secret_access_key = secret;
    c.source = std::string("environment (") + id_var + ", " + secret_var + ")";
    return true;
  };
  S3Credentials c;
  if (pair_from("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", c)) {
    c.session_token = env("AWS_SESSION_TOKEN");
    return c;
  }
  if (pair_from("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", c)) return c;
  if (pair_from("MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", c)) return c;

  std::string file = env("AWS_SHARED_CREDENTIALS_FILE");
  if (file.empty()) {
    std::string home = env("HOME");
    if (!home.empty()) file = home + "/.aws/credentials";
  }
  std::string profile = env("AWS_PROFILE");
  const bool profile_named = !profile.empty();
  if (!profile_named) profile = "default";
  std::map<std::string, std::string> kv;
  bool found = false;
  if (!file.empty() && read_profile(file, profile, kv, found)) {
    if (!found) {
      if (profile_named)
        throw std::runtime_error("AWS_PROFILE names profile '" + profile + "', which " + file + " does not have");
    } else {
      c.access_key_id = kv["aws_access_key_id"];
      c.secret_access_key = kv["aws_secret_access_key"];
      c.session_token = kv["aws_session_token"];
      if (c.access_key_id.empty() || c.secret_access_key.empty())
        throw std::runtime_error("profile '" + profile + "' in " + file +
                                 " lacks aws_access_key_id or aws_secret_access_key");
      c.source = "shared credentials file " + file + " [" + profile + "]";
      return c;
    }
  } else if (profile_named) {
    throw std::runtime_error("AWS_PROFILE is set to '" + profile + "' but the credentials file " +
                             (file.empty() ? std::string("(no HOME)") : file) + " cannot be read");
  }
  throw std::runtime_error(
      "no S3 credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
      "credentials), or MINIO_ROOT_USER and MINIO_ROOT_PASSWORD, or put a profile in ~/.aws/credentials "
      "(AWS_SHARED_CREDENTIALS_FILE and AWS_PROFILE choose the file and profile)");
}

}  // namespace fraudgen
