#include "fraudgen/sink/postgres/postgres_target.h"

#include <libpq-fe.h>

#include <stdexcept>

namespace fraudgen {
namespace {

constexpr std::string_view kAccepted =
    "accepted: postgresql://[user[:password]@][host][:port][/dbname][?schema=NAME&param=value...] (or postgres://), "
    "where param is any libpq connection parameter (sslmode, connect_timeout, application_name, ...)";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding as libpq does it; a malformed escape is left as is (libpq reports it).
std::string percent_decoded(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

// libpq's own list of connection parameters (host, sslmode, connect_timeout, ...).
bool is_libpq_parameter(const std::string& key) {
  PQconninfoOption* defaults = PQconndefaults();
  bool found = false;
  for (PQconninfoOption* o = defaults; o && o->keyword; ++o) found = found || key == o->keyword;
  PQconninfoFree(defaults);
  return found;
}

std::string libpq_parameters() {
  std::string out;
  PQconninfoOption* defaults = PQconndefaults();
  for (PQconninfoOption* o = defaults; o && o->keyword; ++o) {
    if (std::string_view(o->dispchar) == "D") continue;  // debug options libpq hides
    out += (out.empty() ? "" : ", ") + std::string(o->keyword);
  }
  PQconninfoFree(defaults);
  return out;
}

}  // namespace

bool is_postgres_url(std::string_view output) {
  return output.starts_with("postgresql://") || output.starts_with("postgres://");
}

std::string PostgresTarget::redact(std::string text) const {
  for (const auto& s : secrets) replace_all(text, s, "***");
  return text;
}

PostgresTarget parse_postgres_url(const std::string& url) {
  PostgresTarget t;
  const size_t scheme_end = url.find("://") + 3;
  const size_t query = url.find('?', scheme_end);
  // The password sits between the user's ':' and the last '@' of the authority.
  const size_t authority_end = std::min(url.find('/', scheme_end), query);
  const std::string authority = url.substr(scheme_end, authority_end == std::string::npos ? std::string::npos : authority_end - scheme_end);
  const size_t at = authority.rfind('@');
  std::string shown = url;
  if (at != std::string::npos) {
    const size_t colon = authority.find(':');
    if (colon != std::string::npos && colon < at) {
      const std::string password = authority.substr(colon + 1, at - colon - 1);
      if (!password.empty()) {
        t.secrets.push_back(password);
        t.secrets.push_back(percent_decoded(password));
        shown = url.substr(0, scheme_end + colon + 1) + "***" + url.substr(scheme_end + at);
      }
    }
  }
  // The query: `schema` is ours, `password` is a secret, the rest goes to libpq unchanged.
  std::string kept = url.substr(0, query);
  std::string kept_shown = shown.substr(0, shown.find('?', scheme_end));
  bool schema_given = false;
  if (query != std::string::npos) {
    char sep = '?';
    std::string rest = url.substr(query + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      size_t amp = rest.find('&', start);
      std::string param = rest.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      start = amp == std::string::npos ? rest.size() + 1 : amp + 1;
      if (param.empty()) continue;
      const size_t eq = param.find('=');
      const std::string key = percent_decoded(param.substr(0, eq));
      const std::string value = eq == std::string::npos ? "" : param.substr(eq + 1);
      if (key == "schema") {
        t.schema = percent_decoded(value);
        schema_given = true;
        kept_shown += sep + param;
        sep = '&';
        continue;
      }
      if (!is_libpq_parameter(key))
        throw std::invalid_argument("--output '" + t.redact(kept_shown) + "...': unknown parameter '" + key +
                                    "'; accepted: schema, " + libpq_parameters());
      if (key == "password" && !value.empty()) {
        t.secrets.push_back(value);
        t.secrets.push_back(percent_decoded(value));
      }
      kept += sep + param;
      kept_shown += sep + (key == "password" ? "password=***" : param);
      sep = '&';
    }
  }
  t.display = t.redact(kept_shown);
  t.conninfo = kept;

  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(t.conninfo.c_str(), &error);
  if (!options) {
    std::string why = error ? error : "out of memory";
    if (error) PQfreemem(error);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw std::invalid_argument("--output '" + t.display + "' is not a valid PostgreSQL URI: " + t.redact(why) + "; " +
                                std::string(kAccepted));
  }
  PQconninfoFree(options);

  if (!schema_given) t.schema = "public";
  // Plain lower-case identifiers: what a user can type unquoted in SQL. The loader's staging
  // schema adds a suffix, and PostgreSQL keeps 63 bytes of a name.
  bool valid = !t.schema.empty() && t.schema.size() <= 40 && !(t.schema[0] >= '0' && t.schema[0] <= '9') &&
               !t.schema.starts_with("pg_");
  for (char c : t.schema) valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!valid)
    throw std::invalid_argument("--output '" + t.display + "': schema '" + t.redact(t.schema) +
                                "' is not accepted; accepted: 1 to 40 lower-case letters, digits or underscores, not "
                                "starting with a digit or pg_ (default: public)");
  return t;
}

}  // namespace fraudgen
