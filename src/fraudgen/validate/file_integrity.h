// The manifest's bytes and SHA-256 of every file, checked against the files as stored, and each
// manifest's totals against its file entries.
#pragma once
#include <vector>

#include "fraudgen/validate/check_context.h"

namespace fraudgen::validate {

struct FileIntegrity {
  const DatasetFile* file;
  bool exists = false;
  uint64_t bytes = 0;
  std::string sha256;
  std::string error;  // why it could not be read to the end, if so
};

// Reads every file once (run it beside the row checks: it only touches the disk and hashes).
std::vector<FileIntegrity> measure_files(const Dataset& dataset);
void check_file_integrity(const CheckContext& ctx, const std::vector<FileIntegrity>& measured);

}  // namespace fraudgen::validate
