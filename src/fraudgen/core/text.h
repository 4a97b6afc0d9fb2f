// Small text helpers for building fields in place.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace fraudgen {

// Appends `n` upper- or lower-case hex digits of `v` (most significant first).
char* write_hex(char* out, uint64_t v, int n, bool upper = false);
// Appends `v` zero-padded to `width` digits.
char* write_padded(char* out, uint64_t v, int width);
char* write_text(char* out, std::string_view s);
// Lower-case ASCII for e-mail local parts: folds Portuguese accents (ã -> a, ç -> c), drops the rest.
void append_ascii_folded(std::string& out, std::string_view utf8);

}  // namespace fraudgen
