#include "fraudgen/core/text.h"

#include <cstring>

namespace fraudgen {

void append_ascii_folded(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch < 0x80) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += static_cast<char>(ch);
      else if (ch >= 'A' && ch <= 'Z') out += static_cast<char>(ch - 'A' + 'a');
      continue;
    }
    if (ch == 0xC3 && i + 1 < s.size()) {
      unsigned char n = static_cast<unsigned char>(s[++i]) | 0x20;  // fold upper-case Latin-1 to lower
      if (n >= 0xA0 && n <= 0xA5) out += 'a';
      else if (n == 0xA7) out += 'c';
      else if (n >= 0xA8 && n <= 0xAB) out += 'e';
      else if (n >= 0xAC && n <= 0xAF) out += 'i';
      else if (n == 0xB1) out += 'n';
      else if (n >= 0xB2 && n <= 0xB6) out += 'o';
      else if (n >= 0xB9 && n <= 0xBC) out += 'u';
      continue;
    }
    // Other multi-byte sequences: skip the continuation bytes.
    while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) ++i;
  }
}

}  // namespace fraudgen
