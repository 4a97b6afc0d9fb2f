// The embedded reference tables, loaded once per test binary and shared by every test file.
#pragma once
#include "fraudgen/reference/reference_data.h"

namespace fraudgen::test_support {

inline const ReferenceData& ref() {
  static const ReferenceData r = ReferenceData::load();
  return r;
}

}  // namespace fraudgen::test_support
