// Reads a dataset once and writes its report page (and, if asked, the aggregates as JSON). Shared
// by `fraudgen report` and `generate --report`.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "fraudgen/validate/dataset_store.h"

namespace fraudgen::report {

struct ReportOptions {
  std::string html_path;  // local file
  std::string json_path;  // local file; empty for none
  int workers = 1;
  bool validate = false;  // run `fraudgen validate`'s checks too and show them
  bool progress = false;  // status line on stderr
};

struct ReportOutcome {
  uint64_t rows = 0, bytes = 0;  // read by the scan
  double scan_seconds = 0;
  uint64_t html_bytes = 0;
  bool validated = false;
  uint64_t violations = 0;
};

// Throws validate::DatasetError for a folder that is not a dataset, ReadError for a file that
// cannot be read; writes each output under a temporary name and renames it when complete, so a
// failure leaves nothing behind.
ReportOutcome write_report(std::shared_ptr<validate::DatasetStore> store, const ReportOptions& options);

}  // namespace fraudgen::report
